"""Run many word-initial regexes over a text in one pass: each is tried only at words that fit one of its stems."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import accumulate, compress, count
from operator import itemgetter, or_

from .patterns import Rule

_WORD = re.compile(r"[a-z0-9]+")
_START = re.Match.start
_CACHE_LIMIT = 100_000

Found = dict[int, list[re.Match[str]]]


class _WordCache(dict):
    """Word -> (rules to try, report mask), worked out on first sight; stops growing at _CACHE_LIMIT words."""

    def __init__(self, work_out: Callable[[str], tuple[tuple[int, ...], int]]) -> None:
        super().__init__()
        self.work_out = work_out

    def __missing__(self, word: str) -> tuple[tuple[int, ...], int]:
        entry = self.work_out(word)
        if len(self) < _CACHE_LIMIT:
            self[word] = entry
        return entry


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
        self._whole: dict[str, list[int]] = {}
        self._prefix: dict[str, list[tuple[str, int]]] = {}  # keyed by the stem's first two letters (or one)
        self._report: dict[str, list[tuple[str, int]]] = {}
        self._cache = _WordCache(self._entry)
        for index, rule in enumerate(self.rules):
            for stem, whole in rule.stems or ():
                if whole:
                    self._whole.setdefault(stem, []).append(index)
                else:
                    self._prefix.setdefault(stem[:2], []).append((stem, index))
            for stem in rule.report_stems or ():
                self._report.setdefault(stem[:2], []).append((stem, index))

    def _entry(self, word: str) -> tuple[tuple[int, ...], int]:
        """The rules to try at `word`, and a bit mask of the rules whose report stems it fits."""
        found = set(self._whole.get(word, ()))
        report = 0
        for key in {word[:1], word[:2]}:
            found.update(index for stem, index in self._prefix.get(key, ()) if word.startswith(stem))
            for stem, index in self._report.get(key, ()):
                if word.startswith(stem):
                    report |= 1 << index
        return tuple(sorted(found)), report

    def _starts(self, folded: str) -> tuple[dict[int, list[int]], list[int]]:
        """Where each rule may match (starts of words that fit its stems), and the rules in report order.

        The per-word work runs in C (findall, map, accumulate); Python only visits candidate words.
        """
        entries = list(map(self._cache.__getitem__, _WORD.findall(folded)))
        reported, seen = list(self._report_first), 0
        for mask in dict.fromkeys(accumulate(map(itemgetter(1), entries), or_)):
            if mask != seen:  # running OR of the words' masks: grows when a word fits a rule not seen yet
                reported += _bits(mask & ~seen)
                seen = mask
        word_starts = list(map(_START, _WORD.finditer(folded)))
        starts: dict[int, list[int]] = {}
        for number in compress(count(), map(itemgetter(0), entries)):
            start = word_starts[number]
            for index in entries[number][0]:
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
        rank = {index: place for place, index in enumerate(reported)}
        return {index: found[index] for index in sorted(found, key=lambda index: (rank.get(index, len(rank)), index))}


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of `mask`, lowest first."""
    return [index for index in range(mask.bit_length()) if mask >> index & 1]
