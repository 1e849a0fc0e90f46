"""The searchable PDF of a scan carries the reconciled reading where RapidOCR took part, and
Tesseract's own where it did not."""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
from PIL import Image, ImageDraw, ImageFont

from pipeline.core.models import DocumentText, PageText
from pipeline.read import text_layer
from pipeline.tools import tesseract

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
TEXT = ["Perihal : Permohonan Kerja Sama Publikasi", "Dengan hormat, bersama surat ini kami sampaikan"]


def scanned(tmp_path: Path) -> tuple[PageText, bytes, dict[int, np.ndarray]]:
    """A page read by Tesseract with its searchable PDF (300 dpi), and its image."""
    page = Image.new("L", (2000, 500), 255)
    draw = ImageDraw.Draw(page)
    for i, text in enumerate(TEXT):
        draw.text((120, 100 + 150 * i), text, fill=0, font=ImageFont.truetype(FONT, 46))
    path = tmp_path / "page.pgm"
    cv2.imwrite(str(path), np.array(page))
    result = tesseract.ocr_page(path, dpi=300, timeout=60, want_pdf=True)
    return PageText(1, result.lines, "ocr", width=2000.0, height=500.0), result.pdf, {1: np.array(page)}


def pdf_words(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[0].extract_words()


def test_a_page_the_second_engine_read_carries_the_reconciled_words_in_their_places(tmp_path):
    page, pdf, images = scanned(tmp_path)
    line = page.lines[0]
    # the reconciled reading of the subject differs from Tesseract's in one word
    target = next(i for i, w in enumerate(line.words) if w.text.startswith("Publik"))
    words = list(line.words)
    words[target] = replace(words[target], text="Publikasi-RAPID")
    reconciled = replace(page, lines=[replace(line, words=words, engine="both"), *page.lines[1:]])
    out = text_layer.rewritten(pdf, DocumentText(kind="png", pages=[reconciled]), images)
    found = {w["text"]: w for w in pdf_words(out)}
    assert "Publikasi-RAPID" in found and "hormat," in found
    assert line.words[target].text not in found  # Tesseract's reading of the word is gone
    # in its place: 2000 px at 300 dpi is 480 pt wide
    word, box = found["Publikasi-RAPID"], words[target]
    assert abs(word["x0"] - box.left * 0.24) < 3 and abs(word["x1"] - (box.left + box.width) * 0.24) < 3
    assert abs(word["top"] - box.top * 0.24) < 6
    with pdfplumber.open(io.BytesIO(out)) as doc:
        (picture,) = doc.pages[0].images  # the page image, over the whole page
        assert (picture["x0"], picture["top"], round(picture["x1"]), round(picture["bottom"])) == (0, 0, 480, 120)
        assert doc.pages[0].width == 480 and doc.pages[0].height == 120


def test_a_page_tesseract_alone_read_keeps_tesseracts_pdf(tmp_path):
    page, pdf, images = scanned(tmp_path)
    assert text_layer.rewritten(pdf, DocumentText(kind="png", pages=[page]), images) == pdf


def test_a_pdf_that_cannot_be_rewritten_is_kept_as_it_was(tmp_path):
    page, _, images = scanned(tmp_path)
    page = replace(page, lines=[replace(line, engine="both") for line in page.lines])
    assert text_layer.rewritten(b"%PDF-1.4 broken", DocumentText(kind="png", pages=[page]), images) == b"%PDF-1.4 broken"
