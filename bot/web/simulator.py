"""A web chat that talks to the bot through the same queue, worker and Rasa as SMS and WhatsApp."""
from __future__ import annotations

import json
import secrets
import time
import uuid

import redis
from flask import Blueprint, jsonify, render_template, request, session

from bot import contacts, keys, queue
from bot.web import settings, store

bp = Blueprint("simulator", __name__, url_prefix="/simulator")

MAX_TEXT_CHARS = 1600  # the same ceiling Twilio puts on one message


def _contact() -> tuple[str, str]:
    """The simulator visitor's address and pseudonym, kept in their session cookie."""
    if "sim_id" not in session:
        session["sim_id"] = secrets.token_urlsafe(16)
    address = f"web:{session['sim_id']}"
    return address, contacts.pseudonym(settings().pseudonym_key, address)


@bp.get("")
def page():
    """The chat page."""
    _contact()
    return render_template("simulator.html", twilio_enabled=settings().twilio_enabled)


@bp.post("/messages")
def send():
    """Queue a message typed in the simulator."""
    payload = request.get_json(silent=True) or {}
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        return jsonify(error="Escribe un mensaje."), 400
    if len(text) > MAX_TEXT_CHARS:
        return jsonify(error=f"El mensaje es muy largo (máximo {MAX_TEXT_CHARS} caracteres)."), 413
    address, pid = _contact()
    r = store()
    fields = {"channel": "web", "body": text, "num_media": "0", "media": "[]", "received_at": repr(time.time())}
    try:
        queue.enqueue(r, f"web-{uuid.uuid4().hex}", pid, fields, contacts.details(address, "web"))
    except redis.RedisError:
        return jsonify(error="No pudimos guardar tu mensaje. Inténtalo otra vez."), 503
    return jsonify(status="queued"), 202


@bp.get("/messages")
def replies():
    """The bot's replies to this visitor from position `after` on."""
    _, pid = _contact()
    after = request.args.get("after", "0")
    start = int(after) if after.isdigit() else 0
    try:
        items = store().lrange(keys.web_outbox(pid), start, -1)
    except redis.RedisError:
        return jsonify(error="unavailable"), 503
    return jsonify(messages=[json.loads(item) for item in items], next=start + len(items))
