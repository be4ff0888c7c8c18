"""The check-offer heuristics: a pasted advert or a request to check one; an advert or a question about one."""
from pathlib import Path

import pytest
import yaml

from bot.advert import has_pasted_advert, reads_as_advert
from bot.risk.training import labelled_sets

ROOT = Path(__file__).resolve().parents[1]


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


def _nlu_examples() -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for path in [*sorted(ROOT.joinpath("nlu_data").glob("*.yml")), ROOT / "tests" / "nlu_holdout.yml"]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in item:
                lines = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip().startswith("- ")]
                examples.setdefault(item["intent"].split("/")[0], []).extend(lines)
    return examples


def test_no_question_or_request_in_the_nlu_data_reads_as_an_advert() -> None:
    misread = {intent: [text for text in texts if reads_as_advert(text)] for intent, texts in _nlu_examples().items() if intent != "check_offer"}
    assert {intent: texts for intent, texts in misread.items() if texts} == {}


def test_nearly_every_independently_written_advert_reads_as_an_advert() -> None:
    adverts = [text for name, examples in labelled_sets().items() if name.startswith("set") for text, _ in examples]
    read = sum(map(reads_as_advert, adverts)) / len(adverts)
    assert len(adverts) > 1000 and read >= 0.9, f"{read:.1%} read as adverts"


@pytest.mark.parametrize("text", [
    "me piden dejar mi DNI y pagar 50 soles de inscripcion para trabajar en un restaurante, es normal?",
    "they offer me a job in spain with the visa and the flights paid, is that real?",
    "mi prima se fue a trabajar a un bar en la pampa con pasaje pagado y no contesta",
])
def test_a_question_about_an_offer_is_not_read_as_the_advert(text: str) -> None:
    assert not reads_as_advert(text)


def test_an_advert_the_classifier_took_for_a_confident_question_still_reaches_the_offer_check() -> None:
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.shared.nlu.training_data.message import Message

    from bot.rasa_nlu import PastedAdvertClassifier

    text = "Sipaskuna, llamk'ay Huepetuhe llaqtapi. Pasajeykichikta pagasaq, mikhuy puñuy kachkan. 987654321"
    ranking = [{"name": "faq", "confidence": 0.99}, {"name": "check_offer", "confidence": 0.005}, {"name": "greet", "confidence": 0.005}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    settings = next(step for step in pipeline if step["name"] == "FallbackClassifier")
    fallback = FallbackClassifier({**FallbackClassifier.get_default_config(), **settings})
    (message,) = fallback.process(PastedAdvertClassifier().process([message]))
    assert message.get("intent") == {"name": "check_offer", "confidence": 1.0}
    assert [entry["name"] for entry in message.get("intent_ranking")] == ["check_offer", "faq", "greet"]
