"""Run every pattern over an advert and collect what fired, with the words that fired it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import money, patterns, ruc
from .normalize import fold, original

HIGH_PAY_FACTOR = 2.5
ABSURD_PAY_FACTOR = 5.0
MAX_EVIDENCE = 3


@dataclass(frozen=True)
class Hit:
    """One signal found in an advert: its code, how strong it is and the advert's own words."""

    code: str
    weight: float
    evidence: tuple[str, ...]


class _Collector:
    """Gathers hits per code, keeping the strongest weight and a few distinct quotes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.weights: dict[str, float] = {}
        self.quotes: dict[str, list[str]] = {}

    def add(self, code: str, weight: float, start: int, end: int) -> None:
        quote = self.source[start:end].strip(" \t\r\n.,;:!¡?¿-*")
        self.weights[code] = max(weight, self.weights.get(code, 0.0))
        quotes = self.quotes.setdefault(code, [])
        if quote and quote.lower() not in (q.lower() for q in quotes) and len(quotes) < MAX_EVIDENCE:
            quotes.append(quote)

    def hits(self) -> dict[str, Hit]:
        return {code: Hit(code, weight, tuple(self.quotes[code])) for code, weight in self.weights.items()}


def _vetoed(rule: patterns.Rule, folded: str, start: int, end: int) -> bool:
    if rule.veto_before and rule.veto_before.search(folded, max(0, start - 40), start):
        return True
    return bool(rule.veto_after and rule.veto_after.match(folded, end))


def _apply(rules: tuple[patterns.Rule, ...], folded: str, found: _Collector) -> None:
    for rule in rules:
        for match in rule.pattern.finditer(folded):
            if not _vetoed(rule, folded, match.start(), match.end()):
                found.add(rule.code, rule.weight, match.start(), match.end())


def _youngest_age(folded: str, found: _Collector) -> None:
    for number, pattern in enumerate(patterns.AGE_PATTERNS):
        for match in pattern.finditer(folded):
            if patterns.AGE_VETO_AFTER.match(folded, match.end()):
                continue
            ages = [int(group) for group in match.groups() if group]
            lowest = ages[0]
            if len(ages) > 1 and not lowest < ages[1] <= 60:
                continue
            if number == 1 and patterns.AGE_EXCLUSIVE.match(folded, match.start()):
                lowest += 1  # "mayores de 16" means 17 and over
            if 10 <= lowest < 18:
                found.add("minors_sought", 0.5, match.start(), match.end())


def _pay(folded: str, found: _Collector, min_wage: int) -> None:
    figures = money.amounts(folded)
    if not figures:
        return
    top = max(figures, key=lambda amount: amount.monthly)
    no_experience = patterns.NO_EXPERIENCE.search(folded)
    low_skill = patterns.LOW_SKILL.search(folded)
    ratio = top.monthly / min_wage
    if ratio >= ABSURD_PAY_FACTOR and (no_experience or top.period != "men"):
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


IDENTITY = ("valid_ruc", "named_company", "address", "corporate_contact", "official_portal")


def detect(text: str, min_wage: int) -> dict[str, Hit]:
    """Every risk and legitimacy signal in `text`; codes starting "_" are inputs to scoring only."""
    source = original(text)
    folded = fold(source)
    found = _Collector(source)
    _apply(patterns.RISK_RULES, folded, found)
    _apply(patterns.LEGIT_RULES, folded, found)
    _youngest_age(folded, found)
    _pay(folded, found, min_wage)
    _ruc(folded, found)
    weak_minor = patterns.WEAK_MINOR.search(folded)
    if weak_minor:
        found.add("_any_age", 0.5, *weak_minor.span())
    if not any(code in found.weights for code in IDENTITY):
        for match in patterns.CONTACT.finditer(folded):
            found.add("hidden_employer", 0.1, *match.span())
    return found.hits()
