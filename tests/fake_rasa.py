"""A small owned fake of Rasa's REST channel and tracker endpoint, for failure modes a real Rasa can't be made to show on cue."""
from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@dataclass
class FakeRasa:
    """Answers webhook calls from a script; serves the tracker events it is given."""

    answers: deque = field(default_factory=deque)  # each: (status, body) ; empty -> 200 [{"text": "ok"}]
    trackers: dict[str, list[dict]] = field(default_factory=dict)
    received: list[dict] = field(default_factory=list)

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path == "/webhooks/rest/webhook":
            self.received.append(request.get_json())
            status, body = self.answers.popleft() if self.answers else (200, [{"text": "ok"}])
            text = body if isinstance(body, str) else json.dumps(body)
            return Response(text, status=status, content_type="application/json")(environ, start_response)
        if request.path.startswith("/conversations/") and request.path.endswith("/tracker"):
            sender = request.path.split("/")[2]
            body = json.dumps({"sender_id": sender, "events": self.trackers.get(sender, [])})
            return Response(body, content_type="application/json")(environ, start_response)
        if request.path == "/status":
            return Response(json.dumps({"model_file": "fake.tar.gz"}), content_type="application/json")(environ, start_response)
        return Response("not found", status=404)(environ, start_response)


class Serving:
    """A FakeRasa on 127.0.0.1 in a background thread."""

    def __init__(self, fake: FakeRasa) -> None:
        self.fake = fake
        self.server = make_server("127.0.0.1", 0, fake, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
