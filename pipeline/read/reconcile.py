"""Two readings of one page made into one: Tesseract's lines and words, RapidOCR's characters.

Tesseract segments a page well (lines, word spacing) and misreads characters on poor
images; RapidOCR reads characters well and runs Latin words together. So Tesseract's lines
and word boundaries are kept, and every RapidOCR character is placed, by the centre of its
box, into the Tesseract word it lies on. Each word's two readings are then aligned and voted
character by character: where they differ, the side with the higher confidence wins
(RapidOCR's character scores, plus a configurable margin, against Tesseract's word
confidence); a word the lexicon knows beats a mixture it does not. A word the engines read
differently keeps the losing reading in `Word.alt` and the lower of the two confidences,
so extraction can flag the field it falls in.
Text RapidOCR saw where Tesseract saw nothing becomes lines of their own (engine
"rapidocr"), split where RapidOCR put its spaces (rapid_lines.py).
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher

from pipeline.core.models import Line, Word
from pipeline.read import rapid_lines
from pipeline.read.lexicon import known
from pipeline.read.rapid_lines import Char
from pipeline.tools.rapidocr import RapidLine

# A character belongs to a Tesseract line when its centre lies within the line's box grown
# by this share of the line's height above and below (boxes of the two engines differ).
LINE_SLACK = 0.45
# ... and to a word when its centre lies within the word's box grown by this share of the
# line height left and right; farther, it starts a word Tesseract did not see.
WORD_SLACK = 0.6
# Characters off every Tesseract word make a word of their own only when RapidOCR was this
# sure of them (0..100): its character boxes are estimates, and stray marks read as text.
STRAY_MIN_SCORE = 80.0


def merge(tesseract: list[Line], rapid: list[RapidLine], *, page: int, width: int, height: int, margin: float,
          low_conf: float = 70.0) -> list[Line]:
    """Tesseract's lines with RapidOCR's characters voted in, plus lines only RapidOCR saw."""
    boxes = [_box(line) for line in tesseract]
    placed: dict[int, list[Char]] = {}
    rest: dict[int, list[Char]] = {}  # per RapidOCR line: its characters on no Tesseract line
    for number, rline in enumerate(rapid):
        for ch in rapid_lines.chars(rline, number):
            index = _line_of(ch, boxes)
            if index is None:
                rest.setdefault(number, []).append(ch)
            elif ch.text != " ":
                placed.setdefault(index, []).append(ch)
    for index, chars in list(placed.items()):
        kept, dropped = _one_row(chars, boxes[index])
        placed[index] = kept
        for ch in dropped:
            rest.setdefault(ch.line, []).append(ch)
    leftover = [sorted(chars, key=lambda c: c.index) for _, chars in sorted(rest.items())
                if any(c.text != " " for c in chars)]
    out: list[Line] = []
    for index, line in enumerate(tesseract):
        chars = placed.get(index)
        out.append(_voted_line(line, chars, margin, low_conf) if chars else replace(line, engine=line.engine or "tesseract"))
    for chars in leftover:
        new = rapid_lines.rapid_line(chars, page, width, height)
        if new is not None:
            rapid_lines.insert(out, new)
    return out


# --- placing characters ------------------------------------------------------------------


def _box(line: Line) -> tuple[float, float, float, float, float]:
    left, top, right, bottom = line.box
    return left, top, right, bottom, max(bottom - top, 1.0)


def _one_row(chars: list[Char], box) -> tuple[list[Char], list[Char]]:
    """The characters of the RapidOCR lines that make one row on a Tesseract line, and the
    rest. On a poor page Tesseract may take two printed lines for one; RapidOCR's lines
    lying over each other on it would be interleaved ("Nomor" + "Lampiran" ->
    "LNaommpoirr.an"). The line nearest the Tesseract line's middle keeps its place."""
    by_line: dict[int, list[Char]] = {}
    for ch in chars:
        by_line.setdefault(ch.line, []).append(ch)
    if len(by_line) == 1:
        return chars, []
    middle = (box[1] + box[3]) / 2
    order = sorted(by_line.values(), key=lambda cs: abs(sum(c.cy for c in cs) / len(cs) - middle))
    kept: list[list[Char]] = []
    dropped: list[Char] = []
    for group in order:
        if any(_overlap(group, other) > 0.3 for other in kept):
            dropped.extend(group)
        else:
            kept.append(group)
    return [c for group in kept for c in group], dropped


def _overlap(a: list[Char], b: list[Char]) -> float:
    """How much two runs of characters overlap left to right (share of the shorter one)."""
    a_lo, a_hi = min(c.left for c in a), max(c.right for c in a)
    b_lo, b_hi = min(c.left for c in b), max(c.right for c in b)
    shorter = max(min(a_hi - a_lo, b_hi - b_lo), 1.0)
    return max(0.0, min(a_hi, b_hi) - max(a_lo, b_lo)) / shorter


def _line_of(ch: Char, boxes) -> int | None:
    best: tuple[float, int] | None = None
    for index, (left, top, right, bottom, h) in enumerate(boxes):
        slack = LINE_SLACK * h
        if top - slack <= ch.cy <= bottom + slack and left - h <= ch.cx <= right + h:
            distance = abs(ch.cy - (top + bottom) / 2)
            if best is None or distance < best[0]:
                best = (distance, index)
    return best[1] if best else None


