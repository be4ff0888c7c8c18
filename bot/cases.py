"""Escalation cases: one open case per contact, handed to hotline staff, open → claimed → closed.

Every change publishes a small JSON event (ids and states, never text or numbers) on keys.CASE_EVENTS
for the live dashboard. Transcripts and notes are deleted on erasure and after the retention period;
the case record itself stays, without the contact's pseudonym, for anonymous counts.
"""
from __future__ import annotations

import json
import re
import secrets
import time
from typing import Any, Callable

import redis

from bot import keys
from bot.errors import CaseError

PRIORITIES = ("urgent", "high", "normal")  # most pressing first
CHANNELS = ("sms", "whatsapp", "web")
STATUSES = ("open", "claimed", "closed")
ACTIVE = ("open", "claimed")
WHATSAPP_WINDOW_SECONDS = 24 * 3600
MAX_TEXT_CHARS = 4000

_FIELDS = ("id", "pid", "channel", "priority", "reasons", "status", "assignee", "created_at", "updated_at",
           "claimed_at", "first_claimed_at", "closed_at", "closed_by", "outcome", "erased")


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def _new_id(now: float) -> str:
    return time.strftime("%y%m%d", time.gmtime(now)) + "-" + secrets.token_hex(3)


def _decode(raw: dict[str, str]) -> dict[str, Any]:
    if not raw:
        return {}
    case: dict[str, Any] = {name: raw.get(name, "") for name in _FIELDS}
    case.update({k: v for k, v in raw.items() if k not in case})
    case["reasons"] = json.loads(raw.get("reasons") or "[]")
    for name in ("created_at", "updated_at", "claimed_at", "first_claimed_at", "closed_at"):
        case[name] = float(raw[name]) if raw.get(name) else None
    return case


def publish(r: redis.Redis, event: str, case: dict[str, Any], **extra: Any) -> None:
    """Tell live dashboards that a case changed."""
    payload = {"type": event, "id": case["id"], "priority": case.get("priority"), "status": case.get("status"), **extra}
    r.publish(keys.CASE_EVENTS, json.dumps(payload))


def _rank(priority: str) -> int:
    return PRIORITIES.index(priority)


def escalate(r: redis.Redis, pid: str, *, channel: str, priority: str, reason: str, now: float | None = None) -> dict:
    """Open a case for the contact, or raise the priority of and add the reason to their active one."""
    if priority not in PRIORITIES:
        raise CaseError(f"unknown priority {priority!r}")
    now = _now(now)
    outcome: dict[str, Any] = {}

    def attempt(pipe: redis.client.Pipeline) -> None:
        case_id = pipe.get(keys.active_case(pid))
        existing = pipe.hgetall(keys.case(case_id)) if case_id else {}
        pipe.multi()
        if existing and existing.get("status") in ACTIVE:
            reasons = json.loads(existing.get("reasons") or "[]")
            raised = _rank(priority) < _rank(existing["priority"])
            changes = {"updated_at": repr(now)}
            if raised:
                changes["priority"] = priority
            if reason and reason not in reasons:
                changes["reasons"] = json.dumps(reasons + [reason])
            pipe.hset(keys.case(case_id), mapping=changes)
            outcome.update(id=case_id, event="raised" if raised else "updated")
            return
        case_id = _new_id(now)
        pipe.hset(keys.case(case_id), mapping={
            "id": case_id, "pid": pid, "channel": channel, "priority": priority,
            "reasons": json.dumps([reason] if reason else []), "status": "open", "assignee": "",
            "created_at": repr(now), "updated_at": repr(now),
        })
        pipe.set(keys.active_case(pid), case_id)
        pipe.zadd(keys.CASES, {case_id: now})
        pipe.sadd(keys.CASES_ACTIVE, case_id)
        pipe.sadd(keys.contact_cases(pid), case_id)
        outcome.update(id=case_id, event="opened")

    r.transaction(attempt, keys.active_case(pid))
    case = get(r, outcome["id"])
    publish(r, outcome["event"], case)
    case["escalation"] = outcome["event"]
    return case


def get(r: redis.Redis, case_id: str) -> dict:
    """A case by id; CaseError when there is none."""
    case = _decode(r.hgetall(keys.case(case_id))) if case_id else {}
    if not case:
        raise CaseError("no such case")
    return case


def active_case(r: redis.Redis, pid: str) -> dict | None:
    """The contact's open or claimed case, if any."""
    case_id = r.get(keys.active_case(pid))
    if not case_id:
        return None
    case = _decode(r.hgetall(keys.case(case_id)))
    return case if case.get("status") in ACTIVE else None


