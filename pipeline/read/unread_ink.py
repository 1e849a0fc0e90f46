"""Ink the first reading left unread: typed text under a stamp or a signature.

Tesseract's page layout takes a block where a receipt stamp crosses the subject line, or a
company stamp and a signature cross the signatory's name, for a picture, and reads nothing
there. On the second look (look_again.py) such places are found from the page itself: ink
with no word read on it. Each is read again as one uniform block of text (`--psm 6`),
twice: as it is, and with only the darkest ink kept, since a stamp's ink is usually
lighter than the typed text under it. The better of the two readings gives its words,
except where a word was read already; each joins the line it sits on, or starts its own.
"""
from __future__ import annotations

import statistics
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

import cv2
import numpy as np

from pipeline.core.models import Line, Word
from pipeline.read import crops

INK_LEVEL = 150  # darker than this counts as ink when looking for unread places
STEP = 4  # rows/columns sampled (speed; a text line is 25+ px high at 300 dpi)
MIN_WIDTH_LINES = 3.0  # an unread place at least this many line heights wide ...
MIN_HEIGHT_LINES = 0.7  # ... and this high may hold text
MAX_HEIGHT_LINES = 20.0  # taller than this is a picture (a photo), not text under a stamp
MAX_PLACES = 5  # per page: the biggest ones (each costs a Tesseract run or two)
# A line of the new reading is kept when its words average this Tesseract confidence and one
# of them is a confident word: a stamp's own letters and a signature's strokes read as noise.
MIN_LINE_CONF = 60.0
GOOD_CONF = 70.0  # a confident word; the better reading of a place has most confidence above it
# The darkest ink: a threshold between the two kinds of ink (Otsu's), kept within these.
DARK_RANGE = (60, 120)
DARK_PREFERENCE = 1.5  # the dark ink's reading wins unless the plain one is this much better
TIMEOUT = 20.0


@dataclass(frozen=True)
class Place:
    top: int
    bottom: int
    left: int
    right: int


def line_height(lines: Sequence[Line]) -> float:
    heights = [w.height for line in lines for w in line.words if w.height > 0]
    return statistics.median(heights) if heights else 30.0


def places(gray: np.ndarray, lines: Sequence[Line], bands: Sequence[tuple[int, int]] | None = None,
           limit: int = MAX_PLACES) -> list[Place]:
    """Places of the page with ink and no word read on them (within `bands` of rows, if given),
    the `limit` biggest."""
    return components(unread_mask(gray, lines, bands), line_height(lines), limit)


def unread_mask(gray: np.ndarray, lines: Sequence[Line], bands: Sequence[tuple[int, int]] | None = None) -> np.ndarray:
    """The page's ink, sampled every STEP pixels, without the words read (within `bands`)."""
    lh = line_height(lines)
    mask = (gray[::STEP, ::STEP] < INK_LEVEL).astype(np.uint8)
    pad = 0.25 * lh
    for line in lines:
        for w in line.words:
            mask[max(0, int((w.top - pad) / STEP)): int((w.top + w.height + pad) / STEP) + 1,
                 max(0, int((w.left - pad) / STEP)): int((w.left + w.width + pad) / STEP) + 1] = 0
    if bands is not None:
        keep = np.zeros(mask.shape[0], dtype=bool)
        for top, bottom in bands:
            keep[max(0, top // STEP): bottom // STEP + 1] = True
        mask[~keep] = 0
    return mask


def components(mask: np.ndarray, lh: float, limit: int = MAX_PLACES) -> list[Place]:
    """The places of an unread-ink mask that may hold text, the `limit` with most ink."""
    # Glyphs of one line are joined into one place; lines a line apart stay apart.
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, int(lh / STEP)), max(1, int(0.5 * lh / STEP))))
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(mask, kernel))
    found = []
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        ink = int(mask[y:y + h, x:x + w].sum())
        if (w * STEP < MIN_WIDTH_LINES * lh or not MIN_HEIGHT_LINES * lh <= h * STEP <= MAX_HEIGHT_LINES * lh
                or ink * STEP * STEP < 0.5 * lh * lh * MIN_WIDTH_LINES):
            continue
        found.append((ink, Place(y * STEP, (y + h) * STEP, x * STEP, (x + w) * STEP)))
    return [p for _, p in sorted(found, key=lambda f: -f[0])[:limit]]


