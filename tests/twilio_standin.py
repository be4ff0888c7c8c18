"""A local HTTP stand-in for Twilio's Messages REST API, with scripted faults, for tests and benchmarks."""
from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Fault:
    """What the next Messages.json call gets instead of success."""

    status: int = 500
    code: int | None = None
    delay: float = 0.0  # seconds to stall before answering (longer than the client's timeout = a timeout)


@dataclass
class TwilioStandIn:
    """Records the messages it is asked to create; answers like Twilio, or with the faults queued."""

    account_sid: str
    auth_token: str
    messages: list[dict[str, str]] = field(default_factory=list)
    attempts: int = 0
    faults: deque = field(default_factory=deque)
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    _lock: threading.Condition = field(default_factory=threading.Condition)

    def reset(self) -> None:
        """Forget every message and fault."""
        with self._lock:
            self.messages.clear()
            self.faults.clear()
            self.attempts = 0

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict[str, str]]:
        """Block until at least `count` messages were created; returns them all."""
        deadline = time.time() + timeout
        with self._lock:
            while len(self.messages) < count:
                left = deadline - time.time()
                if left <= 0:
                    break
                self._lock.wait(left)
            return list(self.messages)

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path.startswith("/media/"):
            body, content_type = self.media.get(request.path.removeprefix("/media/"), (b"", ""))
            response = Response(body, status=200 if body else 404, content_type=content_type or "text/plain")
            return response(environ, start_response)
        expected = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        if request.method != "POST" or request.path != expected:
            return _error(404, 20404, "The requested resource was not found")(environ, start_response)
        if request.headers.get("Authorization") != _basic(self.account_sid, self.auth_token):
            return _error(401, 20003, "Authenticate")(environ, start_response)
        with self._lock:
            self.attempts += 1
            fault = self.faults.popleft() if self.faults else None
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            return _error(fault.status, fault.code or 20500, "scripted fault")(environ, start_response)
        form = request.form
        record = {
            "sid": f"SM{uuid.uuid4().hex}",
            "to": form.get("To", ""),
            "from": form.get("From", ""),
            "messaging_service_sid": form.get("MessagingServiceSid", ""),
            "body": form.get("Body", ""),
            "status_callback": form.get("StatusCallback", ""),
            "status": "queued",
        }
        with self._lock:
            self.messages.append(record)
            self._lock.notify_all()
        return Response(json.dumps(record), status=201, content_type="application/json")(environ, start_response)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _error(status: int, code: int, message: str) -> Response:
    body = {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}
    return Response(json.dumps(body), status=status, content_type="application/json")


class Running:
    """A stand-in served on 127.0.0.1 in a background thread."""

    def __init__(self, standin: TwilioStandIn, port: int = 0) -> None:
        self.standin = standin
        self.server = make_server("127.0.0.1", port, standin, threaded=True)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Running":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
