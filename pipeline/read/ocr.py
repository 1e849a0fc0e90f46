"""OCR of a document's raster pages: prepared, cut into strips, read in parallel.

Each page is prepared (photo flattening, lighting, skew; see imaging/), cut into strips
(see strips.py) that are OCR'd by one single-threaded Tesseract process per core, and
put back together. A page that reads badly gets one orientation check (OSD) and is read
again turned, keeping whichever reading is better. A page Tesseract still reads badly is
read again by a second engine (RapidOCR) and the two readings reconciled (see second.py).
"""
from __future__ import annotations

import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np

from pipeline.core.crash import crash_point
from pipeline.core.errors import InputRejected
from pipeline.core.models import Line, PageText
from pipeline.read import lost_lines, readers, second, strips, unread_ink
from pipeline.read import imaging
from pipeline.read.imaging.orientation import for_orientation_check, rotate
from pipeline.tools import rapidocr, tesseract

# A page whose darkest pixels are this light has no ink worth reading.
BLANK_INK_THRESHOLD = 160
BLANK_INK_FRACTION = 0.0005
# A page read worse than this is checked for being upside down or sideways.
SUSPECT_MEAN_CONF = 55.0
SUSPECT_MIN_WORDS = 15  # below this many words, judge by confidence alone
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's own scale; below it OSD is guessing


@dataclass
class RasterPage:
    number: int
    gray: np.ndarray  # for OCR: coloured ink faded (see imaging.colour)
    dpi: float | None
    luma: np.ndarray | None = None  # plain brightness of a colour page: where a photo's sheet is found


@dataclass
class PageJob:
    page: RasterPage
    image: np.ndarray
    dpi: int
    rotation: int
    osd_done: bool
    started: float


def ocr_pages(pages: Iterator[RasterPage], page_count: int, lim: dict, deadline: float, want_pdf: bool,
              images: dict[int, np.ndarray] | None = None) -> tuple[list[PageText], list[bytes]]:
    """PageText of every page (blank ones with no lines), and Tesseract's PDF of each
    page read when `want_pdf`. `lim` holds the limits plus "workers" (and optionally
    "second_engine", one of second.MODES; default "auto"). `images`, when given, receives
    the image each page was read from (prepared and turned upright), by page number."""
    tesseract.require()  # only now: a text-layer PDF needs no OCR at all
    workers = int(lim["workers"])
    # A short document is prepared whole first so its pages can be cut into strips of
    # even size (see strips.balance); a long one keeps every core busy page by page,
    # and its pages are OCR'd while later ones are still being decoded.
    short = workers > 1 and page_count <= 2 * workers
    out: list[tuple[PageText, bytes | None]] = []
    with tempfile.TemporaryDirectory(prefix="kerjasama-pages-") as tmp, ThreadPoolExecutor(workers) as pool:
        ocr = PageOcr(pool, Path(tmp), lim, deadline, want_pdf)
        ocr.images = images
        crash_point("during_ocr")  # the tests hang a reading here, its temporary folder made
        submitted: list[tuple[PageJob, list]] = []
        blanks: list[PageText] = []
        try:
            jobs = []
            for page in pages:
                if page.number > int(lim["max_pages"]):
                    raise InputRejected(f"Dokumen lebih dari {lim['max_pages']} halaman.", code="too_many_pages")
                if is_blank(page.gray):
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


