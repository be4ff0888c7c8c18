"""How processes start: the action server on its own environment, pinned to the SDK Rasa installs, rating adverts alike."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from bot import launch
from bot.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config({"PSEUDONYM_KEY": "k" * 32, "SECRET_KEY": "s" * 32})


def test_action_server_runs_on_its_own_environment_when_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / launch.ACTIONS_VENV / "bin" / "python"
    own.parent.mkdir(parents=True)
    own.touch()
    monkeypatch.setattr(launch, "ROOT", tmp_path)
    command = launch.actions_command(CONFIG)
    assert command[:3] == [str(own), "-m", "rasa_sdk"]
    assert command[command.index("--actions") + 1] == "bot.actions"


def test_action_server_falls_back_to_this_interpreter_without_its_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(launch, "ROOT", tmp_path)
    assert launch.actions_command(CONFIG)[0] == sys.executable


def test_action_environment_pins_the_rasa_sdk_that_rasa_installs() -> None:
    pins = dict(
        line.split("==") for line in (ROOT / "bot/actions/requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert pins["rasa-sdk"] == version("rasa-sdk")


def test_action_server_interpreter_rates_adverts_as_the_tests_do() -> None:
    own = launch.actions_python()
    if own == sys.executable:
        pytest.skip("no .venv-actions: `make setup` builds it")
    adverts = [line for path in sorted((ROOT / "tests/data").rglob("*.jsonl")) for line in path.read_text().splitlines()]
    lines = "".join(json.dumps({"id": n, "text": json.loads(line)["text"]}) + "\n" for n, line in enumerate(adverts) if line)
    there = subprocess.run([own, "-m", "bot.risk", "--jsonl"], input=lines, capture_output=True, text=True,
                           cwd=ROOT, check=True).stdout
    here = subprocess.run([sys.executable, "-m", "bot.risk", "--jsonl"], input=lines, capture_output=True, text=True,
                          cwd=ROOT, check=True).stdout
    assert len(there.splitlines()) == len(adverts) > 1000
    assert there == here
