"""Intent classification on the held-out set reaches the macro-F1 bar."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "test-artifacts" / "nlu" / "intent_report.json"
MIN_MACRO_F1 = 0.90


def _report() -> dict:
    if not REPORT.exists():
        pytest.fail(
            f"{REPORT.relative_to(ROOT)} is missing: run "
            "`rasa test nlu --nlu tests/nlu_holdout.yml --out test-artifacts/nlu` first"
        )
    return json.loads(REPORT.read_text(encoding="utf-8"))


def test_holdout_macro_f1() -> None:
    report = _report()
    macro = report["macro avg"]["f1-score"]
    weak = {
        name: round(scores["f1-score"], 3)
        for name, scores in report.items()
        if isinstance(scores, dict) and "support" in scores and name not in ("macro avg", "weighted avg", "micro avg")
        and scores["f1-score"] < MIN_MACRO_F1
    }
    assert macro >= MIN_MACRO_F1, f"holdout macro-F1 {macro:.3f} < {MIN_MACRO_F1}; weak intents: {weak}"


def test_holdout_covers_every_intent() -> None:
    report = _report()
    small = {
        name: scores["support"]
        for name, scores in report.items()
        if isinstance(scores, dict) and name not in ("macro avg", "weighted avg", "micro avg", "accuracy")
        and scores.get("support", 0) and scores["support"] < 25
    }
    assert not small, f"intents with fewer than 25 held-out messages: {small}"
