"""Twilio's webhooks: inbound messages and delivery status callbacks."""
from __future__ import annotations

import json
import logging
import time

import redis
from flask import Blueprint, Response, request

from bot import contacts, keys, queue, twilio_edge
from bot.outbound import record_status
from bot.web import settings, store

bp = Blueprint("twilio", __name__, url_prefix="/twilio")
log = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def _public_url() -> str:
    """The URL Twilio signed: PUBLIC_URL plus this request's path and query string."""
    query = request.query_string.decode("latin-1")
    return settings().public_url + request.path + (f"?{query}" if query else "")


def _signed() -> bool:
    signature = request.headers.get("X-Twilio-Signature", "")
    return twilio_edge.signature_is_valid(settings(), _public_url(), request.form, signature)


def _plain(text: str, status: int) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


@bp.post("/messages")
def inbound() -> Response:
    """Store an inbound SMS or WhatsApp message and queue it; Rasa is never called here."""
    if not _signed():
        return _plain("invalid or missing X-Twilio-Signature", 403)
    if not request.form.get("MessageSid") or not request.form.get("From"):
        return _plain("MessageSid and From are required", 400)
    message = twilio_edge.parse_inbound(request.form)
    config, r = settings(), store()
    pid = contacts.pseudonym(config.pseudonym_key, message.address)
    fields = {
        "channel": message.channel,
        "body": message.body,
        "num_media": str(len(message.media)),
        "media": json.dumps(message.media),
        "received_at": repr(time.time()),
    }
    try:
        contact = contacts.details(message.address, message.channel, reply_from=message.to)
        added = queue.enqueue(r, message.sid, pid, fields, contact)
    except redis.RedisError:
        log.exception("could not store inbound message %s", message.sid)
        return _plain("temporarily unable to store the message", 503)
    if not added:
        log.info("duplicate delivery of %s acknowledged", message.sid)
    return Response(EMPTY_TWIML, status=200, mimetype="text/xml")


@bp.post("/status")
def status() -> Response:
    """Record an outbound message's delivery status; error 21610 marks the contact as opted out."""
    if not _signed():
        return _plain("invalid or missing X-Twilio-Signature", 403)
    sid, new_status = request.form.get("MessageSid", ""), request.form.get("MessageStatus", "")
    if not sid or not new_status:
        return _plain("MessageSid and MessageStatus are required", 400)
    r = store()
    reply_id = request.args.get("r") or r.get(keys.twilio_sid(sid))
    error_code = request.form.get("ErrorCode", "")
    if reply_id:
        r.hsetnx(keys.outbound(reply_id), "sid", sid)
        record_status(r, reply_id, new_status, error_code)
    else:
        log.info("status %s for unknown message %s", new_status, sid)
    if error_code.isdigit() and int(error_code) in twilio_edge.OPTED_OUT_CODES:
        pid = (r.hget(keys.outbound(reply_id), "pid") if reply_id else None) or contacts.pseudonym(
            settings().pseudonym_key, request.form.get("To", "")
        )
        contacts.set_opted_out(r, pid, True)
    return Response("", status=204)
