"""Text lines Tesseract's page layout dropped whole, found and read on the first reading.

Where a company stamp crosses a paragraph, Tesseract's layout analysis may take the lines it
touches for part of a picture and read none of them: not only the words under the stamp but
the whole lines ("... terverifikasi oleh Dewan Pers", the editor-in-chief's name). The letter
then seems not to say what it says, and nothing is flagged. Such lines are found from the
page: a band of ink about as wide as the text, at least a line high and dense like print (a
rule or a table's frame is not), with no word read on it. Only those bands are read again,
as the second look reads unread ink (unread_ink.fill); a clean page has none and pays one
pass over its pixels, a few milliseconds.
"""
from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path
from typing import Sequence

import cv2
import numpy as np

from pipeline.core.models import Line
from pipeline.read import unread_ink
from pipeline.read.unread_ink import Place

WIDTH_SHARE = 0.5  # a lost line runs over half the text's width at least (a stamp or a signature does not)
MIN_HEIGHT_LINES = 1.0  # ... and is a line high at least, with the places' dilation
RULE_LINES = 3.0  # a straight stroke this many line heights long is a rule or a table's border
# Print fills this much of its place at least (sampled, rules taken out): what is left of a
# table's broken borders, a stamp's ring or a signature's strokes fills less.
MIN_DENSITY = 0.10
CANDIDATES = 12  # unread places looked at per page ...
MAX_READ = 4  # ... and read at most


def places(gray: np.ndarray, lines: Sequence[Line]) -> list[Place]:
    """Places as wide as text lines, with ink and no word read on them."""
    words = [w for line in lines for w in line.words]
    if not words:
        return []
    text_width = max(w.left + w.width for w in words) - min(w.left for w in words)
    lh = unread_ink.line_height(lines)
    mask = unread_ink.unread_mask(gray, lines)
    mask[rules(mask, lh) > 0] = 0
    step = unread_ink.STEP
    wide = [p for p in unread_ink.components(mask, lh, CANDIDATES)
            if p.right - p.left >= WIDTH_SHARE * text_width and p.bottom - p.top >= MIN_HEIGHT_LINES * lh
            and mask[p.top // step:p.bottom // step, p.left // step:p.right // step].mean() >= MIN_DENSITY]
    return wide[:MAX_READ]


def rules(mask: np.ndarray, lh: float) -> np.ndarray:
    """The rules and borders of a mask: long straight strokes, and the pixels along them."""
    long = max(3, int(RULE_LINES * lh / unread_ink.STEP))
    found = np.zeros_like(mask)
    for size in ((long, 1), (1, long)):
        found |= cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    return cv2.dilate(found, np.ones((3, 3), np.uint8))


def fill(lines: list[Line], gray: np.ndarray, pool: Executor, tmp: Path, page: int, *, timeout: float,
         workers: int = 1) -> list[Line]:
    """The page's lines with the lines its layout dropped read and put in their places."""
    found = places(gray, lines)
    if not found:
        return lines
    # The page image stays as read: the second engine, if it reads this page, sees the stamps.
    return unread_ink.read_into(lines, gray, found, pool, tmp, page, timeout, workers)[0]
