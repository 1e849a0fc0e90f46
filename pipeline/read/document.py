"""Reading a letter's text by what the file is.

A PDF page with a usable text layer is read with pdfplumber (exact, no OCR); any other
page -- an image-only PDF page rendered at `render_dpi`, a PNG/JPEG/TIFF frame -- is
handed to ocr.py as a raster page, to be prepared and OCR'd by Tesseract.
"""
from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np
from PIL import Image, ImageOps

from pipeline import sniff
from pipeline.core import settings as config
from pipeline.core.errors import InputRejected
from pipeline.core.models import DocumentText, PageText, Sniffed
from pipeline.read.imaging.colour import to_gray
from pipeline.read.ocr import RasterPage, ocr_pages
from pipeline.read.pdf_text import page_lines


@dataclass
class ReadResult:
    sniffed: Sniffed
    doc: DocumentText
    searchable_pdf: bytes | None = None  # one PDF of all OCR'd pages (Tesseract's own output)
    # The image each OCR'd page was read from, by page number (only when asked: memory).
    images: dict[int, np.ndarray] | None = None


def limits() -> dict:
    return config.load("limits")


def read_document(path: str | os.PathLike, *, want_pdf: bool = False, workers: int | None = None,
                  second_engine: str = "auto", keep_images: bool = False) -> ReadResult:
    """Read every page of one input file; raises InputRejected for anything unreadable.

    `workers` is the number of pages OCR'd at once (default: one per core).
    `second_engine` says when RapidOCR reads an OCR'd page too (read/second.py MODES):
    "auto" (hard pages only) everywhere but in the engine comparison of pipeline/dev.
    `keep_images` keeps the images the OCR read, for a second look at some of their places.
    """
    lim = dict(limits())
    lim["workers"] = workers or max(1, os.cpu_count() or 1)
    lim["second_engine"] = second_engine
    sniffed = sniff.sniff(path, lim)
    deadline = time.monotonic() + float(lim["seconds_per_document"])
    images: dict[int, np.ndarray] | None = {} if keep_images else None
    if sniffed.kind == "pdf":
        pages, pdfs = _read_pdf(Path(path), lim, deadline, want_pdf, images)
    else:
        info = sniff.inspect_image(path, lim)
        pages, pdfs = ocr_pages(_image_pages(Path(path), info), info.frames, lim, deadline, want_pdf, images)
    doc = DocumentText(kind=sniffed.kind, pages=pages)
    if not any(p.lines for p in pages):
        raise InputRejected("Berkas tidak berisi teks yang dapat dibaca (halaman kosong).", code="blank")
    merged = _merge_pdfs(pdfs) if want_pdf and pdfs else None
    return ReadResult(sniffed=sniffed, doc=doc, searchable_pdf=merged, images=images)


# --- page sources -------------------------------------------------------------------


def _grays(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OCR grey with coloured stamp/signature ink faded, and the plain luminance."""
    return to_gray(bgr), cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def _image_pages(path: Path, info) -> Iterator[RasterPage]:
    """Grayscale frames of a PNG/JPEG/(multi-page) TIFF whose header `info` was checked."""
    try:
        with Image.open(path) as im:
            for index in range(info.frames):
                im.seek(index)
                frame = ImageOps.exif_transpose(im) if index == 0 else im
                dpi = info.dpi[0] if info.dpi else None
                if frame.mode in ("1", "L", "I;16", "I", "F"):
                    yield RasterPage(index + 1, np.asarray(frame.convert("L")), dpi)
                else:
                    gray, luma = _grays(np.asarray(frame.convert("RGB"))[:, :, ::-1])  # OpenCV's BGR order
                    yield RasterPage(index + 1, gray, dpi, luma)
    except InputRejected:
        raise
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's ways of saying "broken image"
        raise InputRejected(f"Gambar rusak atau terpotong dan tidak dapat dibaca ({type(exc).__name__}).", code="bad_image") from exc


def _read_pdf(path: Path, lim: dict, deadline: float, want_pdf: bool,
              images: dict[int, np.ndarray] | None) -> tuple[list[PageText], list[bytes]]:
    # Imported here, not at the top: pdfminer and PDFium take a noticeable time to load,
    # and an image letter never needs them.
    import pdfplumber
    import pypdfium2 as pdfium

    info = sniff.inspect_pdf(path, lim)
    text_pages: dict[int, PageText] = {}
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages[: info.pages], 1):
                lines = page_lines(page, number)
                if _usable_text_layer(lines, page, lim):
                    text_pages[number] = PageText(number=number, lines=lines, source="text_layer",
                                                  width=float(page.width), height=float(page.height))
    except InputRejected:
        raise
    except Exception:  # noqa: BLE001 — a broken text layer just means we OCR instead
        text_pages = {}
    need_ocr = [n for n in range(1, info.pages + 1) if n not in text_pages]
    ocr_read: list[PageText] = []
    pdfs: list[bytes] = []
    if need_ocr:
        scale = float(lim["render_dpi"]) / 72.0

        def rendered() -> Iterator[RasterPage]:
            # pdfium is not thread-safe: pages are rendered here, one after another,
            # while the OCR of earlier pages runs in the pool.
            try:
                doc = pdfium.PdfDocument(str(path))
                for number in need_ocr:
                    # Rendered in colour so that coloured stamps can be faded (see _grays).
                    bitmap = doc[number - 1].render(scale=scale, rev_byteorder=False)
                    gray, luma = _grays(np.ascontiguousarray(bitmap.to_numpy()[:, :, :3]))
                    yield RasterPage(number, gray, float(lim["render_dpi"]), luma)
                doc.close()
            except pdfium.PdfiumError as exc:
                raise InputRejected(f"PDF rusak atau terpotong dan tidak dapat dibaca ({exc}).", code="bad_pdf") from exc

        ocr_read, pdfs = ocr_pages(rendered(), len(need_ocr), lim, deadline, want_pdf, images)
    pages = sorted([*text_pages.values(), *ocr_read], key=lambda p: p.number)
    return pages, pdfs


def _usable_text_layer(lines, page, lim: dict) -> bool:
    text = "".join(line.text for line in lines)
    # A text layer of mostly non-letters is a broken encoding or an invisible-font
    # trick, not text to trust.
    if sum(ch.isalpha() for ch in text) / max(len(text), 1) <= 0.5:
        return False
    if len(text) >= int(lim["min_text_layer_chars"]):
        return True
    # A short page -- the signature and Tembusan of a letter that ran over -- is taken as
    # it is when nothing else drawn on it could carry text: OCR would only misread it. A
    # scan with a few words of text (a scanner's footer) has its picture, and is OCR'd.
    return (len(text) >= int(lim["min_short_page_chars"]) and not page.images
            and len(page.curves) <= int(lim["max_short_page_curves"]))


def _merge_pdfs(parts: list[bytes]) -> bytes:
    import pypdfium2 as pdfium  # only when a searchable PDF was asked for (see _read_pdf)

    out = pdfium.PdfDocument.new()
    for part in parts:
        src = pdfium.PdfDocument(part)
        out.import_pages(src)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
