"""Benchmark: job-advert assessments per second on one core, against a lower()+one-regex baseline.

Two figures: adverts seen for the first time (what a new message costs: the scanner works out what to try at
each new word once), and the same adverts again (caches warm). The adverts measured are 1 KB pieces of the
independently written sets; the labelled adverts, joined into 1 KB, only warm up.
"""
from __future__ import annotations

import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path

from bot.risk import assess

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
TARGET_CHARS = 1000
TARGET_RATE = 2000
BASELINE = re.compile(r"\b(?:senoritas?|chicas|pasajes?|bar|karaoke|menores|inscripcion)\b")


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _one_kb_adverts(texts: list[str]) -> list[str]:
    """Adverts of about 1 KB: each text padded with the ones after it."""
    padded = []
    for start in range(len(texts)):
        parts, size, i = [], 0, start
        while size < TARGET_CHARS:
            parts.append(texts[i % len(texts)])
            size += len(parts[-1]) + 1
            i += 1
        padded.append("\n".join(parts)[:TARGET_CHARS])
    return padded


def _chunks(texts: list[str]) -> list[str]:
    """Consecutive 1 KB pieces of the texts, each piece new."""
    blob = "\n".join(texts)
    return [blob[at : at + TARGET_CHARS] for at in range(0, len(blob) - TARGET_CHARS + 1, TARGET_CHARS)]


def _rates(functions: list, adverts: list[str], rounds: int = 7, seconds: float = 0.3) -> list[tuple[float, float]]:
    """Best and median rate of each function over rounds taken in turn, so both see the same machine load.

    The best is the least disturbed by other work on the machine.
    """
    rates: list[list[float]] = [[] for _ in functions]
    for _ in range(rounds):
        for function, found in zip(functions, rates):
            done, started = 0, time.perf_counter()
            while time.perf_counter() - started < seconds:
                for text in adverts:
                    function(text)
                done += len(adverts)
            found.append(done / (time.perf_counter() - started))
    return [(max(found), statistics.median(found)) for found in rates]


def _baseline(text: str) -> list[str]:
    return BASELINE.findall(text.lower())


def main() -> None:
    """Print assessments per second for new and for repeated adverts, and the ratio to the baseline."""
    known = _one_kb_adverts(_texts(DATA / "adverts.jsonl"))
    unseen = _chunks([text for path in sorted((DATA / "independent").glob("*.jsonl")) for text in _texts(path)])
    for text in known:  # compile the patterns and load the texts file on adverts that are not measured below
        assess(text)
    started = time.perf_counter()
    for text in unseen:
        assess(text)
    first_sight = len(unseen) / (time.perf_counter() - started)
    (best, median), (base_best, _) = _rates([assess, _baseline], unseen)
    print(f"python: {platform.python_version()} ({sys.executable}); the action server runs .venv-actions (make bench-risk)")
    print(f"adverts: {len(unseen)} of {TARGET_CHARS} characters, not seen before the first pass")
    print(f"first sight:  {first_sight:8,.0f} assessments/s  ({1e6 / first_sight:.0f} µs each)")
    print(f"seen before:  {best:8,.0f} assessments/s best of 7, {median:,.0f} median  ({1e6 / best:.0f} µs each)")
    print(f"baseline:     {base_best:8,.0f} scans/s (text.lower() + one regex; rounds in turn with assess())")
    print(f"assess() costs {base_best / best:.1f}x the baseline once seen, {base_best / first_sight:.1f}x at first sight; "
          f"target is >= {TARGET_RATE:,} assessments/s")


if __name__ == "__main__":
    main()
