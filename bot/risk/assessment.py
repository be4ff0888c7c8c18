"""assess(): the one entry point that turns an advert's text into an Assessment."""
from __future__ import annotations

from functools import cache, lru_cache

from . import texts
from .detect import detect, learned
from .model import Advice, Assessment, Signal
from .normalize import prepare
from .score import LEGIT_CODES, decide

# Remuneración mínima vital in soles a month (S/ 1,130 since 1 January 2025); pass min_wage= when it changes.
MINIMUM_WAGE = 1130


def assess(text: str, *, min_wage: int = MINIMUM_WAGE, second_opinion: bool = True) -> Assessment:
    """Rate a job advert low, medium or high risk of trafficking or scam, with reasons and advice.

    `second_opinion=False` rates by the patterns alone, without the learned model (resemblance.py).
    """
    if not isinstance(text, str):
        raise TypeError(f"advert text must be str, not {type(text).__name__}")
    if min_wage <= 0:
        raise ValueError("min_wage must be a positive number of soles")
    advert = prepare(text)
    verdict = decide(detect(advert, min_wage), (lambda: learned(advert)) if second_opinion else None)
    signals = tuple(
        Signal(hit.code, *_explained(hit.code, min_wage), hit.evidence) for hit in verdict.hits
    )
    return Assessment(level=verdict.level, score=verdict.score, signals=signals, advice=_advice(verdict.level))


@lru_cache(maxsize=512)
def _explained(code: str, min_wage: int) -> tuple[str, str, str]:
    """A signal's kind and its Spanish and English explanations (worked out once per code and wage)."""
    kind = "legit" if code in LEGIT_CODES else "risk"
    return kind, texts.signal_text(code, "es", min_wage=min_wage), texts.signal_text(code, "en", min_wage=min_wage)


@cache
def _advice(level: str) -> Advice:
    """The advice for a risk level, in both languages."""
    return Advice(es=texts.advice_text(level, "es"), en=texts.advice_text(level, "en"))
