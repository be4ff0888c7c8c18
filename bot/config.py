"""Configuration, read once from the environment and validated."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Mapping
from urllib.parse import urlparse

from bot.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, default and what it is for."""

    name: str
    default: str | None
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("TWILIO_ACCOUNT_SID", "", "Twilio account SID (AC…). Empty: only the web simulator is live."),
    Setting("TWILIO_AUTH_TOKEN", "", "Twilio auth token; checks webhook signatures and authenticates API calls.", secret=True),
    Setting("TWILIO_SMS_FROM", "", "Sender for SMS replies (+51…). Empty: reply from the number the user wrote to."),
    Setting("TWILIO_WHATSAPP_FROM", "", "Sender for WhatsApp replies (whatsapp:+51…). Empty: reply from the number the user wrote to."),
    Setting("TWILIO_MESSAGING_SERVICE_SID", "", "Messaging service (MG…) used instead of a sender number when set."),
    Setting("TWILIO_API_BASE_URL", "https://api.twilio.com", "Base URL of Twilio's REST API; tests point it at a local stand-in."),
    Setting("TWILIO_TIMEOUT", "10", "Seconds before a call to Twilio's API is abandoned and retried."),
    Setting("PUBLIC_URL", "", "Public base URL Twilio calls (behind a proxy: the proxy's URL). Default http://localhost:PORT."),
    Setting("PORT", "8000", "Port of the web process (webhooks, simulator, health)."),
    Setting("WEB_HOST", "127.0.0.1", "Address the web process binds to (0.0.0.0 in the container)."),
    Setting("WEB_CONCURRENCY", "2", "Gunicorn worker processes for the web process."),
    Setting("REDIS_URL", "", "Redis for state and queues. Empty: `make run` starts a private redis-server on port 6390."),
    Setting("REDIS_TIMEOUT", "2", "Seconds before a Redis call fails instead of hanging."),
    Setting("RASA_URL", "http://127.0.0.1:5005", "Rasa server (bound to localhost)."),
    Setting("RASA_BIND_HOST", "127.0.0.1", "Address the Rasa server and action server listen on; localhost unless they run in separate containers."),
    Setting("RASA_TIMEOUT", "15", "Seconds to wait for one Rasa turn."),
    Setting("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook", "Rasa action server webhook, used by Rasa (endpoints.yml)."),
    Setting("TRACKER_RETENTION_DAYS", "90", "Days Rasa keeps a conversation tracker after its last message."),
    Setting("PSEUDONYM_KEY", None, "Secret key of the HMAC that turns phone numbers into pseudonyms. `make run` generates one in .data/secrets.env.", secret=True),
    Setting("SECRET_KEY", None, "Flask session secret. `make run` generates one in .data/secrets.env.", secret=True),
    Setting("HOLDING_REPLY_SECONDS", "20", "If no answer is ready this long after a message arrived, send one holding reply with emergency numbers."),
    Setting("WORKER_LEASE_SECONDS", "30", "How long a worker owns a contact without renewing; a crashed worker's message is taken over after this."),
    Setting("SEND_MAX_ATTEMPTS", "5", "Attempts to send one reply before it goes to the dead-letter list."),
    Setting("SEND_BACKOFF_SECONDS", "1", "First wait between send attempts; doubles each time."),
    Setting("WORKERS", "2", "Worker processes started by `make run`."),
    Setting("SIMULATOR_ENABLED", "true", "Serve the web chat simulator at /simulator."),
    Setting("LOG_LEVEL", "INFO", "Python logging level."),
    Setting("DATA_DIR", ".data", "Where `make run` keeps the private Redis data and generated secrets."),
    Setting("STAFF_API_TOKEN", "", "Bearer token of GET /api/escalations for hotline systems. Empty: the API answers 401.", secret=True),
    Setting("ONCALL_NUMBERS", "", "Comma-separated on-call staff numbers (+51… or whatsapp:+51…) alerted of urgent cases."),
    Setting("ONCALL_ALERT_MINUTES", "10", "At most one on-call alert in this many minutes."),
    Setting("MIN_WAGE_SOLES", "1130", "Peru's legal minimum monthly wage (remuneración mínima vital) the advert check compares pay with."),
    Setting("CASE_RETENTION_DAYS", "90", "Days a closed case keeps its transcript and notes."),
    Setting("STAFF_IDLE_MINUTES", "15", "A staff session ends after this many minutes without activity."),
)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Config:
    """Validated settings of one deployment."""

    pseudonym_key: str
    secret_key: str
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_sms_from: str = ""
    twilio_whatsapp_from: str = ""
    twilio_messaging_service_sid: str = ""
    twilio_api_base_url: str = "https://api.twilio.com"
    twilio_timeout: float = 10.0
    public_url: str = "http://localhost:8000"
    port: int = 8000
    web_host: str = "127.0.0.1"
    web_concurrency: int = 2
    redis_url: str = "redis://127.0.0.1:6390/0"
    redis_timeout: float = 2.0
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout: float = 15.0
    rasa_bind_host: str = "127.0.0.1"
    action_server_url: str = "http://127.0.0.1:5055/webhook"
    tracker_retention_days: int = 90
    holding_reply_seconds: float = 20.0
    worker_lease_seconds: float = 30.0
    send_max_attempts: int = 5
    send_backoff_seconds: float = 1.0
    workers: int = 2
    simulator_enabled: bool = True
    log_level: str = "INFO"
    data_dir: str = ".data"
    staff_api_token: str = ""
    oncall_numbers: tuple[str, ...] = ()
    oncall_alert_minutes: float = 10.0
    min_wage_soles: int = 1130
    case_retention_days: int = 90
    staff_idle_minutes: float = 15.0

    @property
    def twilio_enabled(self) -> bool:
        """True when Twilio credentials are configured."""
        return bool(self.twilio_account_sid and self.twilio_auth_token)


