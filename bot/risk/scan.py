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
Match = Callable[[str, int], "re.Match[str] | None"]
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

    At each word a rule is tried with only those of its branches (phrases) that can start with that word.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._always = [index for index, rule in enumerate(self.rules) if rule.branch_stems is None]
        # Stem -> (rule, branch): whole-word stems by the word, prefixes by their first two letters (or one).
        self._whole: dict[str, list[tuple[int, int, tuple[NextStem, ...] | None]]] = {}
        self._prefix: dict[str, list[tuple[str, int, int]]] = {}
        self._tries: _Memo[tuple[str, str], tuple[tuple[int, Match], ...]] = _Memo(self._rules_for)
        self._matchers: _Memo[tuple[int, tuple[int, ...]], Match] = _Memo(self._matcher)
        for index, rule in enumerate(self.rules):
            for branch, branch_stems in enumerate(rule.branch_stems or ()):
                for stem, whole, then in branch_stems:
                    if whole:
                        self._whole.setdefault(stem, []).append((index, branch, then))
                    else:
                        self._prefix.setdefault(stem[:2], []).append((stem, index, branch))

    def _matcher(self, key: tuple[int, tuple[int, ...]]) -> Match:
        index, branches = key
        return self.rules[index].branches_pattern(branches).match

    def _rules_for(self, pair: tuple[str, str]) -> tuple[tuple[int, Match], ...]:
        """The rules to try at a word, given the word after it ("" at the end of the text), each with a matcher
        of only those of its branches that can start with that word."""
        word, following = pair
        branches: dict[int, set[int]] = {}
        for index, branch, then in self._whole.get(word, ()):
            if then is None or _fits(following, then):
                branches.setdefault(index, set()).add(branch)
        for key in {word[:1], word[:2]}:
            for stem, index, branch in self._prefix.get(key, ()):
                if word.startswith(stem):
                    branches.setdefault(index, set()).add(branch)
        return tuple((index, self._matchers[index, tuple(sorted(branches[index]))]) for index in sorted(branches))

    def _starts(self, folded: str) -> dict[int, list[tuple[int, Match]]]:
        """Where each rule may match (starts of words that fit its stems), each with the matcher to try there.

        The per-word work runs in C (split, map, zip, accumulate); Python only visits candidate words.
        """
        parts = _WORD_SPLIT.split(folded)  # gap, word, gap, word, ..., gap
        words = parts[1::2]
        tries = list(map(self._tries.__getitem__, zip(words, chain(islice(words, 1, None), ("",)))))
        ends = list(accumulate(map(len, parts)))  # word k starts where part 2k ends
        starts: dict[int, list[tuple[int, Match]]] = {}
        for number in compress(count(), tries):
            start = ends[2 * number]
            for index, match in tries[number]:
                positions = starts.get(index)
                if positions is None:
                    starts[index] = [(start, match)]
                else:
                    positions.append((start, match))
        return starts

    def scan(self, folded: str) -> Found:
        """The rules that matched, by index, each with its non-overlapping matches left to right."""
        found: Found = {}
        for index in self._always:
            gate = self.rules[index].gate
            if gate and not gate(folded):
                continue
            matches = list(self.rules[index].pattern.finditer(folded))
            if matches:
                found[index] = matches
        for index, positions in self._starts(folded).items():
            reached, matches = -1, []
            for start, match_at in positions:
                if start >= reached:
                    match = match_at(folded, start)
                    if match:
                        reached = match.end()
                        matches.append(match)
            if matches:
                found[index] = matches
        return found
