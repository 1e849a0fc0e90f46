"""Whole lines that Tesseract's page layout dropped near a company stamp are read on the first
reading, so that what the letter says is not silently missing; rules, tables and signatures
cost nothing."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from pipeline.core.models import Line
from pipeline.read import lost_lines
from pipeline.tools import tesseract

FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
TEXT = ["PT Tapal Jombang Inti Media didirikan berdasarkan Akta Pendirian Nomor 47",
        "Tabloid Tapal Jombang telah terverifikasi administrasi dan faktual oleh Dewan Pers",
        "Pemimpin Redaksi kami bersertifikat kompetensi Wartawan Utama Dewan Pers",
        "Besar harapan kami permohonan ini dapat dikabulkan. Terima kasih."]
LOST = (1, 2)  # the lines the stamp's ring crosses


def page_with_stamp() -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Typed lines, a company stamp's ring over the start of the middle two. Also the rows of each line."""
    page = Image.new("L", (2200, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    rows = []
    for i, text in enumerate(TEXT):
        top = 150 + 110 * i
        draw.text((160, top), text, fill=0, font=font)
        rows.append((top, top + 50))
    ring = Image.new("L", page.size, 255)
    ImageDraw.Draw(ring).ellipse((60, 212, 340, 472), outline=120, width=14)
    return np.array(ImageChops.darker(page, ring)), rows


def reading(image: np.ndarray, tmp_path: Path) -> list[Line]:
    path = tmp_path / "page.pgm"
    cv2.imwrite(str(path), image)
    return tesseract.ocr_page(path, psm=3, timeout=60).lines


def test_lines_the_layout_dropped_by_a_stamp_are_read_and_put_in_their_place(tmp_path):
    image, rows = page_with_stamp()
    # As Tesseract's layout does when it takes the stamped block for a picture: the lines
    # the stamp crosses are missing whole from the first reading.
    lost_rows = [rows[i] for i in LOST]
    first = [line for line in reading(image, tmp_path)
             if not any(top - 20 <= line.box[1] <= bottom for top, bottom in lost_rows)]
    assert [line.text for line in first] == [TEXT[0], TEXT[3]]
    with ThreadPoolExecutor(2) as pool:
        filled = lost_lines.fill(first, image, pool, tmp_path, page=1, timeout=60)
    texts = [line.text for line in filled]
    assert texts[0] == TEXT[0] and texts[-1] == TEXT[3]  # the lines read keep their order
    between = " ".join(texts[1:-1])
    assert "terverifikasi administrasi dan faktual oleh Dewan Pers" in between
    assert "kompetensi Wartawan Utama Dewan Pers" in between
    assert between.index("terverifikasi") < between.index("Wartawan")


def test_a_page_read_whole_with_rules_a_table_and_a_signature_has_nothing_lost(tmp_path):
    page = Image.new("L", (2200, 1400), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((160, 60), "PT KABAR LESTARI NUSANTARA", fill=0, font=font)
    draw.line((150, 140, 2050, 140), fill=0, width=8)  # the letterhead's double rule
    draw.line((150, 156, 2050, 156), fill=0, width=3)
    for i, (label, value) in enumerate([("Nama Media", "Kabar Lestari"), ("NIB", "2457621658187"),
                                        ("Pemimpin Redaksi", "Okta Wibowo, M.Si.")]):
        top = 260 + 90 * i
        draw.rectangle((150, top - 20, 2050, top + 70), outline=0, width=3)  # a bordered table
        draw.line((800, top - 20, 800, top + 70), fill=0, width=3)
        draw.text((180, top), label, fill=0, font=font)
        draw.text((830, top), value, fill=0, font=font)
    draw.text((1300, 800), "Hormat kami,", fill=0, font=font)
    draw.line([(1300, 1000), (1420, 900), (1500, 1010), (1650, 880)], fill=0, width=6)  # a signature
    draw.text((1300, 1080), "Okta Wibowo, M.Si.", fill=0, font=font)
    image = np.array(page)
    assert lost_lines.places(image, reading(image, tmp_path)) == []
