"""Peruvian taxpayer numbers (RUC): find them and check the SUNAT modulo-11 check digit."""
from __future__ import annotations

import re

from .normalize import folded_regex

_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_PREFIXES = ("10", "15", "17", "20")
# "[12](?<!\d[12])" is "(?<!\d)[12]" and "r(?<!\wr)" is "\br", written so the regex engine can jump ahead.
_CANDIDATE = folded_regex(r"[12](?<!\d[12])\d(?:[ .-]?\d){9}(?!\d)")
_LABELLED = folded_regex(r"r(?<!\wr)uc\b\W{0,4}(?:n\W{0,3}|nro\W{0,3}|numero\W{0,3})?([\d .-]{5,16}\d)")


def check_digit(first_ten: str) -> int:
    """The SUNAT check digit for the first ten digits of a RUC."""
    total = sum(int(digit) * weight for digit, weight in zip(first_ten, _WEIGHTS))
    return (11 - total % 11) % 10


def is_valid_ruc(ruc: str) -> bool:
    """True when `ruc` is 11 digits, starts 10/15/17/20 and has the right check digit."""
    digits = re.sub(r"[ .-]", "", ruc)
    if len(digits) != 11 or not digits.isdigit() or not digits.startswith(_PREFIXES):
        return False
    return check_digit(digits[:10]) == int(digits[10])


def find_rucs(folded: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of valid and of invalid RUCs in folded text; an invalid one must be labelled "RUC"."""
    valid: list[tuple[int, int]] = []
    invalid: list[tuple[int, int]] = []
    for match in _CANDIDATE.finditer(folded):
        if is_valid_ruc(match.group()):
            valid.append(match.span())
    if "ruc" not in folded:  # no label: only valid numbers count (a quick test; most adverts name no RUC)
        return valid, invalid
    for match in _LABELLED.finditer(folded):
        span = match.span(1)
        if not any(start <= span[0] < end or span[0] <= start < span[1] for start, end in valid):
            invalid.append(span)
    return valid, invalid
