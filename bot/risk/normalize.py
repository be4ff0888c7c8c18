"""Fold an advert to lower-case ASCII-like text of the same length, so match offsets point into the original."""
from __future__ import annotations

import unicodedata

_BLANK_CATEGORIES = {"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"}


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
_TABLE.update({ord(c): " " for c in "\t\r\n\x0b\x0c"})


def original(text: str) -> str:
    """The advert in composed (NFC) form: the text evidence is quoted from."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip accents and fancy letters, blank emoji joiners; same length as the input."""
    return text.translate(_TABLE)
