"""OCR of advert photos (bot.ocr): posters the tests draw with Pillow, read back with Tesseract, then assessed."""
from __future__ import annotations

import io
import random
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bot import ocr
from bot.risk import assess

needs_tesseract = pytest.mark.skipif(shutil.which(ocr.TESSERACT) is None, reason="tesseract is not installed")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont, bool]:
    """A bold and a regular font, and whether they have "Ñ" (Pillow's built-in font does not)."""
    if (DEJAVU / "DejaVuSans-Bold.ttf").exists():
        return ImageFont.truetype(str(DEJAVU / "DejaVuSans-Bold.ttf"), 52), ImageFont.truetype(str(DEJAVU / "DejaVuSans.ttf"), 38), True
    return ImageFont.load_default(size=56), ImageFont.load_default(size=40), False


def poster() -> Image.Image:
    """A recruitment poster of the kind seen on walls in Cusco and Juliaca."""
    bold, regular, has_enye = _fonts()
    lines = [
        ("SE NECESITAN SEÑORITAS" if has_enye else "SE NECESITAN SENORITAS", bold, (180, 0, 0)),
        ("para trabajar en bar", regular, (20, 20, 20)),
        ("en PTO MALDONADO", regular, (20, 20, 20)),
        ("PASAJES PAGADOS", bold, (180, 0, 0)),
        ("hospedaje y alimentación" if has_enye else "hospedaje y alimentacion", regular, (20, 20, 20)),
        ("buen sueldo", regular, (20, 20, 20)),
        ("Informes: 987 654 321", regular, (20, 20, 20)),
    ]
    image = Image.new("RGB", (900, 700), (255, 250, 235))
    draw = ImageDraw.Draw(image)
    for row, (text, font, colour) in enumerate(lines):
        draw.text((50, 40 + 90 * row), text, fill=colour, font=font)
    return image


def photographed(image: Image.Image, seed: int = 1) -> Image.Image:
    """The poster as a phone photo: a little crooked, turned on its side, speckled and soft."""
    rng = random.Random(seed)
    image = image.rotate(4, expand=True, fillcolor=(200, 200, 190), resample=Image.Resampling.BICUBIC).rotate(90, expand=True)
    pixels = image.load()
    for _ in range(image.width * image.height // 30):
        grey = rng.randrange(256)
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = (grey, grey, grey)
    return image.filter(ImageFilter.GaussianBlur(1.0))


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def clean_poster() -> Image.Image:
    return poster()


def _reason(data: bytes, content_type: str = "") -> str:
    with pytest.raises(ocr.OcrError) as caught:
        ocr.read_text(data, content_type)
    assert caught.value.reason in ocr.REASONS
    return caught.value.reason


def _assert_reads_as_the_poster(text: str) -> None:
    assert "PASAJES PAGADOS" in text and "MALDONADO" in text, text
    assert assess(text).level == "high", text


@needs_tesseract
@pytest.mark.parametrize("kind, declared", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/jpeg")])
def test_clean_poster_is_read_and_rated_high_whatever_the_format(clean_poster: Image.Image, kind: str, declared: str) -> None:
    # the WebP one is declared as JPEG on purpose: the bytes decide, not the declared type
    _assert_reads_as_the_poster(ocr.read_text(encoded(clean_poster, kind), declared))


@needs_tesseract
def test_crooked_sideways_noisy_phone_photo_is_still_read(clean_poster: Image.Image) -> None:
    data = encoded(photographed(clean_poster), "JPEG", quality=60)
    _assert_reads_as_the_poster(ocr.read_text(data, "image/jpeg"))


def test_file_over_five_megabytes_is_too_large_before_decoding() -> None:
    data = b"\xff\xd8\xff\xe0" + bytes(ocr.MAX_IMAGE_BYTES)
    assert _reason(data, "image/jpeg") == "too_large"


def test_small_file_that_unpacks_to_a_huge_image_is_too_large() -> None:
    png = encoded(Image.new("1", (8, 8), 1), "PNG")
    # rewrite the header to claim 20,000 x 20,000 pixels (a decompression bomb) and fix its checksum
    header = b"IHDR" + struct.pack(">II", 20_000, 20_000) + png[24:29]
    bomb = png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]
    assert _reason(bomb, "image/png") == "too_large"


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
    bytes(random.Random(0).randrange(256) for _ in range(5000)),
    b"GIF89a" + bytes(100),
    b"",
], ids=["pdf", "random-bytes", "gif", "empty"])
def test_anything_but_jpeg_png_or_webp_is_unsupported(data: bytes) -> None:
    assert _reason(data, "image/jpeg") == "unsupported"


def test_truncated_jpeg_is_unreadable(clean_poster: Image.Image) -> None:
    data = encoded(clean_poster, "JPEG")
    assert _reason(data[: len(data) // 2], "image/jpeg") == "unreadable"


def test_blank_image_has_no_text() -> None:
    assert _reason(encoded(Image.new("RGB", (800, 600), "white"), "JPEG"), "image/jpeg") == "no_text"


@needs_tesseract
def test_picture_without_writing_has_no_text() -> None:
    gradient = Image.linear_gradient("L").resize((600, 400)).convert("RGB")
    assert _reason(encoded(gradient, "PNG"), "image/png") == "no_text"


@needs_tesseract
def test_ocr_that_takes_too_long_is_unreadable(clean_poster: Image.Image, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "TIMEOUT_SECONDS", 0.001)
    assert _reason(encoded(clean_poster, "PNG"), "image/png") == "unreadable"


def test_format_comes_from_the_bytes() -> None:
    assert ocr.image_format(encoded(Image.new("RGB", (4, 4)), "WEBP")) == "WEBP"
    assert ocr.image_format(encoded(Image.new("RGB", (4, 4)), "PNG")) == "PNG"
    assert ocr.image_format(encoded(Image.new("RGB", (4, 4)), "JPEG")) == "JPEG"
    assert ocr.image_format(b"RIFF\0\0\0\0WAVEfmt ") is None


def test_clean_drops_lines_of_stray_symbols_and_extra_spaces() -> None:
    assert ocr.clean("  SE   NECESITA \n » — \n\n pasajes  pagados ") == "SE NECESITA\npasajes pagados"
