"""Accuracy on adverts the check was not trained on: each independently written set is left out of training in turn.

For each set: high-risk adverts rated high / scams rated medium or high / legitimate adverts rated high (the issue's
bar: >= 95% / >= 85% / <= 5%), by the patterns alone and with the learned second opinion trained without that set.
The patterns were tuned on sets 1-6 after their first measurement, so their figures there are not an estimate.
Needs scikit-learn (installed with Rasa); takes about a minute.
"""
from __future__ import annotations

from collections import Counter

from bot.risk import assess, resemblance, training


def _figures(levels: list[tuple[str, str]]) -> tuple[float, float, float]:
    counts = Counter(levels)
    labels = Counter(label for label, _ in levels)
    caught = counts["high", "high"] / labels["high"]
    flagged = 1 - counts["scam", "low"] / labels["scam"]
    false_alarms = counts["legit", "high"] / labels["legit"]
    return caught, flagged, false_alarms


def _row(name: str, figures: tuple[float, float, float]) -> str:
    return f"{name:<28}" + "".join(f"{value:>8.0%}" for value in figures)


def main() -> None:
    """Print per-set and pooled figures, patterns alone and with the second opinion."""
    sets = training.labelled_sets()
    shipped = resemblance.load
    pooled: dict[str, list[tuple[str, str]]] = {"patterns": [], "with model": []}
    print(f"{'set (left out of training)':<28}{'high':>8}{'scams':>8}{'legit!':>8}")
    for held_out in [name for name in sets if name.startswith("set")]:
        weights = training.train([example for name, examples in sets.items() if name != held_out for example in examples])
        for mode in pooled:
            resemblance.load = (lambda: weights) if mode == "with model" else (lambda: resemblance.Weights({}, (0.0, 0.0, 0.0), ""))
            levels = [(label, assess(text).level) for text, label in sets[held_out]]
            pooled[mode] += levels
            print(_row(f"{held_out} {mode}", _figures(levels)))
    resemblance.load = shipped
    for mode, levels in pooled.items():
        print(_row(f"all sets, {mode}", _figures(levels)))


if __name__ == "__main__":
    main()
