"""Recognising a message that says someone is in danger now, without Rasa (used while Rasa is down or staff have the case)."""
from __future__ import annotations

import re
import unicodedata

# Matched against lower-case text without accents; written the way people text ("q", no accents, typos).
_PATTERNS = (
    r"\bencerrad[oa]s?\b", r"\bme (tienen|tiene) (encerrad|atrapad|retenid)", r"\bno me deja[n]? (salir|ir|irme|volver)",
    r"\b(me|le|nos) (quitaron|quito|kitaron|quitan|retienen|retuvieron|tienen) (el |la |mi |mis |su |sus )?"
    r"(dni|documento|documentos|pasaporte|papeles|celular)",
    r"\b(me|la|lo|nos) (pegan|pega|golpean|golpea|golpearon|pegaron|amenaza|amenazan|amenazaron)",
    r"\b(me|la|lo|nos) (obligan|obliga|obligaron|fuerzan|forzaron)", r"\bviolaron\b|\bviolacion\b|\babusaron\b",
    r"\bsecuestr", r"\bauxilio\b", r"\bsocorro\b", r"\bestoy en peligro\b", r"\bpeligro\b.*\b(ahora|ya)\b",
    r"\bayuda+ urgente\b", r"\bayudenme\b", r"\bme quieren (vender|llevar|matar)\b", r"\bme van a (matar|vender)\b",
    r"\blocked (in|up)\b", r"\b(they|he|she) (took|take|have|keep|kept) my (passport|id|documents|papers|phone)\b",
    r"\bwon'?t let me (leave|go)\b", r"\b(beat|beating|hit|hitting|threaten|threatening|threatened) me\b",
    r"\bforc(ed|ing) me\b", r"\bkidnap", r"\bi'?m in danger\b", r"\bhelp me now\b", r"\bsos\b",
)
_DANGER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def normalise(text: str) -> str:
    """Lower-case text without accents, single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


def in_danger(text: str) -> bool:
    """True when the message says someone is in danger now (locked in, documents taken, beaten, threatened, forced)."""
    return bool(_DANGER.search(normalise(text)))


_TRAVEL_SOON = re.compile("|".join(f"(?:{p})" for p in (
    r"\b(viajo|viaja|viajamos|me voy|se va|salgo|sale|parto|parte|nos vamos|me recogen|la recogen|lo recogen|me llevan|la llevan|vienen por (mi|ella|el))\b.{0,20}\b(hoy|manana|ahorita|ya|esta noche|pasado manana|el (lunes|martes|miercoles|jueves|viernes|sabado|domingo))\b",
    r"\bya (compre|compro|tengo|tiene|me dieron|le dieron|me mandaron|le mandaron|me enviaron|le enviaron) (el |mi |su |los |mis |sus )?(pasaje|pasajes|boleto|boletos)\b",
    r"\bya (acepte|dije que si)\b", r"\bestoy (viajando|en el bus|en camino|en el terminal)\b",
    r"\b(i'?m|we'?re) (leaving|travell?ing|going) (today|tomorrow|tonight|now)\b", r"\b(already|just) (bought|got) (the|my) tickets?\b",
)))


def about_to_travel(text: str) -> bool:
    """True when the person says they are about to travel for the job (or already on the way)."""
    return bool(_TRAVEL_SOON.search(normalise(text)))
