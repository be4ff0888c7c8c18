"""A second opinion learned from labelled adverts: does the wording resemble trafficking, scam or legitimate ones?

A linear model over the words and word pairs of the folded advert (trained by `python -m bot.risk.training`,
weights in resemblance.json). It can raise the level the patterns give, or lower a vague medium that has no scam
sign, and it names the words that weighed most, so the reason stays explainable.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from .normalize import blanked

WEIGHTS_FILE = Path(__file__).with_name("resemblance.json")
CLASSES = ("high", "scam", "legit")
HIGH_AT = 0.6  # chance of trafficking wording from which the advert is rated high
LEGIT_BELOW = 0.25  # chance of legitimate wording under which it is rated at least medium
LEGIT_AT = 0.8  # chance of legitimate wording from which a vague medium (no scam sign) becomes low
MIN_KNOWN = 8  # with fewer known words and word pairs than this the model gives no opinion
MAX_WORDS = 3
SCALE = 10_000  # weights are stored as whole numbers of 1/SCALE

# Words that weigh in the model but say nothing to a reader: never quoted as evidence.
_PLAIN = frozenset(
    "para como pero porque esta este esto estas estos entre cuando sobre tambien hasta donde desde todo todos toda "
    "todas durante nosotros solo sola tienes tiene tenemos puedes puede somos eres estar hacer mismo misma cada "
    "with your from will have this that they their there what about only just more than into also here".split()
)


class Weights:
    """A trained model: per feature its weighted value for each class (in CLASSES order) and its squared value.

    The feature values are whole numbers of 1/SCALE; the intercepts are plain numbers.
    """

    def __init__(self, features: dict[str, tuple[int, ...]], intercepts: tuple[float, ...], trained_on: str) -> None:
        self.features = features
        self.intercepts = intercepts
        self.trained_on = trained_on  # digest of the training adverts
        # Per class, how far each feature pulls away from it (negative: toward it): sorting by it is C-speed.
        self.away = (
            {feature: row[2] - row[0] for feature, row in features.items()},  # trafficking, against legitimate
            {feature: row[2] - row[1] for feature, row in features.items()},  # scam, against legitimate
            {feature: row[0] + row[1] - 2 * row[2] for feature, row in features.items()},  # legitimate, against both
        )


class Opinion(NamedTuple):
    """What the wording resembles (a CLASSES name), how likely, and the words that weighed most for it."""

    resembles: str
    chance: float
    words: tuple[str, ...]


def features(folded: str) -> list[str]:
    """The words of a folded advert (runs of [a-z0-9]) and each pair of neighbouring words: what the model reads."""
    words = blanked(folded).split()
    return words + list(map(" ".join, zip(words, words[1:])))


@lru_cache(maxsize=1)
def load() -> Weights:
    """The weights shipped with the package."""
    with WEIGHTS_FILE.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    return Weights({feature: tuple(row) for feature, row in raw["features"].items()}, tuple(raw["intercepts"]), raw["trained_on"])


def chances(folded: str, weights: Weights | None = None) -> tuple[tuple[float, float, float], list[str]] | None:
    """The chance of each class and the known features, or None when too few features are known."""
    weights = weights or load()
    table = weights.features
    known = list(filter(table.__contains__, set(features(folded))))
    if len(known) < MIN_KNOWN:
        return None
    *columns, squares = zip(*map(table.__getitem__, known))
    # Weights are whole multiples of 1/SCALE: the sums are exact whatever order the features come in.
    scale = 1.0 / (SCALE * math.sqrt(sum(squares) / SCALE))  # the model was trained on l2-normalised vectors
    logits = [bias + scale * sum(column) for bias, column in zip(weights.intercepts, columns)]
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    total = math.fsum(exps)
    return (exps[0] / total, exps[1] / total, exps[2] / total), known


def opinion(folded: str, weights: Weights | None = None) -> Opinion | None:
    """What the wording clearly resembles, with the words that weighed most for it; None when it is not clear."""
    weights = weights or load()
    found = chances(folded, weights)
    if found is None:
        return None
    (high, scam, legit), known = found
    if high >= HIGH_AT:
        resembles, chance, column = "high", high, 0
    elif legit < LEGIT_BELOW:
        resembles, chance, column = ("high", high, 0) if high > scam else ("scam", scam, 1)
    elif legit >= LEGIT_AT:
        resembles, chance, column = "legit", legit, 2
    else:
        return None
    away = weights.away[column]
    known.sort()  # ties in the pull then fall in the same order whatever the hash seed
    known.sort(key=away.__getitem__)  # the features pulling most toward the class first
    strongest = (word for word in known if away[word] < 0 and _quotable(word))
    return Opinion(resembles, chance, tuple(islice(strongest, MAX_WORDS)))


def _quotable(word: str) -> bool:
    """True for a single word a reader would recognise as a reason (not "y", "se", "your", "2000", nor a pair)."""
    return len(word) >= 4 and word.isalpha() and word not in _PLAIN


def locate(folded: str, word: str) -> tuple[int, int] | None:
    """Where a word first appears in the folded advert."""
    finder = _finder(word)
    found = finder.search(folded)
    while found and found.start() and folded[found.start() - 1] in _WORD_CHARS:  # inside a longer word
        found = finder.search(folded, found.start() + 1)
    return found.span() if found else None


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@lru_cache(maxsize=4096)
def _finder(word: str) -> re.Pattern[str]:
    # The word first, so the regex engine can jump to it; the character before it is checked by the caller.
    return re.compile(re.escape(word) + "(?![a-z0-9])")
