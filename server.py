"""Entry module for gunicorn: `gunicorn server:app`."""
from bot.web import create_app

app = create_app()
