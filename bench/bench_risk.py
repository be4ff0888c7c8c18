"""Benchmark: job-advert assessments per second on one core, against a lower()+one-regex baseline."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

from bot.risk import assess

ADVERTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "adverts.jsonl"
TARGET_CHARS = 1000
BASELINE = re.compile(r"\b(?:senoritas?|chicas|pasajes?|bar|karaoke|menores|inscripcion)\b")


def _one_kb_adverts() -> list[str]:
    """Adverts of about 1 KB: each labelled advert padded with the ones after it."""
    texts = [json.loads(line)["text"] for line in ADVERTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    padded = []
    for start in range(len(texts)):
        parts, size, i = [], 0, start
        while size < TARGET_CHARS:
            parts.append(texts[i % len(texts)])
            size += len(parts[-1]) + 1
            i += 1
        padded.append("\n".join(parts)[:TARGET_CHARS])
    return padded


def _rate(function, adverts: list[str], seconds: float = 2.0) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in adverts:
            function(text)
        done += len(adverts)
    return done / (time.perf_counter() - started)


def _baseline(text: str) -> list[str]:
    return BASELINE.findall(text.lower())


def main() -> None:
    """Print assessments per second and the ratio to the baseline."""
    adverts = _one_kb_adverts()
    for text in adverts:  # warm the caches: texts file, fold table, compiled patterns
        assess(text)
    baseline = _rate(_baseline, adverts)
    rate = _rate(assess, adverts)
    mean = sum(map(len, adverts)) / len(adverts)
    print(f"adverts: {len(adverts)} of {mean:.0f} characters on average")
    print(f"assess():  {rate:10,.0f} assessments/s  ({1e6 / rate:.0f} µs each)")
    print(f"baseline:  {baseline:10,.0f} scans/s        (text.lower() + one regex)")
    print(f"assess() costs {baseline / rate:.1f}x the baseline; target is >= 2,000 assessments/s")


if __name__ == "__main__":
    main()