def append_message(r: redis.Redis, case_id: str, *, direction: str, author: str, text: str, now: float | None = None) -> None:
    """Add a message to a case's transcript ("in" from the contact, "out" to them)."""
    if direction not in ("in", "out"):
        raise CaseError(f"unknown direction {direction!r}")
    now = _now(now)
    case = get(r, case_id)
    if case.get("erased"):
        return
    entry = {"at": now, "direction": direction, "author": author, "text": text[:MAX_TEXT_CHARS]}
    pipe = r.pipeline()
    pipe.rpush(keys.case_transcript(case_id), json.dumps(entry, ensure_ascii=False))
    pipe.hset(keys.case(case_id), "updated_at", repr(now))
    count = pipe.execute()[0]
    publish(r, "message", case, n=count - 1, direction=direction)


def transcript(r: redis.Redis, case_id: str, start: int = 0) -> list[dict]:
    """A case's messages from position start on, oldest first."""
    return [json.loads(item) for item in r.lrange(keys.case_transcript(case_id), start, -1)]


def notes(r: redis.Redis, case_id: str) -> list[dict]:
    """A case's internal staff notes, oldest first."""
    return [json.loads(item) for item in r.lrange(keys.case_notes(case_id), 0, -1)]


def add_note(r: redis.Redis, case_id: str, username: str, text: str, now: float | None = None) -> None:
    """Add an internal note (never sent to the contact)."""
    case = get(r, case_id)
    if case.get("erased"):
        raise CaseError("the case's data was erased")
    text = text.strip()
    if not text:
        raise CaseError("empty note")
    entry = {"at": _now(now), "author": username, "text": text[:MAX_TEXT_CHARS]}
    r.rpush(keys.case_notes(case_id), json.dumps(entry, ensure_ascii=False))
    publish(r, "note", case)


def _transition(r: redis.Redis, case_id: str, event: str, change: Callable[[dict], dict[str, str]]) -> dict:
    """Apply change(case) -> new fields atomically; change raises CaseError when the transition is not allowed."""

    def attempt(pipe: redis.client.Pipeline) -> None:
        case = _decode(pipe.hgetall(keys.case(case_id)))
        if not case:
            raise CaseError("no such case")
        fields = change(case)
        pipe.multi()
        pipe.hset(keys.case(case_id), mapping=fields)
        if fields.get("status") == "closed":
            pipe.srem(keys.CASES_ACTIVE, case_id)
            pipe.zadd(keys.CASES_TO_PURGE, {case_id: float(fields["closed_at"])})
            if case["pid"]:
                _delete_if_equal(pipe, keys.active_case(case["pid"]), case_id)

    r.transaction(attempt, keys.case(case_id))
    case = get(r, case_id)
    publish(r, event, case)
    return case


def _delete_if_equal(pipe: redis.client.Pipeline, key: str, value: str) -> None:
    pipe.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, key, value)


def claim(r: redis.Redis, case_id: str, username: str, now: float | None = None) -> dict:
    """Take an open case; claiming one's own claimed case again changes nothing."""
    now = _now(now)

    def change(case: dict) -> dict[str, str]:
        if case["status"] == "claimed" and case["assignee"] == username:
            return {}
        if case["status"] != "open":
            raise CaseError(f"case is {case['status']}" + (f" by {case['assignee']}" if case["assignee"] else ""))
        fields = {"status": "claimed", "assignee": username, "claimed_at": repr(now), "updated_at": repr(now)}
        if not case.get("first_claimed_at"):
            fields["first_claimed_at"] = repr(now)
        return fields

    return _transition(r, case_id, "claimed", lambda case: change(case) or {"updated_at": repr(now)})


def _held_by(case: dict, username: str) -> None:
    if case["status"] != "claimed" or case["assignee"] != username:
        raise CaseError(f"case is not claimed by {username}")


def release(r: redis.Redis, case_id: str, username: str, now: float | None = None) -> dict:
    """Give a claimed case back to the queue."""
    now = _now(now)

    def change(case: dict) -> dict[str, str]:
        _held_by(case, username)
        return {"status": "open", "assignee": "", "claimed_at": "", "updated_at": repr(now)}

    return _transition(r, case_id, "released", change)


def transfer(r: redis.Redis, case_id: str, from_user: str, to_user: str, now: float | None = None) -> dict:
    """Hand a claimed case to another staff member."""
    now = _now(now)
    if not to_user or to_user == from_user:
        raise CaseError("transfer to whom?")

    def change(case: dict) -> dict[str, str]:
        _held_by(case, from_user)
        return {"assignee": to_user, "claimed_at": repr(now), "updated_at": repr(now)}

    return _transition(r, case_id, "transferred", change)


