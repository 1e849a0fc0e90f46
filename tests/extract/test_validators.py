"""Validators: identifiers, Indonesian dates, Roman-numeral letter numbers, plausibility."""
import datetime as dt

import pytest
from hypothesis import given, strategies as st

from pipeline.extract import validators as v

TODAY = dt.date(2026, 11, 26)


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_npwp_format_round_trip(d):
    printed = v.format_npwp(d)
    assert v.is_valid_npwp(printed)
    assert v.digits(printed) == d


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_npwp_2024_format_has_leading_zero(d):
    assert v.is_valid_npwp("0" + d)
    assert not v.is_valid_npwp("1" + d)


@pytest.mark.parametrize("bad", ["09.526.005.4-525.00", "09.526.005.4-525.0001", "0952600545250", "O9.526.005.4-525.000",
                                 "095.26.005.4-525.000", ""])
def test_npwp_rejects_damaged(bad):
    assert not v.is_valid_npwp(bad)


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n):
    assert v.roman_to_int(v.int_to_roman(n)) == n


@given(st.integers(min_value=1, max_value=12))
def test_roman_months(n):
    assert v.roman_month(v.int_to_roman(n)) == n


@pytest.mark.parametrize("text", ["IIII", "VX", "I1", "IN", "", "XIII"])
def test_not_a_roman_month(text):
    assert v.roman_month(text) is None


def test_nib():
    assert v.is_valid_nib("8120298061516")
    assert not v.is_valid_nib("812029806151")
    assert not v.is_valid_nib("81202980615160")


@pytest.mark.parametrize("ahu", ["AHU-0012345.AH.01.01.Tahun 2021", "AHU-0483795-AH.01.14 Tahun 2010",
                                 "AHU-7480646.AH.01.04.Tahun 2012",
                                 "AHU-1234.AH.01.04.Tahun 2013"])
def test_ahu_valid(ahu):
    assert v.is_valid_ahu(ahu)


@pytest.mark.parametrize("ahu", ["AHU-8133287.AH.OLO1.Tahun 2016", "AHU-8271061.AH.0LOLTahun 2019", "AHU-12.AH.01.01.Tahun 2021", "AHU-123.AH.01.01.Tahun 2021"])
def test_ahu_invalid(ahu):
    assert not v.is_valid_ahu(ahu)


def test_contacts():
    assert v.is_valid_email("redaksi@arjunakanal.com")
    assert not v.is_valid_email("redaksi@arjunakanal")
    assert v.is_valid_url("www.cempakapos.co.id") and v.is_valid_url("https://matakota.tv/")
    assert not v.is_valid_url("www jendelaarek")
    assert v.is_valid_phone("(0341) 525291") and v.is_valid_phone("0821-6178-9274") and v.is_valid_phone("+62 812-3456-7890")
    assert not v.is_valid_phone("0821-6178") and not v.is_valid_phone("12345678901")
    assert v.phone_digits("+62 812 3456 7890") == "081234567890"


@pytest.mark.parametrize("text,expected", [
    ("21 Desember 2026", dt.date(2026, 12, 21)), ("9 Mei 2025", dt.date(2025, 5, 9)),
    ("26 Agt 2025", dt.date(2025, 8, 26)), ("3 Okt. 2026", dt.date(2026, 10, 3)), ("1 Des 2026", dt.date(2026, 12, 1)),
    ("5 Nopember 2025", dt.date(2025, 11, 5)), ("31 Februari 2026", None), ("12 Foo 2026", None), ("09-12-2026", dt.date(2026, 12, 9)),
])
def test_indonesian_dates(text, expected):
    assert v.parse_indonesian_date(text) == expected


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_dates_round_trip_through_month_names(d):
    names = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    assert v.parse_indonesian_date(f"{d.day} {names[d.month - 1]} {d.year}") == d


def test_date_window():
    assert v.is_plausible_letter_date(dt.date(2026, 12, 21), TODAY)  # a few weeks ahead is normal
    assert v.is_plausible_letter_date(dt.date(2025, 3, 9), TODAY)
    assert not v.is_plausible_letter_date(dt.date(2028, 12, 21), TODAY)
    assert not v.is_plausible_letter_date(dt.date(2016, 1, 1), TODAY)


@pytest.mark.parametrize("nomor", ["118/AKI-MKT/XII/2026", "201/CPM/DIR/2026", "045/SJM-RED/XI/2026", "111/ABC/11/2026", "B-12/ABC/XI/2026",
                                   "049/SP/KJD/05/2026", "012/TV/XI/2026",
                                   "No.280/LRM-RED/2025", "No. 311/WTIM-DIR/2026", "LI/DU/033/III/2025"])
def test_letter_number_ok(nomor):
    assert v.letter_number_problems(nomor) == []


@pytest.mark.parametrize("nomor", ["11 1/PTP/I1/2025", "M2/LVT/IN/2026", "M2/LVT/IV/2026", "213/JAS/111/2025", "12/ABC/XIII/2026", "pan Haa",
                                   "SO/ABC/XI/2026", "12/1BC/XI/2026", "12/SP/K0M/XI/2026", "080/CSS/TV/2025", "12/ABC/VIl/2026",
                                   "292/NPI-M", "045/HMS-KBR", "045/LI/II1/2026"])
def test_letter_number_damaged(nomor):
    assert v.letter_number_problems(nomor)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=12), st.integers(min_value=2000, max_value=2099))
def test_letter_number_month_year(seq, month, year):
    nomor = f"{seq:03d}/ABC-RED/{v.int_to_roman(month)}/{year}"
    assert v.letter_number_problems(nomor) == []
    assert v.letter_number_month_year(nomor) == (month, year)