class PageOcr:
    """OCR of prepared pages, each cut into strips that run in the pool."""

    def __init__(self, pool: ThreadPoolExecutor, tmp: Path, lim: dict, deadline: float, want_pdf: bool):
        self.pool, self.tmp, self.lim, self.deadline, self.want_pdf = pool, tmp, lim, deadline, want_pdf
        self.mode: second.Mode = lim.get("second_engine", "auto")
        self.second_cfg = second.engine_settings()
        self.images: dict[int, np.ndarray] | None = None

    def prepare(self, page: RasterPage) -> PageJob:
        started = time.monotonic()
        prepared = imaging.prepare(page.gray, page.dpi, luma=page.luma)
        job = PageJob(page, prepared.image, prepared.dpi, prepared.rotation, False, started)
        if prepared.rotation:
            # The text ran vertically: turned a quarter, the page is now upright or
            # upside down, and only OSD can tell which.
            self._apply_osd(job)
        return job

    def submit(self, job: PageJob, count: int) -> list[tuple[strips.Strip, Future]]:
        if self.mode == "only":
            return []  # RapidOCR alone (pipeline/dev/engines.py): see finish()
        plan = strips.plan(job.image, count)
        futures = []
        for strip in plan:
            path = self.tmp / f"page-{job.page.number:04d}-r{job.rotation}-s{strip.index}.pgm"
            cv2.imwrite(str(path), job.image[strip.top : strip.bottom])
            futures.append((strip, self.pool.submit(self._ocr_file, path, job)))
        return futures

    def _ocr_file(self, path: Path, job: PageJob) -> tesseract.OcrResult:
        timeout = min(float(self.lim["seconds_per_page"]), max(1.0, self.deadline - time.monotonic()))
        return tesseract.ocr_page(path, page=job.page.number, dpi=job.dpi, timeout=timeout, want_pdf=self.want_pdf)

    def collect(self, job: PageJob, futures) -> tuple[list[Line], bytes | None]:
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

    def finish(self, job: PageJob, futures) -> tuple[PageText, bytes | None]:
        lines, pdf = self.collect(job, futures)
        if self.mode != "only" and looks_misread(lines) and not job.osd_done:
            # Upright pages never pay for OSD; a page that read badly gets one more look.
            before = job.rotation
            self._apply_osd(job)
            if job.rotation != before:
                turned_lines, turned_pdf = self.collect(job, self.submit(job, len(futures)))
                if quality(turned_lines) > quality(lines):
                    lines, pdf = turned_lines, turned_pdf
                else:
                    job.rotation = before
        if self.mode != "only":
            timeout = max(1.0, min(unread_ink.TIMEOUT, self.deadline - time.monotonic()))
            lines = lost_lines.fill(lines, job.image, self.pool, self.tmp, job.page.number, timeout=timeout,
                                    workers=readers.processes())
        if second.wanted(self.mode, lines, self.second_cfg) and rapidocr.available():
            # Clean pages never get here (see hardness.py): they pay nothing for it.
            trusted = second.trusted_lines(lines, self.second_cfg) if self.mode != "only" else []
            count = second.page_cut(self.second_cfg, int(self.lim["workers"]))
            # Cut for `count` processes always (the same strips, the same reading), but read by
            # fewer while other letters keep the cores busy (readers.py).
            reading = second.SecondReading(self.pool, self.tmp, job.image, job.page.number, count,
                                           self.deadline, self.second_cfg, trusted,
                                           processes=min(count, readers.processes()))
            lines = second.combine(self.mode, lines, reading)
        page = PageText(number=job.page.number, lines=lines, source="ocr", rotation=job.rotation % 360,
                        width=float(job.image.shape[1]), height=float(job.image.shape[0]))
        page.seconds = time.monotonic() - job.started
        if self.images is not None:
            self.images[job.page.number] = job.image
        return page, pdf

    def _apply_osd(self, job: PageJob) -> None:
        job.osd_done = True
        path = self.tmp / f"osd-{job.page.number:04d}.pgm"
        cv2.imwrite(str(path), for_orientation_check(job.image, job.dpi))
        turn, confidence = tesseract.detect_orientation(path, timeout=float(self.lim["seconds_per_page"]))
        if turn and confidence >= OSD_MIN_CONFIDENCE:
            job.image = rotate(job.image, turn)
            job.rotation = (job.rotation + turn) % 360


def quality(lines: list[Line]) -> float:
    """How much confident text a reading holds: the confidence of its real words, summed."""
    confs = [w.conf for line in lines for w in line.words if sum(ch.isalpha() for ch in w.text) >= 3]
    return sum(confs) / 100.0


def looks_misread(lines: list[Line]) -> bool:
    """Upside-down or sideways text reads as many low-confidence fragments; a short page
    (a letter's second page with only the signature) reads as few confident words."""
    confs = [w.conf for line in lines for w in line.words if sum(ch.isalpha() for ch in w.text) >= 3]
    if len(confs) < SUSPECT_MIN_WORDS:
        return not confs or sum(confs) / len(confs) < SUSPECT_MEAN_CONF
    return sum(confs) / len(confs) < SUSPECT_MEAN_CONF


def is_blank(gray: np.ndarray) -> bool:
    small = gray[::4, ::4]
    ink = np.count_nonzero(small < BLANK_INK_THRESHOLD)
    return ink < BLANK_INK_FRACTION * small.size
