"""RapidOCR's reading as characters with boxes, and as Lines of words where it stands alone.

The reconciliation (reconcile.py) places these characters on Tesseract's words; text that
RapidOCR saw where Tesseract saw nothing becomes lines of its own (engine "rapidocr"),
split into words where RapidOCR put its spaces and at wide gaps.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pipeline.core.models import Line, Word
from pipeline.tools.rapidocr import RapidLine


@dataclass
class Char:
    text: str  # one character, or " " for a space RapidOCR saw
    score: float  # 0..100
    cx: float
    cy: float
    left: float
    top: float
    right: float
    bottom: float
    line: int = 0  # which RapidOCR line, and where in it: two characters of one line
    index: int = 0  # with consecutive indexes had no space between them


def chars(line: RapidLine, number: int = 0) -> list[Char]:
    out = []
    for i, w in enumerate(line.words):
        out.append(Char(w.text if w.text.strip() else " ", 100.0 * w.score, w.left + w.width / 2, w.top + w.height / 2,
                         w.left, w.top, w.left + w.width, w.top + w.height, number, i))
    if not out and line.text.strip():  # no character boxes: the line as one piece
        out.append(Char(line.text, 100.0 * line.score, line.left + line.width / 2, line.top + line.height / 2,
                         line.left, line.top, line.left + line.width, line.top + line.height))
    return out


def split(run: list[Char], height: float) -> list[list[Char]]:
    """A run of characters cut into words at RapidOCR's spaces and at wide gaps."""
    pieces: list[list[Char]] = []
    current: list[Char] = []
    for ch in sorted(run, key=lambda c: c.cx):
        gap = ch.left - current[-1].right if current else 0.0
        if ch.text == " " or (current and gap > 0.5 * height):
            if current:
                pieces.append(current)
            current = [] if ch.text == " " else [ch]
        else:
            current.append(ch)
    if current:
        pieces.append(current)
    return pieces


def word(run: list[Char]) -> Word:
    text = "".join(unicodedata.normalize("NFKC", c.text) for c in run).strip()
    left = min(c.left for c in run)
    top = min(c.top for c in run)
    return Word(
        text=text,
        conf=sum(c.score for c in run) / len(run),
        left=left,
        top=top,
        width=max(c.right for c in run) - left,
        height=max(c.bottom for c in run) - top,
    )


def rapid_line(run: list[Char], page: int, width: int, height: int) -> Line | None:
    solid = [c for c in run if c.text != " "]
    if not solid:
        return None
    line_height = max(max(c.bottom for c in solid) - min(c.top for c in solid), 1.0)
    words = [w for w in (word(p) for p in split(run, line_height)) if w.text]
    if not words:
        return None
    return Line(
        page=page,
        words=words,
        y=min(w.top for w in words) / max(height, 1),
        x=min(w.left for w in words) / max(width, 1),
        engine="rapidocr",
    )


def insert(lines: list[Line], new: Line) -> None:
    """Put a new line before the first line below it (the reading order stays top to bottom)."""
    for index, line in enumerate(lines):
        if line.y > new.y:
            lines.insert(index, new)
            return
    lines.append(new)


def rapid_only(rapid: list[RapidLine], *, page: int, width: int, height: int) -> list[Line]:
    """RapidOCR's reading alone as Lines (the comparison in pipeline/dev/engines.py)."""
    lines = [rapid_line(chars(r), page, width, height) for r in rapid]
    return [line for line in lines if line is not None]
