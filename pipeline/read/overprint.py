"""Typed text under a lighter overprint: the office's receipt stamp over the subject line.

On a grey scan a stamp's ink is lighter than the typed text under it. Tesseract reads the
mix as words, often confident ones ("DITEI", "P rmohgrd in, Kerja"), so the place is not
unread (unread_ink.py finds nothing there) but misread. Such a place is found from the page
itself: tiles where most of the ink is middle grey (typed text alone has middle grey only at
its glyphs' edges). The place, widened to the text lines it crosses, is read once more with
only the dark ink kept (`--psm 6`); when that reading is the more confident one, its words
take the place of the words they cover. Colour scans do not need this: their coloured ink is
faded when they are made grey (imaging/colour.py).
"""
from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import cv2
import numpy as np

from pipeline.core.models import Line, Word
from pipeline.read import crops, unread_ink
from pipeline.read.unread_ink import Place

TILE_LINES = 1.5  # a tile is this many line heights square
PAPER = 200  # lighter than this is paper
LIGHT_INK = (70, 170)  # the grey of a stamp's ink on a grey scan (typed text is darker)
LIGHT_SHARE = 0.55  # a tile is overprinted when this share of its ink is light
MIN_INK = 0.06  # ... and ink covers this share of it (a table's thin grey rules cover less)
RULE_LINES = 2.0  # ink running straight this many line heights is a rule, not text
MIN_TILES = 6  # a stamp covers at least this many tiles (a grey logo or rule fewer)
MAX_PLACES = 3  # per page: the biggest ones
GONE = 0.15  # a word read there keeping less than this share of its ink in the dark view was the stamp's


@dataclass
class Reading:
    lines: list[Line]  # in page pixels
    place: Place  # the part of the page read
    cleaned: np.ndarray  # the place with the dark ink only
    score: float  # the new reading's confidence, against that of the words read there before
    gone: list[Word]  # words read there before that were the overprint's own ink


def places(gray: np.ndarray, lines: Sequence[Line], bands: Sequence[tuple[int, int]] | None = None) -> list[Place]:
    """The overprinted places of a grey page (within `bands` of rows, if given), widened to
    the whole of the text lines they cross."""
    lh = unread_ink.line_height(lines)
    tile = max(8, int(TILE_LINES * lh))
    height, width = gray.shape[:2]
    rows, cols = height // tile, width // tile
    if rows == 0 or cols == 0:
        return []
    ink, light = _ink_masks(gray, lh)
    ink = _tiles(ink, tile, rows, cols)
    light = _tiles(light, tile, rows, cols)
    mask = ((ink >= MIN_INK * tile * tile) & (light >= LIGHT_SHARE * np.maximum(ink, 1))).astype(np.uint8)
    if bands is not None:
        keep = np.zeros(rows, dtype=bool)
        for top, bottom in bands:
            keep[max(0, top // tile): bottom // tile + 1] = True
        mask[~keep] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(mask, np.ones((3, 3), np.uint8)))
    found = []
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        tiles = int(mask[y:y + h, x:x + w].sum())
        if tiles >= MIN_TILES:
            found.append((tiles, _widened(Place(y * tile, (y + h) * tile, x * tile, (x + w) * tile), lines)))
    return [p for _, p in sorted(found, key=lambda f: -f[0])[:MAX_PLACES]]


def _ink_masks(gray: np.ndarray, lh: float) -> tuple[np.ndarray, np.ndarray]:
    """(all ink, light ink) without straight rules: a table's or a letterhead's thin rules
    are as light as a stamp's ink on a scan, and are no overprint."""
    ink = (gray < PAPER).astype(np.uint8)
    long = max(3, int(RULE_LINES * lh))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, long), np.uint8))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((long, 1), np.uint8))
    ink &= 1 - rules
    light = ink & ((gray >= LIGHT_INK[0]) & (gray < LIGHT_INK[1])).astype(np.uint8)
    return ink, light


def _tiles(mask: np.ndarray, tile: int, rows: int, cols: int) -> np.ndarray:
    """How many of the mask's pixels fall in each tile."""
    return mask[: rows * tile, : cols * tile].reshape(rows, tile, cols, tile).sum(axis=(1, 3), dtype=np.int64)


