"""Run many word-initial regexes over a text in one pass: each is tried only at words that fit one of its stems."""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import compress, count
from typing import Generic, TypeVar

from .normalize import Prepared, folded_regex
from .patterns import Rule
from .stems import NextStem

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


Entry = tuple[int, int, "tuple[NextStem, ...] | None"]  # (rule, branch, stems the next word must fit or None)
Branch = tuple[int, int]  # (rule, branch)
Tries = tuple[tuple[int, Match], ...]  # the rules to try at a word, each with a matcher of some of its branches
Combos = Callable[[frozenset[Branch]], Tries]
WordEntry = tuple["Tries | _NextWord", int, str]  # what to try at a word, its class as a next word, " word "


def _index(pairs: Iterable[tuple[str, V]]) -> dict[str, list[V]]:
    index: dict[str, list[V]] = {}
    for key, value in pairs:
        index.setdefault(key, []).append(value)
    return index


class _Stems(Generic[V]):
    """Values filed under stems: whole words, or beginnings of words."""

    def __init__(self, filed: Iterable[tuple[str, bool, V]]) -> None:
        filed = list(filed)
        self.whole = _index((stem, value) for stem, whole, value in filed if whole)
        self.prefix = _index((stem, value) for stem, whole, value in filed if not whole)
        self.heads = {stem[:length] for stem in self.prefix for length in range(1, len(stem) + 1)}

    def fitting(self, word: str) -> list[V]:
        """What is filed under `word` itself or under any of its beginnings."""
        found = list(self.whole.get(word, ()))
        for length in range(1, len(word) + 1):
            head = word[:length]
            if head not in self.heads:
                break  # no prefix stem starts like this: none longer will either
            found += self.prefix.get(head, ())
        return found


class _NextWord(dict):
    """A word some of whose phrases depend on the next word: what to try there, by the class of the next word.

    A word's class is the set of next-word stems it fits (see Scanner._kind). Filled in on first sight.
    """

    def __init__(self, entries: list[Entry], bit_of: dict[NextStem, int], masks: list[int], tries: Combos) -> None:
        super().__init__()
        self.free = [(index, branch) for index, branch, then in entries if then is None]
        self.needs = [
            (index, branch, sum(1 << bit_of[stem] for stem in then)) for index, branch, then in entries if then
        ]
        self.masks = masks  # each class's stems, as bits
        self.tries = tries
        self.__missing__(0)  # never empty: the scanner skips words whose tries are empty (false)

    def __missing__(self, kind: int) -> Tries:
        fits = self.masks[kind]
        chosen = self.free + [(index, branch) for index, branch, mask in self.needs if mask & fits]
        found = self[kind] = self.tries(frozenset(chosen))
        return found


