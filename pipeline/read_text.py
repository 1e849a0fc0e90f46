"""Reading a letter's text by what the file is.

A PDF page with a usable text layer is read with pdfplumber (exact, no OCR); any other
page -- an image-only PDF page rendered at `render_dpi`, a PNG/JPEG/TIFF frame -- is
prepared (photo flattening, lighting, skew) and OCR'd by Tesseract. Pages of one
document are OCR'd in parallel, one single-threaded Tesseract process per core.
"""
from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np

from pipeline import config, imaging, sniff, tesseract
from pipeline.errors import InputRejected
from pipeline.models import DocumentText, PageText, Sniffed

# A page whose darkest pixels are this light has no ink worth reading.
BLANK_INK_THRESHOLD = 160
BLANK_INK_FRACTION = 0.0005


@dataclass
class ReadResult:
    sniffed: Sniffed
    doc: DocumentText
    searchable_pdf: bytes | None = None  # one PDF of all OCR'd pages (Tesseract's own output)


def limits() -> dict:
    return config.load("limits")


def read_document(path: str | os.PathLike, *, want_pdf: bool = False, workers: int | None = None) -> ReadResult:
    """Read every page of one input file; raises InputRejected for anything unreadable.

    `workers` is the number of pages OCR'd at once (default: one per core).
    """
    lim = dict(limits())
    lim["workers"] = workers or max(1, os.cpu_count() or 1)
    sniffed = sniff.sniff(path, lim)
    deadline = time.monotonic() + float(lim["seconds_per_document"])
    if sniffed.kind == "pdf":
        pages, pdfs = _read_pdf(Path(path), lim, deadline, want_pdf)
    else:
        pages, pdfs = _ocr_pages(_image_pages(Path(path), lim), lim, deadline, want_pdf)
    doc = DocumentText(kind=sniffed.kind, pages=pages)
    if not any(p.lines for p in pages):
        raise InputRejected("Berkas tidak berisi teks yang dapat dibaca (halaman kosong).", code="blank")
    merged = _merge_pdfs(pdfs) if want_pdf and pdfs else None
    return ReadResult(sniffed=sniffed, doc=doc, searchable_pdf=merged)


# --- page sources -------------------------------------------------------------------

@dataclass
class RasterPage:
    number: int
    gray: np.ndarray
    dpi: float | None


def _image_pages(path: Path, lim: dict) -> Iterator[RasterPage]:
    """Grayscale frames of a PNG/JPEG/(multi-page) TIFF; dimensions checked before decoding."""
    from PIL import Image, ImageOps

    info = sniff.inspect_image(path, lim)
    try:
        with Image.open(path) as im:
            for index in range(info.frames):
                im.seek(index)
                frame = ImageOps.exif_transpose(im) if index == 0 else im
                gray = np.asarray(frame.convert("L"))
                dpi = _dpi_of(frame)
                yield RasterPage(index + 1, gray, dpi)
    except InputRejected:
        raise
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's ways of saying "broken image"
        raise InputRejected(f"Gambar rusak atau terpotong dan tidak dapat dibaca ({type(exc).__name__}).", code="bad_image") from exc


def _dpi_of(im) -> float | None:
    dpi = im.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    # Many cameras and chat apps write 72 or 96 dpi that means nothing; treat as unknown.
    return value if value and value >= 100 else None


