"""Real processes for tests and benchmarks: a private Redis, the Rasa stack, and worker processes."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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

    def __init__(self, data_dir: Path, fsync: str = "always") -> None:
        self.data_dir = data_dir
        self.fsync = fsync
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (make setup installs it)"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.data_dir),
             "--appendonly", "yes", "--appendfsync", self.fsync, "--save", ""],
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
