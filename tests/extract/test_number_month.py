"""The month in a letter number, read against the letter's date (extract/months.py).

OCR takes a Roman I for a 1, an l or a T. Where the glyphs, or the second engine's reading,
name the month the letter is dated in, the number carries that month and needs no review;
everything the date cannot settle stays flagged.
"""
from __future__ import annotations

from pipeline.extract import extract_with_reasons
from tests.extract.test_layouts import CLOSE, HEAD, TODAY
from tests.extract.test_signature_and_slips import ocr_doc, read_twice


def dated(nomor: str, date: str) -> list[tuple]:
    rows = [r for r in HEAD if not r[3].startswith(("Nomor", "Blitar,"))]
    return rows + [(1, 0.12, 0.12, f"Nomor : {nomor}"), (1, 0.60, 0.12, f"Blitar, {date}")]


def number(nomor: str, date: str, alt: str | None = None):
    doc = ocr_doc(dated(nomor, date) + CLOSE)
    if alt is not None:
        doc = read_twice(doc, "Nomor", alt)
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    return letter.nomor_surat, reasons.get("nomor_surat", [])


def test_a_roman_month_read_as_ones_is_the_month_of_the_date():
    assert number("SSM/086/111/2026", "3 Maret 2026") == ("SSM/086/III/2026", [])
    assert number("MJU/072/11/2026", "9 Februari 2026") == ("MJU/072/II/2026", [])
    assert number("MGB/418/x1/2025", "4 November 2025") == ("MGB/418/XI/2025", [])


def test_the_engines_disagreeing_on_the_month_alone_are_settled_by_the_date():
    # Tesseract "TV", RapidOCR "IV", in April: the date says which engine was right
    assert number("RIPI/183/TV/2026", "7 April 2026", alt="RIPI/183/IV/2026") == ("RIPI/183/IV/2026", [])
    # both engines read a valid month, only one of them the date's
    assert number("RKPB/321/II/2026", "2 Februari 2026", alt="RKPB/321/I/2026") == ("RKPB/321/II/2026", [])


def test_a_month_the_date_does_not_name_stays_as_read_and_flagged():
    value, reasons = number("SSM/086/111/2026", "3 Mei 2026")
    assert value == "SSM/086/111/2026" and reasons
    value, reasons = number("RKPB/321/II/2026", "2 Maret 2026", alt="RKPB/321/I/2026")
    assert value == "RKPB/321/II/2026" and any("dua mesin OCR" in r for r in reasons)


def test_a_capital_letter_code_is_not_taken_for_a_month_without_the_other_engine():
    # "TV" may be a unit's code: only another reading can make it "IV"
    value, reasons = number("045/RED/TV/2026", "7 April 2026")
    assert value == "045/RED/TV/2026" and reasons


def test_a_one_in_january_may_be_either_and_is_left_to_the_clerk():
    value, reasons = number("PPK/207/1/2026", "5 Januari 2026")
    assert value == "PPK/207/1/2026"
    assert any("angka romawi" in r for r in reasons)


def test_eleven_in_a_letter_of_november_is_the_month_number():
    assert number("PPK/207/11/2025", "5 November 2025") == ("PPK/207/11/2025", [])
    value, reasons = number("PPK/207/11/2026", "5 Februari 2026", alt="PPK/207/11/2026")
    assert value == "PPK/207/II/2026" and reasons == []


def test_a_doubtful_date_settles_nothing():
    value, reasons = number("SSM/086/111/2026", "3 Maret 2O26")
    assert value == "SSM/086/111/2026" and reasons
