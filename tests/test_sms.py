"""SMS segment counting and splitting, and WhatsApp formatting."""
from __future__ import annotations

import pytest

from bot.sms import SMS_MAX_SEGMENTS, for_channel, is_gsm7, plain, segment_count


@pytest.mark.parametrize(
    "text, segments",
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("ñ¿¡é" * 40, 1),  # all GSM-7: Spanish ñ, ¿, ¡ and é are in the alphabet
        ("á" * 70, 1),  # á is not: UCS-2
        ("á" * 71, 2),
        ("á" * 134, 2),
        ("á" * 135, 3),
        ("€" * 80, 1),  # extension characters take two septets
        ("€" * 81, 2),
        ("😀" * 35, 1),  # an emoji is two UTF-16 units
        ("😀" * 36, 2),
    ],
)
def test_segments_are_counted_like_carriers(text, segments):
    assert segment_count(text) == segments


def test_one_accent_switches_the_whole_message_to_ucs2():
    assert is_gsm7("Hola, ¿como estas?")
    assert not is_gsm7("Hola, ¿cómo estás?")


def test_short_sms_reply_is_sent_as_it_is():
    assert for_channel("Hola, ¿cómo estás?", "sms") == ["Hola, ¿cómo estás?"]


def test_long_sms_reply_is_split_at_sentences_within_three_segments():
    sentence = "Nunca entregues tu DNI a quien te ofrece trabajo. "
    text = sentence * 12
    parts = for_channel(text, "sms")

    assert len(parts) > 1
    assert all(segment_count(p) <= SMS_MAX_SEGMENTS for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == text.strip()


def test_split_prefers_paragraphs():
    first, second = "á" * 150, "é" * 150
    assert for_channel(f"{first}\n\n{second}", "sms") == [first, second]


def test_a_word_longer_than_the_limit_is_cut():
    parts = for_channel("á" * 500, "sms")

    assert "".join(parts) == "á" * 500
    assert all(segment_count(p) <= SMS_MAX_SEGMENTS for p in parts)


def test_whatsapp_formatting_is_removed_for_sms_and_kept_for_whatsapp():
    text = "*Línea 1818*, opción 1: _gratis_ y ~confidencial~"

    assert plain(text) == "Línea 1818, opción 1: gratis y confidencial"
    assert for_channel(text, "whatsapp") == [text]
    assert for_channel(text, "sms") == ["Línea 1818, opción 1: gratis y confidencial"]


def test_asterisks_that_are_not_formatting_stay():
    assert plain("2 * 3 = 6 y 5*") == "2 * 3 = 6 y 5*"


def test_whatsapp_allows_long_messages_up_to_twilios_limit():
    text = "palabra " * 150
    assert for_channel(text, "whatsapp") == [text.strip()]
    assert all(len(p) <= 1600 for p in for_channel("palabra " * 400, "whatsapp"))


def test_empty_reply_sends_nothing():
    assert for_channel("   ", "sms") == []
