"""How each process starts (Procfile, Dockerfile and tests use these), and training only when data changed.

    python -m bot.launch rasa|actions|web|redis|banner|train
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from bot import keys
from bot.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
TRAINING_INPUTS = ("domain.yml", "config.yml", "nlu_data", "flows")
MODELS_DIR = ROOT / "models"
MODEL_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "chamba-segura" / "models"
PRIVATE_REDIS_PORT = 6390
ACTIONS_VENV = ".venv-actions"  # README: "Two Python environments, and why"


def training_hash(root: Path = ROOT) -> str:
    """A digest of everything Rasa trains on; the model is named after it."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path(root: Path = ROOT) -> Path:
    """Where the model for the current training data lives."""
    return root / "models" / f"{training_hash(root)}.tar.gz"


def train() -> Path:
    """Train the Rasa model unless one for exactly this training data exists here or in the cache."""
    target = model_path()
    cached = MODEL_CACHE / target.name
    if target.exists():
        print(f"model up to date: {target.relative_to(ROOT)}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists():
        shutil.copy2(cached, target)
        print(f"model restored from cache: {target.relative_to(ROOT)}")
        return target
    print("training data changed: training the Rasa model (about 2 minutes)…", flush=True)
    command = [
        _bin("rasa"), "train", "--data", "nlu_data", "flows", "--domain", "domain.yml", "--config", "config.yml",
        "--out", str(target.parent), "--fixed-model-name", target.name.removesuffix(".tar.gz"),
    ]
    subprocess.run(command, cwd=ROOT, env=_rasa_env(None), check=True)
    MODEL_CACHE.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, cached)
    return target


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _rasa_env(config: Config | None) -> dict[str, str]:
    """Environment for Rasa processes: telemetry off, and the Redis details endpoints.yml reads."""
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    if config is not None:
        redis_url = urlparse(config.redis_url)
        env.update(
            SANIC_HOST=config.rasa_bind_host,
            RASA_REDIS_HOST=redis_url.hostname or "127.0.0.1",
            RASA_REDIS_PORT=str(redis_url.port or 6379),
            RASA_REDIS_DB=(redis_url.path.lstrip("/") or "0"),
            RASA_REDIS_PASSWORD=redis_url.password or "",
            RASA_REDIS_USE_SSL="true" if redis_url.scheme == "rediss" else "false",
            RASA_KEY_PREFIX=keys.RASA_TRACKER_PREFIX.split(":")[0],
            RASA_RECORD_EXP=str(config.tracker_retention_days * 86400),
            ACTION_SERVER_URL=config.action_server_url,
        )
    return env


def rasa_command(config: Config, model: Path) -> list[str]:
    """The Rasa server, bound to localhost, with its HTTP API and trackers and locks in our Redis."""
    port = urlparse(config.rasa_url).port or 5005
    return [
        _bin("rasa"), "run", "--enable-api", "--interface", config.rasa_bind_host, "--port", str(port),
        "--model", str(model), "--endpoints", str(ROOT / "endpoints.yml"),
        "--credentials", str(ROOT / "credentials.yml"),
    ]


def actions_python() -> str:
    """The action server's interpreter: its own environment when `make setup` built it, else this one."""
    own = ROOT / ACTIONS_VENV / "bin" / "python"
    return str(own) if own.exists() else sys.executable


def actions_command(config: Config) -> list[str]:
    """The action server (rasa_sdk) for the custom actions in bot.actions, on its own interpreter."""
    port = urlparse(config.action_server_url).port or 5055
    return [actions_python(), "-m", "rasa_sdk", "--actions", "bot.actions", "--port", str(port)]


def web_command(config: Config) -> list[str]:
    """Gunicorn serving server:app."""
    return [
        _bin("gunicorn"), "--bind", f"{config.web_host}:{config.port}", "--workers", str(config.web_concurrency),
        "--worker-class", "gthread", "--threads", "8", "--access-logfile", "-",
        "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(L)ss', "server:app",
    ]


def redis_command(config: Config) -> list[str]:
    """A private redis-server with append-only persistence in DATA_DIR/redis."""
    data = Path(config.data_dir).resolve() / "redis"
    data.mkdir(parents=True, exist_ok=True)
    port = urlparse(config.redis_url).port or PRIVATE_REDIS_PORT
    return [
        shutil.which("redis-server") or "redis-server", "--bind", "127.0.0.1", "--port", str(port),
        "--dir", str(data), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
    ]


def banner(config: Config) -> None:
    """Wait until the product is ready, say where to go, then stay up (the process runner stops all if one ends)."""
    import requests

    local = f"http://localhost:{config.port}"
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            if requests.get(f"{local}/readyz", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            pass
        time.sleep(2)
    lines = ["", "Chamba Segura is running.", f"  Simulator: {local}/simulator"]
    if config.twilio_enabled:
        lines += [f"  Twilio webhook: {config.public_url}/twilio/messages", f"  Status callback: {config.public_url}/twilio/status"]
    else:
        lines.append("  Twilio is not configured (TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN): only the simulator is live.")
    lines += [f"  Health: {local}/healthz  Ready: {local}/readyz", "  Ctrl-C stops everything.", ""]
    print("\n".join(lines), flush=True)
    while True:
        time.sleep(3600)


def main(argv: list[str]) -> None:
    """Start the named process, replacing this one."""
    what = argv[1] if len(argv) > 1 else ""
    if what == "train":
        train()
        return
    config = load_config()
    if what == "banner":
        banner(config)
        return
    commands = {
        "rasa": lambda: rasa_command(config, train()),
        "actions": lambda: actions_command(config),
        "web": lambda: web_command(config),
        "redis": lambda: redis_command(config),
    }
    if what not in commands:
        raise SystemExit(f"usage: python -m bot.launch {'|'.join([*commands, 'banner', 'train'])}")
    command = commands[what]()
    os.chdir(ROOT)
    os.execvpe(command[0], command, _rasa_env(config))


if __name__ == "__main__":
    main(sys.argv)
