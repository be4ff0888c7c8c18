"""The learned second opinion (bot.risk.resemblance): how it raises levels, what it quotes, and how it generalises."""
from __future__ import annotations

from collections import Counter

import pytest

from bot.risk import assess, resemblance, training
from bot.risk.normalize import prepare
from bot.risk.resemblance import Weights
from bot.risk.score import LEARNED_CODES
from tests.test_risk import assert_meets_the_bar

# A pasted advert whose patterns alone rate it low: a job in a city with lodging, nothing more.
PLAIN = "Hola amiga, te cuento que hay chamba en Arequipa, atendiendo en un local, te dan cuarto y buena propina, escribe"


def _weights(pull: dict[str, tuple[float, float, float]], intercepts=(0.0, 0.0, 0.0)) -> Weights:
    """A hand-made model: the given features, plus neutral ones so the advert has enough known features."""
    one = resemblance.SCALE
    neutral = {word: (0, 0, 0, one) for word in resemblance.features(prepare(PLAIN).words)}
    pulled = {feature: (*(round(value * one) for value in row), one) for feature, row in pull.items()}
    return Weights({**neutral, **pulled}, intercepts, "hand-made")


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch):
    """Install a hand-made model for the test instead of the shipped weights."""

    def install(weights: Weights) -> None:
        monkeypatch.setattr(resemblance, "load", lambda: weights)

    return install


def test_shipped_weights_are_trained_on_the_adverts_in_the_repo() -> None:
    assert resemblance.load().trained_on == training.digest(training.all_examples()), (
        "the labelled adverts changed: retrain with `python -m bot.risk.training`"
    )


def test_patterns_alone_rate_the_plain_advert_low(model) -> None:
    model(_weights({}, intercepts=(0.0, 0.0, 5.0)))
    assert assess(PLAIN).level == "low"


def test_trafficking_wording_raises_to_high_and_quotes_the_words_that_weighed(model) -> None:
    model(_weights({"chamba": (2.0, 0.0, -2.0), "cuarto": (3.0, 0.0, -3.0), "te": (4.0, 0.0, -4.0)}))
    result = assess(PLAIN)
    assert result.level == "high"
    learned = [signal for signal in result.signals if signal.code in LEARNED_CODES]
    assert [signal.code for signal in learned] == ["resembles_trafficking"]
    assert learned[0].evidence == ("chamba", "cuarto")  # in the advert's order; "te" is too plain to quote


def test_without_the_second_opinion_the_patterns_alone_decide(model) -> None:
    model(_weights({"chamba": (2.0, 0.0, -2.0), "cuarto": (3.0, 0.0, -3.0), "te": (4.0, 0.0, -4.0)}))
    result = assess(PLAIN, second_opinion=False)
    assert result.level == "low"
    assert not [signal for signal in result.signals if signal.code in LEARNED_CODES]


def test_scam_wording_raises_to_medium(model) -> None:
    model(_weights({"propina": (0.0, 3.0, -3.0), "escribe": (0.0, 2.0, -2.0)}))
    result = assess(PLAIN)
    assert result.level == "medium"
    assert [s.code for s in result.signals if s.code in LEARNED_CODES] == ["resembles_scam"]


def test_learned_opinion_is_listed_after_the_pattern_reasons(model) -> None:
    model(_weights({"propina": (6.0, 0.0, -6.0)}))
    result = assess(PLAIN + ". Srtas, pasaje pagado.")
    codes = [signal.code for signal in result.risks]
    assert result.level == "high"
    assert codes[-1] == "resembles_trafficking" and len(codes) > 1


def test_learned_opinion_is_not_a_reason_when_it_changes_nothing(model) -> None:
    model(_weights({"propina": (6.0, 0.0, -6.0)}))
    text = "URGENTE SRTAS p/ DISCO BAR en Pto. Mdo, pasajes pagados y hospedaje, buena propina, wsp 987 654 321"
    result = assess(text)
    assert result.level == "high"
    assert not {signal.code for signal in result.signals} & set(LEARNED_CODES)