# --- voting --------------------------------------------------------------------------------


def _voted_line(line: Line, chars: list[Char], margin: float, low_conf: float) -> Line:
    """The line's words, each voted against the RapidOCR characters that lie on it."""
    height = _box(line)[4]
    words = sorted(line.words, key=lambda w: w.left)
    groups: dict[int, list[Char]] = {}
    strays: list[Char] = []
    for ch in sorted(chars, key=lambda c: c.cx):
        index = _word_of(ch, words, WORD_SLACK * height)
        if index is None:
            strays.append(ch)
        else:
            groups.setdefault(index, []).append(ch)
    voted = [(vote(w, groups.get(i, []), margin), groups.get(i, []), w.text) for i, w in enumerate(words)]
    for piece in rapid_lines.split(strays, height):
        new = rapid_lines.word(piece)
        if new.conf >= STRAY_MIN_SCORE and new.text:
            voted.append((new, piece, ""))
    voted.sort(key=lambda wc: wc[0].left)
    return replace(line, words=_joined(voted, low_conf), engine="both")


def _joined(voted: list[tuple[Word, list[Char], str]], low_conf: float) -> list[Word]:
    """Neighbouring words joined where Tesseract split a word it misread and RapidOCR saw
    no space (its characters run on): "K aliwates," -> "Kaliwates,". Each item is a voted
    word, the RapidOCR characters on it and Tesseract's own text of it."""
    out: list[tuple[Word, list[Char], str]] = []
    for word, chars, tess in voted:
        if out and chars and out[-1][1]:
            prev, prev_chars, prev_tess = out[-1]
            a, b = prev_chars[-1], chars[0]
            runs_on = a.line == b.line and b.index == a.index + 1
            # Both of Tesseract's pieces doubtful and neither a known word: its split is
            # as unreliable as its letters. (One sure piece: its word boundary stands.)
            doubtful = max(prev.conf, word.conf) < low_conf  # (after the vote: the lower engine's)
            if runs_on and doubtful and not (known(prev.text) or known(word.text)):
                right = max(prev.left + prev.width, word.left + word.width)
                top = min(prev.top, word.top)
                merged = Word(
                    text=prev.text + word.text, conf=min(prev.conf, word.conf), left=prev.left, top=top,
                    width=right - prev.left, height=max(prev.top + prev.height, word.top + word.height) - top,
                    alt=" ".join(t for t in (prev_tess, tess) if t) or None,
                )
                out[-1] = (merged, prev_chars + chars, merged.alt or "")
                continue
        out.append((word, chars, tess))
    return [w for w, _, _ in out]


def _word_of(ch: Char, words: list[Word], slack: float) -> int | None:
    """The word whose box holds the character's centre, else the nearest edge within `slack`."""
    best: tuple[float, int] | None = None
    for index, w in enumerate(words):
        distance = max(w.left - ch.cx, ch.cx - (w.left + w.width), 0.0)
        if distance <= slack and (best is None or distance < best[0]):
            best = (distance, index)
    return best[1] if best else None


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


def _kind(ch: str) -> str:
    return "digit" if ch.isdigit() else "letter" if ch.isalpha() else "mark"


def vote(word: Word, chars: list[Char], margin: float) -> Word:
    """One Tesseract word voted character by character against RapidOCR's characters on it."""
    if not chars:
        return word  # RapidOCR saw nothing here: Tesseract's reading stands alone
    # NFKC first: RapidOCR's Chinese-trained model gives full-width ":" and "," at times.
    rapid = "".join(unicodedata.normalize("NFKC", c.text) for c in chars)
    scores = [c.score for c in chars for _ in unicodedata.normalize("NFKC", c.text)]
    mean_rapid = sum(scores) / len(scores)
    if _same(rapid, word.text):
        return replace(word, conf=max(word.conf, mean_rapid))
    out: list[str] = []
    matcher = SequenceMatcher(None, rapid, word.text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(rapid[i1:i2])
        elif op == "insert":
            # Characters only Tesseract has stay: RapidOCR's character boxes are estimates,
            # and a character it read may have been placed on the neighbouring word.
            out.append(word.text[j1:j2])
        elif op == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and _kind(rapid[i1]) != _kind(word.text[j1]):
            # "0" for "o", "1" for "l": the character of the kind its neighbours are wins.
            around = _kind(rapid[i1 - 1]) if i1 > 0 else _kind(rapid[i2]) if i2 < len(rapid) else ""
            out.append(word.text[j1] if _kind(word.text[j1]) == around else rapid[i1])
        else:
            rapid_conf = sum(scores[i1:i2]) / (i2 - i1)
            out.append(rapid[i1:i2] if rapid_conf + margin >= word.conf else word.text[j1:j2])
    text = "".join(out) or word.text
    # A known word beats a mixture nobody printed ("Jl." read "JI." by one engine).
    if not known(text):
        text = next((t for t in (word.text, rapid) if known(t)), text)
    alt = rapid if _same(text, word.text) else word.text
    return replace(word, text=text, conf=min(word.conf, mean_rapid), alt=alt)
