"""Work out how a word-initial regex's first word must look, so a scanner can skip the words it cannot match.

A stem is (letters, whole, then): the first word of every match starts with `letters`, and equals it when `whole`
(the regex needs a blank, punctuation or a word boundary right after them); `then`, when not None, lists the
(letters, whole) one of which the next word must fit. A word is a run of [a-z0-9].
"""
from __future__ import annotations

from .normalize import WORD_CHARS

NextStem = tuple[str, bool]
Stem = tuple[str, bool, "tuple[NextStem, ...] | None"]

_MAX_STEMS = 256
# Regex atoms that only ever match characters outside [a-z0-9] (so they end the first word).
_SEPARATORS = {r"[\W_]", r"\W", r"\s", r"\.", r"\-", r"\/", r"\:", r"\,", r"\+", r"\(", r"\)", " ", "/", "-", ":", ",", "'", "@"}


def split_top(alternatives: str) -> list[str]:
    """The top-level alternatives of a regex (split on "|" outside groups)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(alternatives):
        char = alternatives[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(alternatives[start:i])
            start = i + 1
        i += 1
    return parts + [alternatives[start:]]


def _closing(regex: str, open_at: int, pair: str = "()") -> int:
    depth, i = 0, open_at
    while i < len(regex):
        if regex[i] == "\\":
            i += 2
            continue
        if regex[i] == pair[0] and (pair == "()" or depth == 0):
            depth += 1
        elif regex[i] == pair[1]:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _atom(regex: str, i: int) -> tuple[str, int] | None:
    """The atom starting at regex[i] and where it ends, or None for groups (handled by the caller)."""
    if regex[i] == "\\":
        return regex[i : i + 2], i + 2
    if regex[i] == "[":
        end = _closing(regex, i, "[]")
        return (regex[i : end + 1], end + 1) if end > i else None
    return regex[i], i + 1


def _quantifier(regex: str, i: int) -> tuple[str, int]:
    """The quantifier at regex[i] ("" when none) and where it ends; a lazy "?" after it is swallowed."""
    if i >= len(regex) or regex[i] not in "?*+{":
        return "", i
    end = regex.index("}", i) + 1 if regex[i] == "{" else i + 1
    if regex[end : end + 1] == "?":
        end += 1
    return regex[i:end], end


def _letters(atom: str) -> list[str] | None:
    """The letters/digits an atom may match, when it can only match those: "a" or "[ao]"."""
    if atom in WORD_CHARS:
        return [atom]
    if atom == r"\d":
        return list("0123456789")
    if atom.startswith("[") and not atom.startswith("[^") and all(c in WORD_CHARS for c in atom[1:-1]):
        return list(atom[1:-1])
    return None


def _walk(regex: str, i: int, prefix: str, depth: int = 0) -> list[Stem] | None:
    """Stems of the matches of regex[i:] when `prefix` has been matched so far; None when there is no limit.

    `depth` 1 works out the next word's stems, which carry no `then` of their own.
    """
    stop = [(prefix, False, None)] if prefix else None
    if i >= len(regex):
        return stop
    if regex.startswith("(?:", i):
        end = _closing(regex, i)
        quantifier, after = _quantifier(regex, end + 1)
        if end < 0 or quantifier not in ("", "?"):
            return stop
        rest = regex[after:]
        options = [_walk(alt + rest, 0, prefix, depth) for alt in split_top(regex[i + 3 : end])]
        if quantifier == "?":
            options.append(_walk(regex, after, prefix, depth))
        return _merge(options, stop)
    if regex.startswith(("(?<=", "(?<!", "(?=", "(?!"), i):  # looks around without consuming: the stems stay
        end = _closing(regex, i)
        return stop if end < 0 else _walk(regex, end + 1, prefix, depth)
    if regex[i] in "(|)$.^":
        return stop
    if regex.startswith(r"\b", i):
        return [(prefix, True, _then(regex, i + 2, depth))] if prefix else _walk(regex, i + 2, prefix, depth)
    atom = _atom(regex, i)
    if atom is None:
        return stop
    text, end = atom
    quantifier, after = _quantifier(regex, end)
    if len(quantifier) > 1 and quantifier.endswith("?"):
        quantifier = quantifier[:-1]  # lazy or greedy, the same strings can match
    letters = _letters(text)
    optional = quantifier in ("?", "*") or quantifier.startswith("{0")
    if text in _SEPARATORS:
        if not prefix:
            return None  # a match that starts with punctuation: not word-initial
        whole = [(prefix, True, _then(regex, after, depth))]
        return _merge([whole, _walk(regex, after, prefix, depth) if optional else whole], stop)
    at_least_once = quantifier == "+" or (quantifier.startswith("{") and not quantifier.startswith("{0"))
    if letters is None or not (quantifier in ("", "?") or at_least_once):
        return stop
    if quantifier == "":
        options = [_walk(regex, after, prefix + letter, depth) for letter in letters]
    elif quantifier == "?":
        options = [_walk(regex, after, prefix + letter, depth) for letter in letters] + [_walk(regex, after, prefix, depth)]
    else:
        options = [[(prefix + letter, False, None)] for letter in letters]
    return _merge(options, stop)


def _then(regex: str, i: int, depth: int) -> tuple[NextStem, ...] | None:
    """The stems of the next word, for the part of a regex after the gap that ends the first word."""
    if depth:
        return None
    while i < len(regex):  # skip the rest of the gap: blanks, punctuation and word boundaries
        if regex.startswith(r"\b", i):
            i += 2
            continue
        atom = _atom(regex, i) if not regex.startswith("(", i) else None
        if atom is None or atom[0] not in _SEPARATORS:
            break
        i = _quantifier(regex, atom[1])[1]
    found = _walk(regex, i, "", 1)
    if found is None or any(not letters for letters, _, _ in found):
        return None
    return tuple(sorted({(letters, whole) for letters, whole, _ in found}))


def _merge(options: list[list[Stem] | None], stop: list[Stem] | None) -> list[Stem] | None:
    found: list[Stem] = []
    for option in options:
        if option is None:
            return None
        found += option
    found = sorted(set(found), key=repr)
    return found if len(found) <= _MAX_STEMS else stop


def stems(regex: str) -> list[Stem] | None:
    """Stems one of which the first word of every match fits; None when there is no such list."""
    found = _walk(regex, 0, "")
    if found is None or any(not letters for letters, _, _ in found):
        return None
    return found
