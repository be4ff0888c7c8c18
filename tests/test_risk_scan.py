"""The word scanner (bot.risk.scan) finds exactly what each rule's whole regex finds, only faster."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.risk.detect import _SCANNER
from bot.risk.normalize import prepare

DATA = Path(__file__).parent / "data"


def _adverts() -> list[str]:
    paths = [DATA / "adverts.jsonl", *sorted((DATA / "independent").glob("*.jsonl"))]
    return [json.loads(line)["text"] for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line]


def _finditer_everywhere(folded: str) -> dict[int, list[tuple[int, int]]]:
    found = {}
    for index, rule in enumerate(_SCANNER.rules):
        if rule.gate and not rule.gate(folded):
            continue
        spans = [match.span() for match in rule.pattern.finditer(folded)]
        if spans:
            found[index] = spans
    return found


@pytest.mark.parametrize("variant", [str, str.upper, lambda text: text.replace(" ", " 🙂 ")], ids=["as-written", "upper", "emoji"])
def test_scanner_finds_what_every_rule_finds_on_its_own(variant) -> None:
    for text in map(variant, _adverts()):
        advert = prepare(text)
        scanned = {index: [match.span() for match in matches] for index, matches in _SCANNER.scan(advert).items()}
        assert scanned == _finditer_everywhere(advert.folded), text


def test_scanner_tries_a_rule_only_at_words_that_can_start_it() -> None:
    advert = prepare("Se necesitan señoritas para bar en Pto. Maldonado, pasajes pagados")
    codes = {_SCANNER.rules[index].code for index in _SCANNER.scan(advert)}
    assert {"young_women_sought", "nightlife_role", "remote_destination", "paid_travel"} <= codes
    assert _SCANNER._words["hola"][0] == ()
