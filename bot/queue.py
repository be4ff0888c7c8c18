"""Durable per-contact inboxes: messages are kept in arrival order and one worker owns a contact at a time.

A message is stored and queued atomically; it leaves its inbox only when fully handled, so a worker
that dies mid-message leaves it for the next one, which takes over when the lease expires.
"""
from __future__ import annotations

import time
from typing import Mapping

import redis

from bot import keys

_ENQUEUE = """
local contact_n = tonumber(ARGV[4])
if contact_n > 0 then redis.call('HSET', KEYS[5], unpack(ARGV, 5, 4 + contact_n)) end
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 5 + contact_n))
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[2])
redis.call('LPUSH', KEYS[4], '1')
redis.call('LTRIM', KEYS[4], 0, 63)
return 1
"""

_ACK = """
if redis.call('GET', KEYS[4]) ~= ARGV[3] then return -1 end
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) end
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('HDEL', KEYS[2], 'body', 'media', 'replies')
redis.call('HSET', KEYS[2], 'done', '1')
local left = redis.call('LLEN', KEYS[1])
if left == 0 then redis.call('ZREM', KEYS[3], ARGV[2]) else redis.call('ZADD', KEYS[3], ARGV[5], ARGV[2]) end
redis.call('DEL', KEYS[4])
return left
"""

_FORGET_IF_EMPTY = """
if redis.call('LLEN', KEYS[1]) == 0 then redis.call('ZREM', KEYS[2], ARGV[1]) return 1 end
return 0
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""

# Handled messages keep no content, only their id, for this long so a Twilio retry of the same MessageSid is recognised.
SEEN_TTL_SECONDS = 48 * 3600


def enqueue(
    r: redis.Redis, msg_id: str, pid: str, fields: Mapping[str, str],
    contact: Mapping[str, str] | None = None, now: float | None = None,
) -> bool:
    """Record the contact, store the message and queue it behind their earlier ones, in one step.

    Returns False, queuing nothing, when the message id was seen before.
    """
    now = time.time() if now is None else now
    contact_flat = _flatten(contact or {})
    message_flat = _flatten({**fields, "id": msg_id, "pid": pid})
    added = r.eval(
        _ENQUEUE, 5, keys.message(msg_id), keys.inbox(pid), keys.READY, keys.WAKE, keys.contact(pid),
        msg_id, pid, repr(now), len(contact_flat), *contact_flat, *message_flat,
    )
    return bool(added)


def _flatten(mapping: Mapping[str, str]) -> list[str]:
    return [str(item) for pair in mapping.items() for item in pair]


def claim(r: redis.Redis, token: str, lease_seconds: float, now: float | None = None) -> str | None:
    """Take the contact that has waited longest and is free; None when there is nothing to do."""
    now = time.time() if now is None else now
    for pid in r.zrangebyscore(keys.READY, "-inf", repr(now), start=0, num=32):
        if r.set(keys.lease(pid), token, nx=True, px=int(lease_seconds * 1000)):
            return pid
    return None


def head(r: redis.Redis, pid: str) -> str | None:
    """The id of the contact's oldest unhandled message, dropping the contact from the ready set if none."""
    msg_id = r.lindex(keys.inbox(pid), 0)
    if msg_id is None:
        r.eval(_FORGET_IF_EMPTY, 2, keys.inbox(pid), keys.READY, pid)
    return msg_id


def ack(r: redis.Redis, pid: str, msg_id: str, token: str, now: float | None = None) -> bool:
    """Mark the head message handled and release the contact; False if our lease had been lost."""
    now = time.time() if now is None else now
    left = r.eval(
        _ACK, 4, keys.inbox(pid), keys.message(msg_id), keys.READY, keys.lease(pid),
        msg_id, pid, token, SEEN_TTL_SECONDS, repr(now),
    )
    return left != -1


def postpone(r: redis.Redis, pid: str, token: str, until: float) -> None:
    """Leave the contact's messages queued, release it and make it wait until the given time."""
    r.zadd(keys.READY, {pid: until}, xx=True)
    release(r, pid, token)


def release(r: redis.Redis, pid: str, token: str) -> None:
    """Give up a contact's lease if we still hold it."""
    r.eval(_RELEASE, 1, keys.lease(pid), token)


def renew(r: redis.Redis, pid: str, token: str, lease_seconds: float) -> bool:
    """Extend our lease on a contact; False if it was lost."""
    return bool(r.eval(_RENEW, 1, keys.lease(pid), token, int(lease_seconds * 1000)))


def wait_for_work(r: redis.Redis, timeout: float) -> None:
    """Block until a new message is queued or the timeout passes."""
    r.blpop([keys.WAKE], timeout=max(1, int(timeout)))


def pending(r: redis.Redis, pid: str) -> int:
    """How many of a contact's messages are waiting."""
    return int(r.llen(keys.inbox(pid)))
