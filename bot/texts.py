"""Texts the delivery layer sends by itself, loaded from bot/messages.yml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, str]]:
    with MESSAGES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def text(name: str, language: str = "es") -> str:
    """One message in the contact's language, Spanish when there is no translation."""
    entry = _catalogue()[name]
    return entry.get(language) or entry["es"]


def names() -> list[str]:
    """Every message name in the catalogue."""
    return list(_catalogue())
