"""Channel-aware reply shaping: SMS segment counting as carriers do it, splitting, and WhatsApp formatting."""
from __future__ import annotations

import math
import re

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")

SMS_MAX_SEGMENTS = 3
WHATSAPP_MAX_CHARS = 1600  # Twilio's limit for one message body

_FORMATTING = re.compile(r"(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])")
_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+")


def is_gsm7(text: str) -> bool:
    """True when every character fits the GSM-7 alphabet (otherwise the message goes as UCS-2)."""
    return all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text)


def segment_count(text: str) -> int:
    """How many SMS segments a carrier bills for this text."""
    if is_gsm7(text):
        septets = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        return 1 if septets <= 160 else math.ceil(septets / 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else math.ceil(units / 67)


def plain(text: str) -> str:
    """Text with WhatsApp's *bold*, _italic_ and ~strike~ markers removed, for SMS."""
    return _FORMATTING.sub(r"\2", text).replace("```", "")


def for_channel(text: str, channel: str) -> list[str]:
    """The messages to send for one reply: SMS within 3 segments each, WhatsApp within Twilio's limit."""
    text = text.strip()
    if not text:
        return []
    if channel == "sms":
        return split(plain(text), lambda part: segment_count(part) <= SMS_MAX_SEGMENTS)
    return split(text, lambda part: len(part) <= WHATSAPP_MAX_CHARS)


def split(text: str, fits) -> list[str]:
    """Cut text into parts that fit, preferring paragraph, then sentence, then word boundaries."""
    if fits(text):
        return [text]
    for pattern in (r"\n\s*\n", r"\n", _SENTENCE_END, r" "):
        pieces = [p for p in re.split(pattern, text) if p.strip()]
        if len(pieces) > 1:
            joiner = "\n\n" if pattern == r"\n\s*\n" else "\n" if pattern == r"\n" else " "
            return _pack(pieces, joiner, fits)
    return _hard_cut(text, fits)


def _pack(pieces: list[str], joiner: str, fits) -> list[str]:
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if fits(candidate):
            current = candidate
            continue
        if current:
            parts.append(current)
        if fits(piece):
            current = piece
        else:
            sub = split(piece, fits)
            parts += sub[:-1]
            current = sub[-1]
    if current:
        parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _hard_cut(text: str, fits) -> list[str]:
    parts, current = [], ""
    for ch in text:
        if fits(current + ch):
            current += ch
        else:
            parts.append(current)
            current = ch
    return parts + [current] if current else parts
