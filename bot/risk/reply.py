"""The chat reply to a checked advert: level, the top reasons, and what to do, shaped for the channel."""
from __future__ import annotations

from bot.risk.model import Assessment, Signal
from bot.risk.score import LEARNED_CODES
from bot.risk.texts import advice_text, label, short_advice_text

# How many warning signs a reply lists: SMS stays short, WhatsApp and the simulator can say more.
MAX_REASONS = {"sms": 3}
DEFAULT_MAX_REASONS = 6


def reply_messages(assessment: Assessment, language: str = "es", channel: str = "sms") -> list[str]:
    """Two messages: the level with its reasons, then what to do."""
    language = language if language in ("es", "en") else "es"
    limit = MAX_REASONS.get(channel, DEFAULT_MAX_REASONS)
    headline = f"{label('level', language)}: {label(assessment.level, language)}"
    if channel != "sms":
        headline = f"*{headline}*"
    risks = _reasons(assessment.risks, limit)
    if risks:
        lines = [f"{headline}. {label('risks', language)}:"]
        lines += [f"• {signal.es if language == 'es' else signal.en}" for signal in risks]
    else:
        lines = [f"{headline}. {label('no_risks', language)}"]
    advice = short_advice_text(assessment.level, language) if channel == "sms" else advice_text(assessment.level, language)
    return ["\n".join(lines), advice]


def _reasons(risks: tuple[Signal, ...], limit: int) -> tuple[Signal, ...]:
    """The first `limit` warning signs; the learned one, listed last, takes the last place when it is cut.

    It is only listed when it changed the level, so without it the reasons shown would not explain the level.
    """
    shown = risks[:limit]
    learned = [signal for signal in risks[limit:] if signal.code in LEARNED_CODES]
    return shown[: limit - 1] + (learned[0],) if learned else shown
