"""Fold an advert to lower-case ASCII-like text of the same length, so match offsets point into the original."""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_BLANK_CATEGORIES = {"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"}
# Characters the one-byte table below cannot fold: outside Latin-1, and "µ" (it folds to the Greek "μ").
_NOT_ONE_BYTE = re.compile(r"([^\x00-\xb4\xb6-\xff])")


class _FoldTable(dict):
    """A str.translate table that works out and caches each character's folded form."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


def _fold_char(char: str) -> str:
    if unicodedata.category(char) in _BLANK_CATEGORIES:
        return " "
    decomposed = unicodedata.normalize("NFKD", char.lower())
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if len(base) == 1:
        return base
    # Ligatures and the like ("ß", "ﬁ") become several characters; keep one so lengths stay equal.
    return base[0] if base else " "


_TABLE = _FoldTable({code: chr(code).lower() for code in range(128)})
# A line break stays: it ends a sentence. The other ASCII white space becomes a blank, as Unicode's does.
_TABLE.update({ord(c): " " for c in "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"})
# The Latin-1 part of the table as a bytes.translate table: one C-speed pass over runs of Spanish text.
_ONE_BYTE = bytes(ord(_TABLE[code]) if ord(_TABLE[code]) < 256 else code for code in range(256))


def original(text: str) -> str:
    """The advert in composed (NFC) form: the text evidence is quoted from."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _fold_one_byte(run: str) -> str:
    return run.encode("latin-1").translate(_ONE_BYTE).decode("latin-1")


def fold(text: str) -> str:
    """Lower-case, strip accents and fancy letters, blank emoji joiners, read digits written for letters; same length."""
    if text.isascii():
        folded = _fold_one_byte(text)
    else:
        # split() with a capturing group alternates Latin-1 runs (even places) and single other characters (odd places).
        parts = _NOT_ONE_BYTE.split(text)
        table = _TABLE
        parts[0::2] = [_fold_one_byte(run) for run in parts[0::2]]
        parts[1::2] = [table[ord(char)] for char in parts[1::2]]
        folded = "".join(parts)
    return _letters_for_digits(folded)


WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # what words are made of, in folded text
# Bytes kept as they are in words ([a-z0-9]); every other byte becomes a blank.
_WORD_BYTES = bytes(code if chr(code) in WORD_CHARS else 32 for code in range(256))


def blanked(folded: str) -> str:
    """The folded text with every character outside [a-z0-9] made a blank: words apart, offsets kept."""
    return folded.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")


def folded_regex(regex: str) -> re.Pattern[str]:
    """A compiled regex for folded text. Its \\w, \\b, \\d and \\s are ASCII, so its words are those blanked() keeps."""
    return re.compile(regex, re.ASCII)


# Digits written for letters, as adverts do to slip past filters: "C0ST0", "S1N EXPER1ENC1A", "1NSCR1PC10N". A
# word is read so when one or two of its digits stand between letters, or a 0 ends it after three letters, and all
# its digits look like letters (0 1 3 4 5 7). "24h", "10am", "5años", "1era", "4x4", "15x5", "lt10" and "covid19"
# stay as written. The regex starts with the digit, so a search jumps from one such digit to the next.
_DIGIT_FOR_LETTER = folded_regex(r"[013457](?<=[a-z][013457])(?:[013457]?[a-z]|(?<=[a-z]{3}0)(?![a-z0-9]))")
_WORD_REST = folded_regex(r"[a-z0-9]*")
_LETTERS_AND_LOOKALIKES = "abcdefghijklmnopqrstuvwxyz013457"
_AS_LETTERS = str.maketrans("013457", "oieast")


def _letters_for_digits(folded: str) -> str:
    """The folded text with each word that writes letters as digits spelt in letters."""
    found = _DIGIT_FOR_LETTER.search(folded)
    if found is None:
        return folded
    pieces: list[str] = []
    copied = 0
    while found:
        start = found.start()
        while start and folded[start - 1] in WORD_CHARS:
            start -= 1
        end = _WORD_REST.match(folded, found.start()).end()
        word = folded[start:end]
        if not word.strip(_LETTERS_AND_LOOKALIKES):
            pieces += (folded[copied:start], word.translate(_AS_LETTERS))
            copied = end
        found = _DIGIT_FOR_LETTER.search(folded, end)
    return "".join(pieces) + folded[copied:] if pieces else folded


class Prepared(NamedTuple):
    """An advert ready for matching: as quoted, folded, folded with only [a-z0-9] kept, and the words of that."""

    source: str
    folded: str
    blank: str
    words: list[str]


def prepare(text: str) -> Prepared:
    """The advert's forms that the checks read, each worked out once."""
    source = original(text)
    folded = fold(source)
    blank = blanked(folded)
    return Prepared(source, folded, blank, blank.split())