def close(r: redis.Redis, case_id: str, username: str, outcome: str, now: float | None = None) -> dict:
    """Close a case one holds, recording its outcome; the contact goes back to the bot."""
    now = _now(now)
    if not outcome:
        raise CaseError("closing needs an outcome")

    def change(case: dict) -> dict[str, str]:
        _held_by(case, username)
        return {"status": "closed", "closed_at": repr(now), "closed_by": username, "outcome": outcome,
                "updated_at": repr(now)}

    return _transition(r, case_id, "closed", change)


def list_cases(r: redis.Redis, status: str | None = None, priority: str | None = None, limit: int = 500) -> list[dict]:
    """Cases, newest first (active ones only when status is "active"), filtered by status and priority."""
    if status == "active" or status in ACTIVE:
        ids = sorted(r.smembers(keys.CASES_ACTIVE), reverse=True)
    else:
        ids = r.zrevrange(keys.CASES, 0, limit - 1)
    pipe = r.pipeline()
    for case_id in ids:
        pipe.hgetall(keys.case(case_id))
    cases = [_decode(raw) for raw in pipe.execute() if raw]
    if status and status != "active":
        cases = [c for c in cases if c["status"] == status]
    elif status == "active":
        cases = [c for c in cases if c["status"] in ACTIVE]
    if priority:
        cases = [c for c in cases if c["priority"] == priority]
    cases.sort(key=lambda c: c["created_at"] or 0, reverse=True)
    return cases[:limit]


def queue_order(cases: list[dict]) -> list[dict]:
    """Sort cases the way staff should take them: by priority, then oldest first."""
    return sorted(cases, key=lambda c: (_rank(c["priority"]), c["created_at"] or 0))


def whatsapp_window_ends(r: redis.Redis, case: dict) -> float | None:
    """When WhatsApp stops accepting free-form replies to the case's contact (24 h after their last message)."""
    if case.get("channel") != "whatsapp" or not case.get("pid"):
        return None
    last = r.hget(keys.contact(case["pid"]), "last_inbound_at")
    return float(last) + WHATSAPP_WINDOW_SECONDS if last else None


def _forget_contact(pipe: redis.client.Pipeline, case_id: str) -> None:
    pipe.delete(keys.case_transcript(case_id), keys.case_notes(case_id))
    pipe.hset(keys.case(case_id), mapping={"pid": "", "erased": "1"})
    pipe.zrem(keys.CASES_TO_PURGE, case_id)


def erase_contact(r: redis.Redis, pid: str, now: float | None = None) -> int:
    """Delete every transcript and note of a contact's cases, closing an active one; counts stay. Returns cases erased."""
    now = _now(now)
    case_ids = r.smembers(keys.contact_cases(pid))
    pipe = r.pipeline()
    for case_id in case_ids:
        status = r.hget(keys.case(case_id), "status")
        if status in ACTIVE:
            pipe.hset(keys.case(case_id), mapping={"status": "closed", "closed_at": repr(now), "closed_by": "system",
                                                   "outcome": "erased", "updated_at": repr(now)})
            pipe.srem(keys.CASES_ACTIVE, case_id)
        _forget_contact(pipe, case_id)
    pipe.delete(keys.contact_cases(pid), keys.active_case(pid))
    pipe.execute()
    for case_id in case_ids:
        publish(r, "erased", {"id": case_id, "status": "closed"})
    return len(case_ids)


def purge_closed(r: redis.Redis, retention_days: int, now: float | None = None) -> int:
    """Delete transcripts and notes of cases closed more than retention_days ago; returns how many."""
    cutoff = _now(now) - retention_days * 86400
    case_ids = r.zrangebyscore(keys.CASES_TO_PURGE, "-inf", cutoff)
    for case_id in case_ids:
        pid = r.hget(keys.case(case_id), "pid")
        pipe = r.pipeline()
        _forget_contact(pipe, case_id)
        if pid:
            pipe.srem(keys.contact_cases(pid), case_id)
        pipe.execute()
    return len(case_ids)


_DIGITS = re.compile(r"\d")


def mask_address(address: str) -> str:
    """A contact address with most of it hidden: '+51987654321' -> '+51 9•• ••• 321'."""
    prefix = ""
    if ":" in address:
        prefix, _, address = address.partition(":")
        prefix += ":"
    if re.fullmatch(r"\+\d{8,15}", address):
        country = 2 if address.startswith("+51") else (1 if address[1] in "17" else 2)
        national = address[1 + country:]
        hidden = national[0] + "•" * (len(national) - 4) + national[-3:]
        groups = [hidden[max(0, i - 3):i] for i in range(len(hidden), 0, -3)][::-1]
        return f"{prefix}+{address[1:1 + country]} {' '.join(groups)}"
    if len(address) > 6:
        return f"{prefix}••••{address[-3:]}"
    return f"{prefix}••••"
