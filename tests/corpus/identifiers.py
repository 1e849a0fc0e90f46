"""Numbers and dates in the formats Indonesian letters really print them.

Every function takes a `random.Random` and returns (printed form, value) where they differ.
"""
from __future__ import annotations

import datetime as dt
from random import Random

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
OLD_MONTHS = {2: "Pebruari", 11: "Nopember"}  # spellings still common in older templates
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MOBILE_PREFIX = ("0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0857", "0856",
                 "0858", "0815", "0816", "0817", "0818", "0819", "0877", "0878", "0838", "0831", "0895",
                 "0896", "0897", "0898", "0881", "0882", "0887")


def digits(rng: Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(rng.choice("0123456789") for _ in range(n))
    return (rng.choice("123456789") + s[1:]) if first_nonzero else s


def landline(rng: Random, area: str) -> str:
    """Area code + local number: 021 takes 7-8 digits, 031 7-8, other 0xxx codes 5-7 (mostly 6)."""
    n = rng.choice((7, 8, 8)) if area in ("021", "031", "022", "024") else rng.choice((5, 6, 6, 6, 6, 7))
    local = digits(rng, n, first_nonzero=True)
    style = rng.randrange(6)
    if style == 0:
        return f"({area}) {local}"
    if style == 1:
        return f"{area}-{local}"
    if style == 2:
        return f"{area} {local}"
    if style == 3 and n >= 6:
        return f"({area}) {local[:3]} {local[3:]}"
    if style == 4:
        return f"+62 {area[1:]} {local}"
    return f"({area}) {local}"


def mobile(rng: Random) -> str:
    """08xx with 10-13 digits in all, printed in the usual groupings, sometimes as +62."""
    prefix = rng.choice(MOBILE_PREFIX)
    rest = digits(rng, rng.choice((6, 7, 8, 8, 8, 9)))
    number = prefix + rest
    style = rng.randrange(6)
    if style == 0:
        return f"{number[:4]}-{number[4:8]}-{number[8:]}"
    if style == 1:
        return f"{number[:4]} {number[4:8]} {number[8:]}"
    if style == 2:
        return number
    if style == 3:
        return f"+62 {number[1:4]}-{number[4:8]}-{number[8:]}"
    if style == 4:
        return f"+62{number[1:]}"
    return f"{number[:4]}.{number[4:8]}.{number[8:]}"


def npwp(rng: Random) -> tuple[str, str]:
    """15-digit NPWP printed 01.234.567.8-901.000, or the 16-digit NPWP in use since 2024.

    A company (badan) has no NIK: its 16-digit NPWP is 0 followed by the 15-digit one.
    """
    if rng.random() < 0.35:
        d = "0" + digits(rng, 12) + rng.choice(("000", "000", "001"))
        style = rng.randrange(3)
        printed = d if style == 0 else (" ".join(d[i:i + 4] for i in range(0, 16, 4)) if style == 1
                                        else f"{d[:4]}.{d[4:8]}.{d[8:12]}.{d[12:]}")
        return printed, d
    d = digits(rng, 12) + rng.choice(("000", "000", "000", "001", "002"))  # 2+6+1 id, 3 KPP, 3 branch
    printed = f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    return (printed if rng.random() < 0.9 else d), d


def nib(rng: Random) -> str:
    return rng.choice("0128912") + digits(rng, 12)


AHU_SUFFIX = {"PT": ("AH.01.01", "."), "CV": ("AH.01.14", "-"), "Yayasan": ("AH.01.04", "."),
              "Perkumpulan": ("AH.01.07", "."), "Koperasi": ("AH.01.26", ".")}


def ahu(rng: Random, form: str, year: int) -> str:
    """SK Kemenkumham numbers: PT AHU-0012345.AH.01.01.Tahun 2021, CV AHU-0001234-AH.01.14 Tahun 2022."""
    code, sep = AHU_SUFFIX[form]
    num = digits(rng, 7)
    if form == "CV":
        return f"AHU-{num}-{code} Tahun {year}"
    tahun = rng.choice(("Tahun", "Tahun", "TAHUN"))
    return f"AHU-{num}{sep}{code}.{tahun} {year}"


def akta(rng: Random) -> str:
    n = rng.choice((rng.randint(1, 9), rng.randint(1, 99), rng.randint(1, 150)))
    return f"{n:02d}" if (n < 10 and rng.random() < 0.6) else str(n)


def letter_number(rng: Random, initials: str, month: int, year: int) -> str:
    seq = rng.randint(1, 420)
    unit = rng.choice(("RED", "DIR", "MKT", "SEK", "PU", "UM", "HUMAS", "PEM"))
    r = ROMAN[month - 1]
    return rng.choice((
        f"{seq:03d}/{initials}-{unit}/{r}/{year}",
        f"{seq:03d}/{initials}/{unit}/{r}/{year}",
        f"{initials}/{seq:03d}/{r}/{year}",
        f"B-{seq}/{initials}/{r}/{year}",
        f"{seq}/SP/{initials}/{year}",
        f"{seq:03d}/{unit}.{initials}/{r}/{year}",
        f"No.{seq:02d}/{initials}-{unit}/{year}",
    ))


def letter_date(rng: Random) -> dt.date:
    start = dt.date(2024, 1, 2)
    return start + dt.timedelta(days=rng.randrange(0, 3 * 365))


def printed_date(rng: Random, d: dt.date, style: dict) -> str:
    """'5 Nopember 2025', '05 November 2025', 'Selasa, 05 Pebruari 2025' as the style says."""
    month = OLD_MONTHS.get(d.month, MONTHS[d.month - 1]) if style.get("old_months") else MONTHS[d.month - 1]
    if style.get("upper_month"):
        month = month.upper()
    day = f"{d.day:02d}" if style.get("zero_pad") else str(d.day)
    text = f"{day} {month} {d.year}"
    if style.get("weekday"):
        text = f"{DAYS[d.weekday()]}, {text}"
    return text


def ukw_number(rng: Random, level: str, year: int) -> str:
    code = {"Utama": "WU", "Madya": "WM", "Muda": "WMD"}[level]
    org = rng.choice(("PWI", "AJI", "IJTI", "PRSSNI", "UNTAG", "LPDS"))
    return f"{digits(rng, 4, True)}-{org}/{code}/DP/{ROMAN[rng.randrange(12)]}/{year}/{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(60, 90)}"
