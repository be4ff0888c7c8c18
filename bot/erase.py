"""Erasing what we hold about a contact (Peru's Law 29733): conversation, Rasa tracker, case transcripts."""
from __future__ import annotations

import json

import redis

from bot import cases, keys


def erase_contact(r: redis.Redis, pid: str, keep_address: bool = False) -> None:
    """Delete a contact's Rasa tracker, simulator replies, case transcripts and dead letters.

    With keep_address, the contact record keeps only where to send the confirmation.
    """
    r.delete(keys.RASA_TRACKER_PREFIX + pid, keys.web_outbox(pid), keys.holding(pid))
    cases.erase_contact(r, pid)
    for record in r.lrange(keys.DEAD_LETTER, 0, -1):
        if json.loads(record).get("pid") == pid:
            r.lrem(keys.DEAD_LETTER, 0, record)
    if keep_address:
        profile = r.hgetall(keys.contact(pid))
        r.delete(keys.contact(pid))
        kept = {k: v for k, v in profile.items() if k in ("address", "channel", "reply_from", "language", "opted_out")}
        if kept:
            r.hset(keys.contact(pid), mapping=kept)
    else:
        r.delete(keys.contact(pid))
