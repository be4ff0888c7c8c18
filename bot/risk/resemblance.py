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
from pathlib import Path
from typing import NamedTuple

from .normalize import WORD_CHARS, folded_regex

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
        # Each feature's number (from 0) and, at that place, its packed values. A word pair is filed under its two
        # words' numbers: the opinion looks up each word once, then pairs of the numbers found.
        self.word_number = {feature: number for number, feature in enumerate(features) if " " not in feature}
        self.pair_number = {_pair_key(feature, self.word_number): number
                            for number, feature in enumerate(features) if " " in feature}
        self.packed = [_pack(row) for row in features.values()]
        # Per class, the quotable words that pull toward it, by feature number: how far they pull away from it (all
        # negative) and the word.
        self.pulls = tuple(
            {self.word_number[feature]: (pull, feature)
             for feature, row in features.items() if (pull := away(row)) < 0 and _quotable(feature)}
            for away in (
                lambda row: row[2] - row[0],  # trafficking, against legitimate
                lambda row: row[2] - row[1],  # scam, against legitimate
                lambda row: row[0] + row[1] - 2 * row[2],  # legitimate, against both
            )
        )


# A feature's four values are packed into one whole number, each in its own 96-bit field offset to be positive,
# so one C-speed sum() adds up all four columns at once; the unpacked sums are exact.
_FIELD = 96
_OFFSET = 1 << 40  # larger than any weight; a field holds the sum of up to 2**55 features without overflow


def _pack(row: tuple[int, ...]) -> int:
    if any(not isinstance(value, int) or abs(value) >= _OFFSET for value in row):
        raise ValueError(f"feature values must be whole numbers under {_OFFSET}: {row}")
    return sum((value + _OFFSET) << (_FIELD * place) for place, value in enumerate(row))


def _unpack(total: int, count: int) -> list[int]:
    """The column sums of `count` packed features added together."""
    mask = (1 << _FIELD) - 1
    return [((total >> (_FIELD * place)) & mask) - count * _OFFSET for place in range(len(CLASSES) + 1)]


class Opinion(NamedTuple):
    """What the wording resembles (a CLASSES name), how likely, and the words that weighed most for it."""

    resembles: str
    chance: float
    words: tuple[str, ...]


def features(words: list[str]) -> list[str]:
    """An advert's folded words (normalize.prepare) and each pair of neighbouring words: what the model reads."""
    return words + list(map(" ".join, zip(words, words[1:])))


def _pair_key(pair: str, word_number: dict[str, int]) -> tuple[int, int]:
    """A word pair as the numbers of its two words, which must be features themselves (as training's min_df makes)."""
    first, second = pair.split(" ")
    if first not in word_number or second not in word_number:
        raise ValueError(f"the words of the pair {pair!r} must be features of the model too")
    return word_number[first], word_number[second]


@lru_cache(maxsize=1)
def load() -> Weights:
    """The weights shipped with the package."""
    with WEIGHTS_FILE.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    return Weights({feature: tuple(row) for feature, row in raw["features"].items()}, tuple(raw["intercepts"]), raw["trained_on"])


def _known(words: list[str], weights: Weights) -> set[int]:
    """The numbers of the model's features found in an advert's words: its words and word pairs."""
    numbers = list(map(weights.word_number.get, words))
    known = set(numbers)
    # Pairs are looked up as the tuples zip() makes, of the numbers found (None for a word the model lacks); zip
    # reuses its tuple when nothing kept it, and the set drops repeated pairs, so no tuple is built per pair.
    known.update(map(weights.pair_number.get, zip(numbers, numbers[1:])))
    known.discard(None)
    return known


def _chances(known: set[int], weights: Weights) -> tuple[float, float, float] | None:
    """The chance of each class, or None when too few features are known."""
    if len(known) < MIN_KNOWN:
        return None
    *columns, squares = _unpack(sum(map(weights.packed.__getitem__, known)), len(known))
    # Weights are whole multiples of 1/SCALE: the sums are exact whatever order the features come in.
    scale = 1.0 / (SCALE * math.sqrt(squares / SCALE))  # the model was trained on l2-normalised vectors
    logits = [bias + scale * column for bias, column in zip(weights.intercepts, columns)]
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    total = math.fsum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


def opinion(words: list[str], weights: Weights | None = None) -> Opinion | None:
    """What an advert's folded words clearly resemble, with the words that weighed most for it; None when unclear."""
    weights = weights or load()
    known = _known(words, weights)
    found = _chances(known, weights)
    if found is None:
        return None
    high, scam, legit = found
    if high >= HIGH_AT:
        resembles, chance, column = "high", high, 0
    elif legit < LEGIT_BELOW:
        resembles, chance, column = ("high", high, 0) if high > scam else ("scam", scam, 1)
    elif legit >= LEGIT_AT:
        resembles, chance, column = "legit", legit, 2
    else:
        return None
    pulls = weights.pulls[column]
    # The words pulling most toward the class first; ties in alphabetical order, whatever the hash seed.
    strongest = sorted(map(pulls.__getitem__, filter(pulls.__contains__, known)))
    return Opinion(resembles, chance, tuple(word for _, word in strongest[:MAX_WORDS]))


def _quotable(word: str) -> bool:
    """True for a single word a reader would recognise as a reason (not "y", "se", "your", "2000", nor a pair)."""
    return len(word) >= 4 and word.isalpha() and word not in _PLAIN


def locate(folded: str, word: str) -> tuple[int, int] | None:
    """Where a word first appears in the folded advert."""
    finder = _finder(word)
    found = finder.search(folded)
    while found and found.start() and folded[found.start() - 1] in WORD_CHARS:  # inside a longer word
        found = finder.search(folded, found.start() + 1)
    return found.span() if found else None


@lru_cache(maxsize=4096)
def _finder(word: str) -> re.Pattern[str]:
    # The word first, so the regex engine can jump to it; the character before it is checked by the caller.
    return folded_regex(re.escape(word) + "(?![a-z0-9])")
