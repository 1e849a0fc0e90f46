"""Typed text under a stamp that the first reading left unread is read on the second look:
found as ink with no word on it, read as a block, the stamp's lighter ink left out."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from pipeline.core.models import Line, Word
from pipeline.read import unread_ink
from pipeline.tools import tesseract

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
SUBJECT = "Perihal : Penawaran Kerja Sama Penayangan Iklan"
TEXT = ["Dengan hormat, bersama surat ini kami sampaikan", SUBJECT, "Besar harapan kami permohonan ini dikabulkan"]


def stamped_page(tmp_path: Path) -> np.ndarray:
    """A page of typed lines, a grey receipt stamp printed across the middle one."""
    page = Image.new("L", (2000, 750), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 42)
    for i, text in enumerate(TEXT):
        draw.text((120, 120 + 220 * i), text, fill=0, font=font)
    stamp = Image.new("L", (900, 220), 0)
    ink = ImageDraw.Draw(stamp)
    ink.rectangle((5, 5, 895, 215), outline=255, width=8)
    ink.text((60, 20), "DITERIMA", fill=255, font=ImageFont.truetype(FONT, 80))
    ink.text((60, 130), "DISKOMINFO KAB. TRENGGALEK", fill=255, font=ImageFont.truetype(FONT, 50))
    stamp = stamp.rotate(6, expand=True)
    layer = Image.new("L", page.size, 255)
    layer.paste(Image.new("L", stamp.size, 150), (700, 200), stamp)  # a stamp's coloured ink, scanned in grey
    return np.array(ImageChops.darker(page, layer))  # ink over ink: the darker shows


def first_reading(image: np.ndarray, tmp_path: Path) -> list[Line]:
    path = tmp_path / "page.pgm"
    cv2.imwrite(str(path), image)
    return tesseract.ocr_page(path, psm=3, timeout=60).lines


def words(lines: list[Line]) -> list[str]:
    return [w.text for line in lines for w in line.words]


def test_the_stamps_light_ink_is_left_out_of_the_dark_view(tmp_path):
    image = stamped_page(tmp_path)
    dark = unread_ink.dark_only(image[230:520, 100:1900])
    assert dark is not None
    cv2.imwrite(str(tmp_path / "dark.pgm"), dark)
    text = " ".join(words(tesseract.ocr_page(tmp_path / "dark.pgm", psm=6, timeout=60).lines))
    assert "Penawaran Kerja Sama Penayangan" in text
    assert "DITERIMA" not in text and "TRENGGALEK" not in text


def test_a_bilevel_page_has_no_dark_view():
    page = np.full((300, 600), 255, np.uint8)
    page[100:140, 50:500] = 0
    assert unread_ink.dark_only(page) is None


def test_the_subject_left_unread_under_a_stamp_is_read_on_the_second_look(tmp_path):
    image = stamped_page(tmp_path)
    # As Tesseract's layout does when it takes the stamped block for a picture: the subject
    # line and the stamp over it are not in the first reading.
    lines = [line for line in first_reading(image, tmp_path) if "Penawaran" not in line.text
             and not any(w.top + w.height > 230 and w.top < 520 for w in line.words)]
    assert [line.text for line in lines] == [TEXT[0], TEXT[2]]
    with ThreadPoolExecutor(2) as pool:
        filled, cleaned = unread_ink.fill(lines, image, pool, tmp_path, page=1)
    texts = [line.text for line in filled]
    assert texts[0] == TEXT[0] and texts[-1] == TEXT[2]  # the old lines keep their order
    assert any("Penawaran Kerja Sama Penayangan" in t for t in texts[1:-1])
    assert not any("DITERIMA" in t for t in texts)
    # The second engine reads the place the dark ink gave the subject from without the stamp.
    assert (cleaned == 150).sum() < (image == 150).sum() and (cleaned >= image).all()  # ink only taken away


def test_a_clean_page_has_no_unread_place(tmp_path):
    page = Image.new("L", (2000, 500), 255)
    draw = ImageDraw.Draw(page)
    for i, text in enumerate(TEXT):
        draw.text((120, 80 + 120 * i), text, fill=0, font=ImageFont.truetype(FONT, 42))
    image = np.array(page)
    assert unread_ink.places(image, first_reading(image, tmp_path)) == []


def test_new_words_join_the_line_of_their_row_and_never_repeat_a_word_read_already():
    label = Line(page=1, words=[Word("Perihal", 95, 100, 300, 150, 40)], engine="tesseract")
    below = Line(page=1, words=[Word("Dengan", 95, 100, 500, 150, 40)], engine="tesseract")
    new = Line(page=1, words=[Word("Perihal", 90, 102, 301, 150, 40), Word("Penawaran", 90, 300, 305, 200, 40),
                              Word("Kemitraan", 90, 520, 303, 200, 40)], engine="tesseract")
    out = unread_ink.merged([label, below], [new], 1000, 2000)
    assert [line.text for line in out] == ["Perihal Penawaran Kemitraan", "Dengan"]


def test_a_piece_read_again_between_words_read_already_is_not_added():
    line = Line(page=1, words=[Word("Pemimpin", 95, 100, 300, 200, 40), Word("Umum", 95, 420, 300, 120, 40)],
                engine="tesseract")
    new = Line(page=1, words=[Word("mpi", 80, 305, 302, 60, 38), Word("Redaksi", 90, 600, 301, 180, 40)],
               engine="tesseract")
    out = unread_ink.merged([line], [new], 1000, 2000)
    assert [line.text for line in out] == ["Pemimpin Umum Redaksi"]


def test_a_word_cut_short_under_a_stamp_is_completed_by_the_whole_word_read_again():
    line = Line(page=1, words=[Word("Perihal", 95, 100, 300, 150, 40), Word(":", 95, 260, 300, 10, 40),
                               Word("Perm", 60, 290, 300, 90, 40)], engine="tesseract")
    new = Line(page=1, words=[Word("Permohonan", 92, 290, 301, 260, 40), Word("Kerja", 93, 570, 300, 110, 40)],
               engine="tesseract")
    out = unread_ink.merged([line], [new], 1000, 2000)
    assert [line.text for line in out] == ["Perihal : Permohonan Kerja"]
