"""The second OCR engine inside the reader: hard pages only, reconciled, never a crash."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.core import settings as config
from pipeline.read.document import read_document

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
CLEAN = SAMPLES / "surat_07_lenteranusantara-or-id.png"


@pytest.fixture(scope="module")
def poor_scan(tmp_path_factory) -> Path:
    """A sample letter as a bad fax-like scan: a third of its resolution, grey, grainy."""
    page = cv2.imread(str(CLEAN), cv2.IMREAD_GRAYSCALE)
    h, w = page.shape
    small = cv2.resize(page, (int(w * 0.3), int(h * 0.3)), interpolation=cv2.INTER_AREA).astype(float)
    grain = np.random.default_rng(7).normal(0, 60, small.shape)
    poor = cv2.GaussianBlur(np.clip(small * 0.8 + 40 + grain, 0, 255).astype(np.uint8), (3, 3), 0)
    path = tmp_path_factory.mktemp("poor") / "surat_buram.png"
    cv2.imwrite(str(path), poor)
    return path


def office_ocr(monkeypatch, tmp_path: Path, text: str) -> None:
    (tmp_path / "ocr.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(config.ENV, str(tmp_path))


def engines(path: Path, **kw) -> set[str]:
    return {line.engine for line in read_document(path, **kw).doc.lines}


def test_a_clean_page_is_read_by_tesseract_alone():
    assert engines(CLEAN) == {"tesseract"}


def test_a_poor_page_is_read_by_both_engines_and_their_disagreements_kept(poor_scan):
    doc = read_document(poor_scan).doc
    assert {line.engine for line in doc.lines} >= {"both"}
    disagreeing = [w for line in doc.lines for w in line.disagreements]
    assert disagreeing and all(w.alt and w.alt != w.text for w in disagreeing)
    plain = read_document(poor_scan, second_engine="never").doc
    # The reconciled reading holds more of the letter's words than Tesseract's alone.
    words = {"Kepada", "Dinas", "Komunikasi", "Informatika", "Kabupaten", "Trenggalek", "Nomor", "Perihal", "Lampiran"}
    assert len(words & set(doc.text.split())) > len(words & set(plain.text.split()))


def test_the_office_can_turn_the_second_engine_off(poor_scan, monkeypatch, tmp_path):
    office_ocr(monkeypatch, tmp_path, "second_engine:\n  enabled: false\n")
    assert engines(poor_scan) == {"tesseract"}


def test_a_second_reading_past_its_time_limit_leaves_tesseracts_reading(poor_scan, monkeypatch, tmp_path):
    office_ocr(monkeypatch, tmp_path, "second_engine:\n  seconds_per_page: 0.05\n")
    doc = read_document(poor_scan).doc
    assert {line.engine for line in doc.lines} == {"tesseract"}
    assert doc.text.strip()


def test_one_rapidocr_process_at_a_time_reads_the_same_way(poor_scan, monkeypatch, tmp_path):
    office_ocr(monkeypatch, tmp_path, "second_engine:\n  max_processes: 1\n")
    assert "both" in engines(poor_scan)
