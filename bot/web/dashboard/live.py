"""Server-Sent Events for the dashboard: case changes for the queue, new messages for a case page.

Each stream holds one gthread thread, so it sends a heartbeat every HEARTBEAT_SECONDS, ends when the
session does, and closes after a bounded lifetime; the page's EventSource then reconnects.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Iterator

import redis
from flask import Response, current_app, request, session, stream_with_context

from bot import cases, keys, staff
from bot.web import settings, store
from bot.web.dashboard import bp

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0
LIFETIME_SECONDS = 300.0


def _sse(event: str, data: dict, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _stream(case_id: str | None, after: int) -> Response:
    r, token = store(), session.get("staff_sid", "")
    idle = settings().staff_idle_minutes * 60
    lifetime = current_app.config.get("STAFF_SSE_SECONDS", LIFETIME_SECONDS)
    pubsub = r.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(keys.CASE_EVENTS)  # before reading the backlog, so nothing falls in between

    def generate() -> Iterator[str]:
        sent = after
        started = beat = time.monotonic()
        try:
            yield "retry: 3000\n\n"
            if case_id:
                for entry in cases.transcript(r, case_id, sent):
                    yield _sse("message", entry, sent)
                    sent += 1
            while time.monotonic() - started < lifetime:
                message = pubsub.get_message(timeout=max(0.05, min(1.0, lifetime - (time.monotonic() - started))))
                if message and message["type"] == "message":
                    event = json.loads(message["data"])
                    if case_id is None:
                        yield _sse("case", event)
                    elif event["id"] == case_id and event["type"] == "message":
                        for entry in cases.transcript(r, case_id, sent):
                            yield _sse("message", entry, sent)
                            sent += 1
                    elif event["id"] == case_id:
                        yield _sse("case", event)
                if time.monotonic() - beat >= HEARTBEAT_SECONDS:
                    if staff.session_user(r, token, idle, touch=False) is None:
                        yield _sse("expired", {})
                        return
                    yield ": ping\n\n"
                    beat = time.monotonic()
        except redis.RedisError:
            log.warning("live stream ended: redis unavailable")  # the page's EventSource reconnects
        finally:
            pubsub.close()

    response = Response(stream_with_context(generate()), mimetype="text/event-stream")
    response.call_on_close(pubsub.close)  # also when the stream never started
    response.headers["X-Accel-Buffering"] = "no"
    return response


@bp.get("/events")
def events():
    """Case changes, for the queue page."""
    return _stream(None, 0)


@bp.get("/cases/<case_id>/events")
def case_events(case_id: str):
    """A case's new messages (from Last-Event-ID or ?after= on) and changes."""
    last = request.headers.get("Last-Event-ID") or ""
    after = int(last) + 1 if last.isdigit() else request.args.get("after", 0, type=int)
    return _stream(case_id, max(0, after))
