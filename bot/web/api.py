"""JSON API for hotline systems: the escalation cases, with masked contacts, behind a bearer token."""
from __future__ import annotations

import hmac
from datetime import datetime, timezone

from flask import Blueprint, jsonify, request

from bot import cases, keys
from bot.web import settings, store

bp = Blueprint("api", __name__, url_prefix="/api")


def _authorized() -> bool:
    token = settings().staff_api_token
    header = request.headers.get("Authorization", "")
    scheme, _, sent = header.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(sent.strip().encode(), token.encode())


def _iso(epoch: float | None) -> str | None:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z") if epoch else None


@bp.get("/escalations")
def escalations():
    """Cases, newest first; ?status=open|claimed|closed|active and ?priority=urgent|high|normal filter them."""
    if not _authorized():
        return jsonify(error="unauthorized"), 401, {"WWW-Authenticate": "Bearer", "Cache-Control": "no-store"}
    status, priority = request.args.get("status") or None, request.args.get("priority") or None
    if status not in (None, "active", *cases.STATUSES) or priority not in (None, *cases.PRIORITIES):
        return jsonify(error="status must be open, claimed, closed or active; priority urgent, high or normal"), 400
    r = store()
    items = cases.list_cases(r, status=status, priority=priority)
    pipe = r.pipeline()
    for case in items:
        pipe.hget(keys.contact(case["pid"]), "address")
    addresses = pipe.execute()
    body = [{
        "id": case["id"], "priority": case["priority"], "reasons": case["reasons"], "channel": case["channel"],
        "status": case["status"], "created_at": _iso(case["created_at"]),
        "contact": cases.mask_address(address) if case["pid"] and address else None,
    } for case, address in zip(items, addresses)]
    return jsonify(escalations=body), 200, {"Cache-Control": "no-store"}
