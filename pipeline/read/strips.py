"""Cutting a page into horizontal strips so one page can use every core.

Tesseract runs single-threaded (see tools/tesseract.py), so a one-page letter would leave
the other core idle. A letter page has blank bands between its paragraphs: cutting
there splits no text line, and the strips' OCR results are put back together with
their positions on the whole page. A page with no clean blank band is not cut.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, replace

import numpy as np

from pipeline.core.models import Line

# Darker than this counts as ink. Light on purpose: a pale letterhead (coloured ink is
# faded for OCR) must not look like empty paper that may be trimmed or cut through.
INK_LEVEL = 200
BLANK_ROW_INK = 0.002  # a row with less ink than this (fraction of its width) is blank
MIN_BAND_FRACTION = 0.003  # a usable blank band is at least this tall (~10 px at 300 dpi)
WINDOW = 0.18  # a cut lies within this fraction of the page height of its ideal place
TRIM_PAD_FRACTION = 0.01  # margin kept around the text when blank paper is trimmed
MIN_TEXT_FRACTION = 0.25  # pages with text on fewer of their rows are not cut
STEP = 4  # rows/columns sampled when looking for bands (speed; bands are >= 10 px)


@dataclass(frozen=True)
class Strip:
    index: int
    top: int  # first row of the strip in the page image
    bottom: int  # one past its last row


def work(gray: np.ndarray) -> float:
    """The page's ink: Tesseract's time follows the glyphs it reads more than the rows."""
    return float(_row_ink(gray).sum())


def balance(works: list[float], workers: int) -> list[int]:
    """How many strips to cut each page of a short document into, so that the strips
    come out of similar size and every worker is busy until the end.

    A letter's last page is often a few lines: cut evenly, the first page's strips would
    finish together and leave the short page running alone on one core.
    """
    if workers <= 1 or not works:
        return [1] * len(works)
    rounds = 1 if len(works) == 1 else 2  # more rounds: smaller strips, more Tesseract start-ups
    size = sum(works) / (workers * rounds) or 1.0
    # Rounded down: every strip costs a Tesseract start-up and a layout pass of its own.
    return [max(1, int(w / size)) for w in works]


def plan(gray: np.ndarray, count: int) -> list[Strip]:
    """Strips to OCR: the page without its blank top and bottom, cut into `count`
    pieces holding about the same amount of text, each cut in a blank band."""
    height = gray.shape[0]
    ink = _row_ink(gray)
    blank = ink < BLANK_ROW_INK
    text_rows = np.flatnonzero(~blank)
    if height < 200 or len(text_rows) == 0:
        return [Strip(0, 0, height)]
    # Tesseract's time grows with the image, not only with the text on it: the empty
    # paper below a short last page is not sent (with a margin around the text).
    pad = int(TRIM_PAD_FRACTION * height)
    top = max(0, int(text_rows[0]) * STEP - pad)
    bottom = min(height, (int(text_rows[-1]) + 1) * STEP + pad)
    if count <= 1 or 1.0 - blank.mean() < MIN_TEXT_FRACTION:
        return [Strip(0, top, bottom)]
    ink_so_far = np.cumsum(ink)
    cuts: list[int] = []
    for k in range(1, count):
        at_row = int(np.searchsorted(ink_so_far, ink_so_far[-1] * k / count))
        cut = _best_cut(blank, height, at_row / len(blank))
        if cut is not None and top < cut < bottom and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    edges = [top, *cuts, bottom]
    return [Strip(i, edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def _row_ink(gray: np.ndarray) -> np.ndarray:
    """Share of ink in each sampled row (every STEP-th row and column)."""
    sample = gray[::STEP, ::STEP]
    width = sample.shape[1]
    # Ignore the outer 3% left and right: scanner shadows and photo borders are not text.
    margin = max(1, width * 3 // 100)
    return (sample[:, margin:-margin] < INK_LEVEL).mean(axis=1)


def _blank_rows(gray: np.ndarray) -> np.ndarray:
    return _row_ink(gray) < BLANK_ROW_INK


def _best_cut(blank: np.ndarray, height: int, target: float) -> int | None:
    """Middle row (full resolution) of the blank band nearest the target, or None."""
    min_len = max(1, int(MIN_BAND_FRACTION * height / STEP))
    lo = int((target - WINDOW) * len(blank))
    hi = int((target + WINDOW) * len(blank))
    best: tuple[float, int] | None = None
    start = None
    for i in range(max(lo, 0), min(hi, len(blank)) + 1):
        is_blank = i < len(blank) and blank[i]
        if is_blank and start is None:
            start = i
        elif not is_blank and start is not None:
            if i - start >= min_len:
                middle = (start + i) // 2
                distance = abs(middle - target * len(blank))
                if best is None or distance < best[0]:
                    best = (distance, middle * STEP)
            start = None
    return best[1] if best else None


def shift_lines(lines: list[Line], strip: Strip, page_height: int, page_width: int) -> list[Line]:
    """Lines OCR'd from one strip, placed back at their position on the whole page."""
    out = []
    for line in lines:
        words = [replace(w, top=w.top + strip.top) for w in line.words]
        out.append(
            replace(
                line,
                words=words,
                y=min(w.top for w in words) / max(page_height, 1),
                x=min(w.left for w in words) / max(page_width, 1),
            )
        )
    return out


def stack_pdfs(parts: list[bytes]) -> bytes:
    """One PDF page made of the strips' searchable PDFs (Tesseract's own), top to bottom."""
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(p) for p in parts]
    sizes = [src[0].get_size() for src in sources]
    width = max(w for w, _ in sizes)
    height = sum(h for _, h in sizes)
    out = pdfium.PdfDocument.new()
    page = out.new_page(width, height)
    y = height
    for src, (_, h) in zip(sources, sizes):
        y -= h  # PDF's origin is the bottom-left corner
        obj = src.page_as_xobject(0, out).as_pageobject()
        obj.transform(pdfium.PdfMatrix().translate(0, y))
        page.insert_obj(obj)
    page.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
