"""Shared fixtures: a real Redis server, the Twilio stand-in, the Flask app, and the real Rasa stack."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
import redis
import requests
from twilio.request_validator import RequestValidator

from bot.config import Config, load_config
from bot.web import create_app
from tests.twilio_standin import Running, TwilioStandIn

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
PUBLIC_URL = "https://chamba.example.org"
SMS_NUMBER = "+51900000001"
WHATSAPP_NUMBER = "whatsapp:+51900000002"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sign(url: str, params: dict[str, str], token: str = AUTH_TOKEN) -> str:
    """The X-Twilio-Signature Twilio would send for this URL and form."""
    return RequestValidator(token).compute_signature(url, params)


def wait_until(check: Callable[[], object], timeout: float, interval: float = 0.1) -> object:
    """Poll until check() returns something truthy; returns it, or the last falsy value at the deadline."""
    deadline = time.time() + timeout
    while True:
        result = check()
        if result or time.time() > deadline:
            return result
        time.sleep(interval)


class RedisServer:
    """A private redis-server with append-only persistence, which tests may kill and restart."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (make setup installs it)"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.data_dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=1)
        assert wait_until(lambda: _pings(client), 10), "redis-server did not start"

    def kill(self) -> None:
        """Kill -9, as a crash would."""
        if self.process:
            self.process.kill()
            self.process.wait()


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


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

class RasaStack:
    """The Rasa server and action server, started the way `make run` starts them."""

    def __init__(self, redis_url: str, logs: Path) -> None:
        self.rasa_url = f"http://127.0.0.1:{free_port()}"
        self.action_url = f"http://127.0.0.1:{free_port()}/webhook"
        self.logs = logs
        self.env = {
            **os.environ, "REDIS_URL": redis_url, "RASA_URL": self.rasa_url, "ACTION_SERVER_URL": self.action_url,
            "PSEUDONYM_KEY": "unused", "SECRET_KEY": "unused", "RASA_TELEMETRY_ENABLED": "false",
        }
        self.rasa: subprocess.Popen | None = None
        self.actions: subprocess.Popen | None = None

    def _spawn(self, what: str) -> subprocess.Popen:
        log = open(self.logs / f"{what}.log", "ab")
        return subprocess.Popen([sys.executable, "-m", "bot.launch", what], cwd=ROOT, env=self.env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def start(self) -> None:
        if self.actions is None:
            self.actions = self._spawn("actions")
        self.start_rasa()

    def start_rasa(self) -> None:
        from bot.rasa_edge import is_up

        self.rasa = self._spawn("rasa")
        if not wait_until(lambda: is_up(self.rasa_url) or self.rasa.poll() is not None, 300, 1) or self.rasa.poll() is not None:
            raise RuntimeError("rasa did not start:\n" + (self.logs / "rasa.log").read_text()[-3000:])
        assert wait_until(lambda: _answers(self.action_url.removesuffix("/webhook") + "/health"), 120, 1), \
            "action server did not start:\n" + (self.logs / "actions.log").read_text()[-3000:]

    def stop_rasa(self) -> None:
        _terminate(self.rasa)
        self.rasa = None

    def stop(self) -> None:
        self.stop_rasa()
        _terminate(self.actions)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _terminate(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def rasa_stack(redis_server, tmp_path_factory) -> Iterator[RasaStack]:
    stack = RasaStack(redis_server.url, tmp_path_factory.mktemp("rasa-logs"))
    stack.start()
    yield stack
    stack.stop()


class Workers:
    """Worker processes (`python -m bot.worker`) started for one test."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = {**os.environ, **env}
        self.logs = logs
        self.processes: list[subprocess.Popen] = []

    def start(self, count: int = 1) -> list[subprocess.Popen]:
        started = []
        for _ in range(count):
            log = open(self.logs / f"worker-{len(self.processes)}.log", "ab")
            process = subprocess.Popen([sys.executable, "-m", "bot.worker"], cwd=ROOT, env=self.env,
                                       stdout=log, stderr=subprocess.STDOUT)
            self.processes.append(process)
            started.append(process)
        return started

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs.glob("worker-*.log")))


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