def _read_pdf(path: Path, lim: dict, deadline: float, want_pdf: bool) -> tuple[list[PageText], list[bytes]]:
    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.pdf_text import page_lines

    info = sniff.inspect_pdf(path, lim)
    text_pages: dict[int, PageText] = {}
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages[: info.pages], 1):
                lines = page_lines(page, number)
                if _usable_text_layer(lines, lim):
                    text_pages[number] = PageText(number=number, lines=lines, source="text_layer")
    except InputRejected:
        raise
    except Exception:  # noqa: BLE001 — a broken text layer just means we OCR instead
        text_pages = {}
    need_ocr = [n for n in range(1, info.pages + 1) if n not in text_pages]
    ocr_pages: list[PageText] = []
    pdfs: list[bytes] = []
    if need_ocr:
        scale = float(lim["render_dpi"]) / 72.0

        def rendered() -> Iterator[RasterPage]:
            # pdfium is not thread-safe: pages are rendered here, one after another,
            # while the OCR of earlier pages runs in the pool.
            try:
                doc = pdfium.PdfDocument(str(path))
                for number in need_ocr:
                    bitmap = doc[number - 1].render(scale=scale, grayscale=True)
                    yield RasterPage(number, bitmap.to_numpy().copy(), float(lim["render_dpi"]))
                doc.close()
            except pdfium.PdfiumError as exc:
                raise InputRejected(f"PDF rusak atau terpotong dan tidak dapat dibaca ({exc}).", code="bad_pdf") from exc

        ocr_pages, pdfs = _ocr_pages(rendered(), lim, deadline, want_pdf)
    pages = sorted([*text_pages.values(), *ocr_pages], key=lambda p: p.number)
    return pages, pdfs


def _usable_text_layer(lines, lim: dict) -> bool:
    text = "".join(line.text for line in lines)
    if len(text) < int(lim["min_text_layer_chars"]):
        return False
    # A text layer of mostly non-letters is a broken encoding or an invisible-font
    # trick, not text to trust.
    letters = sum(ch.isalpha() for ch in text)
    return letters / max(len(text), 1) > 0.5


# --- OCR ----------------------------------------------------------------------------

def _ocr_pages(pages: Iterator[RasterPage], lim: dict, deadline: float, want_pdf: bool) -> tuple[list[PageText], list[bytes]]:
    tesseract.require()  # only now: a text-layer PDF needs no OCR at all
    workers = int(lim["workers"])
    results: list[tuple[PageText, bytes | None]] = []
    with tempfile.TemporaryDirectory(prefix="kerjasama-pages-") as tmp, ThreadPoolExecutor(workers) as pool:
        futures: list[Future] = []
        try:
            for page in pages:
                if page.number > int(lim["max_pages"]):
                    raise InputRejected(f"Dokumen lebih dari {lim['max_pages']} halaman.", code="too_many_pages")
                futures.append(pool.submit(_ocr_one, page, Path(tmp), lim, deadline, want_pdf))
            results = [f.result() for f in futures]
        finally:
            for f in futures:
                f.cancel()
    pages_out = [r[0] for r in results]
    pdfs = [r[1] for r in results if r[1]]
    return pages_out, pdfs


def _ocr_one(page: RasterPage, tmp: Path, lim: dict, deadline: float, want_pdf: bool) -> tuple[PageText, bytes | None]:
    started = time.monotonic()
    if _is_blank(page.gray):
        return PageText(number=page.number, lines=[], source="ocr", seconds=time.monotonic() - started), None
    prepared = imaging.prepare(page.gray, page.dpi)
    image_path = tmp / f"page-{page.number:04d}.pgm"
    cv2.imwrite(str(image_path), prepared.image)
    timeout = min(float(lim["seconds_per_page"]), max(1.0, deadline - time.monotonic()))
    result = tesseract.ocr_page(image_path, page=page.number, dpi=prepared.dpi, timeout=timeout, want_pdf=want_pdf)
    rotation = 0
    page_text = PageText(number=page.number, lines=result.lines, source="ocr", rotation=rotation)
    page_text.seconds = time.monotonic() - started
    return page_text, result.pdf


def _is_blank(gray: np.ndarray) -> bool:
    small = gray[::4, ::4]
    ink = np.count_nonzero(small < BLANK_INK_THRESHOLD)
    return ink < BLANK_INK_FRACTION * small.size


def _merge_pdfs(parts: list[bytes]) -> bytes:
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for part in parts:
        src = pdfium.PdfDocument(part)
        out.import_pages(src)
    import io

    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
