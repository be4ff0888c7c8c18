"""Benchmark: seconds of OCR per advert photo (median over a few generated posters), clean and phone-photo-like."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import ocr
from tests.test_ocr import (  # the same posters the tests read
    encoded,
    photographed,
    poster,
)

ROUNDS = 3


def _median_seconds(data: bytes) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        ocr.read_text(data)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Print the median OCR time per image for each kind of image."""
    clean = poster()
    cases = {
        "clean poster, PNG": encoded(clean, "PNG"),
        "clean poster, JPEG q85": encoded(clean, "JPEG", quality=85),
        "clean poster, WebP": encoded(clean, "WEBP"),
        "phone photo (crooked, sideways, noisy), JPEG q60": encoded(photographed(clean, seed=1), "JPEG", quality=60),
        "phone photo, another seed, JPEG q60": encoded(photographed(clean, seed=2), "JPEG", quality=60),
    }
    print(f"tesseract -l {ocr.LANGUAGES}; median of {ROUNDS} runs per image")
    for name, data in cases.items():
        print(f"{name:52s} {len(data) / 1024:6.0f} KB  {_median_seconds(data):5.2f} s")


if __name__ == "__main__":
    main()
