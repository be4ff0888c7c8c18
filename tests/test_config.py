"""Configuration is read once, validated, and every setting is documented."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import SETTINGS, load_config
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = {"PSEUDONYM_KEY": "k", "SECRET_KEY": "s"}


def test_defaults_give_a_simulator_only_deployment():
    config = load_config(MINIMAL)

    assert not config.twilio_enabled
    assert config.redis_url == "redis://127.0.0.1:6390/0"
    assert config.public_url == "http://localhost:8000"
    assert config.twilio_api_base_url == "https://api.twilio.com"
    assert config.holding_reply_seconds == 20


def test_public_url_follows_port_by_default():
    assert load_config({**MINIMAL, "PORT": "9000"}).public_url == "http://localhost:9000"


def test_missing_secrets_fail_loudly_naming_each():
    with pytest.raises(ConfigError) as error:
        load_config({})
    assert "PSEUDONYM_KEY" in str(error.value) and "SECRET_KEY" in str(error.value)


@pytest.mark.parametrize(
    "name, value",
    [
        ("PORT", "eighty"),
        ("PORT", "0"),
        ("REDIS_URL", "http://localhost:6379"),
        ("RASA_URL", "localhost:5005"),
        ("TWILIO_API_BASE_URL", "ftp://x"),
        ("SIMULATOR_ENABLED", "maybe"),
        ("SEND_MAX_ATTEMPTS", "0"),
        ("TWILIO_WHATSAPP_FROM", "+51900000000"),
    ],
)
def test_bad_values_are_refused(name, value):
    with pytest.raises(ConfigError, match=name):
        load_config({**MINIMAL, name: value})


def test_half_configured_twilio_is_refused():
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN"):
        load_config({**MINIMAL, "TWILIO_ACCOUNT_SID": "AC123"})


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert {s.name for s in SETTINGS} <= documented


def test_every_setting_the_code_reads_is_declared():
    declared = {s.name for s in SETTINGS}
    sources = [p for p in (ROOT / "bot").rglob("*.py")] + [ROOT / "server.py"]
    read = set()
    for path in sources:
        read |= set(re.findall(r"environ(?:\.get)?\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8")))
    read -= {"XDG_CACHE_HOME", "SANIC_HOST", "RASA_TELEMETRY_ENABLED"}
    assert read <= declared, read - declared
