"""Cutting a page into horizontal strips so one page can use every core.

Tesseract runs single-threaded (see tesseract.py), so a one-page letter would leave
the other core idle. A letter page has blank bands between its paragraphs: cutting
there splits no text line, and the strips' OCR results are put back together with
their positions on the whole page. A page with no clean blank band is not cut.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from pipeline.models import Line, Word

INK_LEVEL = 128  # darker than this counts as ink
BLANK_ROW_INK = 0.002  # a row with less ink than this (fraction of its width) is blank
MIN_BAND_FRACTION = 0.003  # a usable blank band is at least this tall (~10 px at 300 dpi)
WINDOW = 0.18  # a cut lies within this fraction of the page height of its ideal place
STEP = 4  # rows/columns sampled when looking for bands (speed; bands are >= 10 px)


@dataclass(frozen=True)
class Strip:
    index: int
    top: int  # first row of the strip in the page image
    bottom: int  # one past its last row


def strips_per_page(pages: int, workers: int) -> int:
    """How many strips each page is cut into so the pages keep every worker busy.

    Every page is cut, not only when pages are fewer than workers: a letter's second
    page is often a few lines, and one full first page would then hold up the result
    while the other core idles.
    """
    if workers <= 1 or pages <= 0:
        return 1
    return workers


def plan(gray: np.ndarray, count: int) -> list[Strip]:
    """Cut rows for `count` strips at blank bands near the even split points."""
    height = gray.shape[0]
    if count <= 1 or height < 200:
        return [Strip(0, 0, height)]
    blank = _blank_rows(gray)
    cuts: list[int] = []
    for k in range(1, count):
        cut = _best_cut(blank, height, k / count)
        if cut is not None and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    edges = [0, *cuts, height]
    return [Strip(i, edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def _blank_rows(gray: np.ndarray) -> np.ndarray:
    sample = gray[::STEP, ::STEP]
    width = sample.shape[1]
    # Ignore the outer 3% left and right: scanner shadows and photo borders are not text.
    margin = max(1, width * 3 // 100)
    ink = (sample[:, margin:-margin] < INK_LEVEL).mean(axis=1)
    return ink < BLANK_ROW_INK


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
        words = [
            Word(text=w.text, conf=w.conf, left=w.left, top=w.top + strip.top, width=w.width, height=w.height)
            for w in line.words
        ]
        out.append(
            Line(
                page=line.page,
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
