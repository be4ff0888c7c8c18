"""Liveness and readiness checks."""
from __future__ import annotations

import redis
from flask import Blueprint, jsonify

from bot import rasa_edge
from bot.web import settings, store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The web process is up."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Redis and Rasa are reachable; 503 naming what is not."""
    problems = []
    try:
        store().ping()
    except redis.RedisError as exc:
        problems.append(f"redis: {type(exc).__name__}")
    if not rasa_edge.is_up(settings().rasa_url):
        problems.append("rasa: not reachable or no model loaded")
    if problems:
        return jsonify(status="unavailable", problems=problems), 503
    return jsonify(status="ready")
