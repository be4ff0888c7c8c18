"""Run many word-initial regexes over a text in one pass: each is tried only at words that fit one of its stems."""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate, compress, count
from typing import Generic, TypeVar

from .patterns import Rule
from .stems import NextStem

# Bytes kept as they are in words ([a-z0-9]); every other byte becomes a blank.
_WORD_BYTES = bytes(code if chr(code) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for code in range(256))
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


def _blanked(folded: str) -> str:
    """The text with every character outside [a-z0-9] made a blank: words apart, offsets kept."""
    return folded.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")


def _fits(word: str, stems: tuple[NextStem, ...]) -> bool:
    return any(word == letters if whole else word.startswith(letters) for letters, whole in stems)


Entry = tuple[int, int, "tuple[NextStem, ...] | None"]  # (rule, branch, stems the next word must fit or None)
_NEEDS_NEXT = object()  # a word whose rules depend on the word after it


class Scanner:
    """Finds the matches of a fixed list of rules, visiting each word of the text once.

    At each word a rule is tried with only those of its branches (phrases) that can start with that word. What to
    try at a word is worked out once per word (once per pair of words where a branch depends on the next word).
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._always = [index for index, rule in enumerate(self.rules) if rule.branch_stems is None]
        self._whole: dict[str, list[Entry]] = {}  # whole-word stems
        self._prefix: dict[str, list[Entry]] = {}  # word-prefix stems
        for index, rule in enumerate(self.rules):
            for branch, branch_stems in enumerate(rule.branch_stems or ()):
                for stem, whole, then in branch_stems:
                    (self._whole if whole else self._prefix).setdefault(stem, []).append((index, branch, then))
        self._longest_prefix = max(map(len, self._prefix), default=0)
        self._word_tries: _Memo[str, object] = _Memo(self._tries_at_word)
        self._pair_tries: _Memo[tuple[str, str], tuple[tuple[int, Match], ...]] = _Memo(self._tries_at_pair)
        self._matchers: _Memo[tuple[int, tuple[int, ...]], Match] = _Memo(self._matcher)

    def _matcher(self, key: tuple[int, tuple[int, ...]]) -> Match:
        index, branches = key
        return self.rules[index].branches_pattern(branches).match

    def _entries(self, word: str) -> list[Entry]:
        entries = list(self._whole.get(word, ()))
        for length in range(1, min(len(word), self._longest_prefix) + 1):
            entries += self._prefix.get(word[:length], ())
        return entries

    def _tries(self, entries: list[Entry], following: str | None) -> tuple[tuple[int, Match], ...]:
        """Each rule with an entry, and a matcher of its branches that fit (all of them when `following` is None)."""
        branches: dict[int, set[int]] = {}
        for index, branch, then in entries:
            if then is None or following is None or _fits(following, then):
                branches.setdefault(index, set()).add(branch)
        return tuple((index, self._matchers[index, tuple(sorted(branches[index]))]) for index in sorted(branches))

    def _tries_at_word(self, word: str) -> object:
        """What to try at `word`: rules with matchers, () for nothing, or _NEEDS_NEXT."""
        entries = self._entries(word)
        if any(then is not None for _, _, then in entries):
            return _NEEDS_NEXT
        return self._tries(entries, None)

    def _tries_at_pair(self, pair: tuple[str, str]) -> tuple[tuple[int, Match], ...]:
        word, following = pair
        return self._tries(self._entries(word), following)

    def scan(self, folded: str) -> Found:
        """The rules that matched, by index, each with its non-overlapping matches left to right.

        The per-word work runs in C (translate, split, map, accumulate); Python only visits candidate words.
        """
        found: Found = {}
        for index in self._always:
            gate = self.rules[index].gate
            if gate and not gate(folded):
                continue
            matches = list(self.rules[index].pattern.finditer(folded))
            if matches:
                found[index] = matches
        pieces = _blanked(folded).split(" ")  # the words, and an empty piece for each extra blank
        words = list(filter(None, pieces))
        word_tries = list(map(self._word_tries.__getitem__, words))
        places = list(compress(count(), pieces))  # which piece each word is
        lengths = list(accumulate(map(len, pieces), initial=0))  # piece k starts at k + lengths[k]
        reached: dict[int, int] = {}  # where each rule's last match ended: its matches do not overlap
        for number in compress(count(), word_tries):
            tries = word_tries[number]
            if tries is _NEEDS_NEXT:
                tries = self._pair_tries[words[number], words[number + 1] if number + 1 < len(words) else ""]
            piece = places[number]
            start = piece + lengths[piece]
            for index, match_at in tries:
                if start >= reached.get(index, 0):
                    match = match_at(folded, start)
                    if match:
                        reached[index] = match.end()
                        if index in found:
                            found[index].append(match)
                        else:
                            found[index] = [match]
        return found
