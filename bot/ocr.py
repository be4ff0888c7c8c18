"""Read the text of a job-advert photo (WhatsApp or MMS) with Tesseract, so it can be assessed like typed text.

read_text() is a pure function of the image bytes: no network, one `tesseract` process per try. When it cannot give
text it raises OcrError with a `reason` the caller can act on (usually: ask the person to type the advert):
"too_large", "unsupported", "unreadable" or "no_text".
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 5 MB file that unpacks to more than this is a decompression bomb, not a photo
TESSERACT = "tesseract"
LANGUAGES = "spa+eng"
TIMEOUT_SECONDS = 30.0
SMALL_LONG_SIDE = 1000  # thumbnails are doubled: Tesseract wants letters 20-40 pixels high
LARGE_LONG_SIDE = 3000  # bigger photos are shrunk to this: no better reading, much slower
CONFIDENT = 80  # Tesseract's confidence (0-100) for a word to count as read
MIN_WORDS = 3  # fewer confident words than this and the image is treated as having no text
GOOD_ENOUGH = 8  # this many confident words upright: no need to check the orientation

REASONS = ("too_large", "unsupported", "unreadable", "no_text")
_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_WORDLIKE = re.compile(r"[^\W\d_]{2,}|\d{3,}")
_ROTATE = re.compile(r"Rotate: (\d+)")
_OSD_CONFIDENCE = re.compile(r"Orientation confidence: ([\d.]+)")


class OcrError(Exception):
    """The image gave no usable text; `reason` says why, one of REASONS."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown OCR failure reason: {reason}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class _Reading:
    """Tesseract's text for one orientation, and how many confidently read, word-like words it has."""

    text: str
    score: int


def image_format(data: bytes) -> str | None:
    """"JPEG", "PNG" or "WEBP" from the file's magic bytes, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _open(data: bytes) -> Image.Image:
    """The decoded image; refuses other formats, decompression bombs and broken files."""
    kind = image_format(data)
    if kind is None:
        raise OcrError("unsupported", "not a JPEG, PNG or WebP image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise OcrError("too_large", f"{width}x{height} pixels")
            image.load()
    except OcrError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise OcrError("too_large", str(error)) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # truncated or corrupt files
        raise OcrError("unreadable", str(error)) from error
    return image


def _prepare(image: Image.Image) -> Image.Image:
    """Upright, grey, high-contrast and at a size Tesseract likes."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image.convert("RGBA"))
    image = image.convert("L")
    long_side = max(image.size)
    scale = 2.0 if long_side < SMALL_LONG_SIDE else min(1.0, LARGE_LONG_SIDE / long_side)
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BICUBIC if scale > 1 else Image.Resampling.LANCZOS)
    return ImageOps.autocontrast(image, cutoff=1)


def _tesseract(image: Image.Image, *args: str) -> str:
    """Run the tesseract CLI on an image through stdin/stdout and return what it prints."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per OCR: the machine is shared with Rasa and workers
    try:
        done = subprocess.run(
            [TESSERACT, "stdin", "stdout", *args], input=buffer.getvalue(), capture_output=True,
            timeout=TIMEOUT_SECONDS, env=env, check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise OcrError("unreadable", f"OCR took longer than {TIMEOUT_SECONDS:.0f} s") from error
    if done.returncode != 0:
        raise OcrError("unreadable", done.stderr.decode("utf-8", "replace").strip()[-300:])
    return done.stdout.decode("utf-8", "replace")


def _read(image: Image.Image) -> _Reading:
    """OCR one orientation: the text line by line and its count of confident word-like words."""
    tsv = _tesseract(image, "-l", LANGUAGES, "--psm", "3", "tsv")
    lines: dict[tuple[str, str, str], list[str]] = {}
    score = 0
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        word, confidence = cells[11].strip(), float(cells[10])
        if confidence < 20:
            continue  # specks and texture read as letters
        lines.setdefault((cells[2], cells[3], cells[4]), []).append(word)
        if confidence >= CONFIDENT and _WORDLIKE.search(word):
            score += 1
    text = "\n".join(" ".join(words) for words in lines.values())
    return _Reading(clean(text), score)


def _osd_rotation(image: Image.Image) -> int | None:
    """Degrees (counter-clockwise) that Tesseract's orientation detection says make the text upright."""
    try:
        report = _tesseract(image, "--psm", "0", "-l", "osd")
    except OcrError:
        return None  # too little text for orientation detection
    rotate, confidence = _ROTATE.search(report), _OSD_CONFIDENCE.search(report)
    if not rotate or not confidence or float(confidence.group(1)) < 1.0:
        return None
    return (360 - int(rotate.group(1))) % 360


def clean(text: str) -> str:
    """OCR text tidied: no lines of stray symbols, single spaces, at most one blank line in a row."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        if sum(char.isalnum() for char in line) >= 2:
            lines.append(line)
    return "\n".join(lines)


def read_text(data: bytes, content_type: str = "") -> str:
    """The text of a JPEG, PNG or WebP advert photo; raises OcrError (with .reason) when there is none to give.

    The format is taken from the file's own bytes; `content_type` (what the sender declared) is only quoted in errors.
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise OcrError("too_large", f"{len(data):,} bytes, the limit is {MAX_IMAGE_BYTES:,}")
    if image_format(data) is None:
        declared = f" (declared {content_type})" if content_type else ""
        raise OcrError("unsupported", f"not a JPEG, PNG or WebP image{declared}")
    image = _prepare(_open(data))
    darkest, lightest = image.getextrema()
    if lightest - darkest < 16:
        raise OcrError("no_text", "the image is blank")
    best = _read(image)
    if best.score < GOOD_ENOUGH:
        best = _best_orientation(image, best)
    if best.score < MIN_WORDS:
        raise OcrError("no_text", "no readable words found")
    return best.text


def _best_orientation(image: Image.Image, upright: _Reading) -> _Reading:
    """Turn the image the way Tesseract's orientation detection says, keeping whichever reading has more words."""
    angle = _osd_rotation(image)
    if not angle:
        return upright
    turned = _read(image.rotate(angle, expand=True, fillcolor=255))
    return turned if turned.score > upright.score else upright
