"""Train the resemblance model from the labelled adverts in tests/data: `python -m bot.risk.training`.

The only part of bot.risk that needs scikit-learn (installed with Rasa); the product reads the weights file only.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from .normalize import prepare
from .resemblance import CLASSES, SCALE, WEIGHTS_FILE, Weights, features

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
REGULARISATION = 10.0  # scikit-learn's C: chosen by leaving one advert set out at a time (README)
_KINDS = {"trafficking": "high", "scam": "scam", "legit": "legit", "legit_lookalike": "legit"}
Example = tuple[str, str]  # (advert text, one of CLASSES)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_sets(data: Path = DATA) -> dict[str, list[Example]]:
    """Every labelled advert, by the file it comes from: our own set and the independently written ones."""
    sets = {"adverts": [(row["text"], _KINDS[row["kind"]]) for row in _lines(data / "adverts.jsonl")]}
    for path in sorted((data / "independent").glob("set*.jsonl"), key=lambda path: (len(path.stem), path.stem)):
        sets[path.stem] = [(row["text"], row["label"]) for row in _lines(path)]
    return sets


def digest(examples: Iterable[Example]) -> str:
    """A fingerprint of the training adverts and settings: the weights must be retrained when it changes."""
    hashed = hashlib.sha256(f"C={REGULARISATION};features=words+pairs;idf;scale={SCALE};".encode())
    for text, label in examples:
        hashed.update(json.dumps([text, label], ensure_ascii=False).encode("utf-8"))
    return hashed.hexdigest()[:16]


def train(examples: list[Example]) -> Weights:
    """Fit a multinomial logistic regression on word and word-pair presence weighted by idf, l2-normalised."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(analyzer=lambda text: features(prepare(text).words), binary=True, min_df=2)
    matrix = vectoriser.fit_transform([text for text, _ in examples])
    model = LogisticRegression(C=REGULARISATION, max_iter=5000, class_weight="balanced")
    model.fit(matrix, [label for _, label in examples])
    order = [list(model.classes_).index(name) for name in CLASSES]
    idf = vectoriser.idf_
    rows = {  # each class weight times the feature's idf (its value when present), then the idf squared (for the norm)
        feature: (*(round(float(model.coef_[k, column] * idf[column]) * SCALE) for k in order), round(float(idf[column] ** 2) * SCALE))
        for feature, column in sorted(vectoriser.vocabulary_.items())
    }
    intercepts = tuple(round(float(model.intercept_[k]), 4) for k in order)
    return Weights(rows, intercepts, digest(examples))


def save(weights: Weights, path: Path = WEIGHTS_FILE) -> None:
    """Write weights as JSON, one feature a line so changes diff well."""
    lines = [f"{json.dumps(feature, ensure_ascii=False)}: {json.dumps(list(row))}" for feature, row in weights.features.items()]
    path.write_text(
        "{\n"
        f'"trained_on": {json.dumps(weights.trained_on)},\n'
        f'"classes": {json.dumps(list(CLASSES))},\n'
        f'"intercepts": {json.dumps(list(weights.intercepts))},\n'
        '"features": {\n' + ",\n".join(lines) + "\n}}\n",
        encoding="utf-8",
    )


def all_examples() -> list[Example]:
    """The adverts the shipped model is trained on."""
    return [example for examples in labelled_sets().values() for example in examples]


def main() -> None:
    """Retrain and rewrite the shipped weights."""
    examples = all_examples()
    weights = train(examples)
    save(weights)
    print(f"trained on {len(examples)} adverts, {len(weights.features)} features -> {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
