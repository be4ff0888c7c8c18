"""The delivery layer's own texts (bot/messages.yml): Spanish and English, each within 3 SMS segments."""
from __future__ import annotations

import pytest

from bot import texts
from bot.sms import SMS_MAX_SEGMENTS, segment_count


@pytest.mark.parametrize("name", texts.names())
def test_text_exists_in_spanish_and_english_and_fits_three_sms_segments(name):
    for language in ("es", "en"):
        text = texts.text(name, language)
        assert text.strip(), (name, language)
        assert segment_count(text) <= SMS_MAX_SEGMENTS, (name, language)


def test_holding_and_danger_texts_give_the_emergency_numbers():
    for name in ("holding", "handoff_danger"):
        for language in ("es", "en"):
            assert "105" in texts.text(name, language) and "1818" in texts.text(name, language)


def test_unknown_language_falls_back_to_spanish():
    assert texts.text("holding", "qu") == texts.text("holding", "es")
