"""Small crops of a page read again, in few Tesseract runs.

The second look reads a handful of small places per page (unread ink, overprints). Every run
of Tesseract first starts and loads its models, about a fifth of a second: as long as reading
a crop takes. So the crops are read a few to a run (`tesseract.ocr_images`), spread over the
cores only when there are enough of them to share out.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path

import cv2
import numpy as np

from pipeline.core.errors import InputRejected, KerjasamaError
from pipeline.core.models import Line
from pipeline.read import shares
from pipeline.tools import tesseract

MIN_PER_RUN = 3  # fewer crops than this per run: one run reads them all (cheaper than two starts)


def read(pool: Executor, crops: Sequence[tuple[Path, np.ndarray]], *, page: int, timeout: float,
         workers: int = 1) -> list[list[Line] | None]:
    """Each crop's lines (`--psm 6`, one block of text), in crop order; None for a crop that
    could not be read (a time limit, a Tesseract failure): the page stays as it was there."""
    for path, image in crops:
        cv2.imwrite(str(path), image)
    runs = max(1, min(workers, math.ceil(len(crops) / MIN_PER_RUN)))
    groups = shares.share_out(crops, runs, weight=lambda crop: crop[1].size)  # by pixels
    futures = [pool.submit(read_files, [crops[i][0] for i in g], page, timeout) for g in groups]
    out: list[list[Line] | None] = [None] * len(crops)
    for group, future in zip(groups, futures):
        for i, lines in zip(group, future.result()):
            out[i] = lines
    return out


def read_files(paths: list[Path], page: int, timeout: float) -> list[list[Line] | None]:
    """Image files read in one run, or one by one when the run failed on one of them."""
    try:
        return list(tesseract.ocr_images(paths, page=page, psm=6, timeout=timeout))
    except InputRejected as exc:
        if exc.code == "ocr_timeout" or len(paths) == 1:
            return [None] * len(paths)  # no more time: the others are not tried one by one
    except KerjasamaError:
        return [None] * len(paths)
    # One crop Tesseract fails on fails its whole run: each is read alone, so only it is lost.
    out: list[list[Line] | None] = []
    for path in paths:
        try:
            out.append(tesseract.ocr_images([path], page=page, psm=6, timeout=timeout)[0])
        except KerjasamaError:
            out.append(None)
    return out
