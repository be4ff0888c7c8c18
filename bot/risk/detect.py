"""Run every pattern over an advert and collect what fired, with the words that fired it."""
from __future__ import annotations

import re
from typing import NamedTuple

from . import money, patterns, resemblance, ruc
from .normalize import Prepared
from .scan import Found, Scanner

HIGH_PAY_FACTOR = 2.5
ABSURD_PAY_FACTOR = 5.0
MAX_EVIDENCE = 3
_QUOTE_TRIM = " \t\r\n.,;:!¡?¿-*"


class Hit(NamedTuple):
    """One signal found in an advert: its code, how strong it is and the advert's own words."""

    code: str
    weight: float
    evidence: tuple[str, ...]


class _Collector:
    """Gathers hits per code: the strongest weight, and where in the advert each was found."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.weights: dict[str, float] = {}
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def add(self, code: str, weight: float, start: int, end: int) -> None:
        known = self.weights.get(code)
        if known is None:
            self.weights[code] = weight if weight > 0.0 else 0.0
            self.spans[code] = [(start, end)]
        else:
            if weight > known:
                self.weights[code] = weight
            self.spans[code].append((start, end))

    def _quotes(self, spans: list[tuple[int, int]]) -> tuple[str, ...]:
        """The first few distinct quotes in the order they appear in the advert; overlapping finds make one quote."""
        source = self.source
        if len(spans) == 1:
            quote = source[spans[0][0] : spans[0][1]].strip(_QUOTE_TRIM)
            return (quote,) if quote else ()
        ordered = sorted(spans)
        ordered.append((len(source) + 1, 0))  # past the end: closes the last quote
        quotes: list[str] = []
        seen: set[str] = set()
        start, end = ordered[0]
        for next_start, next_end in ordered[1:]:
            if next_start < end:  # overlaps the quote being built: join them
                end = max(end, next_end)
                continue
            quote = source[start:end].strip(_QUOTE_TRIM)
            lower = quote.lower()
            if quote and lower not in seen:
                quotes.append(quote)
                if len(quotes) == MAX_EVIDENCE:
                    break
                seen.add(lower)
            start, end = next_start, next_end
        return tuple(quotes)

    def hits(self) -> dict[str, Hit]:
        return {code: Hit(code, weight, self._quotes(self.spans[code])) for code, weight in self.weights.items()}


def _vetoed(rule: patterns.Rule, folded: str, start: int, end: int) -> bool:
    if rule.veto_before and rule.veto_before.search(folded, max(0, start - 40), start):
        return True
    return bool(rule.veto_after and rule.veto_after.match(folded, end))


def _apply(scanned: Found, folded: str, found: _Collector) -> None:
    for index, matches in scanned.items():
        if index >= _SIGNAL_RULES:
            continue  # a clue, read by the checks below
        rule = _RULES[index]
        vetoable = rule.veto_before is not None or rule.veto_after is not None
        for match in matches:
            start, end = match.span()
            if not (vetoable and _vetoed(rule, folded, start, end)):
                found.add(rule.code, rule.weight, start, end)


_AGE_WORDS = {"desde", "a partir de", "mayor de", "mayores de", "edad", "edades", "si tienes", "tengas"}


def _teen_age(folded: str, start: int, end: int) -> int | None:
    """End of the age phrase when the number 10-17 at folded[start:end] is the lowest age asked for."""
    age = int(folded[start:end])
    if patterns.AGE_VETO_AFTER.match(folded, end) or patterns.AGE_CONTEXT_VETO.search(folded, max(0, start - 30), start):
        return None  # "15%", "16:00", "15 soles", "experiencia de 15"
    after = patterns.AGE_AFTER.match(folded, end)
    before = patterns.AGE_BEFORE.search(folded, max(0, start - 24), start)
    if before and before.group(2) and not (after and after.group(2)):
        return end  # "+16"
    if not after and before and before.group(1) in _AGE_WORDS:
        return end if age + before.group(1).startswith("mayor") < 18 else None  # "edad desde 16", "mayores de 17"
    if not after or patterns.AGE_VETO_AFTER.match(folded, after.end()):
        return None
    if after.group(2):  # a range such as "15 a 25 (años)"
        upper = int(after.group(2))
        said_age = after.group(3) or (before and before.group(1) not in (None, "con"))
        return after.end() if age < upper <= 60 and said_age else None
    if not before:
        return after.end() if after.group(1) != "anos" and after.group(1) != "ano" else None
    if before.group(1) and before.group(1).startswith("mayor"):
        age += 1  # "mayores de 16" means 17 and over
    return after.end() if age < 18 else None


def _youngest_age(folded: str, found: _Collector) -> None:
    for match in patterns.TEEN_AGE.finditer(folded):
        phrase_end = _teen_age(folded, match.start(), match.end())
        if phrase_end is not None:
            found.add("minors_sought", 0.5, match.start(), phrase_end)


def _pay(folded: str, clues: dict[str, list[re.Match[str]]], found: _Collector, min_wage: int) -> None:
    if "_experience_required" in clues:
        return  # jobs asking for a degree or years of experience have another pay norm
    figures = money.amounts(folded)
    if not figures:
        return
    top = max(figures, key=lambda amount: amount.monthly)
    no_experience = clues["_no_experience"][0] if "_no_experience" in clues else None
    low_skill = "_low_skill" in clues
    ratio = top.monthly / min_wage
    if ratio >= ABSURD_PAY_FACTOR and (no_experience or top.period not in ("men", "hor")):  # hourly rates suit part-time work
        weight = 0.35
    elif ratio >= HIGH_PAY_FACTOR and (no_experience or low_skill):
        weight = 0.25
    else:
        return
    found.add("pay_out_of_line", weight, top.start, top.end)
    if no_experience:
        found.add("pay_out_of_line", weight, *no_experience.span())


def _ruc(folded: str, found: _Collector) -> None:
    valid, invalid = ruc.find_rucs(folded)
    for start, end in valid:
        found.add("valid_ruc", 0.35, start, end)
    for start, end in invalid:
        found.add("invalid_ruc", 0.15, start, end)


# The code of the learned second opinion's hit, by what the wording resembles.
LEARNED = {"high": "resembles_trafficking", "scam": "resembles_scam", "legit": "resembles_legitimate"}


def learned(advert: Prepared) -> dict[str, Hit]:
    """The learned second opinion as a hit quoting the words that weighed most, or nothing."""
    view = resemblance.opinion(advert.words)
    if view is None:
        return {}
    folded = advert.folded
    found = _Collector(advert.source)
    code = LEARNED[view.resembles]
    for words in view.words:
        span = resemblance.locate(folded, words)
        if span:
            found.add(code, round(view.chance, 2), *span)
    return found.hits()


_RULES = patterns.RISK_RULES + patterns.LEGIT_RULES
_SIGNAL_RULES = len(_RULES)
_SCANNER = Scanner(_RULES + patterns.CLUE_RULES)
_CLUE_CODES = {_SIGNAL_RULES + offset: rule.code for offset, rule in enumerate(patterns.CLUE_RULES)}
IDENTITY = ("valid_ruc", "named_company", "address", "corporate_contact", "official_portal")


def detect(advert: Prepared, min_wage: int) -> dict[str, Hit]:
    """Every risk and legitimacy signal the patterns find; codes starting "_" are inputs to scoring only."""
    folded = advert.folded
    found = _Collector(advert.source)
    scanned = _SCANNER.scan(advert)
    clues = {_CLUE_CODES[index]: matches for index, matches in scanned.items() if index >= _SIGNAL_RULES}
    _apply(scanned, folded, found)
    _youngest_age(folded, found)
    _pay(folded, clues, found, min_wage)
    _ruc(folded, found)
    if "_weak_minor" in clues:
        found.add("_any_age", 0.5, *clues["_weak_minor"][0].span())
    if not any(code in found.weights for code in IDENTITY):
        for match in clues.get("_contact", ()):
            found.add("hidden_employer", 0.1, *match.span())
    return found.hits()
