"""The web process: Twilio webhooks, health checks and the simulator, built by create_app."""
from __future__ import annotations

import logging

import redis
from flask import Flask, current_app

from bot.config import Config, load_config
from bot.store import connect

MAX_REQUEST_BYTES = 64 * 1024  # Twilio's own bodies are far smaller; anything bigger is refused with 413


def create_app(config: Config | None = None) -> Flask:
    """Build the Flask app for one deployment (the environment's settings when none are given)."""
    config = load_config() if config is None else config
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.public_url.startswith("https://"),
        CHAMBA=config,
    )
    app.extensions["chamba.redis"] = connect(config)
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from bot.web import health, simulator, twilio_routes

    app.register_blueprint(twilio_routes.bp)
    app.register_blueprint(health.bp)
    if config.simulator_enabled:
        app.register_blueprint(simulator.bp)

    from bot.web import api, dashboard

    app.register_blueprint(dashboard.bp)
    app.register_blueprint(api.bp)
    app.cli.add_command(dashboard.staff_cli)
    return app


def settings() -> Config:
    """The running app's configuration."""
    return current_app.config["CHAMBA"]


def store() -> redis.Redis:
    """The running app's Redis client."""
    return current_app.extensions["chamba.redis"]
