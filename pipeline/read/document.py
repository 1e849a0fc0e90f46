"""Reading a letter's text by what the file is.

A PDF page with a usable text layer is read with pdfplumber (exact, no OCR); any other
page -- an image-only PDF page rendered at `render_dpi`, a PNG/JPEG/TIFF frame -- is
prepared (photo flattening, lighting, skew) and OCR'd by Tesseract. The pages of one
document are cut into strips (see strips.py) that are OCR'd in parallel, one
single-threaded Tesseract process per core, and put back together.
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

from pipeline import sniff

from pipeline.core import settings as config

from pipeline.read import imaging

from pipeline.read import strips

from pipeline.tools import tesseract
from pipeline.core.errors import InputRejected
from pipeline.core.models import DocumentText, Line, PageText, Sniffed

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
        info = sniff.inspect_image(path, lim)
        pages, pdfs = _ocr_pages(_image_pages(Path(path), info), info.frames, lim, deadline, want_pdf)
    doc = DocumentText(kind=sniffed.kind, pages=pages)
    if not any(p.lines for p in pages):
        raise InputRejected("Berkas tidak berisi teks yang dapat dibaca (halaman kosong).", code="blank")
    merged = _merge_pdfs(pdfs) if want_pdf and pdfs else None
    return ReadResult(sniffed=sniffed, doc=doc, searchable_pdf=merged)


# --- page sources -------------------------------------------------------------------

@dataclass
class RasterPage:
    number: int
    gray: np.ndarray  # for OCR: coloured ink faded (see _grays)
    dpi: float | None
    luma: np.ndarray | None = None  # plain brightness of a colour page: where a photo's sheet is found


def _grays(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OCR grey with coloured stamp/signature ink faded, and the plain luminance."""
    return imaging.to_gray(bgr), cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def _image_pages(path: Path, info) -> Iterator[RasterPage]:
    """Grayscale frames of a PNG/JPEG/(multi-page) TIFF whose header `info` was checked."""
    from PIL import Image, ImageOps

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


def _read_pdf(path: Path, lim: dict, deadline: float, want_pdf: bool) -> tuple[list[PageText], list[bytes]]:
    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.read.pdf_text import page_lines

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
                    # Rendered in colour so that coloured stamps can be faded (see _grays).
                    bitmap = doc[number - 1].render(scale=scale, rev_byteorder=False)
                    gray, luma = _grays(np.ascontiguousarray(bitmap.to_numpy()[:, :, :3]))
                    yield RasterPage(number, gray, float(lim["render_dpi"]), luma)
                doc.close()
            except pdfium.PdfiumError as exc:
                raise InputRejected(f"PDF rusak atau terpotong dan tidak dapat dibaca ({exc}).", code="bad_pdf") from exc

        ocr_pages, pdfs = _ocr_pages(rendered(), len(need_ocr), lim, deadline, want_pdf)
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

# A page read worse than this is checked for being upside down or sideways.
SUSPECT_MEAN_CONF = 55.0
SUSPECT_MIN_WORDS = 15  # below this many words, judge by confidence alone
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's own scale; below it OSD is guessing


@dataclass
class _PageJob:
    page: RasterPage
    image: np.ndarray
    dpi: int
    rotation: int
    osd_done: bool
    started: float


def _ocr_pages(pages: Iterator[RasterPage], page_count: int, lim: dict, deadline: float, want_pdf: bool) -> tuple[list[PageText], list[bytes]]:
    tesseract.require()  # only now: a text-layer PDF needs no OCR at all
    workers = int(lim["workers"])
    # A short document is prepared whole first so its pages can be cut into strips of
    # even size (see strips.balance); a long one keeps every core busy page by page,
    # and its pages are OCR'd while later ones are still being decoded.
    short = workers > 1 and page_count <= 2 * workers
    out: list[tuple[PageText, bytes | None]] = []
    with tempfile.TemporaryDirectory(prefix="kerjasama-pages-") as tmp, ThreadPoolExecutor(workers) as pool:
        ocr = _Ocr(pool, Path(tmp), lim, deadline, want_pdf)
        submitted: list[tuple[_PageJob, list]] = []
        blanks: list[PageText] = []
        try:
            jobs = []
            for page in pages:
                if page.number > int(lim["max_pages"]):
                    raise InputRejected(f"Dokumen lebih dari {lim['max_pages']} halaman.", code="too_many_pages")
                if _is_blank(page.gray):
                    blanks.append(PageText(number=page.number, lines=[], source="ocr"))
                    continue
                job = ocr.prepare(page)
                if short:
                    jobs.append(job)
                else:
                    submitted.append((job, ocr.submit(job, 1)))
            if jobs:
                counts = strips.balance([strips.work(j.image) for j in jobs], workers)
                # Biggest page first, so the small strips fill the gaps at the end.
                for job, count in sorted(zip(jobs, counts), key=lambda jc: -jc[1]):
                    submitted.append((job, ocr.submit(job, count)))
            for job, futures in sorted(submitted, key=lambda jf: jf[0].page.number):
                out.append(ocr.finish(job, futures))
        finally:
            # On a refusal or error, strips not yet started are dropped, not run.
            for _, futures in submitted:
                for _, f in futures:
                    f.cancel()
    pages_out = sorted([*(p for p, _ in out), *blanks], key=lambda p: p.number)
    pdfs = [pdf for _, pdf in sorted(out, key=lambda r: r[0].number) if pdf]
    return pages_out, pdfs


