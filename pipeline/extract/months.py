"""The month in a letter number, read against the letter's date.

Indonesian letter numbers carry the month they were written in, mostly as a Roman numeral
("118/SP/RKSR/X/2025"), sometimes as a number ("…/05/2026"). OCR takes the Roman I for a 1,
an l or a T ("111", "x1", "TV"), and the two engines disagree on those glyphs. The letter's
date settles it: a misread Roman month that, glyph for glyph, names the date's month is
that month; one that names another is doubtful.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.extract import validators as v
from pipeline.extract.found import Found, rival_reason

ROMAN = {month: numeral for numeral, month in v.ROMAN_MONTHS.items()}
# Glyphs OCR reads for the strokes of a Roman numeral. Capital letters are not among them:
# "TV" or "IT" before the year may be a unit's code; only the other engine's reading
# can say it was "IV" or "II".
LOOKALIKE = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "i": "I", "x": "X", "v": "V"})
YEAR = re.compile(r"(19|20)\d{2}")
REPAIRED = "bulan romawi pada nomor diperbaiki"


def _date(tanggal: Optional[Found]) -> Optional[dt.date]:
    """The letter date, when it was read without doubt."""
    if tanggal is None or not isinstance(tanggal.value, dt.date) or tanggal.reasons:
        return None
    return tanggal.value


def _month_part(value: str) -> Optional[str]:
    """The part before the year, where the month stands, unless another part is a Roman month."""
    parts = v.letter_number_parts(value)
    if len(parts) < 3 or not YEAR.fullmatch(parts[-1]) or any(v.roman_month(p) for p in parts[:-2]):
        return None
    return parts[-2]


def _rival_months(f: Found) -> list[tuple[tuple[str, str], str, str]]:
    """Where the two engines read the number differently in its month part only: the pair and
    each engine's month part."""
    out = []
    for a, b in f.rivals:
        pa, pb = v.letter_number_parts(a), v.letter_number_parts(b)
        if len(pa) == len(pb) >= 3 and YEAR.fullmatch(pa[-1]) and pa[:-2] + pa[-1:] == pb[:-2] + pb[-1:]:
            out.append(((a, b), pa[-2], pb[-2]))
    return out


def by_date(readings: list[Optional[Found]], tanggal: Optional[Found]) -> None:
    """Each OCR reading's month part made the date's Roman month where its glyphs, or the other
    engine's, name that month; the doubts that the date settles are dropped."""
    date = _date(tanggal)
    if date is None:
        return
    roman = ROMAN[date.month]
    for f in readings:
        if f is None or not isinstance(f.value, str) or f.conf >= 100:  # a text layer is exact
            continue
        part = _month_part(f.value)
        if part is None or (part.isdigit() and int(part) == date.month):
            continue  # no month there, or a month number as dated ("…/05/2026" in May)
        rivals = _rival_months(f)
        readings_of_part = {part} | {m for _, x, y in rivals for m in (x, y)}
        if roman not in {p.translate(LOOKALIKE) for p in readings_of_part}:
            continue
        if part != roman:
            head, _, year = f.value.rpartition("/")
            before, _, _ = head.rpartition("/")
            fixed = f"{before}/{roman}/{year}"  # the part before the year, not a look-alike inside the year
            gone = set(v.letter_number_problems(f.value)) - set(v.letter_number_problems(fixed))
            f.value = fixed
            f.reasons = [r for r in f.reasons if r not in gone]
        settled = {pair for pair, x, y in rivals if roman in (x.translate(LOOKALIKE), y.translate(LOOKALIKE))}
        f.reasons = [r for r in f.reasons if not any(r == rival_reason(*pair) for pair in settled)]
        f.rivals = [pair for pair in f.rivals if pair not in settled]


def confirm_repair(readings: list[Optional[Found]], tanggal: Optional[Found]) -> None:
    """A Roman month repaired by the header's rule ("X1" for "XI") that names the letter
    date's month is confirmed by it."""
    date = _date(tanggal)
    if date is None:
        return
    for f in readings:
        if f is not None and f.fixed and isinstance(f.value, str):
            month, _ = v.letter_number_month_year(f.value)
            if month == date.month:
                f.fixed, f.notes = False, [n for n in f.notes if not n.startswith(REPAIRED)]


def against_date(nomor: Optional[Found], tanggal: Optional[Found]) -> None:
    """A letter number's month and year normally match the letter date."""
    if not nomor or not tanggal or not isinstance(tanggal.value, dt.date):
        return
    month, year = v.letter_number_month_year(nomor.value)
    if month and month != tanggal.value.month:
        nomor.doubt("bulan romawi pada nomor tidak sama dengan bulan surat")
    if year and year != tanggal.value.year:
        nomor.doubt("tahun pada nomor tidak sama dengan tahun surat")
    digit_month = _digit_month(nomor.value)
    if digit_month and not month and int(digit_month) != tanggal.value.month:
        nomor.doubt("bulan pada nomor tidak sama dengan bulan surat")


def _digit_month(value: str) -> Optional[str]:
    """The part before the year when it is written with digits ("…/05/2026")."""
    parts = v.letter_number_parts(value)
    if len(parts) >= 3 and YEAR.fullmatch(parts[-1]) and re.fullmatch(r"\d{1,2}", parts[-2]):
        return parts[-2]
    return None


def roman_lookalike(nomor: Optional[Found], tanggal: Optional[Found]) -> None:
    """A month written "1" or "11" before the year is often a Roman I or II read as digits,
    unless the date says it is the number: "11" in a letter of November."""
    if not nomor or not isinstance(nomor.value, str) or nomor.conf >= 100:  # only OCR turns "II" into "11"
        return
    digits = _digit_month(nomor.value)
    date = _date(tanggal)
    if digits == "11" and date is not None and date.month == 11:
        return
    if digits in ("1", "11"):
        nomor.doubt("bulan pada nomor mungkin angka romawi (I/II) yang terbaca sebagai angka")