def _number(cast: Callable[[str], float | int], low: float) -> Callable[[str], float | int]:
    def parse(raw: str) -> float | int:
        value = cast(raw)
        if value < low:
            raise ValueError(f"must be at least {low}")
        return value

    return parse


def _boolean(raw: str) -> bool:
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ValueError("must be true or false")


def _url(raw: str) -> str:
    parsed = urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("must be an http(s) URL")
    return raw.rstrip("/")


def _redis_url(raw: str) -> str:
    if urlparse(raw).scheme not in ("redis", "rediss", "unix"):
        raise ValueError("must start with redis://, rediss:// or unix://")
    return raw


def _addresses(raw: str) -> tuple[str, ...]:
    numbers = tuple(part.strip() for part in raw.split(",") if part.strip())
    for number in numbers:
        if not re.fullmatch(r"(whatsapp:)?\+\d{8,15}", number):
            raise ValueError("must be +digits or whatsapp:+digits, comma-separated")
    return numbers


_PARSERS: dict[str, Callable[[str], object]] = {
    "TWILIO_API_BASE_URL": _url,
    "TWILIO_TIMEOUT": _number(float, 0.1),
    "PUBLIC_URL": _url,
    "PORT": _number(int, 1),
    "WEB_CONCURRENCY": _number(int, 1),
    "REDIS_URL": _redis_url,
    "REDIS_TIMEOUT": _number(float, 0.1),
    "RASA_URL": _url,
    "RASA_TIMEOUT": _number(float, 0.1),
    "ACTION_SERVER_URL": _url,
    "TRACKER_RETENTION_DAYS": _number(int, 1),
    "HOLDING_REPLY_SECONDS": _number(float, 0.0),
    "WORKER_LEASE_SECONDS": _number(float, 1.0),
    "SEND_MAX_ATTEMPTS": _number(int, 1),
    "SEND_BACKOFF_SECONDS": _number(float, 0.0),
    "WORKERS": _number(int, 1),
    "SIMULATOR_ENABLED": _boolean,
    "ONCALL_NUMBERS": _addresses,
    "ONCALL_ALERT_MINUTES": _number(float, 0.0),
    "MIN_WAGE_SOLES": _number(int, 1),
    "CASE_RETENTION_DAYS": _number(int, 1),
    "STAFF_IDLE_MINUTES": _number(float, 1.0),
}


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Build a Config from the environment, raising ConfigError listing every problem."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    problems: list[str] = []
    for setting in SETTINGS:
        raw = env.get(setting.name, "").strip()
        if not raw:
            if setting.default is None:
                problems.append(f"{setting.name} is required: {setting.help}")
                continue
            raw = setting.default
        if not raw:
            values[setting.name] = ""
            continue
        try:
            values[setting.name] = _PARSERS.get(setting.name, str)(raw)
        except ValueError as exc:
            problems.append(f"{setting.name}={raw!r} {exc}")
    if not values.get("REDIS_URL"):
        values["REDIS_URL"] = "redis://127.0.0.1:6390/0"
    if not values.get("PUBLIC_URL"):
        values["PUBLIC_URL"] = f"http://localhost:{values.get('PORT', 8000)}"
    problems += _twilio_problems(values)
    if problems:
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(problems))
    fields = {name.lower(): value for name, value in values.items()}
    return Config(**fields)


def _twilio_problems(values: Mapping[str, object]) -> list[str]:
    sid, token = values.get("TWILIO_ACCOUNT_SID"), values.get("TWILIO_AUTH_TOKEN")
    if bool(sid) != bool(token):
        return ["TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set together"]
    whatsapp_from = str(values.get("TWILIO_WHATSAPP_FROM") or "")
    if whatsapp_from and not whatsapp_from.startswith("whatsapp:"):
        return ["TWILIO_WHATSAPP_FROM must start with whatsapp:"]
    return []
