"""The result types of an advert assessment."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

LEVELS = ("low", "medium", "high")


class Signal(NamedTuple):
    """One thing noticed in the advert: a stable code, what it means in Spanish and English, and the words quoted."""

    code: str
    kind: str  # "risk" raises the score, "legit" lowers it
    es: str
    en: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    """What the person should do next, in Spanish and English."""

    es: str
    en: str


@dataclass(frozen=True)
class Assessment:
    """The verdict on one advert."""

    level: str
    score: float
    signals: tuple[Signal, ...]
    advice: Advice

    @property
    def risks(self) -> tuple[Signal, ...]:
        """The signals that raised the score."""
        return tuple(signal for signal in self.signals if signal.kind == "risk")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the assessment."""
        return {
            "level": self.level,
            "score": self.score,
            "signals": [
                {"code": s.code, "kind": s.kind, "es": s.es, "en": s.en, "evidence": list(s.evidence)}
                for s in self.signals
            ],
            "advice": {"es": self.advice.es, "en": self.advice.en},
        }
