"""Text assembly: lines joined into one string that remembers each character's confidence.

Rules run regexes on plain strings; the confidence map lets every matched span report
the lowest OCR confidence of the words it was read from.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pipeline.extract.found import Found, Place
from pipeline.extract.rules import trusted_words, review
from pipeline.core.models import Line, Word, words_box

SEPARATOR_CONF = 100.0  # joints we inserted ourselves are not OCR guesses


@dataclass
class Text:
    s: str
    conf: list[float] = field(repr=False)
    line_of: list[int] = field(repr=False)  # index into `lines`, -1 for inserted joints
    lines: list[Line] = field(repr=False)
    word_of: list[int] = field(repr=False, default_factory=list)  # index into `words`, -1 for joints
    words: list[Word] = field(repr=False, default_factory=list)
    line_of_words: list[int] = field(repr=False, default_factory=list)  # index into `lines` per word

    @classmethod
    def build(cls, lines: list[Line], joiner: str = "\n") -> "Text":
        parts: list[str] = []
        conf: list[float] = []
        line_of: list[int] = []
        word_of: list[int] = []
        words: list[Word] = []
        line_of_words: list[int] = []
        for i, line in enumerate(lines):
            if i:
                parts.append(joiner)
                conf.extend([SEPARATOR_CONF] * len(joiner))
                line_of.extend([-1] * len(joiner))
                word_of.extend([-1] * len(joiner))
            for j, word in enumerate(line.words):
                if j:
                    parts.append(" ")
                    conf.append(SEPARATOR_CONF)
                    line_of.append(i)
                    word_of.append(-1)
                parts.append(word.text)
                conf.extend([float(word.conf)] * len(word.text))
                line_of.extend([i] * len(word.text))
                word_of.extend([len(words)] * len(word.text))
                words.append(word)
                line_of_words.append(i)
        return cls("".join(parts), conf, line_of, list(lines), word_of, words, line_of_words)

    def span_conf(self, start: int, end: int) -> float:
        """Lowest confidence of the words overlapping [start, end).

        A word that is exactly a term of the configured vocabularies (address keywords,
        academic titles) may be read with middling confidence and still be trusted:
        the closed list itself confirms the reading.
        """
        idx = {self.word_of[i] for i in range(max(start, 0), min(end, len(self.s))) if self.word_of[i] >= 0}
        vals = [_trusted_conf(self.words[k]) for k in idx]
        if any(_gap_too_wide(self.words[k], self.words[k + 1], self.line_of_word(k)) for k in idx if k + 1 in idx):
            # Glyphs under a stamp or signature are often dropped silently, leaving the
            # surviving part of the word confidently read ("Lukm" for "Lukman") and a hole.
            vals.append(0.0)
        return min(vals, default=SEPARATOR_CONF)

    def found(self, value, start: int, end: int, source: str,
              reads_as: Optional[Callable[[str], Any]] = None,
              repair: Optional[tuple[str, Callable[[str], Any]]] = None) -> Found:
        """A reading of the span [start, end): its value, confidence and where it stands.

        Where the two OCR engines read one of its words differently, a person decides;
        unless the other engine's reading of the span gives the same value: the same
        characters in the value's part of the word, or, by `reads_as` (the rule's own
        cleaning and repairs, from span text to value), the same value.

        `repair` (note, the rule without its repairs) says the value took an OCR repair: it
        needs review unless the other engine's reading gives the value without one.
        """
        f = Found(value, self.span_conf(start, end), source, places=self.places(start, end))
        alts = self.alt_spans(start, end)
        for w, alt_span in alts:
            if alt_span is not None and (alt_span == self.s[start:end]
                                         or (reads_as is not None and _reads(reads_as, alt_span) == value)):
                continue
            f.rival(w.text, w.alt)
        if repair is not None and not any(alt is not None and _reads(repair[1], alt) == value for _, alt in alts):
            f.repaired(repair[0])
        return f

    def alt_spans(self, start: int, end: int) -> list[tuple[Word, Optional[str]]]:
        """Per word the second engine read otherwise: the span's text with that word as the
        second engine read it (None where its part inside the span cannot be told)."""
        start, end = max(start, 0), min(end, len(self.s))
        out = []
        for k in sorted({self.word_of[i] for i in range(start, end) if self.word_of[i] >= 0}):
            w = self.words[k]
            if not getattr(w, "alt", None):
                continue
            w0 = self.word_of.index(k)
            a, b = max(start, w0) - w0, min(end, w0 + len(w.text)) - w0  # the word's part in the span
            part = _mapped_part(w.text, w.alt, a, b)
            out.append((w, None if part is None else self.s[start:w0 + a] + part + self.s[w0 + b:end]))
        return out

    def places(self, start: int, end: int) -> list[Place]:
        """One box per line around the words overlapping [start, end)."""
        by_line: dict[int, list[Word]] = {}
        for k in sorted({self.word_of[i] for i in range(max(start, 0), min(end, len(self.s))) if self.word_of[i] >= 0}):
            by_line.setdefault(self.line_of_words[k], []).append(self.words[k])
        out = []
        for i, ws in by_line.items():
            out.append(Place(self.lines[i].page, words_box(ws), self.lines[i]))
        return out

    def line_of_word(self, k: int) -> Optional[Line]:
        return self.lines[self.line_of_words[k]] if 0 <= k < len(self.line_of_words) else None

    def line_at(self, pos: int) -> Optional[Line]:
        if 0 <= pos < len(self.line_of) and self.line_of[pos] >= 0:
            return self.lines[self.line_of[pos]]
        return None


def _mapped_part(text: str, alt: str, a: int, b: int) -> Optional[str]:
    """alt's counterpart of text[a:b]: cut where the two agree ("Nomor:15/V" / "Yomor!|15/V",
    the part "15/V" is "15/V"); None when a cut falls inside characters they read otherwise."""
    if (a, b) == (0, len(text)):
        return alt
    ops = difflib.SequenceMatcher(None, text, alt, autojunk=False).get_opcodes()

    def at(i: int) -> Optional[int]:
        for tag, i1, i2, j1, _ in ops:
            if i == i1:
                return j1
            if i1 < i < i2:
                return j1 + (i - i1) if tag == "equal" else None
        return len(alt) if i == len(text) else None

    ja, jb = at(a), at(b)
    return None if ja is None or jb is None else alt[ja:jb]


def _reads(reads_as: Callable[[str], Any], span: str) -> Any:
    try:
        return reads_as(span)
    except (ValueError, TypeError, IndexError):
        return None  # an alternative the rule cannot read is no confirmation


def _gap_too_wide(left: Word, right: Word, line: Line | None) -> bool:
    """A space between two OCR'd words of one line far wider than the line's other spaces.

    Justified text widens every space of a line alike; a hole left by dropped glyphs
    stands out against its neighbours (and against the text's size).
    """
    if left.conf >= 100 and right.conf >= 100:  # a PDF text layer: its spacing is exact
        return False
    if not (any(c.isalnum() for c in left.text) and any(c.isalnum() for c in right.text)):
        return False  # specks and rules ("|", "—") are not part of the value's words
    gap = right.left - (left.left + left.width)
    size = max(left.height, right.height)
    if size <= 0 or gap < 0 or abs(right.top - left.top) > size:  # not side by side on one line
        return False
    others = sorted(_gaps(line)) if line is not None else []
    if len(others) >= 3:
        typical = others[len(others) // 2]
        return gap > review("max_word_gap_ratio") * typical and gap > review("max_word_gap_height_ratio") * size
    return gap > 2 * review("max_word_gap_height_ratio") * size


def _gaps(line: Line) -> list[float]:
    ws = line.words
    return [b.left - (a.left + a.width) for a, b in zip(ws, ws[1:]) if b.left >= a.left + a.width]


def _trusted_conf(word: Word) -> float:
    if word.conf >= review("min_word_conf_confirmed") and word.text.strip(",;:") in trusted_words():
        return max(word.conf, float(review("min_word_conf")))
    return word.conf


def columns(line: Line, gap_heights: float) -> list[Line]:
    """A line cut where a gap wider than `gap_heights` text heights parts two columns that OCR
    read as one line ("Mengetahui,      Hormat kami,"); a text layer's lines are already cut."""
    ws = line.words
    if len(ws) < 2 or ws[0].left <= 0 or line.x <= 0:
        return [line]
    scale = line.x / ws[0].left
    out, start = [], 0
    for k in range(1, len(ws)):
        size = max(ws[k - 1].height, ws[k].height)
        if size > 0 and ws[k].left - (ws[k - 1].left + ws[k - 1].width) > gap_heights * size:
            out.append(ws[start:k])
            start = k
    out.append(ws[start:])
    if len(out) == 1:
        return [line]
    return [Line(page=line.page, words=part, y=line.y, x=part[0].left * scale, engine=line.engine) for part in out]


def line_text(line: Line) -> Text:
    return Text.build([line])


def flow(lines: list[Line]) -> Text:
    """Prose lines as one running text: a sentence wrapped over lines reads as one."""
    return Text.build(lines, joiner=" ")