def dark_only(crop: np.ndarray) -> np.ndarray | None:
    """The crop with only its darkest ink; None when it has one kind of ink only (bilevel)."""
    ink = crop[crop < 200]
    if ink.size < 100 or np.count_nonzero((ink > 40) & (ink < 160)) < 0.2 * ink.size:
        return None
    level, _ = cv2.threshold(ink.reshape(-1, 1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    level = min(max(level, DARK_RANGE[0]), DARK_RANGE[1])
    return np.where(crop < level, crop, 255).astype(np.uint8)


@dataclass
class PlaceReading:
    lines: list[Line]  # in page pixels
    top: int
    left: int
    cleaned: np.ndarray | None  # the dark-ink view, when it gave the reading


@dataclass(frozen=True)
class Views:
    """One place cut out with a margin: as it is, and with its darkest ink only."""
    top: int
    left: int
    plain: np.ndarray
    dark: np.ndarray | None

    @classmethod
    def of(cls, gray: np.ndarray, place: Place, lh: float) -> "Views":
        margin = int(0.5 * lh)
        top, left = max(0, place.top - margin), max(0, place.left - margin)
        crop = gray[top: place.bottom + margin, left: place.right + margin]
        return cls(top, left, crop, dark_only(crop))


def read_places(views: Sequence[Views], pool: Executor, tmp: Path, page: int, timeout: float,
                workers: int = 1) -> list[PlaceReading]:
    """The better of the two readings of each place."""
    best = [PlaceReading([], v.top, v.left, None) for v in views]
    score = [0.0] * len(views)
    # The dark ink first: where it gives confident words, the plain view is not read at all.
    for view in ("b", "a"):
        todo = [i for i, v in enumerate(views) if score[i] == 0 and (view == "a" or v.dark is not None)]
        images = [views[i].dark if view == "b" else views[i].plain for i in todo]
        paths = [tmp / f"unread-{page}-{views[i].top}-{views[i].left}-{view}.pgm" for i in todo]
        for i, image, found in zip(todo, images, crops.read(pool, list(zip(paths, images)), page=page,
                                                            timeout=timeout, workers=workers)):
            if found is None:
                continue  # a place that cannot be read leaves the page as it was
            lines = [line for line in map(kept, found) if line is not None]
            got = confidence(w for line in lines for w in line.words)
            if view == "b":
                got *= DARK_PREFERENCE  # the light ink is the overprint: the typed text is under it
            if got > score[i]:
                score[i] = got
                best[i] = PlaceReading([moved(line, views[i].top, views[i].left) for line in lines],
                                       views[i].top, views[i].left, image if view == "b" else None)
    return best


def kept(line: Line) -> Line | None:
    """A line of the new reading, or None for noise. Its doubtful words stay in it: a value
    read without them would look whole and be cut; with them, the extraction flags it."""
    if statistics.mean(w.conf for w in line.words) < MIN_LINE_CONF:
        return None
    if not any(sum(c.isalnum() for c in w.text) >= 3 and w.conf >= GOOD_CONF for w in line.words):
        return None
    return line


def moved(line: Line, top: int, left: int) -> Line:
    return replace(line, words=[replace(w, top=w.top + top, left=w.left + left) for w in line.words])


def fill(lines: list[Line], gray: np.ndarray, pool: Executor, tmp: Path, page: int,
         bands: Sequence[tuple[int, int]] | None = None,
         timeout: float = TIMEOUT, workers: int = 1) -> tuple[list[Line], np.ndarray]:
    """The page's lines with the words read from its unread places added, and the page image
    without the light overprint where the dark ink gave those words (for the second engine)."""
    return read_into(lines, gray, places(gray, lines, bands), pool, tmp, page, timeout, workers)


def read_into(lines: list[Line], gray: np.ndarray, found: Sequence[Place], pool: Executor, tmp: Path, page: int,
              timeout: float = TIMEOUT, workers: int = 1) -> tuple[list[Line], np.ndarray]:
    """`fill` for places found otherwise (lost_lines.py): each read, its words merged."""
    lh = line_height(lines)
    readings = read_places([Views.of(gray, p, lh) for p in found], pool, tmp, page, timeout, workers)
    new = [line for r in readings for line in r.lines]
    if any(r.cleaned is not None for r in readings):
        gray = gray.copy()
        for r in readings:
            if r.cleaned is not None:
                h, w = r.cleaned.shape
                gray[r.top: r.top + h, r.left: r.left + w] = r.cleaned
    return (merged(lines, new, gray.shape[0], gray.shape[1]) if new else lines), gray


def merged(lines: list[Line], new: list[Line], height: int, width: int) -> list[Line]:
    """`lines` with the new lines' words that are not on a word read already: each joins the
    line whose row it sits on, or the new words of a row make a line of their own, placed
    after the line above it in its column (the old lines keep their reading order)."""
    out = [replace(line, words=list(line.words)) for line in lines]
    boxes = [w for line in lines for w in line.words]
    for line in new:
        for w in line.words:
            _complete_a_cut_word(out, w)
        boxes = [w for o in out for w in o.words]
        # Marks with no letter or digit (a stamp's frame, a signature's stroke) add nothing.
        fresh = [w for w in line.words if any(c.isalnum() for c in w.text) and not any(overlap(w, b) for b in boxes)]
        boxes += fresh  # two places' margins may hold the same word: it is added once
        alone = []
        for w in fresh:
            home = next((o for o in out if o.words and _same_row(w, o)), None)
            if home is None:
                alone.append(w)
            elif _within(w, home):
                continue  # between words read already: a piece of one of them, not a word missed
            else:
                home.words = sorted([*home.words, w], key=lambda x: x.left)  # its place stays as read
        if alone:
            added = placed(Line(page=line.page, words=alone, engine=line.engine or "tesseract"), height, width)
            out.insert(_position(out, added), added)
    return out


def placed(line: Line, height: int, width: int) -> Line:
    """The line with its position taken from its words, as Tesseract gives it."""
    if not line.words:
        return line
    return replace(line, y=min(w.top for w in line.words) / max(height, 1),
                   x=min(w.left for w in line.words) / max(width, 1))


def confidence(words: Iterable[Word]) -> float:
    """A reading's worth: confident words count, doubtful ones (a stamp's letters, a
    signature's strokes) count against."""
    return sum(w.conf - GOOD_CONF for w in words)


def _complete_a_cut_word(lines: list[Line], new: Word) -> None:
    """A word the first reading cut short ("Perm" under a stamp) is replaced by the whole word
    read again at its place ("Permohonan"), when that one is confident."""
    if new.conf < GOOD_CONF:
        return
    whole = "".join(c for c in new.text if c.isalnum()).lower()
    for line in lines:
        for i, old in enumerate(line.words):
            piece = "".join(c for c in old.text if c.isalnum()).lower()
            if piece and len(piece) < len(whole) and whole.startswith(piece) and overlap(new, old):
                line.words[i] = new
                return


def _position(lines: list[Line], added: Line) -> int:
    """Index to insert `added` at: after the nearest line above it, the horizontal gap
    counting half (a line of its own column wins over a closer one across the page)."""
    left, top, right, _ = added.box
    best: tuple[float, int] | None = None
    for i, o in enumerate(lines):
        if not o.words or min(w.top for w in o.words) > top:
            continue
        gap = max(0.0, min(w.left for w in o.words) - right, left - max(w.left + w.width for w in o.words))
        distance = top - min(w.top for w in o.words) + 0.5 * gap
        if best is None or distance < best[0]:
            best = (distance, i)
    if best is not None:
        return best[1] + 1
    below = [i for i, o in enumerate(lines) if o.words and min(w.top for w in o.words) > top]
    return min(below) if below else len(lines)


def overlap(w: Word, b: Word) -> bool:
    """Whether two word boxes cover much the same ink (a word read twice, perhaps cut once)."""
    dx = min(w.left + w.width, b.left + b.width) - max(w.left, b.left)
    dy = min(w.top + w.height, b.top + b.height) - max(w.top, b.top)
    if dx <= 0 or dy <= 0:
        return False
    return dx * dy >= 0.3 * min(w.width * w.height, b.width * b.height)


def _within(w: Word, line: Line) -> bool:
    return min(x.left for x in line.words) < w.left + w.width / 2 < max(x.left + x.width for x in line.words)


def _same_row(w: Word, line: Line) -> bool:
    top = min(x.top for x in line.words)
    bottom = max(x.top + x.height for x in line.words)
    overlap = min(bottom, w.top + w.height) - max(top, w.top)
    return overlap >= 0.5 * min(w.height, bottom - top)
