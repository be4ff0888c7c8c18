"""Sending replies: once per reply id, retried with backoff, kept in a dead-letter list when they cannot go."""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Callable

import redis
from twilio.rest import Client

from bot import contacts, keys, twilio_edge
from bot.config import Config
from bot.errors import SendFailed

log = logging.getLogger(__name__)

WEB_OUTBOX_TTL_SECONDS = 24 * 3600
OUTBOUND_TTL_SECONDS = 30 * 24 * 3600

_STATUS_RANK = {**twilio_edge.STATUS_ORDER, **{s: 100 for s in twilio_edge.FINAL_FAILURES}}
_RECORD_STATUS = """
local old = tonumber(redis.call('HGET', KEYS[1], 'status_rank') or '-1')
if old >= 100 or tonumber(ARGV[2]) <= old then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'status_rank', ARGV[2], 'updated_at', ARGV[4])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'error_code', ARGV[3]) end
return 1
"""


@dataclass
class Sender:
    """What a worker needs to deliver replies."""

    config: Config
    redis: redis.Redis
    twilio: Client | None
    sleep: Callable[[float], None] = time.sleep


def deliver(sender: Sender, pid: str, reply_id: str, body: str) -> str:
    """Send one reply to a contact unless it already went; returns what happened."""
    r = sender.redis
    if r.hget(keys.outbound(reply_id), "sid"):
        return "already-sent"
    contact = contacts.profile(r, pid)
    if contact.get("opted_out") == "1":
        _record(r, reply_id, pid, status="suppressed")
        return "suppressed"
    channel = contact.get("channel", "")
    if channel == "web":
        outbox = keys.web_outbox(pid)
        r.rpush(outbox, json.dumps({"id": reply_id, "text": body, "at": time.time()}))
        r.expire(outbox, WEB_OUTBOX_TTL_SECONDS)
        _record(r, reply_id, pid, sid=f"web-{reply_id}", status="delivered")
        return "sent"
    if sender.twilio is None or not contact.get("address"):
        dead_letter(r, reply_id, pid, "twilio is not configured" if sender.twilio is None else "no address for contact", body)
        return "dead-letter"
    return _send_with_retries(sender, pid, reply_id, body, contact)


def _send_with_retries(sender: Sender, pid: str, reply_id: str, body: str, contact: dict[str, str]) -> str:
    config, r = sender.config, sender.redis
    callback = f"{config.public_url}/twilio/status?r={reply_id}"
    for attempt in range(1, config.send_max_attempts + 1):
        try:
            sid = twilio_edge.send(
                sender.twilio, config, contact["address"], contact["channel"], body, callback,
                reply_from=contact.get("reply_from", ""),
            )
        except SendFailed as exc:
            log.warning("send %s attempt %d failed: %s", reply_id, attempt, exc)
            if exc.code in twilio_edge.OPTED_OUT_CODES:
                contacts.set_opted_out(r, pid, True)
                _record(r, reply_id, pid, status="failed", error_code=str(exc.code))
                return "opted-out"
            if not exc.transient or attempt == config.send_max_attempts:
                dead_letter(r, reply_id, pid, str(exc), body)
                return "dead-letter"
            sender.sleep(config.send_backoff_seconds * 2 ** (attempt - 1))
            continue
        _record(r, reply_id, pid, sid=sid, status="queued")
        r.set(keys.twilio_sid(sid), reply_id, ex=OUTBOUND_TTL_SECONDS)
        return "sent"
    raise AssertionError("unreachable")


def _record(r: redis.Redis, reply_id: str, pid: str, *, status: str, sid: str = "", error_code: str = "") -> None:
    fields = {"pid": pid, "created_at": repr(time.time())}
    if sid:
        fields["sid"] = sid
    r.hset(keys.outbound(reply_id), mapping=fields)
    record_status(r, reply_id, status, error_code)
    r.expire(keys.outbound(reply_id), OUTBOUND_TTL_SECONDS)


def record_status(r: redis.Redis, reply_id: str, status: str, error_code: str = "") -> bool:
    """Move an outbound message's status forward; stale or repeated callbacks change nothing."""
    rank = _STATUS_RANK.get(status, 100 if status == "suppressed" else -1)
    return bool(r.eval(_RECORD_STATUS, 1, keys.outbound(reply_id), status, rank, error_code, repr(time.time())))


def dead_letter(r: redis.Redis, ref: str, pid: str, reason: str, body: str = "") -> None:
    """Keep something that could not be delivered where staff can find it."""
    log.error("dead-letter %s: %s", ref, reason)
    record = {"ref": ref, "pid": pid, "reason": reason, "body": body, "at": time.time()}
    r.rpush(keys.DEAD_LETTER, json.dumps(record, ensure_ascii=False))
