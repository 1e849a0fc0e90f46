"""Syntax and plausibility checks for the values read from a letter.

Each check is pure and cheap; the extraction engine calls them to decide whether a
value goes to the clerk for review. Patterns and word lists come from
`config/extraction.yaml` so an office can extend them without code changes.
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Optional

from pipeline.core import settings as _config

# OCR confuses these glyphs with digits; used only where a digit is expected.
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                                  "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "g": "9", "q": "9"})

ROMAN_MONTHS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}


def _rules() -> dict:
    return _config.load("extraction")  # cached by pipeline.core.settings


def _pattern(name: str) -> re.Pattern[str]:
    return _compiled(name, _rules()["patterns"][name])


@lru_cache(maxsize=None)
def _compiled(name: str, source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


def digits(text: Optional[str]) -> str:
    return re.sub(r"\D", "", text or "")


def fix_digits(text: str) -> tuple[str, bool]:
    """Digits with OCR look-alikes mapped (O→0, l→1 …); True when a glyph had to be changed."""
    fixed = text.translate(DIGIT_LOOKALIKES)
    return fixed, fixed != text


# --- Identifiers -----------------------------------------------------------------

def is_valid_npwp(value: Optional[str]) -> bool:
    """15 digits, or 16 with the leading 0 of the 2024 format; dotted form must group 2.3.3.1-3.3."""
    if not value:
        return False
    d = digits(value)
    if re.search(r"[^\d.\-\s]", value):
        return False
    if len(d) == 16 and d.startswith("0") and re.fullmatch(r"\d{4}(?:[.\-\s]?\d{4}){3}", value.strip()):
        return True  # the 16-digit NPWP (2024) printed in groups of four
    if any(ch in value for ch in ".-"):  # the dotted 2.3.3.1-3.3 form is the 15-digit number's
        return bool(_pattern("npwp_dotted").match(value.strip()))
    return len(d) == 15 or (len(d) == 16 and d.startswith("0"))


def format_npwp(value: str) -> str:
    """15-digit NPWP in its printed form 01.234.567.8-901.000 (16-digit numbers are returned as digits)."""
    d = digits(value)
    if len(d) != 15:
        return d
    return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"


def is_valid_akta(value: Optional[str]) -> bool:
    """A notarial deed number: up to four digits, perhaps a letter ("16", "54A")."""
    return isinstance(value, str) and bool(_pattern("akta_valid").match(value))


def is_valid_nib(value: Optional[str]) -> bool:
    return bool(value) and re.fullmatch(r"\d{13}", value.strip()) is not None


def is_valid_ahu(value: Optional[str]) -> bool:
    """Ministry of Law approval number, e.g. AHU-0012345.AH.01.01.Tahun 2021."""
    return bool(value) and bool(_pattern("ahu_valid").match(value.strip()))


def has_known_tld(host: str) -> bool:
    """The domain ends in a top-level domain from the configured list."""
    tld = host.strip().lower().rstrip("/.").rsplit(".", 1)[-1]
    return tld in set(_rules().get("known_tlds", [])) if _rules().get("known_tlds") else True


def is_valid_email(value: Optional[str]) -> bool:
    return bool(value) and bool(_pattern("email_valid").match(value.strip())) and has_known_tld(value.split("@")[-1])


def is_valid_url(value: Optional[str]) -> bool:
    if not value or not _pattern("url_valid").match(value.strip().lower()):
        return False
    return has_known_tld(re.sub(r"^[a-z]+://", "", value.strip().lower()).split("/")[0])


def phone_digits(value: Optional[str]) -> str:
    """Digits of a phone number with the country code 62 written as the trunk prefix 0."""
    d = digits(value)
    return "0" + d[2:] if d.startswith("62") else d


def is_valid_phone(value: Optional[str]) -> bool:
    """Indonesian number (after +62 → 0): mobile 08.. of 10-13 digits; fixed 0 + a 2-3 digit
    area code (021, 0341, ...) + a 5-8 digit local number, i.e. 8-12 digits."""
    d = phone_digits(value)
    if not d.startswith("0") or d.startswith("00"):
        return False
    if d.startswith("08"):
        return 10 <= len(d) <= 13
    return 8 <= len(d) <= 12


# --- Roman numerals and letter numbers -------------------------------------------

def roman_to_int(text: str) -> Optional[int]:
    """Value of a Roman numeral written in canonical form (I..MMMCMXCIX), else None."""
    t = text.strip().upper()
    if not t or not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", t):
        return None
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(t):
        v = vals[ch]
        total += -v if i + 1 < len(t) and vals[t[i + 1]] > v else v
    return total


def int_to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError("roman numerals cover 1..3999")
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def roman_month(text: str) -> Optional[int]:
    return ROMAN_MONTHS.get(text.strip().upper())


def letter_number_parts(value: str) -> list[str]:
    return [p.strip() for p in value.split("/") if p.strip()]


def letter_number_month_year(value: str) -> tuple[Optional[int], Optional[int]]:
    """The month (from a Roman-numeral part) and the year (a final 4-digit part) of a letter number."""
    parts = letter_number_parts(value)
    month = next((roman_month(p) for p in parts if roman_month(p)), None)
    year = int(parts[-1]) if parts and re.fullmatch(r"(19|20)\d{2}", parts[-1]) else None
    return month, year


def letter_number_problems(value: Optional[str]) -> list[str]:
    """Why a letter number looks misread (empty when it looks fine)."""
    if not value:
        return ["kosong"]
    problems = []
    if not _pattern("nomor_surat_valid").match(value.strip()):
        problems.append("format nomor tidak dikenali")
    parts = letter_number_parts(value)
    has_month = any(roman_month(p) for p in parts)
    for part in parts:
        # A part made of Roman-numeral glyphs (or their OCR look-alikes) must be a month I..XII.
        # (An all-digit part such as "111" is a serial number, not a misread numeral; capitals
        # beside a month that is there, as "LI" in "LI/DU/033/III/2025", are a unit's code.)
        code = has_month and re.fullmatch(r"[IVXL]{2,}", part) is not None
        if re.fullmatch(r"[IVXLivxl1|]+", part) and not part.isdigit() and not roman_month(part) and not code:
            problems.append(f"bulan romawi tidak sah: {part}")
        elif re.search(r"\d", part) and re.search(r"(?<=\d)[OoIl|]|[OoIl|](?=\d)", part):
            problems.append(f"huruf mirip angka pada nomor: {part}")
        elif re.fullmatch(r"[IVX]+[A-Z0-9]|[A-Z0-9][IVX]+", part) and re.search(r"[0-9NMHU]", part) and not roman_month(part):
            problems.append(f"bagian nomor meragukan: {part}")
    parts = letter_number_parts(value)
    if len(parts) >= 3 and re.fullmatch(r"\d{1,3}", parts[-1]) and not any(re.fullmatch(r"(19|20)\d{2}", p) for p in parts):
        # "186/SP/NDD/2": the year's digits lost at the end of the number
        problems.append(f"akhir nomor tampak terpotong: {parts[-1]}")
    elif not re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", value):
        # "292/NPI-M" for "292/NPI-MKT/I/2026": a number nearly always ends with its year
        problems.append("nomor tanpa tahun (akhirnya mungkin tidak terbaca)")
    if len(parts) >= 3 and re.fullmatch(r"(19|20)\d{2}", parts[-1]):
        # Before the year often stands the month, as a Roman numeral or a number 1..12
        # ("DIR" there is a unit code, not a month; "111" is a misread "III".)
        month = parts[-2]
        if month.isdigit() and not 1 <= int(month) <= 12:
            problems.append(f"bulan tidak sah sebelum tahun: {month}")
        elif not roman_month(month) and re.fullmatch(r"[IVXTLJl1|!]{1,4}", month, re.IGNORECASE) and not month.isdigit() \
                and not any(roman_month(p) for p in parts):
            # "TV" for "IV", "VIl" for "VII": a Roman month with one glyph misread
            problems.append(f"bagian sebelum tahun mirip bulan romawi: {month}")
    if parts and re.fullmatch(r"[A-Za-z]+\d[\dA-Za-z]*|\d+[A-Za-z][\dA-Za-z]*", parts[0]):
        # The serial is a number ("045"); letters glued to its digits ("M2" for "112")
        # are a misreading. A prefix written with a separator ("B-12") is left alone.
        problems.append(f"nomor urut bercampur huruf: {parts[0]}")
    elif parts and len(parts) >= 3 and re.fullmatch(r"[OoDQIlSZG|]{2,4}", parts[0]):
        # "SO" for "50", "lO" for "10": a serial made only of digit look-alikes
        problems.append(f"nomor urut tampak huruf mirip angka: {parts[0]}")
    for part in parts[1:]:
        # a unit code with a digit inside ("1S" for "IS", "K0M"); numbers and years stand alone
        if any(re.fullmatch(r"(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{2,6}", seg) for seg in re.split(r"[-.&_]", part)):
            problems.append(f"kode nomor bercampur angka dan huruf: {part}")
            break
    if " " in re.sub(r"^No\.\s", "", value.strip()):  # "No. 311/…" is how some print it
        problems.append("nomor mengandung spasi")
    return problems


# --- Dates -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def month_lookup() -> dict[str, int]:
    out: dict[str, int] = {}
    for num, names in _rules()["months"].items():
        for name in names:
            out[name.lower()] = int(num)
    return out


def month_number(word: str) -> Optional[int]:
    """Month from an Indonesian name or abbreviation (Januari, Agt., Okt, Des …)."""
    return month_lookup().get(word.strip().rstrip(".").lower())


def month_pattern() -> str:
    names = sorted(month_lookup(), key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(n) for n in names) + r")\.?"


def parse_indonesian_date(text: str) -> Optional[_dt.date]:
    """'21 Desember 2026', '9 Agt. 2025' or '09-12-2026' → date; None when not a real date."""
    t = text.strip()
    m = re.fullmatch(r"(\d{1,2})\s*([A-Za-z]+\.?)\s*(\d{4})", t)
    if m:
        month = month_number(m.group(2))
        day, year = int(m.group(1)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", t)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not month:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def is_plausible_letter_date(value: _dt.date, today: Optional[_dt.date] = None) -> bool:
    """A letter date within the configured window around today (a few weeks ahead is normal)."""
    today = today or _dt.date.today()
    window = _rules()["date_window"]
    return -int(window["max_past_days"]) <= (value - today).days <= int(window["max_future_days"])
