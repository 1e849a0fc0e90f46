"""Typed text that the first reading misread through a lighter receipt stamp is read through
the stamp on the second look: the stamp found from the page, read with the dark ink only."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from pipeline.core.models import Line
from pipeline.read import overprint
from pipeline.tools import tesseract

FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NUMBER = "Nomor : 367/MKT.MLR/XII/2026"
SUBJECT = "Perihal : Permohonan Kerja Sama Publikasi"
BODY = "Bersama surat ini kami sampaikan permohonan kerja sama media."


def typed_page() -> Image.Image:
    page = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    for y, text in ((150, NUMBER), (210, SUBJECT), (420, BODY), (480, BODY)):
        draw.text((120, y), text, fill=0, font=font)
    return page


def stamped(page: Image.Image, grey: int) -> np.ndarray:
    """A receipt stamp printed over the number and subject lines, its ink scanned as `grey`."""
    stamp = Image.new("L", (640, 300), 0)
    ink = ImageDraw.Draw(stamp)
    ink.rectangle((6, 6, 634, 294), outline=255, width=6)
    for y, text, size in ((24, "DITERIMA", 54), (100, "DISKOMINFO KAB. TRENGGALEK", 30),
                          (150, "No. Agenda : 802/783/2026", 34), (205, "Tgl : 21 Desember 2026", 34)):
        ink.text((40, y), text, fill=255, font=ImageFont.truetype(BOLD, size))
    stamp = stamp.rotate(-3, expand=True)
    layer = Image.new("L", page.size, 255)
    layer.paste(Image.new("L", stamp.size, grey), (260, 80), stamp)
    return np.array(ImageChops.darker(page, layer))  # ink over ink: the darker shows


def first_reading(image: np.ndarray, tmp_path: Path) -> list[Line]:
    path = tmp_path / "page.pgm"
    cv2.imwrite(str(path), image)
    return tesseract.ocr_page(path, psm=3, timeout=60).lines


def read_through(image: np.ndarray, lines: list[Line], tmp_path: Path) -> tuple[list[str], np.ndarray]:
    with ThreadPoolExecutor(2) as pool:
        filled, cleaned = overprint.fill(lines, image, pool, tmp_path, page=1)
    # Each line starts where its words do now (a wrapped subject is told from its indent).
    assert all(line.x == min(w.left for w in line.words) / image.shape[1] for line in filled)
    return [line.text for line in filled], cleaned


def test_the_number_and_subject_misread_through_a_grey_stamp_are_read_through_it(tmp_path):
    image = stamped(typed_page(), grey=130)
    lines = first_reading(image, tmp_path)
    assert SUBJECT not in [line.text for line in lines]  # what the second look is for
    texts, cleaned = read_through(image, lines, tmp_path)
    assert SUBJECT in texts
    assert any(t.startswith(NUMBER[:20]) for t in texts)  # its label no longer hidden under the stamp's words
    assert not any("DITERIMA" in t or "Agenda" in t for t in texts)  # the stamp's own words are gone
    assert texts.count(BODY) == 2  # lines away from the stamp stay as read
    assert (cleaned >= image).all() and (cleaned != image).any()  # ink only taken away, for the second engine


def test_a_black_stamp_on_a_bilevel_page_is_left_as_read(tmp_path):
    image = stamped(typed_page(), grey=0)
    image = np.where(image < 128, 0, 255).astype(np.uint8)
    lines = first_reading(image, tmp_path)
    texts, cleaned = read_through(image, lines, tmp_path)
    assert texts == [line.text for line in lines] and (cleaned == image).all()


def test_a_table_with_grey_rules_is_no_stamp(tmp_path):
    page = typed_page()
    draw = ImageDraw.Draw(page)
    for y in (560, 620, 680, 740):
        draw.line((110, y, 1600, y), fill=140, width=3)
    for x in (110, 700, 1600):
        draw.line((x, 560, x, 740), fill=140, width=3)
    for y in (575, 635, 695):
        draw.text((130, y), "Alamat", fill=0, font=ImageFont.truetype(FONT, 30))
        draw.text((720, y), "Jl. Panjaitan No. 225, Bojonegoro", fill=0, font=ImageFont.truetype(FONT, 30))
    image = np.array(page)
    assert overprint.places(image, first_reading(image, tmp_path)) == []


def test_a_clean_page_has_no_overprint(tmp_path):
    image = np.array(typed_page())
    assert overprint.places(image, first_reading(image, tmp_path)) == []
