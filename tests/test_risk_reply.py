"""The chat reply to a checked advert, for SMS and WhatsApp."""
from __future__ import annotations

from bot.risk import assess
from bot.risk.model import Advice, Assessment, Signal
from bot.risk.reply import reply_messages
from bot.sms import SMS_MAX_SEGMENTS, for_channel, segment_count

TRAFFICKING = ("SE NECESITAN SEÑORITAS PARA BAR EN PTO MALDONADO, PASAJES PAGADOS, HOSPEDAJE Y ALIMENTACION. "
               "SUELDO 4000 SOLES. INTERESADAS AL WSP 987654321")
LEGIT = ("Minera Los Andes S.A.C., RUC 20100070970, busca operario de mantenimiento en Arequipa. Contrato en planilla, "
         "sueldo S/ 2,200, seguro EsSalud. Postula en www.losandes.com.pe, Av. Ejército 101. No cobramos por postular.")


def test_sms_reply_gives_the_level_at_most_three_reasons_and_short_advice():
    summary, advice = reply_messages(assess(TRAFFICKING), "es", "sms")

    assert summary.startswith("Riesgo: ALTO")
    assert summary.count("•") == 3
    assert "1818" in advice and "105" in advice
    for message in (summary, advice):
        assert all(segment_count(part) <= SMS_MAX_SEGMENTS for part in for_channel(message, "sms"))


def test_sms_reply_keeps_the_learned_reason_that_raised_the_level():
    signs = [Signal(code, "risk", f"señal {code}", code, ()) for code in ("a", "b", "c", "d")]
    learned = Signal("resembles_trafficking", "risk", "se parece a avisos de trata", "like trafficking", ())
    assessment = Assessment("high", 0.9, (*signs, learned), Advice("consejo", "advice"))

    summary, _ = reply_messages(assessment, "es", "sms")

    assert summary.count("•") == 3
    assert "señal a" in summary and "señal b" in summary and "se parece a avisos de trata" in summary


def test_whatsapp_reply_lists_more_reasons_with_formatting():
    summary, _ = reply_messages(assess(TRAFFICKING), "es", "whatsapp")

    assert summary.startswith("*Riesgo: ALTO*")
    assert summary.count("•") > 3


def test_english_reply():
    summary, advice = reply_messages(assess(TRAFFICKING), "en", "sms")

    assert summary.startswith("Risk: HIGH")
    assert "Línea 1818" in advice


def test_low_risk_reply_never_calls_an_offer_safe():
    summary, advice = reply_messages(assess(LEGIT), "es", "whatsapp")

    assert "BAJO" in summary
    assert "RUC" in advice
    assert "es seguro" not in (summary + advice).lower()
    english = " ".join(reply_messages(assess(LEGIT), "en", "whatsapp")).lower()
    assert "is safe" not in english
    assert "guarantee" in english