class _Ocr:
    """OCR of prepared pages, each cut into strips that run in the pool."""

    def __init__(self, pool: ThreadPoolExecutor, tmp: Path, lim: dict, deadline: float, want_pdf: bool):
        self.pool, self.tmp, self.lim, self.deadline, self.want_pdf = pool, tmp, lim, deadline, want_pdf

    def prepare(self, page: RasterPage) -> _PageJob:
        started = time.monotonic()
        prepared = imaging.prepare(page.gray, page.dpi, luma=page.luma)
        job = _PageJob(page, prepared.image, prepared.dpi, prepared.rotation, False, started)
        if prepared.rotation:
            # The text ran vertically: turned a quarter, the page is now upright or
            # upside down, and only OSD can tell which.
            self._apply_osd(job)
        return job

    def submit(self, job: _PageJob, count: int) -> list[tuple[strips.Strip, Future]]:
        plan = strips.plan(job.image, count)
        futures = []
        for strip in plan:
            path = self.tmp / f"page-{job.page.number:04d}-r{job.rotation}-s{strip.index}.pgm"
            cv2.imwrite(str(path), job.image[strip.top : strip.bottom])
            futures.append((strip, self.pool.submit(self._ocr_file, path, job)))
        return futures

    def _ocr_file(self, path: Path, job: _PageJob) -> tesseract.OcrResult:
        timeout = min(float(self.lim["seconds_per_page"]), max(1.0, self.deadline - time.monotonic()))
        return tesseract.ocr_page(path, page=job.page.number, dpi=job.dpi, timeout=timeout, want_pdf=self.want_pdf)

    def collect(self, job: _PageJob, futures) -> tuple[list[Line], bytes | None]:
        height, width = job.image.shape
        lines: list[Line] = []
        pdf_parts = []
        for strip, future in futures:
            result = future.result()
            lines += strips.shift_lines(result.lines, strip, height, width)
            if result.pdf:
                pdf_parts.append(result.pdf)
        pdf = None
        if self.want_pdf and pdf_parts:
            pdf = pdf_parts[0] if len(pdf_parts) == 1 else strips.stack_pdfs(pdf_parts)
        return lines, pdf

    def finish(self, job: _PageJob, futures) -> tuple[PageText, bytes | None]:
        lines, pdf = self.collect(job, futures)
        if _looks_misread(lines) and not job.osd_done:
            # Upright pages never pay for OSD; a page that read badly gets one more look.
            before = job.rotation
            self._apply_osd(job)
            if job.rotation != before:
                turned_lines, turned_pdf = self.collect(job, self.submit(job, len(futures)))
                if _quality(turned_lines) > _quality(lines):
                    lines, pdf = turned_lines, turned_pdf
                else:
                    job.rotation = before
        page = PageText(number=job.page.number, lines=lines, source="ocr", rotation=job.rotation % 360)
        page.seconds = time.monotonic() - job.started
        return page, pdf

    def _apply_osd(self, job: _PageJob) -> None:
        job.osd_done = True
        path = self.tmp / f"osd-{job.page.number:04d}.pgm"
        cv2.imwrite(str(path), imaging.for_orientation_check(job.image, job.dpi))
        turn, confidence = tesseract.detect_orientation(path, timeout=float(self.lim["seconds_per_page"]))
        if turn and confidence >= OSD_MIN_CONFIDENCE:
            job.image = imaging.rotate(job.image, turn)
            job.rotation = (job.rotation + turn) % 360


def _quality(lines: list[Line]) -> float:
    confs = [w.conf for line in lines for w in line.words if sum(ch.isalpha() for ch in w.text) >= 3]
    return sum(confs) / 100.0


def _looks_misread(lines: list[Line]) -> bool:
    """Upside-down or sideways text reads as many low-confidence fragments; a short page
    (a letter's second page with only the signature) reads as few confident words."""
    confs = [w.conf for line in lines for w in line.words if sum(ch.isalpha() for ch in w.text) >= 3]
    if len(confs) < SUSPECT_MIN_WORDS:
        return not confs or sum(confs) / len(confs) < SUSPECT_MEAN_CONF
    return sum(confs) / len(confs) < SUSPECT_MEAN_CONF


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
