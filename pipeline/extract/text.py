"""Text assembly: lines joined into one string that remembers each character's confidence.

Rules run regexes on plain strings; the confidence map lets every matched span report
the lowest OCR confidence of the words it was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.extract.rules import trusted_words, review
from pipeline.models import Line, Word

SEPARATOR_CONF = 100.0  # joints we inserted ourselves are not OCR guesses


@dataclass
class Text:
    s: str
    conf: list[float] = field(repr=False)
    line_of: list[int] = field(repr=False)  # index into `lines`, -1 for inserted joints
    lines: list[Line] = field(repr=False)
    word_of: list[int] = field(repr=False, default_factory=list)  # index into `words`, -1 for joints
    words: list[Word] = field(repr=False, default_factory=list)

    @classmethod
    def build(cls, lines: list[Line], joiner: str = "\n") -> "Text":
        parts: list[str] = []
        conf: list[float] = []
        line_of: list[int] = []
        word_of: list[int] = []
        words: list[Word] = []
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
        return cls("".join(parts), conf, line_of, list(lines), word_of, words)

    def span_conf(self, start: int, end: int) -> float:
        """Lowest confidence of the words overlapping [start, end).

        A word that is exactly a term of the configured vocabularies (address keywords,
        academic titles) may be read with middling confidence and still be trusted:
        the closed list itself confirms the reading.
        """
        idx = {self.word_of[i] for i in range(max(start, 0), min(end, len(self.s))) if self.word_of[i] >= 0}
        vals = [_trusted_conf(self.words[k]) for k in idx]
        return min(vals, default=SEPARATOR_CONF)

    def line_at(self, pos: int) -> Optional[Line]:
        if 0 <= pos < len(self.line_of) and self.line_of[pos] >= 0:
            return self.lines[self.line_of[pos]]
        return None


def _trusted_conf(word: Word) -> float:
    if word.conf >= review("min_word_conf_confirmed") and word.text.strip(",;:") in trusted_words():
        return max(word.conf, float(review("min_word_conf")))
    return word.conf


def line_text(line: Line) -> Text:
    return Text.build([line])


def flow(lines: list[Line]) -> Text:
    """Prose lines as one running text: a sentence wrapped over lines reads as one."""
    return Text.build(lines, joiner=" ")
