"""Who a contact is: a keyed pseudonym in place of the phone number, and what we know about them."""
from __future__ import annotations

import hashlib
import hmac
import time
import unicodedata

import redis

from bot import keys
from bot.advert import has_pasted_advert
from bot.language import detect_language

OPT_OUT_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "REVOKE", "OPTOUT",
     "BAJA", "ALTO", "CANCELAR", "SALIR", "PARAR", "DETENER", "DESUSCRIBIR"}
)
OPT_IN_WORDS = frozenset({"START", "UNSTOP", "ALTA", "INICIO", "INICIAR", "REANUDAR", "SUSCRIBIR"})
ERASE_WORDS = frozenset({"BORRAR", "BORRARDATOS", "BORRARMISDATOS", "BORRATODO", "DELETEMYDATA"})


def pseudonym(key: str, address: str) -> str:
    """A stable, keyed pseudonym for a sender address; the address cannot be recovered from it."""
    digest = hmac.new(key.encode(), address.strip().lower().encode(), hashlib.sha256).hexdigest()
    return f"c{digest[:32]}"


def keyword(text: str) -> str:
    """The message as a bare upper-case word without accents or punctuation, as opt-out words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    letters = "".join(ch for ch in decomposed if ch.isalnum())
    return letters.upper()


def opt_change(text: str) -> str | None:
    """'out' or 'in' when the message is exactly an opt-out or opt-in word, else None."""
    word = keyword(text)
    if len(text.split()) != 1:
        return None
    if word in OPT_OUT_WORDS:
        return "out"
    if word in OPT_IN_WORDS:
        return "in"
    return None


def asks_erasure(text: str) -> bool:
    """True when the message is exactly BORRAR (or "borrar mis datos", "delete my data")."""
    return len(text.split()) <= 3 and keyword(text) in ERASE_WORDS


def details(address: str, channel: str, reply_from: str = "") -> dict[str, str]:
    """What we record about a contact when they write: where to reply and when they last wrote (WhatsApp's 24-hour window)."""
    fields = {"address": address, "channel": channel, "last_inbound_at": repr(time.time())}
    if reply_from:
        fields["reply_from"] = reply_from
    return fields


def profile(r: redis.Redis, pid: str) -> dict[str, str]:
    """Everything stored about a contact."""
    return r.hgetall(keys.contact(pid))


def set_opted_out(r: redis.Redis, pid: str, opted_out: bool) -> None:
    """Stop or resume all sending to a contact."""
    if opted_out:
        r.hset(keys.contact(pid), "opted_out", "1")
    else:
        r.hdel(keys.contact(pid), "opted_out")


def is_opted_out(r: redis.Redis, pid: str) -> bool:
    """True when nothing may be sent to the contact."""
    return r.hget(keys.contact(pid), "opted_out") == "1"


def update_language(r: redis.Redis, pid: str, text: str) -> str:
    """The contact's language after this message (kept when the message is ambiguous), remembered."""
    current = language(r, pid)
    if has_pasted_advert(text):
        return current  # an advert is someone else's words, not the person's language
    detected = detect_language(text, current)
    if detected != current:
        r.hset(keys.contact(pid), "language", detected)
    return detected


def language(r: redis.Redis, pid: str) -> str:
    """The contact's language as last seen ('es' by default)."""
    return r.hget(keys.contact(pid), "language") or "es"
