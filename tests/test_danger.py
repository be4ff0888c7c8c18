"""Danger-now messages are recognised without Rasa, as people really write them."""
from __future__ import annotations

import pytest

from bot.danger import in_danger


@pytest.mark.parametrize(
    "text",
    [
        "me quitaron mi dni y no me dejan salir",
        "ME TIENEN ENCERRADA en un bar",
        "ayuda estoy encerrada",
        "el dueño me pega",
        "nos obligan a trabajar de noche",
        "me kitaron mis documentos",
        "auxilio",
        "they took my passport",
        "I'm locked in a room, help",
        "he won't let me leave",
        "estoy en peligro ahora",
    ],
)
def test_danger_is_recognised(text):
    assert in_danger(text)


@pytest.mark.parametrize(
    "text",
    [
        "hola",
        "vi un aviso de trabajo en un bar",
        "que es la trata",
        "me piden dejar mi dni, es normal?",
        "quiero salir de dudas",
        "my sister got a job offer",
    ],
)
def test_ordinary_messages_are_not_danger(text):
    assert not in_danger(text)


@pytest.mark.parametrize("text", ["viajo mañana a pto maldonado", "ya compre el pasaje", "me recogen hoy en el terminal",
                                  "estoy en el bus", "I'm leaving tomorrow", "mi prima viaja mañana", "ya le mandaron su pasaje"])
def test_about_to_travel_is_recognised(text):
    from bot.danger import about_to_travel

    assert about_to_travel(text)


@pytest.mark.parametrize("text", ["quiero viajar algun dia", "el aviso dice pasajes pagados", "hola"])
def test_not_about_to_travel(text):
    from bot.danger import about_to_travel

    assert not about_to_travel(text)
