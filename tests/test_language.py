"""The language detector picks es/en and keeps the current language when unsure."""
import pytest

from bot.language import detect_language


@pytest.mark.parametrize(
    "text",
    ["hola", "q tal, me ofrecieron una chamba", "SE NECESITAN SEÑORITAS PASAJES PAGADOS", "gracias", "¿es seguro?", "mi hija no contesta"],
)
def test_spanish(text: str) -> None:
    assert detect_language(text, "en") == "es"


@pytest.mark.parametrize(
    "text",
    ["hi", "hello, can you check this job ad", "thanks", "my sister is missing", "what is 1818 for"],
)
def test_english(text: str) -> None:
    assert detect_language(text, "es") == "en"


@pytest.mark.parametrize("text", ["ok", "1818", "👍", "3", "", "DNI", "Puerto Maldonado"])
@pytest.mark.parametrize("current", ["es", "en"])
def test_ambiguous_keeps_current(text: str, current: str) -> None:
    assert detect_language(text, current) == current


def test_default_is_spanish() -> None:
    assert detect_language("ok", None) == "es"
