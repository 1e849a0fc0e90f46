"""Whether Tesseract's reading of a page looks hard enough to pay for a second engine.

Judged on the page's words of three or more letters: many doubtful ones (low Tesseract
confidence), few known words (lexicon.py), or a low mean confidence. Thresholds are in
config/ocr.yaml (`second_engine`); a clean scan never crosses them, so it never pays.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.models import Line
from pipeline.core.settings.ocr import SecondEngineSection
from pipeline.read.lexicon import known


@dataclass(frozen=True)
class Hardness:
    words: int  # words of three or more letters
    mean_conf: float
    doubtful_share: float  # share below the low-confidence mark
    dictionary_share: float  # share found in the lexicon

    def hard(self, cfg: SecondEngineSection) -> bool:
        if self.words == 0:
            return False  # nothing read at all: a blank or a picture, not a misread letter
        if self.words < cfg.min_words:
            return self.mean_conf < cfg.max_mean_conf
        return (
            self.doubtful_share > cfg.max_doubtful_share
            or self.dictionary_share < cfg.min_dictionary_share
            or self.mean_conf < cfg.max_mean_conf
        )


def measure(lines: list[Line], cfg: SecondEngineSection) -> Hardness:
    words = [w for line in lines for w in line.words if sum(ch.isalpha() for ch in w.text) >= 3]
    if not words:
        return Hardness(0, 0.0, 0.0, 0.0)
    n = len(words)
    return Hardness(
        words=n,
        mean_conf=sum(w.conf for w in words) / n,
        doubtful_share=sum(w.conf < cfg.low_word_conf for w in words) / n,
        dictionary_share=sum(known(w.text) for w in words) / n,
    )


def is_hard(lines: list[Line], cfg: SecondEngineSection) -> bool:
    return measure(lines, cfg).hard(cfg)
