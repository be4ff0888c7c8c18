"""Staff accounts, their sessions, login rate limits and the audit log, all in Redis."""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import time

import redis
from werkzeug.security import check_password_hash, generate_password_hash

from bot import keys

ROLES = ("agent", "supervisor")
MIN_PASSWORD_CHARS = 12
SESSION_MAX_SECONDS = 8 * 3600  # absolute lifetime of a session, however active
LOGIN_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20
AUDIT_KEEP = 100_000
PASSWORD_METHOD = "scrypt"  # werkzeug's scrypt: N=2**15, r=8, p=1
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
# Checked against when the username does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password", method="scrypt")


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked."""


def create(r: redis.Redis, username: str, role: str, password: str, now: float | None = None) -> None:
    """Create a personal account, or reset the role and password of an existing one (re-enabling it)."""
    if not _USERNAME.fullmatch(username):
        raise StaffError("username: 2-32 characters, lower-case letters, digits, dot, dash or underscore")
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise StaffError(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    r.hset(keys.staff_user(username), mapping={
        "username": username, "role": role, "password": generate_password_hash(password, method=PASSWORD_METHOD),
        "disabled": "", "created_at": repr(time.time() if now is None else now),
    })
    r.sadd(keys.STAFF_USERS, username)
    end_sessions(r, username)


def account(r: redis.Redis, username: str) -> dict[str, str]:
    """A staff account's record (empty when unknown)."""
    return r.hgetall(keys.staff_user(username)) if username else {}


def accounts(r: redis.Redis) -> list[dict[str, str]]:
    """Every staff account, by username, without password hashes."""
    users = [account(r, name) for name in sorted(r.smembers(keys.STAFF_USERS))]
    return [{k: v for k, v in user.items() if k != "password"} for user in users if user]


def disable(r: redis.Redis, username: str) -> bool:
    """Disable an account and end its sessions; False when there is no such account."""
    if not r.exists(keys.staff_user(username)):
        return False
    r.hset(keys.staff_user(username), "disabled", "1")
    end_sessions(r, username)
    return True


def authenticate(r: redis.Redis, username: str, password: str) -> dict[str, str] | None:
    """The account when the password is right and the account enabled, else None."""
    user = account(r, username)
    ok = check_password_hash(user.get("password") or _DUMMY_HASH, password)
    if not ok or not user or user.get("disabled"):
        return None
    return user


def _client_scope(client: str) -> str:
    return "client:" + hashlib.sha256(client.encode()).hexdigest()[:16]


def login_blocked(r: redis.Redis, username: str, client: str) -> bool:
    """True when too many logins failed recently for this username or from this client."""
    user_fails = int(r.get(keys.login_failures("user:" + username)) or 0)
    client_fails = int(r.get(keys.login_failures(_client_scope(client))) or 0)
    return user_fails >= MAX_FAILURES_PER_USER or client_fails >= MAX_FAILURES_PER_CLIENT


def login_failed(r: redis.Redis, username: str, client: str) -> None:
    """Count a failed login against the username and the client."""
    pipe = r.pipeline()
    for scope in ("user:" + username, _client_scope(client)):
        pipe.incr(keys.login_failures(scope))
        pipe.expire(keys.login_failures(scope), LOGIN_WINDOW_SECONDS)
    pipe.execute()


def start_session(r: redis.Redis, user: dict[str, str], idle_seconds: float, now: float | None = None) -> str:
    """Open a new server-side session for a signed-in user; returns its token."""
    token = secrets.token_urlsafe(32)
    now = time.time() if now is None else now
    r.hset(keys.staff_session(token), mapping={"username": user["username"], "role": user["role"], "started_at": repr(now)})
    r.expire(keys.staff_session(token), int(idle_seconds))
    r.sadd(keys.staff_user_sessions(user["username"]), token)
    r.delete(keys.login_failures("user:" + user["username"]))
    return token


def session_user(r: redis.Redis, token: str, idle_seconds: float, touch: bool = True, now: float | None = None) -> dict[str, str] | None:
    """The user of a live session (refreshing its idle timer when touch), or None when expired, ended or disabled."""
    if not token:
        return None
    session = r.hgetall(keys.staff_session(token))
    now = time.time() if now is None else now
    if not session or now - float(session["started_at"]) > SESSION_MAX_SECONDS:
        return None
    user = account(r, session["username"])
    if not user or user.get("disabled"):
        end_session(r, token)
        return None
    if touch:
        r.expire(keys.staff_session(token), int(idle_seconds))
    return {"username": user["username"], "role": user["role"]}


def end_session(r: redis.Redis, token: str) -> None:
    """Sign a session out."""
    username = r.hget(keys.staff_session(token), "username")
    r.delete(keys.staff_session(token))
    if username:
        r.srem(keys.staff_user_sessions(username), token)


def end_sessions(r: redis.Redis, username: str) -> None:
    """Sign out every session of a user."""
    tokens = r.smembers(keys.staff_user_sessions(username))
    if tokens:
        r.delete(*[keys.staff_session(t) for t in tokens])
    r.delete(keys.staff_user_sessions(username))


def audit(r: redis.Redis, username: str, action: str, case_id: str = "", detail: str = "", now: float | None = None) -> None:
    """Record who did what, to which case, when (never a phone number or message text)."""
    entry = {"at": time.time() if now is None else now, "user": username, "action": action, "case": case_id, "detail": detail}
    pipe = r.pipeline()
    pipe.lpush(keys.STAFF_AUDIT, json.dumps(entry, ensure_ascii=False))
    pipe.ltrim(keys.STAFF_AUDIT, 0, AUDIT_KEEP - 1)
    pipe.execute()


def audit_log(r: redis.Redis, *, user: str = "", case_id: str = "", limit: int = 300) -> list[dict]:
    """Recent audit records, newest first, optionally for one user or case."""
    records = [json.loads(item) for item in r.lrange(keys.STAFF_AUDIT, 0, 5000)]
    records = [e for e in records if (not user or e["user"] == user) and (not case_id or e["case"] == case_id)]
    return records[:limit]
