"""The second look's readings: only the places of the doubtful fields are read again.

A scanned letter whose fields came out doubtful (see second_look.py) is not read again
from the start. The images its pages were read from are kept, and only the pages that hold
a doubtful field are read again: on them, only the bands of rows around the field's lines,
or the whole page when a field was not found at all (it may be anywhere on it). Two
readings, each its own step: `read_unread`, Tesseract through the lighter stamps on them
(overprint.py) and on the ink it left unread there (unread_ink.py), cheap; `read_again`, RapidOCR, whose reading is voted into
Tesseract's lines (reconcile.py) as on a hard page. Nothing is rendered, prepared or read by
Tesseract twice: that was most of the cost.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np

from pipeline.core.models import DocumentText, Line, PageText
from pipeline.read import overprint, second, unread_ink

Band = tuple[int, int]
Images = dict[int, np.ndarray]  # by page number: the image each page was read from
# The band around a doubtful value: this many of the page's line heights above and below
# (a value's label or its second half may be on the line next to it).
BAND_LINES = 1.5
# Bands covering more of a page than this are read as the whole page (cheaper to cut once).
WHOLE_PAGE_SHARE = 0.6
SECOND_ENGINES = ("both", "rapidocr")


def read_by_both(page: PageText) -> bool:
    """Whether the second engine has read this page already (it was hard)."""
    return any(line.engine in SECOND_ENGINES for line in page.lines)


def plan(doc: DocumentText, places: dict[str, list[dict]]) -> dict[int, list[Band] | None]:
    """Per page to read again: the bands of rows to read, or None for the whole page.

    `places` holds, per doubtful field, its places (`bukti` "tempat", or near it: a wider
    band "baris_sekitar"); an empty list means it may be anywhere: every scanned page is read whole."""
    pages = {p.number: p for p in doc.pages if p.source == "ocr" and p.lines and not read_by_both(p)}
    out: dict[int, list[Band] | None] = {}
    if any(not where for where in places.values()):
        out = {number: None for number in pages}
    for where in places.values():
        for place in where:
            page = pages.get(place.get("halaman"))
            if page is None or out.get(page.number, []) is None or place.get("satuan") != "px":
                continue
            out.setdefault(page.number, []).append(_band(page, place["kotak"], place.get("baris_sekitar", BAND_LINES)))
    return {number: _merged(page_bands, pages[number]) if page_bands is not None else None
            for number, page_bands in out.items()}


def read_unread(doc: DocumentText, images: Images, todo: dict[int, list[Band] | None], *,
                workers: int, deadline: float) -> tuple[DocumentText, Images]:
    """The document with the planned places read through their stamps (overprint.py) and their
    ink Tesseract left unread read (unread_ink.py), and the page images without the stamps'
    lighter ink where the dark ink gave words."""
    pages, images = list(doc.pages), dict(images)
    with tempfile.TemporaryDirectory(prefix="kerjasama-unread-") as tmp, ThreadPoolExecutor(workers) as pool:
        for index, page in enumerate(pages):
            if page.number not in todo or page.number not in images:
                continue
            started = time.monotonic()
            timeout = max(1.0, min(unread_ink.TIMEOUT, deadline - started))
            lines, images[page.number] = overprint.fill(page.lines, images[page.number], pool, Path(tmp),
                                                        page.number, todo[page.number], timeout, workers)
            lines, images[page.number] = unread_ink.fill(lines, images[page.number], pool, Path(tmp),
                                                         page.number, todo[page.number], timeout, workers)
            pages[index] = replace(page, lines=lines, seconds=page.seconds + time.monotonic() - started)
    return replace(doc, pages=pages), images


def read_again(doc: DocumentText, images: Images, todo: dict[int, list[Band] | None], *,
               workers: int, deadline: float) -> tuple[DocumentText, Images]:
    """The document with the planned pages' lines reconciled with the second engine's reading."""
    cfg = second.engine_settings()
    cut = second.page_cut(cfg, max(1, os.cpu_count() or 1))  # the same however busy the machine
    count = min(workers, cut)
    pages = list(doc.pages)
    with tempfile.TemporaryDirectory(prefix="kerjasama-again-") as tmp, ThreadPoolExecutor(count) as pool:
        readings = {}
        for page in pages:
            if page.number not in todo or page.number not in images:
                continue
            bands = todo[page.number]
            # Whole page: the lines Tesseract read surely are not recognised again. In a band
            # every line is: a doubtful value may sit on a line read with confidence.
            trusted = second.trusted_lines(page.lines, cfg) if bands is None else []
            readings[page.number] = second.SecondReading(pool, Path(tmp), images[page.number], page.number, cut,
                                                         deadline, cfg, trusted, bands, processes=count)
        for index, page in enumerate(pages):
            if page.number in readings:
                started = time.monotonic()
                lines = second.combine("auto", page.lines, readings[page.number])
                pages[index] = replace(page, lines=lines, seconds=page.seconds + time.monotonic() - started)
    return replace(doc, pages=pages), images


def _band(page: PageText, box: list[float], lines: float) -> Band:
    line_height = _line_height(page)
    top = box[1] - lines * line_height
    bottom = box[3] + lines * line_height
    # Never cut through a text line: widen the band to the whole lines it touches.
    for line in page.lines:
        l_top, l_bottom = _rows(line)
        if l_bottom > top and l_top < bottom:
            top, bottom = min(top, l_top), max(bottom, l_bottom)
    pad = 0.3 * line_height
    return max(0, int(top - pad)), min(int(page.height) or 10**9, int(bottom + pad) + 1)


def _merged(bands: list[Band], page: PageText) -> list[Band] | None:
    out: list[list[int]] = []
    for top, bottom in sorted(bands):
        if out and top <= out[-1][1]:
            out[-1][1] = max(out[-1][1], bottom)
        else:
            out.append([top, bottom])
    if page.height and sum(b - t for t, b in out) > WHOLE_PAGE_SHARE * page.height:
        return None
    return [(t, b) for t, b in out]


def _rows(line: Line) -> tuple[float, float]:
    _, top, _, bottom = line.box
    return top, bottom


def _line_height(page: PageText) -> float:
    heights = [b - t for t, b in (_rows(line) for line in page.lines if line.words)]
    return statistics.median(heights) if heights else 40.0
