"""Find pay amounts in folded advert text and express them per month in soles."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Rough soles per US dollar; only used to compare offers with the minimum wage.
SOLES_PER_DOLLAR = 3.7

# Patterns start with a digit or a letter so the regex engine can jump from candidate to candidate:
# "\d\d{0,2}" is "\d{1,3}", and "\d(?<![\d/.,]\d)" is "(?<![\d/.,])\d" written that way.
_NUMBER = r"(\d(?:\d{0,2}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?|\d*(?:[.,]\d{1,2})?))"
_MULTIPLIER = r"(?:\s*(k|mil|lucas?)\b)?"
_CURRENCY_BEFORE = r"(s\s*/\s*\.?|s\.\s*/\.?|soles|\$|usd|us\$|dolares|sueldo|salario|pago|remuneracion|ganas?|ganancias?|ingresos?)"
_CURRENCY_AFTER = r"\s*(soles|s/|nuevos soles|lucas|dolares|usd|\$)"
_BEFORE = re.compile(_CURRENCY_BEFORE + r"\W{0,12}?(?:de\s+|desde\s+|hasta\s+|entre\s+)?" + _NUMBER + _MULTIPLIER)
_AFTER = re.compile(_NUMBER + _MULTIPLIER + _CURRENCY_AFTER)
_THOUSANDS = re.compile(r"(\d(?<![\d/.,]\d)\d{0,2}(?:[.,]\d)?)\s?(k)\b()")
_PERIOD_BEFORE = re.compile(r"(?:por|x|al|cada)\s*(semana|dia|hora|quincena)\W*$|(semanal|diari|quincenal)\w*\W*$")
_PERIOD = re.compile(
    r"\W{0,3}(?:(?:por|x|a la|al|la|cada|el)\s*)?"
    r"(semana\w*|diari\w*|dia\b|hora\b|quincena\w*|mensual\w*|mes\b)"
)
# A "k" right after a digit (and maybe one blank): _THOUSANDS cannot match without one; a literal first letter is quick to find.
_THOUSANDS_NEEDS = re.compile(r"k(?:(?<=\dk)|(?<=\d\sk))")
_GLUED = set("0123456789/.,")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")  # "1.500" or "12,000": thousands separators, not decimals
# Words without which a pattern cannot match: "/" stands for "s/", "gana" and "ingreso" for their longer forms.
_BEFORE_NEEDS = ("/", "soles", "$", "usd", "dolares", "sueldo", "salario", "pago", "remuneracion", "gana", "ingreso")
_AFTER_NEEDS = ("soles", "s/", "lucas", "dolares", "usd", "$")
_PER_MONTH = {"sem": 4.33, "dia": 26.0, "hor": 208.0, "qui": 2.0, "men": 1.0, "mes": 1.0}


@dataclass(frozen=True)
class Amount:
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


def _scans(folded: str) -> list[tuple[re.Pattern[str], int, int, int, int]]:
    """The patterns worth running (their currency words occur), with groups and where their matches must end."""
    scans = []
    if any(word in folded for word in _BEFORE_NEEDS):
        scans.append((_BEFORE, 1, 2, 3, len(folded)))
    last_currency = max(folded.rfind(word) + len(word) if word in folded else -1 for word in _AFTER_NEEDS)
    if last_currency >= 0:
        scans.append((_AFTER, 3, 1, 2, last_currency))  # an _AFTER match ends with its currency word
    if _THOUSANDS_NEEDS.search(folded):
        scans.append((_THOUSANDS, 3, 1, 2, len(folded)))
    return scans


def amounts(folded: str) -> list[Amount]:
    """Pay amounts in folded text, converted to soles per month."""
    found: dict[int, Amount] = {}
    for pattern, currency_group, number_group, mult_group, end in _scans(folded):
        for match in pattern.finditer(folded, 0, end):
            if folded[match.start() - 1 : match.start()] in _GLUED:
                continue
            try:
                value = _parse_number(match.group(number_group), match.group(mult_group))
            except ValueError:
                continue
            currency = match.group(currency_group)
            if any(word in currency for word in ("$", "usd", "dolar")):
                value *= SOLES_PER_DOLLAR
            period = _period(folded, match.start(), match.end())
            amount = Amount(value * _PER_MONTH[period], period, match.start(), match.end())
            found.setdefault(match.start(number_group), amount)
    return list(found.values())