class Scanner:
    """Finds the matches of a fixed list of rules, visiting each word of the text once.

    At each word a rule is tried with only those of its branches (phrases) that can start with that word. What to
    try at a word is worked out once per word; where a branch depends on the next word, once per word and set of
    next-word stems that the next word fits.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._always = [index for index, rule in enumerate(self.rules) if rule.branch_stems is None]
        filed = [
            (stem, whole, (index, branch, then))
            for index, rule in enumerate(self.rules)
            for branch, branch_stems in enumerate(rule.branch_stems or ())
            for stem, whole, then in branch_stems
        ]
        self._stems: _Stems[Entry] = _Stems(filed)
        next_stems = sorted({stem for _, _, (_, _, then) in filed for stem in then or ()})
        self._bit_of = {stem: bit for bit, stem in enumerate(next_stems)}
        self._next_stems: _Stems[int] = _Stems((letters, whole, bit) for (letters, whole), bit in self._bit_of.items())
        self._kinds: dict[int, int] = {0: 0}  # the next-word stems a word fits, as bits -> its class
        self._masks = [0]  # each class's bits
        # Per word: what to try there, its class as a next word, and the word between blanks (one look-up for all).
        self._words: _Memo[str, WordEntry] = _Memo(self._entry)
        self._nothing_to_try: dict[int, WordEntry] = {}  # by class: one entry shared by the words with nothing to try
        self._combos: _Memo[frozenset[Branch], Tries] = _Memo(self._tries)
        self._matchers: _Memo[tuple[int, tuple[int, ...]], Match] = _Memo(self._matcher)

    def _tries(self, chosen: frozenset[Branch]) -> Tries:
        """Each rule among the chosen branches, with a matcher of just those branches."""
        branches: dict[int, list[int]] = {}
        for index, branch in sorted(chosen):
            branches.setdefault(index, []).append(branch)
        return tuple((index, self._matchers[index, tuple(numbers)]) for index, numbers in branches.items())

    def _matcher(self, key: tuple[int, tuple[int, ...]]) -> Match:
        index, branches = key
        rule = self.rules[index]
        if len(branches) == 1:
            return rule.branch_patterns[branches[0]].match
        if len(branches) == len(rule.branch_patterns):
            return rule.pattern.match
        # These branches in the rule's order find what the whole rule finds here (no other can start here), without
        # trying the others.
        return folded_regex("|".join(rule.branch_patterns[branch].pattern for branch in branches)).match

    def _tries_at_word(self, word: str) -> Tries | _NextWord:
        """What to try at `word`, or how to work it out from the next word."""
        entries = self._stems.fitting(word)
        if not entries:
            return ()
        if any(then is not None for _, _, then in entries):
            return _NextWord(entries, self._bit_of, self._masks, self._combos.__getitem__)
        return self._combos[frozenset((index, branch) for index, branch, _ in entries)]

    def _entry(self, word: str) -> WordEntry:
        """What to try at `word`, its class as a next word, and the word between blanks."""
        tries, kind = self._tries_at_word(word), self._kind(word)
        if tries:
            return tries, kind, f" {word} "
        # Most words have nothing to try: sharing their entries keeps fewer objects for a scan to read.
        return self._nothing_to_try.setdefault(kind, ((), kind, ""))

    def _kind(self, word: str) -> int:
        """The class of `word` as a next word: a number for the set of next-word stems it fits."""
        bits = 0
        for bit in self._next_stems.fitting(word):
            bits |= 1 << bit
        if bits not in self._kinds:
            self._kinds[bits] = len(self._masks)
            self._masks.append(bits)
        return self._kinds[bits]

    def scan(self, advert: Prepared) -> Found:
        """The rules that matched in the folded advert, by index, each with its non-overlapping matches left to right.

        The per-word work runs in C (split, map, find); Python only visits candidate words.
        """
        folded, words = advert.folded, advert.words
        found: Found = {}
        for index in self._always:
            gate = self.rules[index].gate
            if gate and not gate(folded):
                continue
            matches = list(self.rules[index].pattern.finditer(folded))
            if matches:
                found[index] = matches
        if not words:
            return found
        word_tries, kinds, between_blanks = zip(*map(self._words.__getitem__, words))
        kinds += (0,)  # the class of what follows the last word
        # A candidate word with something to try is found between blanks, searching on from the last one found. Its
        # blank in `line` is where it starts in `folded`. The words passed over on the way have nothing to try, or
        # had nothing once their next word was known: only those can be spelt like it, and they are stepped over.
        line = f" {advert.blank} "
        start = -1
        passed: list[str] = []  # candidates with nothing to try after their next word, since the last one found
        reached = [0] * len(self.rules)  # where each rule's last match ended: its matches do not overlap
        for number in compress(count(), word_tries):
            tries = word_tries[number]
            if type(tries) is _NextWord:
                tries = tries[kinds[number + 1]]
                if not tries:
                    passed.append(between_blanks[number])
                    continue
            word = between_blanks[number]
            if passed:
                for _ in range(passed.count(word)):
                    start = line.find(word, start + 1)
                passed.clear()
            start = line.find(word, start + 1)
            for index, match_at in tries:
                if start >= reached[index]:
                    match = match_at(folded, start)
                    if match:
                        reached[index] = match.end()
                        if index in found:
                            found[index].append(match)
                        else:
                            found[index] = [match]
        return found
