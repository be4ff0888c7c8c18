"""Run many word-initial regexes over a text in one pass: each is tried only at words that fit one of its stems."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain

from .patterns import Rule
from .stems import NextStem

_NEXT_WORD = re.compile(r"[a-z0-9]+")
_CACHE_LIMIT = 50_000  # words remembered: a few MB at most

Found = dict[int, list[re.Match[str]]]
# A word's rules: those it always fits, and those it fits only when the next word fits one of `then`.
WordRules = tuple[tuple[int, ...], tuple[tuple[int, tuple[NextStem, ...]], ...]]


def _fits(word: str, stems: tuple[NextStem, ...]) -> bool:
    return any(word == letters if whole else word.startswith(letters) for letters, whole in stems)


def word_start_regex(prefixes: Iterable[str], wholes: Iterable[str] = ()) -> str:
    """A regex for the start of a word (a run of [a-z0-9]) that begins with a prefix or is one of the wholes.

    Written as a trie, so the regex engine rules out most words after a letter or two; the caller checks that the
    match starts a word.
    """
    trie: dict[str, dict] = {}
    for letters, end in [(p, "prefix") for p in prefixes] + [(w, "whole") for w in wholes]:
        node = trie
        for char in letters:
            node = node.setdefault(char, {})
        node[end] = {}

    def emit(node: dict[str, dict]) -> str:
        if "prefix" in node:
            return ""  # any word going on from here fits
        branches = [
            re.escape(char) + emit(child)
            for char, child in sorted(node.items()) if len(char) == 1
        ]
        if "whole" in node:
            branches.append("(?![a-z0-9])")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie) if trie else "(?!)"


class Scanner:
    """Finds the matches of a fixed list of rules, visiting only the words that fit one of their stems.

    Rules report in a fixed order: those without report stems first, then by the first word that fits one of
    their report stems (the order of the first scanner, kept so evidence is quoted in the same order as before).
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._match = tuple(rule.pattern.match for rule in self.rules)
        self._always = [index for index, rule in enumerate(self.rules) if rule.stems is None]
        self._whole: dict[str, list[tuple[int, tuple[NextStem, ...] | None]]] = {}
        self._prefix: dict[str, list[tuple[str, int]]] = {}  # keyed by the stem's first two letters (or one)
        for index, rule in enumerate(self.rules):
            for stem, whole, then in rule.stems or ():
                if whole:
                    self._whole.setdefault(stem, []).append((index, then))
                else:
                    self._prefix.setdefault(stem[:2], []).append((stem, index))
        prefixes = [stem for entries in self._prefix.values() for stem, _ in entries]
        candidate = "(" + word_start_regex(prefixes, self._whole) + "[a-z0-9]*)"
        self._first_candidate = re.compile(candidate).match  # a candidate word at the start of the text
        self._candidates = re.compile("[^a-z0-9]" + candidate).finditer  # the others, with the character before

        self._words: dict[str, WordRules] = {}
        self._pairs: dict[tuple[str, str], tuple[int, ...]] = {}
        # Where each rule's first word fitting a report stem is; None: report before all others.
        self._report_at = tuple(
            None if rule.report_stems is None else re.compile(f"(?:^|[^a-z0-9])({word_start_regex(rule.report_stems)})").search
            for rule in self.rules
        )

    def _rules_for(self, word: str) -> WordRules:
        """The rules to try at a word: (always, [(rule, stems the next word must fit)])."""
        always = {index for index, then in self._whole.get(word, ()) if then is None}
        for key in {word[:1], word[:2]}:
            always.update(index for stem, index in self._prefix.get(key, ()) if word.startswith(stem))
        sometimes = tuple((index, then) for index, then in self._whole.get(word, ()) if then is not None)
        found = (tuple(sorted(always)), sometimes)
        if len(self._words) < _CACHE_LIMIT:
            self._words[word] = found
        return found

    def _rules_for_pair(self, pair: tuple[str, str], always: tuple[int, ...], sometimes: WordRules[1]) -> tuple[int, ...]:
        """The rules to try at a word with conditions on the next word, given that word ("" at the end of the text)."""
        found = tuple(sorted({*always, *(index for index, then in sometimes if _fits(pair[1], then))}))
        if len(self._pairs) < _CACHE_LIMIT:
            self._pairs[pair] = found
        return found

    def _starts(self, folded: str) -> dict[int, list[int]]:
        """Where each rule may match: the starts of the words that fit its stems, left to right."""
        starts: dict[int, list[int]] = {}
        known, pairs = self._words.get, self._pairs.get
        first = self._first_candidate(folded)
        for candidate in chain((first,) if first else (), self._candidates(folded)):
            word = candidate.group(1)
            always, sometimes = known(word) or self._rules_for(word)
            start = candidate.start(1)
            if sometimes:
                after = _NEXT_WORD.search(folded, candidate.end())
                pair = (word, after.group() if after else "")
                known_pair = pairs(pair)
                always = self._rules_for_pair(pair, always, sometimes) if known_pair is None else known_pair
            for index in always:
                positions = starts.get(index)
                if positions is None:
                    starts[index] = [start]
                else:
                    positions.append(start)
        return starts

    def _report_key(self, folded: str, index: int) -> tuple[int, int, int]:
        """Sorts rules in report order: by the first word fitting a report stem, then by index."""
        search = self._report_at[index]
        if search is None:
            return (0, -1, index)
        first = search(folded)
        return (0, first.start(1), index) if first else (1, 0, index)  # (1, ...) cannot happen; kept for safety

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
        for index, positions in self._starts(folded).items():
            match_at, reached, matches = self._match[index], -1, []
            for start in positions:
                if start >= reached:
                    match = match_at(folded, start)
                    if match:
                        reached = match.end()
                        matches.append(match)
            if matches:
                found[index] = matches
        order = sorted(found, key=lambda index: self._report_key(folded, index))
        return {index: found[index] for index in order}
