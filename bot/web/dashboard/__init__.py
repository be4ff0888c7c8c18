"""The staff dashboard: sign-in, the live case queue, case pages, audit log and figures, under /staff."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/staff", template_folder="templates",
               static_folder="static", static_url_path="/static")

from bot.web.dashboard import auth, live, views  # noqa: E402,F401 - they add their routes to bp
from bot.web.dashboard.cli import staff_cli  # noqa: E402,F401
