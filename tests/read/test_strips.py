"""A page cut into strips for parallel OCR is cut only between lines, and put back whole."""
import io
from pathlib import Path

import cv2
import numpy as np
import pdfplumber

from pipeline.read import strips

from pipeline.tools import tesseract
from pipeline.core.models import Line, Word

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


def page() -> np.ndarray:
    return cv2.imread(str(SAMPLES / "surat_07_lenteranusantara-or-id.png"), cv2.IMREAD_GRAYSCALE)


def test_a_letter_page_is_cut_at_a_blank_band_near_the_middle():
    gray = page()
    plan = strips.plan(gray, 2)
    assert len(plan) == 2
    cut = plan[0].bottom
    assert 0.3 * gray.shape[0] < cut < 0.7 * gray.shape[0]
    # No ink in the rows around the cut: no text line was split.
    band = gray[cut - 4 : cut + 4, gray.shape[1] // 20 : -gray.shape[1] // 20]
    assert (band < strips.INK_LEVEL).mean() < strips.BLANK_ROW_INK


def test_a_page_without_a_blank_band_is_not_cut():
    rng = np.random.default_rng(1)
    noise = rng.integers(0, 255, size=(2000, 1400), dtype=np.uint8)  # ink everywhere
    assert strips.plan(noise, 2) == [strips.Strip(0, 0, 2000)]


def test_one_worker_means_whole_pages():
    assert strips.balance([0.5, 0.1], 1) == [1, 1]


def test_a_short_last_page_is_not_cut_and_the_full_page_is_cut_finer():
    # Page 1 full, page 2 only the closing lines: strips of similar size keep both cores busy.
    assert strips.balance([46.0, 7.0], 2) == [3, 1]
    assert strips.balance([40.0, 40.0], 2) == [2, 2]
    assert strips.balance([40.0], 2) == [2]


def test_the_blank_paper_below_a_short_page_is_not_sent_to_ocr():
    gray = np.full((3000, 2000), 255, dtype=np.uint8)
    gray[300:340, 200:1800] = 0  # two lines of "text" near the top
    gray[400:440, 200:1800] = 0
    (strip,) = strips.plan(gray, 2)
    assert strip.top < 300 and 440 < strip.bottom < 600


def test_strip_lines_are_put_back_at_their_place_on_the_page():
    line = Line(page=1, words=[Word("Dewan", 95, left=100, top=10, width=80, height=30)])
    placed = strips.shift_lines([line], strips.Strip(1, 1500, 3000), page_height=3000, page_width=2000)
    assert placed[0].words[0].top == 1510
    assert abs(placed[0].y - 1510 / 3000) < 1e-9 and placed[0].x == 100 / 2000


def test_the_strips_searchable_pdfs_become_one_page_holding_both_texts(tmp_path):
    gray = page()
    parts = []
    for strip in strips.plan(gray, 2):
        path = tmp_path / f"s{strip.index}.pgm"
        cv2.imwrite(str(path), gray[strip.top : strip.bottom])
        parts.append(tesseract.ocr_page(path, dpi=300, want_pdf=True).pdf)
    with pdfplumber.open(io.BytesIO(strips.stack_pdfs(parts))) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text() or ""
    assert "Nomor" in text and "Hormat" in text  # top strip and bottom strip
