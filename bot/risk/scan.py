"""Run many word-initial regexes over a text in one pass: each is tried only at words that fit one of its stems."""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate, chain, compress, count, islice
from typing import Generic, TypeVar

from .patterns import Rule
from .stems import NextStem

_WORD_SPLIT = re.compile(r"([a-z0-9]+)")
_CACHE_LIMIT = 50_000  # entries per memo: a few MB at most

Found = dict[int, list[re.Match[str]]]
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Memo(dict, Generic[K, V]):
    """A dict that works out missing values on first sight; stops growing at _CACHE_LIMIT entries."""

    def __init__(self, work_out: Callable[[K], V]) -> None:
        super().__init__()
        self.work_out = work_out

    def __missing__(self, key: K) -> V:
        value = self.work_out(key)
        if len(self) < _CACHE_LIMIT:
            self[key] = value
        return value


def _fits(word: str, stems: tuple[NextStem, ...]) -> bool:
    return any(word == letters if whole else word.startswith(letters) for letters, whole in stems)


class Scanner:
    """Finds the matches of a fixed list of rules, visiting each word of the text once.

    Rules report in a fixed order: those without report stems first, then by the first word that fits one of
    their report stems (the order of the first scanner, kept so evidence is quoted in the same order as before).
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._match = tuple(rule.pattern.match for rule in self.rules)
        self._always = [index for index, rule in enumerate(self.rules) if rule.stems is None]
        self._report_first = [index for index, rule in enumerate(self.rules) if rule.report_stems is None]
        self._whole: dict[str, list[tuple[int, tuple[NextStem, ...] | None]]] = {}
        self._prefix: dict[str, list[tuple[str, int]]] = {}  # keyed by the stem's first two letters (or one)
        self._report: dict[str, list[tuple[str, int]]] = {}
        self._tries: _Memo[tuple[str, str], tuple[int, ...]] = _Memo(self._rules_for)
        self._reports: _Memo[str, tuple[int, ...]] = _Memo(self._report_rules)
        for index, rule in enumerate(self.rules):
            for stem, whole, then in rule.stems or ():
                if whole:
                    self._whole.setdefault(stem, []).append((index, then))
                else:
                    self._prefix.setdefault(stem[:2], []).append((stem, index))
            for stem in rule.report_stems or ():
                self._report.setdefault(stem[:2], []).append((stem, index))

    def _rules_for(self, pair: tuple[str, str]) -> tuple[int, ...]:
        """The rules to try at a word, given the word after it ("" at the end of the text)."""
        word, following = pair
        found = {index for index, then in self._whole.get(word, ()) if then is None or _fits(following, then)}
        for key in {word[:1], word[:2]}:
            found.update(index for stem, index in self._prefix.get(key, ()) if word.startswith(stem))
        return tuple(sorted(found))

    def _report_rules(self, word: str) -> tuple[int, ...]:
        """The rules whose report stems `word` fits, in index order."""
        found = set()
        for key in {word[:1], word[:2]}:
            found.update(index for stem, index in self._report.get(key, ()) if word.startswith(stem))
        return tuple(sorted(found))

    def _starts(self, folded: str) -> tuple[dict[int, list[int]], dict[int, None]]:
        """Where each rule may match (starts of words that fit its stems), and the rules in report order.

        The per-word work runs in C (split, map, chain, dict.fromkeys); Python only visits candidate words.
        """
        parts = _WORD_SPLIT.split(folded)  # gap, word, gap, word, ..., gap
        words = parts[1::2]
        reported = dict.fromkeys(chain(self._report_first, chain.from_iterable(map(self._reports.__getitem__, words))))
        tries = list(map(self._tries.__getitem__, zip(words, chain(islice(words, 1, None), ("",)))))
        ends = list(accumulate(map(len, parts)))  # word k starts where part 2k ends
        starts: dict[int, list[int]] = {}
        for number in compress(count(), tries):
            start = ends[2 * number]
            for index in tries[number]:
                positions = starts.get(index)
                if positions is None:
                    starts[index] = [start]
                else:
                    positions.append(start)
        return starts, reported

    def scan(self, folded: str) -> Found:
        """The rules that matched, by index, in report order, each with its non-overlapping matches left to right."""
        found: Found = {}
        for index in self._always:
            gate = self.rules[index].gate
            if gate and not gate(folded):
                continue
            matches = list(self.rules[index].pattern.finditer(folded))
            if matches:
                found[index] = matches
        starts, reported = self._starts(folded)
        for index, positions in starts.items():
            match_at, reached, matches = self._match[index], -1, []
            for start in positions:
                if start >= reached:
                    match = match_at(folded, start)
                    if match:
                        reached = match.end()
                        matches.append(match)
            if matches:
                found[index] = matches
        ordered = {index: found[index] for index in reported if index in found}
        if len(ordered) < len(found):  # cannot happen while every match starts with a report stem; kept for safety
            ordered.update((index, found[index]) for index in sorted(found) if index not in ordered)
        return ordered

