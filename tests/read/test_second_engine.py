"""The second OCR engine: when a page gets it, and how its reading is reconciled with Tesseract's."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core import settings as config
from pipeline.core.models import DocumentText, Line, PageText, Word, document_from_dict, document_to_dict
from pipeline.read import hardness, rapid_lines, reconcile
from pipeline.tools.rapidocr import RapidLine, RapidWord

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
CFG = config.settings("ocr").second_engine


def rapid_line(text: str, left: float, top: float, *, pitch: float = 20.0, height: float = 30.0, score: float = 0.98,
               scores: dict[int, float] | None = None) -> RapidLine:
    """A RapidOCR line as the wrapper gives it: one box per character, " " where it saw a space."""
    words = tuple(RapidWord(ch, (scores or {}).get(i, score), left + i * pitch, top, pitch, height) for i, ch in enumerate(text))
    return RapidLine(text, score, left, top, pitch * len(text), height, words)


def tess_line(words: list[tuple[str, float, float]], top: float, *, pitch: float = 20.0, height: float = 30.0) -> Line:
    """Tesseract words (text, conf, left) on one line, each character `pitch` wide."""
    ws = [Word(t, conf, left=left, top=top, width=pitch * len(t), height=height) for t, conf, left in words]
    return Line(page=1, words=ws, y=top / 3500, x=ws[0].left / 2500, engine="tesseract")


# --- voting ----------------------------------------------------------------------------


def test_run_together_rapidocr_text_gets_tesseract_word_spaces_back():
    # Tesseract: two words, the second misread; RapidOCR: the right letters, no space.
    tess = tess_line([("Kabupaten", 93.0, 100.0), ("Trengga1ek", 58.0, 300.0)], 500.0)
    rapid = rapid_line("KabupatenTrenggalek", 100.0, 502.0)
    # The second word's characters start where Tesseract's second word starts.
    rapid = RapidLine(rapid.text, rapid.score, 100, 502, 400, 30, tuple(
        RapidWord(w.text, w.score, w.left + (20.0 if i >= 9 else 0.0), w.top, w.width, w.height) for i, w in enumerate(rapid.words)))
    [line] = reconcile.merge([tess], [rapid], page=1, width=2500, height=3500, margin=CFG.rapidocr_margin)
    assert line.text == "Kabupaten Trenggalek"
    assert line.engine == "both"
    first, second = line.words
    assert first.alt is None and first.conf >= 93.0  # both engines agree
    assert second.alt == "Trengga1ek"  # the losing reading is kept for review
    assert second.conf == 58.0  # the lower confidence: a field on this word can be flagged
    assert [w.text for w in line.disagreements] == ["Trenggalek"]


def test_a_confident_tesseract_character_beats_a_doubtful_rapidocr_one():
    word = Word("Nomor", 96.0, left=100.0, top=0.0, width=100.0, height=30.0)
    chars = rapid_lines.chars(rapid_line("N0mor", 100.0, 0.0, scores={1: 0.55}))
    voted = reconcile.vote(word, chars, margin=5.0)
    assert voted.text == "Nomor"
    assert voted.alt == "N0mor"
    assert voted.conf == pytest.approx(min(96.0, 100 * (0.98 * 4 + 0.55) / 5))


def test_voting_goes_character_by_character():
    # Tesseract is right about the first half, RapidOCR about the second.
    word = Word("Dinaz", 80.0, left=0.0, top=0.0, width=100.0, height=30.0)
    chars = rapid_lines.chars(rapid_line("Dlnas", 0.0, 0.0, scores={1: 0.4, 4: 0.99}))
    assert reconcile.vote(word, chars, margin=5.0).text == "Dinas"


def test_a_digit_among_letters_loses_to_a_letter():
    word = Word("redaksi@yahoo.com", 91.0, left=0.0, top=0.0, width=340.0, height=30.0)
    chars = rapid_lines.chars(rapid_line("redaksi@yaho0.com", 0.0, 0.0))
    voted = reconcile.vote(word, chars, margin=5.0)
    assert voted.text == "redaksi@yahoo.com" and voted.alt == "redaksi@yaho0.com"


def test_characters_only_tesseract_read_are_kept():
    word = Word("Jenjang", 85.0, left=0.0, top=0.0, width=140.0, height=30.0)
    chars = rapid_lines.chars(rapid_line("njang", 40.0, 0.0))
    assert reconcile.vote(word, chars, margin=5.0).text == "Jenjang"


def test_a_word_tesseract_split_and_misread_is_joined_where_rapidocr_saw_no_space():
    tess = tess_line([("K", 20.0, 100.0), ("tivates,", 0.0, 140.0)], 500.0)
    rapid = rapid_line("Kaliwates,", 100.0, 500.0)
    [line] = reconcile.merge([tess], [rapid], page=1, width=2500, height=3500, margin=5.0)
    assert line.text == "Kaliwates,"
    assert line.words[0].alt == "K tivates,"


def test_full_width_punctuation_is_no_disagreement():
    word = Word(":", 90.0, left=0.0, top=0.0, width=20.0, height=30.0)
    chars = rapid_lines.chars(rapid_line("\uff1a", 0.0, 0.0))
    voted = reconcile.vote(word, chars, margin=5.0)
    assert voted.text == ":" and voted.alt is None


def test_a_line_only_rapidocr_saw_becomes_its_own_line_in_reading_order():
    above = tess_line([("Nomor", 95.0, 100.0)], 400.0)
    below = tess_line([("Hormat", 95.0, 100.0), ("kami,", 95.0, 260.0)], 900.0)
    missed = rapid_line("NPWP 01.234.567.8-901.000", 100.0, 650.0)
    lines = reconcile.merge([above, below], [missed], page=1, width=2500, height=3500, margin=5.0)
    assert [line.text for line in lines] == ["Nomor", "NPWP 01.234.567.8-901.000", "Hormat kami,"]
    assert [line.engine for line in lines] == ["tesseract", "rapidocr", "tesseract"]


def test_characters_inside_a_line_where_tesseract_saw_no_word_become_words():
    tess = tess_line([("Telepon", 92.0, 100.0), ("0812", 90.0, 600.0)], 300.0, pitch=50.0)
    rapid = rapid_line("Telepon : 0812", 100.0, 300.0, pitch=50.0)  # ":" at 500, between the two words
    [line] = reconcile.merge([tess], [rapid], page=1, width=2500, height=3500, margin=5.0)
    assert [w.text for w in line.words] == ["Telepon", ":", "0812"]


# --- when the second engine runs -------------------------------------------------------


def golden_pages():
    for path in sorted(GOLDEN.glob("surat_*.doc.json")):
        doc = document_from_dict(json.loads(path.read_text(encoding="utf-8")))
        for page in doc.pages:
            if page.source == "ocr":
                yield path.name, page


def test_no_page_of_the_sixteen_samples_is_hard():
    pages = list(golden_pages())
    assert len(pages) >= 10
    hard = [(name, page.number) for name, page in pages if hardness.is_hard(page.lines, CFG)]
    assert hard == []


def test_a_badly_read_page_is_hard():
    name, page = next(golden_pages())
    # The same page as Tesseract reads a poor photocopy: the same words, low confidences.
    poor = [Line(ln.page, [Word(w.text, min(w.conf, 55.0) if i % 3 == 0 else w.conf) for i, w in enumerate(ln.words)], ln.y, ln.x)
            for ln in page.lines]
    assert hardness.is_hard(poor, CFG)
    # ... or garbled: words no lexicon knows.
    garbled = [Line(ln.page, [Word(w.text[::-1].replace("a", "q"), w.conf) for w in ln.words], ln.y, ln.x) for ln in page.lines]
    assert hardness.is_hard(garbled, CFG)


def test_an_empty_reading_is_not_hard():
    assert not hardness.is_hard([], CFG)


# --- the model -------------------------------------------------------------------------


def test_old_dumps_read_as_tesseract_lines_and_new_fields_survive_a_round_trip():
    path = next(GOLDEN.glob("surat_*.doc.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    for page in data["pages"]:  # as dumped before the fields existed
        for line in page["lines"]:
            line.pop("engine", None)
            for word in line["words"]:
                word.pop("alt", None)
    doc = document_from_dict(data)
    assert {line.engine for page in doc.pages if page.source == "ocr" for line in page.lines} == {"tesseract"}
    assert all(w.alt is None for line in doc.lines for w in line.words)
    doc = DocumentText(kind="png", pages=[PageText(1, [Line(1, [Word("Trenggalek", 60.0, alt="Trengga1ek")], engine="both")], "ocr")])
    again = document_from_dict(json.loads(json.dumps(document_to_dict(doc))))
    assert again.lines[0].engine == "both" and again.lines[0].words[0].alt == "Trengga1ek"
