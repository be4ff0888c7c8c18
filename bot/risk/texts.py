"""User-facing wording of signals and advice, loaded from bot/risk/texts.yml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TEXTS_FILE = Path(__file__).with_name("texts.yml")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """The whole texts file: sections "signals", "advice" and "labels", each entry keyed by language."""
    with TEXTS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def signal_text(code: str, language: str, **values: object) -> str:
    """The explanation of one signal, with placeholders such as {min_wage} filled in."""
    return catalogue()["signals"][code][language].strip().format(**values)


def advice_text(level: str, language: str) -> str:
    """What to do next for a risk level."""
    return catalogue()["advice"][level][language].strip()


def label(name: str, language: str) -> str:
    """A short label used in the printed report."""
    return catalogue()["labels"][name][language].strip()


def short_advice_text(level: str, language: str) -> str:
    """What to do next for a risk level, short enough for SMS."""
    return catalogue()["advice_sms"][level][language].strip()
