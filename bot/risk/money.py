"""Find pay amounts in folded advert text and express them per month in soles."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .normalize import folded_regex

# Rough soles per US dollar; only used to compare offers with the minimum wage.
SOLES_PER_DOLLAR = 3.7

# A number: digits in groups of three ("1.500", "12 000") with maybe decimals, or a plain run ("2500", "2,5").
# A plain run is taken whole, never backtracked digit by digit: "(?=(?P<run>\d*))(?P=run)" is an atomic "\d*"
# (what follows a number is never a digit, so a shorter run could not match). Starts inside a run of digits are
# skipped ("\d(?<!\d\d)" is "(?<!\d)\d" written so the regex engine can jump from digit to digit): a match there
# would be glued to the digits before it, and those are dropped anyway.
_NUMBER = r"(?P<number>\d(?<!\d\d)(?:\d{0,2}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?|(?=(?P<run>\d*))(?P=run)(?:[.,]\d{1,2})?))"
_MULTIPLIER = r"(?:\s*(?P<mult>k|mil|lucas?)\b)?"
_CURRENCY_BEFORE = r"(?P<currency>s\s*/\s*\.?|s\.\s*/\.?|soles|\$|usd|us\$|dolares|sueldo|salario|pago|remuneracion|ganas?|ganancias?|ingresos?)"
_CURRENCY_AFTER = r"\s*(?P<currency>soles|s/|nuevos soles|lucas|dolares|usd|\$)"
_BEFORE = folded_regex(_CURRENCY_BEFORE + r"\W{0,12}?(?:de\s+|desde\s+|hasta\s+|entre\s+)?" + _NUMBER + _MULTIPLIER)
_AFTER = folded_regex(_NUMBER + _MULTIPLIER + _CURRENCY_AFTER)
_THOUSANDS = folded_regex(r"(?P<number>\d(?<![\d/.,]\d)\d{0,2}(?:[.,]\d)?)\s?(?P<mult>k)\b(?P<currency>)")
_PERIOD_BEFORE = folded_regex(r"(?:por|x|al|cada)\s*(semana|dia|hora|quincena)\W*$|(semanal|diari|quincenal)\w*\W*$")
_PERIOD = folded_regex(
    r"\W{0,3}(?:(?:por|x|a la|al|la|cada|el)\s*)?"
    r"(semana\w*|diari\w*|dia\b|hora\b|quincena\w*|mensual\w*|mes\b)"
)
# A "k" right after a digit (and maybe one blank): _THOUSANDS cannot match without one; a literal first letter is quick to find.
_THOUSANDS_NEEDS = folded_regex(r"k(?:(?<=\dk)|(?<=\d\sk))")
_GLUED = set("0123456789/.,")
_GROUPED = folded_regex(r"\d{1,3}(?:[.,]\d{3})+")  # "1.500" or "12,000": thousands separators, not decimals
# Where a _BEFORE match can start, apart from "s/": "gana" and "ingreso" stand for their longer forms.
_BEFORE_WORDS = ("soles", "$", "usd", "us$", "dolares", "sueldo", "salario", "pago", "remuneracion", "gana", "ingreso")
_AFTER_WORDS = ("soles", "s/", "nuevos soles", "lucas", "dolares", "usd", "$")  # the currency words of _AFTER
# What a number and its multiplier are made of: digits, separators, the letters of "k", "mil" and "lucas", and the
# white space of folded text (a blank or a line break).
_NUMBER_SIDE = frozenset("0123456789.,'kmilucas \n")
_PER_MONTH = {"sem": 4.33, "dia": 26.0, "hor": 208.0, "qui": 2.0, "men": 1.0, "mes": 1.0}


class Amount(NamedTuple):
    """One pay figure: soles per month, how it was quoted, and where it is in the text."""

    monthly: float
    period: str
    start: int
    end: int


def _parse_number(raw: str, multiplier: str | None) -> float:
    digits = raw.replace(" ", "").replace("'", "")
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        digits = digits.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif _GROUPED.fullmatch(digits) and not multiplier:
        digits = digits.replace(",", "").replace(".", "")
    else:
        digits = digits.replace(",", ".")
    value = float(digits)
    return value * 1000 if multiplier else value


def _period(folded: str, start: int, end: int) -> str:
    after = _PERIOD.match(folded, end)
    if after:
        return after.group(1)[:3]
    before = _PERIOD_BEFORE.search(folded, max(0, start - 16), start)
    if before:
        return (before.group(1) or before.group(2))[:3]
    return "men"


def _places(folded: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each of `words` occurs, as (start, end), in order."""
    places = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            places.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    places.sort()
    return places


def _before_starts(folded: str) -> list[int]:
    """Every place a _BEFORE match can start: a currency word, or the "s" of "s/", "s /" or "s./"."""
    starts = {at for at, _ in _places(folded, _BEFORE_WORDS)}
    for slash, _ in _places(folded, ("/",)):
        at = slash - 1
        while at >= 0 and folded[at].isspace():
            at -= 1
        if folded[at : at + 1] == "s":
            starts.add(at)
        elif folded[at - 1 : at + 1] == "s." and at >= 1:
            starts.add(at - 1)
    return sorted(starts)


def _before_matches(folded: str) -> Iterator[re.Match[str]]:
    """_BEFORE's matches as finditer() finds them, trying only where one can start."""
    reached = 0
    for start in _before_starts(folded):
        if start >= reached:
            match = _BEFORE.match(folded, start)
            if match:
                reached = match.end()
                yield match


def _after_regions(folded: str) -> Iterator[tuple[int, int]]:
    """Stretches of text that hold every _AFTER match: each match ends with a currency word and, before it, holds
    only its number, a multiplier and blanks. Currency words joined by such characters share a stretch (a
    multiplier can be a currency word too: "2 lucas usd")."""
    region: tuple[int, int] | None = None
    for at, end in _places(folded, _AFTER_WORDS):
        floor = region[1] if region else 0
        start = at
        while start > floor:
            char = folded[start - 1]
            if char not in _NUMBER_SIDE:
                break
            start -= 1
        if region and start <= region[1]:
            region = (region[0], max(end, region[1]))
            continue
        if region:
            yield region
        region = (start, end)
    if region:
        yield region


def _after_matches(folded: str) -> Iterator[re.Match[str]]:
    """_AFTER's matches as finditer() over the whole text finds them."""
    for start, end in _after_regions(folded):
        yield from _AFTER.finditer(folded, start, end)


def _matches(folded: str) -> Iterator[re.Match[str]]:
    """The matches of each amount pattern."""
    yield from _before_matches(folded)
    yield from _after_matches(folded)
    if _THOUSANDS_NEEDS.search(folded):
        yield from _THOUSANDS.finditer(folded)


def amounts(folded: str) -> list[Amount]:
    """Pay amounts in folded text, converted to soles per month."""
    found: dict[int, Amount] = {}
    for match in _matches(folded):
        start, end = match.span()
        if folded[start - 1 : start] in _GLUED:
            continue
        try:
            value = _parse_number(match["number"], match["mult"])
        except ValueError:
            continue
        currency = match["currency"]
        if "$" in currency or "usd" in currency or "dolar" in currency:
            value *= SOLES_PER_DOLLAR
        period = _period(folded, start, end)
        found.setdefault(match.start("number"), Amount(value * _PER_MONTH[period], period, start, end))
    return list(found.values())
