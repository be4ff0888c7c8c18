"""The check-offer heuristic tells a pasted advert from a request to check one."""
import pytest

from bot.advert import has_pasted_advert


@pytest.mark.parametrize(
    "text",
    [
        "SE NECESITAN SEÑORITAS PARA RESTAURANTE, PASAJES PAGADOS, PUERTO MALDONADO. LLAMAR AL 987654321",
        "me ofrecieron chamba de mesera en la pampa, pagan pasaje",
        "Hiring young ladies for a restaurant in Puerto Maldonado, travel paid, room and board, call now",
    ],
)
def test_advert(text: str) -> None:
    assert has_pasted_advert(text)


@pytest.mark.parametrize("text", ["1", "quiero revisar una oferta", "can you check a job offer for me", "es seguro este trabajo?"])
def test_request_only(text: str) -> None:
    assert not has_pasted_advert(text)
