"""Sign-in, server-side sessions with idle expiry, CSRF on every form, and the dashboard's response headers."""
from __future__ import annotations

import hmac
import secrets
from functools import wraps
from typing import Callable

from flask import abort, g, redirect, render_template, request, session, url_for

from bot import staff
from bot.web import settings, store
from bot.web.dashboard import bp

# Endpoints that must not keep a session alive: live updates and what they trigger run while staff are away.
PASSIVE = {"dashboard.events", "dashboard.case_events", "dashboard.ping", "dashboard.queue_rows"}
PUBLIC = {"dashboard.login", "dashboard.static"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def csrf_token() -> str:
    """The session's CSRF token, created on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _idle_seconds() -> float:
    return settings().staff_idle_minutes * 60


@bp.context_processor
def _template_helpers() -> dict:
    return {"csrf_token": csrf_token}


@bp.before_request
def _guard():
    """Check the CSRF token of every form post, and require a live session outside the sign-in page."""
    if request.method == "POST":
        sent = request.form.get("csrf_token", "")
        if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
            abort(400, "CSRF token missing or wrong; reload the page.")
    if request.endpoint in PUBLIC:
        return None
    user = staff.session_user(store(), session.get("staff_sid", ""), _idle_seconds(),
                              touch=request.endpoint not in PASSIVE)
    if user is None:
        if request.endpoint in PASSIVE:
            return "", 401
        return redirect(url_for("dashboard.login", next=request.path))
    g.user = user
    return None


@bp.after_request
def _headers(response):
    if request.endpoint != "dashboard.static":
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def supervisor_only(view: Callable) -> Callable:
    """Refuse a view to anyone but supervisors, writing the refusal to the audit log."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if g.user["role"] != "supervisor":
            staff.audit(store(), g.user["username"], "denied", kwargs.get("case_id", ""), request.endpoint or "")
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/staff") and not target.startswith("//"):
        return target
    return url_for("dashboard.queue")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; a new session on success, rate-limited failures otherwise."""
    error, status = "", 200
    if request.method == "POST":
        r = store()
        username = request.form.get("username", "").strip().lower()[:64]
        password = request.form.get("password", "")
        client = request.remote_addr or "unknown"
        if staff.login_blocked(r, username, client):
            staff.audit(r, username, "login_blocked")
            error, status = "Demasiados intentos. Espera 15 minutos e inténtalo otra vez.", 429
        elif (user := staff.authenticate(r, username, password)) is None:
            staff.login_failed(r, username, client)
            staff.audit(r, username, "login_failed")
            error, status = "Usuario o contraseña incorrectos.", 401
        else:
            session.clear()
            session["staff_sid"] = staff.start_session(r, user, _idle_seconds())
            session["csrf"] = secrets.token_urlsafe(32)
            staff.audit(r, username, "login")
            return redirect(_safe_next(request.args.get("next")), 303)
    expired = request.args.get("expired") == "1"
    return render_template("dashboard/login.html", error=error, expired=expired), status


@bp.post("/logout")
def logout():
    """End the session."""
    staff.end_session(store(), session.get("staff_sid", ""))
    staff.audit(store(), g.user["username"], "logout")
    session.clear()
    return redirect(url_for("dashboard.login"), 303)


@bp.get("/ping")
def ping():
    """204 while the session lives (the page's script checks this after a live connection drops)."""
    return "", 204