def _widened(place: Place, lines: Sequence[Line]) -> Place:
    """The place and every text line it crosses (a subject line runs on past the stamp)."""
    top, bottom, left, right = place.top, place.bottom, place.left, place.right
    for line in lines:
        if not line.words:
            continue
        l_left, l_top, l_right, l_bottom = line.box
        if l_bottom > place.top and l_top < place.bottom and l_right > place.left and l_left < place.right:
            top, bottom = min(top, int(l_top)), max(bottom, int(l_bottom) + 1)
            left, right = min(left, int(l_left)), max(right, int(l_right) + 1)
    return Place(top, bottom, left, right)


def read(views: Sequence[unread_ink.Views], lines: Sequence[Line], pool: Executor, tmp: Path, page: int,
         timeout: float, workers: int = 1) -> list[Reading]:
    """Each place read with its dark ink only; none for a place with one kind of ink (no
    overprint to take away) or that cannot be read."""
    todo = [v for v in views if v.dark is not None]
    paths = [tmp / f"overprint-{page}-{v.top}-{v.left}.pgm" for v in todo]
    out = []
    for v, found in zip(todo, crops.read(pool, [(p, v.dark) for p, v in zip(paths, todo)], page=page,
                                          timeout=timeout, workers=workers)):
        if found is None:
            continue
        area = Place(v.top, v.top + v.plain.shape[0], v.left, v.left + v.plain.shape[1])
        new = [unread_ink.moved(line, v.top, v.left) for line in map(unread_ink.kept, found) if line is not None]
        before = [w for line in lines for w in line.words if _inside(w, area)]
        gone = [w for w in before if _ink(v.dark, w, area) < GONE * max(_ink(v.plain, w, area), 1)]
        score = (unread_ink.confidence(w for line in new for w in line.words)
                 - unread_ink.confidence(w for w in before if w not in gone))
        out.append(Reading(new, area, v.dark, score, gone))
    return out


def _ink(image: np.ndarray, w: Word, area: Place) -> int:
    top, left = int(w.top) - area.top, int(w.left) - area.left
    return int((image[max(0, top): top + int(w.height) + 1, max(0, left): left + int(w.width) + 1] < PAPER).sum())


def fill(lines: list[Line], gray: np.ndarray, pool: Executor, tmp: Path, page: int,
         bands: Sequence[tuple[int, int]] | None = None,
         timeout: float = unread_ink.TIMEOUT, workers: int = 1) -> tuple[list[Line], np.ndarray]:
    """The page's lines read through its overprints, and the page image with the overprints'
    light ink taken away where that gave the better reading (for the readings after this one)."""
    if gray.ndim != 2:
        return lines, gray
    lh = unread_ink.line_height(lines)
    views = [unread_ink.Views.of(gray, p, lh) for p in places(gray, lines, bands)]
    readings = [r for r in read(views, lines, pool, tmp, page, timeout, workers) if r.score > 0]
    if not readings:
        return lines, gray
    gray = gray.copy()
    for r in readings:
        h, w = r.cleaned.shape
        gray[r.place.top: r.place.top + h, r.place.left: r.place.left + w] = r.cleaned
    kept = through(lines, readings)
    out = unread_ink.merged(kept, [line for r in readings for line in r.lines], gray.shape[0], gray.shape[1])
    # Lines take their position from their words again: a line whose first words were the
    # stamp's starts elsewhere now (a wrapped subject is told from its indent).
    return [unread_ink.placed(line, gray.shape[0], gray.shape[1]) for line in out], gray


def through(lines: list[Line], readings: Sequence[Reading]) -> list[Line]:
    """`lines` without the words a new word covers (read through the stamp, they were its ink
    or typed text mixed with it) and those whose ink the dark view took away (the stamp's own
    words). A word reaching past the place read stays, and so does a whole word of which the
    new one is a piece."""
    new = [(w, r.place) for r in readings for line in r.lines for w in line.words
           if sum(c.isalnum() for c in w.text) >= 1]
    gone = [w for r in readings for w in r.gone]
    out = []
    for line in lines:
        words = [old for old in line.words
                 if old not in gone and not any(_gives_way(old, w, area) for w, area in new)]
        if words:
            out.append(replace(line, words=words))
    return out


def _gives_way(old: Word, new: Word, area: Place) -> bool:
    if not (_inside(old, area) and unread_ink.overlap(old, new)):
        return False
    piece = "".join(c for c in new.text if c.isalnum()).lower()
    whole = "".join(c for c in old.text if c.isalnum()).lower()
    return not (len(whole) > len(piece) and piece in whole)


def _inside(w: Word, area: Place) -> bool:
    return (w.left >= area.left and w.top >= area.top and w.left + w.width <= area.right
            and w.top + w.height <= area.bottom)