def test_a_checkable_employer_is_raised_to_medium_at_most(model) -> None:
    model(_weights({"chamba": (6.0, 0.0, -6.0)}))
    text = PLAIN + ". Hotel Los Andes S.A.C., RUC 20100070970, en planilla con contrato."
    assert assess(text).level == "medium"


def test_too_few_known_words_give_no_opinion(model) -> None:
    model(Weights({"chamba": (90_000, 0, -90_000, 10_000), "cuarto": (90_000, 0, -90_000, 10_000)}, (0.0, 0.0, 0.0), "hand-made"))
    assert assess(PLAIN).level == "low"


def test_both_learned_signals_have_texts_and_fire_on_the_independent_adverts() -> None:
    fired = Counter(
        signal.code
        for name, examples in training.labelled_sets().items()
        for text, _ in examples
        for signal in assess(text).signals
        if signal.code in LEARNED_CODES
    )
    assert set(fired) == set(LEARNED_CODES)


def test_learned_opinion_generalises_to_advert_sets_it_was_not_trained_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave each independently written set out of training in turn and rate it: the issue's bar, pooled."""
    sets = training.labelled_sets()
    levels: dict[str, list[str]] = {"high": [], "scam": [], "legit": []}
    for held_out in [name for name in sets if name.startswith("set")]:
        weights = training.train([example for name, examples in sets.items() if name != held_out for example in examples])
        monkeypatch.setattr(resemblance, "load", lambda weights=weights: weights)
        for text, label in sets[held_out]:
            levels[label].append(assess(text).level)
    assert_meets_the_bar(levels)


VAGUE = "Restaurante en Juliaca busca mozos con experiencia, pasaje pagado, escribe al 987 654 321 para mas datos"


def _legit_wording(text: str) -> Weights:
    """A hand-made model for which every word of `text` reads as a formal offer."""
    one = resemblance.SCALE
    return Weights({word: (-one, -one, 3 * one, one) for word in resemblance.features(prepare(text).words)}, (0.0, 0.0, 0.0), "hand-made")


def test_patterns_alone_rate_the_vague_advert_medium(model) -> None:
    model(Weights({}, (0.0, 0.0, 0.0), "empty"))
    assert assess(VAGUE).level == "medium"


def test_legitimate_wording_lowers_a_vague_medium_and_says_so(model) -> None:
    model(_legit_wording(VAGUE))
    result = assess(VAGUE)
    assert result.level == "low"
    learned = [signal for signal in result.signals if signal.code in LEARNED_CODES]
    assert [(signal.code, signal.kind) for signal in learned] == [("resembles_legitimate", "legit")]
    assert {"paid_travel", "remote_destination"} <= {signal.code for signal in result.risks}  # still listed


def test_legitimate_wording_never_lowers_a_scam_sign(model) -> None:
    text = VAGUE.replace("pasaje pagado", "inscripcion S/ 50")
    model(_legit_wording(text))
    assert assess(text).level == "medium"


def test_legitimate_wording_never_lowers_the_exploitation_pattern(model) -> None:
    # A checkable employer keeps the exploitation pattern at medium; the wording must not take it lower.
    text = "Hotel Los Andes S.A.C., RUC 20100070970, en planilla, busca senoritas para Puerto Maldonado, pasaje pagado y cuarto"
    model(_legit_wording(text))
    assert assess(text).level == "medium"


def test_packed_weights_add_up_to_the_exact_column_sums() -> None:
    rows = [tuple((-1) ** (i + k) * ((i * 7919 + k * 104729) % 9_999_991) for k in range(4)) for i in range(5000)]
    total = sum(map(resemblance._pack, rows))
    assert resemblance._unpack(total, len(rows)) == [sum(column) for column in zip(*rows)]


def test_a_model_whose_word_pair_lacks_its_words_fails_loudly() -> None:
    one = resemblance.SCALE
    with pytest.raises(ValueError, match="pasaje pagado"):
        Weights({"pasaje": (one, 0, 0, one), "pasaje pagado": (one, 0, 0, one)}, (0.0, 0.0, 0.0), "hand-made")
