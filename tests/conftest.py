"""Shared fixtures: a real Redis server, the Twilio stand-in, the Flask app, and the real Rasa stack."""
from __future__ import annotations

import os
from typing import Iterator

import pytest
import redis
from twilio.request_validator import RequestValidator

from bot.config import Config, load_config
from bot.web import create_app
from tests.harness import RasaStack, RedisServer, Workers
from tests.twilio_standin import Running, TwilioStandIn

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
PUBLIC_URL = "https://chamba.example.org"
SMS_NUMBER = "+51900000001"
WHATSAPP_NUMBER = "whatsapp:+51900000002"


def sign(url: str, params: dict[str, str], token: str = AUTH_TOKEN) -> str:
    """The X-Twilio-Signature Twilio would send for this URL and form."""
    return RequestValidator(token).compute_signature(url, params)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.kill()


@pytest.fixture
def r(redis_server) -> Iterator[redis.Redis]:
    """A client on the test Redis, emptied before each test."""
    client = redis.Redis.from_url(redis_server.url, decode_responses=True, socket_timeout=5)
    client.flushall()
    yield client
    client.close()


@pytest.fixture(scope="session")
def twilio_running() -> Iterator[Running]:
    with Running(TwilioStandIn(ACCOUNT_SID, AUTH_TOKEN)) as running:
        yield running


@pytest.fixture
def twilio(twilio_running) -> TwilioStandIn:
    """The Twilio stand-in, with no messages or faults left from other tests."""
    twilio_running.standin.reset()
    return twilio_running.standin


@pytest.fixture
def env(redis_server, twilio_running) -> dict[str, str]:
    """Environment of a test deployment: real Redis, Twilio stand-in, short timeouts."""
    return {
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": SMS_NUMBER,
        "TWILIO_WHATSAPP_FROM": WHATSAPP_NUMBER,
        "TWILIO_API_BASE_URL": twilio_running.base_url,
        "TWILIO_TIMEOUT": "1",
        "PUBLIC_URL": PUBLIC_URL,
        "REDIS_URL": redis_server.url,
        "RASA_URL": os.environ.get("TEST_RASA_URL", "http://127.0.0.1:9"),
        "RASA_TIMEOUT": "10",
        "PSEUDONYM_KEY": "test-pseudonym-key",
        "SECRET_KEY": "test-secret-key",
        "HOLDING_REPLY_SECONDS": "20",
        "WORKER_LEASE_SECONDS": "3",
        "SEND_MAX_ATTEMPTS": "4",
        "SEND_BACKOFF_SECONDS": "0.1",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def config(env) -> Config:
    return load_config(env)


@pytest.fixture
def client(config, r):
    """A Flask test client of the app built for the test deployment."""
    return create_app(config).test_client()


def twilio_form(**fields: str) -> dict[str, str]:
    """An inbound SMS webhook body as Twilio sends it, with fields overridden."""
    form = {
        "ToCountry": "PE", "ToState": "", "SmsMessageSid": "SM" + "a" * 32, "NumMedia": "0", "ToCity": "",
        "FromZip": "", "SmsSid": "SM" + "a" * 32, "FromState": "", "SmsStatus": "received", "FromCity": "",
        "Body": "hola", "FromCountry": "PE", "To": SMS_NUMBER, "ToZip": "", "NumSegments": "1",
        "MessageSid": "SM" + "a" * 32, "AccountSid": ACCOUNT_SID, "From": "+51987654321", "ApiVersion": "2010-04-01",
    }
    form.update(fields)
    return form


def post_signed(client, path: str, form: dict[str, str], signature: str | None = None):
    """POST a form the way Twilio does, signed for the public URL unless a signature is given."""
    url = PUBLIC_URL + path
    headers = {"X-Twilio-Signature": sign(url, form) if signature is None else signature}
    return client.post(path, data=form, headers=headers)


# --- the real Rasa stack -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def rasa_stack(redis_server, tmp_path_factory) -> Iterator[RasaStack]:
    stack = RasaStack(redis_server.url, tmp_path_factory.mktemp("rasa-logs"))
    stack.start()
    yield stack
    stack.stop()


@pytest.fixture
def live_env(env, rasa_stack) -> dict[str, str]:
    """The test deployment's environment, pointed at the real Rasa."""
    return {**env, "RASA_URL": rasa_stack.rasa_url, "HOLDING_REPLY_SECONDS": "20"}


@pytest.fixture
def workers(live_env, tmp_path, r) -> Iterator[Workers]:
    pool = Workers(live_env, tmp_path)
    yield pool
    pool.stop()


@pytest.fixture
def live_client(live_env, r):
    """A Flask test client whose deployment talks to the real Rasa."""
    return create_app(load_config(live_env)).test_client()
