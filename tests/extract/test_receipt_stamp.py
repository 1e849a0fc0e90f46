"""The office's receipt stamp on a letter: its number and date are not the letter's, and a
subject line that runs under it is checked by the clerk."""
from __future__ import annotations

from pipeline.extract import extract_with_reasons
from tests.extract.test_layouts import CLOSE, HEAD, TODAY
from tests.extract.test_signature_and_slips import ocr_doc


def stamp(x: float, y: float) -> list[tuple]:
    """A receipt stamp as OCR returns it: its title, the agenda number, its date, the initials."""
    return [(1, x, y, "DITERIMA"), (1, x, y + 0.015, "No. Agenda : 020/265/2026"),
            (1, x, y + 0.03, ": 12 Oktober 2026"), (1, x, y + 0.045, "Paraf :")]


def without(rows: list[tuple], *starts: str) -> list[tuple]:
    return [r for r in rows if not r[3].startswith(starts)]


def test_the_stamps_date_is_not_taken_for_the_letters():
    # the letter's own date line was not read; the only date left in the header is the stamp's
    letter, reasons = extract_with_reasons(ocr_doc(without(HEAD, "Blitar,") + stamp(0.62, 0.10) + CLOSE), today=TODAY)
    assert letter.tanggal_surat is None and "tanggal_surat" in letter.perlu_ditinjau, letter.tanggal_surat
    # ... while a date line of the letter's own, with its place, beside the stamp is kept
    head = without(HEAD, "Blitar,") + stamp(0.62, 0.10) + [(1, 0.60, 0.09, "Blitar, 3 Oktober 2026")]
    letter, reasons = extract_with_reasons(ocr_doc(head + CLOSE), today=TODAY)
    assert str(letter.tanggal_surat) == "2026-10-03", reasons


def test_a_subject_that_runs_into_the_stamp_is_checked():
    head = without(HEAD, "Blitar,") + stamp(0.54, 0.125)
    letter, reasons = extract_with_reasons(ocr_doc(head + CLOSE), today=TODAY)
    assert letter.perihal == "Permohonan Kerja Sama Publikasi"
    assert any("cap surat masuk" in r for r in reasons["perihal"]), reasons


def test_a_stamp_well_clear_of_the_subject_hides_nothing():
    head = without(HEAD, "Blitar,") + stamp(0.72, 0.125)
    letter, reasons = extract_with_reasons(ocr_doc(head + CLOSE), today=TODAY)
    assert letter.perihal == "Permohonan Kerja Sama Publikasi"
    assert "perihal" not in letter.perlu_ditinjau, reasons
