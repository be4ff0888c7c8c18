"""Every SMS-facing response fits 3 SMS segments and exists in Spanish and English."""
import math
from pathlib import Path
from typing import Dict, List, Optional

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MAX_SEGMENTS = 3

try:
    from bot.sms import segment_count
except ImportError:  # standalone checkout without the delivery layer
    _GSM_BASIC = set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    )
    _GSM_EXTENDED = set("^{}\\[~]|€\f")

    def segment_count(text: str) -> int:
        """SMS segments a carrier bills: GSM-7 160/153, else UCS-2 70/67."""
        if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
            septets = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
            return 1 if septets <= 160 else math.ceil(septets / 153)
        units = len(text.encode("utf-16-le")) // 2
        return 1 if units <= 70 else math.ceil(units / 67)


def _responses() -> Dict[str, List[dict]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]


def _slot_condition(variant: dict, slot: str) -> Optional[str]:
    for condition in variant.get("condition") or []:
        if condition.get("name") == slot:
            return condition.get("value")
    return None


def _sms_variants():
    for name, variants in _responses().items():
        for index, variant in enumerate(variants):
            if _slot_condition(variant, "channel") == "whatsapp" or variant.get("channel") == "whatsapp":
                continue
            yield pytest.param(name, variant["text"], id=f"{name}[{index}]")


def test_domain_has_responses() -> None:
    assert len(_responses()) >= 30


@pytest.mark.parametrize("name,text", list(_sms_variants()))
def test_sms_variant_fits_three_segments(name: str, text: str) -> None:
    segments = segment_count(text)
    assert segments <= MAX_SEGMENTS, f"{name} needs {segments} SMS segments ({len(text)} chars): {text!r}"


@pytest.mark.parametrize("name", sorted(_responses()))
def test_response_exists_in_spanish_and_english(name: str) -> None:
    languages = {_slot_condition(v, "language") or "es" for v in _responses()[name]}
    assert {"es", "en"} <= languages, f"{name} has languages {sorted(languages)}"


def test_spanish_default_variant_exists() -> None:
    missing = [n for n, vs in _responses().items() if not any(not v.get("condition") for v in vs)]
    assert not missing, f"responses without an unconditioned (Spanish) default: {missing}"
