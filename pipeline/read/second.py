"""The second OCR engine's reading of a hard page, spread over the cores, then reconciled.

Only a page Tesseract read badly (hardness.py, thresholds in config/ocr.yaml) is read
again. The prepared page is cut into strips in blank bands, as for Tesseract (strips.py),
and each strip is read by its own single-threaded RapidOCR process in the reader's pool.
A second reading that fails or runs out of time is dropped: Tesseract's reading stands.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from concurrent.futures import Executor, Future
from dataclasses import replace
from pathlib import Path
from typing import Literal

import cv2
import numpy as np

from pipeline.core import settings as config
from pipeline.core.models import Line
from pipeline.core.settings.ocr import SecondEngineSection
from pipeline.read import hardness, rapid_lines, reconcile, shares, strips
from pipeline.tools import rapidocr

log = logging.getLogger(__name__)

# "auto": only on hard pages; "never": Tesseract alone; "always": every OCR'd page;
# "only": RapidOCR alone (no Tesseract). The last two are for pipeline/dev/engines.py.
Mode = Literal["auto", "never", "always", "only"]
MODES: tuple[str, ...] = ("auto", "never", "always", "only")


def engine_settings() -> SecondEngineSection:
    return config.settings("ocr").second_engine


def wanted(mode: Mode, lines: list[Line], cfg: SecondEngineSection) -> bool:
    """Whether this page gets a second reading (the engine being installed aside)."""
    if mode == "never" or (mode == "auto" and not cfg.enabled):
        return False
    return mode in ("always", "only") or hardness.is_hard(lines, cfg)


class SecondReading:
    """RapidOCR's strips of one page, submitted to the pool; `rapid_lines()` waits for them."""

    def __init__(self, pool: Executor, tmp: Path, image: np.ndarray, page: int, count: int, deadline: float,
                 cfg: SecondEngineSection, trusted: Sequence[Line] = (),
                 bands: Sequence[tuple[int, int]] | None = None, processes: int | None = None):
        self.page, self.cfg, self.deadline = page, cfg, deadline
        self.height, self.width = image.shape[:2]
        self.futures: list[tuple[list[strips.Strip], Future]] = []
        boxes = [_box(line) for line in trusted]
        # `bands` (rows from, to): only those parts of the page are read (a second look at
        # the places of doubtful fields); otherwise the whole page, cut as for Tesseract into
        # `count` strips. `processes` (default `count`) read them: fewer when the machine is
        # busy with other letters; each strip is read the same in whichever process.
        plan = ([strips.Strip(i, top, bottom) for i, (top, bottom) in enumerate(bands)] if bands is not None
                else strips.plan(image, count))
        jobs = {}
        for strip in plan:
            path = tmp / f"rapid-{page:04d}-s{strip.index}.png"
            cv2.imwrite(str(path), image[strip.top : strip.bottom])
            skip = tuple((x, y - strip.top, w, h) for x, y, w, h in boxes if strip.top <= y + h / 2 < strip.bottom)
            jobs[strip.index] = rapidocr.ImageJob(path, self._side(strip), skip)
        for group in _runs(plan, processes or count, bands is not None):
            self.futures.append((group, pool.submit(self._read, [jobs[strip.index] for strip in group])))

    def _side(self, strip: strips.Strip) -> int:
        # The detector's scale is the page's, not the strip's: every strip gets the same
        # pixels per text line whatever its height.
        long_side = max(strip.bottom - strip.top, self.width)
        return max(64, round(self.cfg.detect_long_side * long_side / max(self.height, self.width)))

    def _read(self, jobs: list[rapidocr.ImageJob]) -> list[list[rapidocr.RapidLine]]:
        timeout = min(self.cfg.seconds_per_page, max(1.0, self.deadline - time.monotonic()))
        return rapidocr.read_images(jobs, timeout=timeout)

    def rapid_lines(self) -> list[rapidocr.RapidLine] | None:
        """Every strip's lines on the whole page; None when any strip failed."""
        out: list[rapidocr.RapidLine] = []
        try:
            for group, future in self.futures:
                for strip, lines in zip(group, future.result()):
                    out.extend(_shifted(line, strip.top) for line in lines)
        except rapidocr.SecondReadingFailed as exc:
            log.warning("page %d: second OCR reading dropped: %s", self.page, exc.message)
            return None
        return out


def page_cut(cfg: SecondEngineSection, workers: int) -> int:
    """The strips a whole page is cut into for the second engine: one per worker, at most
    `max_processes`. Never fewer when the machine is busy: the cut decides what is read."""
    return min(workers, cfg.max_processes or workers)


BANDS_PER_RUN = 2  # a band takes about as long to read as RapidOCR takes to start


def _runs(plan: list[strips.Strip], count: int, bands: bool) -> list[list[strips.Strip]]:
    """The strips read by each RapidOCR process. A whole page's strips are one per process
    (several to a process when fewer are given); the few bands of a second look go a couple
    to a process, each process given about as many rows as the others, so that starting the
    engine is not most of the work."""
    if not bands and count >= len(plan):
        return [[strip] for strip in plan]
    runs = min(count, len(plan)) if not bands else max(1, min(count, math.ceil(len(plan) / BANDS_PER_RUN)))
    return [[plan[i] for i in group] for group in shares.share_out(plan, runs, weight=lambda s: s.bottom - s.top)]


def trusted_lines(lines: list[Line], cfg: SecondEngineSection) -> list[Line]:
    """Lines Tesseract read surely (every word at or above `trust_line_conf`): RapidOCR
    need not recognise them again. The voting would keep Tesseract's words there anyway."""
    return [line for line in lines if line.words and line.min_conf >= cfg.trust_line_conf]


def _box(line: Line) -> tuple[float, float, float, float]:
    left, top, right, bottom = line.box
    # A little margin: RapidOCR's line box is not Tesseract's.
    pad = 0.25 * (bottom - top)
    return left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad


def _shifted(line: rapidocr.RapidLine, dy: float) -> rapidocr.RapidLine:
    words = tuple(replace(w, top=w.top + dy) for w in line.words)
    return replace(line, top=line.top + dy, words=words)


def combine(mode: Mode, tesseract: list[Line], reading: SecondReading) -> list[Line]:
    """The page's lines: reconciled, RapidOCR's alone ("only"), or Tesseract's if it failed."""
    rapid = reading.rapid_lines()
    if rapid is None:
        return tesseract
    size = {"page": reading.page, "width": reading.width, "height": reading.height}
    if mode == "only":
        return rapid_lines.rapid_only(rapid, **size)
    return reconcile.merge(tesseract, rapid, margin=reading.cfg.rapidocr_margin, low_conf=reading.cfg.low_word_conf, **size)
