"""Rupiah amounts: reading what officials type, writing digits and Indonesian words.

Contracts state the value twice, as "Rp5.000.000,00" and in words ("lima juta rupiah"),
so a typo in one is caught by the other.
"""
from __future__ import annotations

import re

_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
           "sebelas")
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))
_MAX = 10**15 - 1
_WORD_UNITS = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9}


def terbilang(n: int) -> str:
    """12 -> 'dua belas', 1500 -> 'seribu lima ratus', 5_000_000 -> 'lima juta'."""
    if not 0 <= n <= _MAX:
        raise ValueError(f"angka di luar jangkauan: {n}")
    return "nol" if n == 0 else _words(n)


def _words(n: int) -> str:
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        return _join(f"{_SATUAN[n // 10]} puluh", n % 10)
    if n < 1000:
        head = "seratus" if n < 200 else f"{_SATUAN[n // 100]} ratus"
        return _join(head, n % 100)
    if n < 10**6:
        head = "seribu" if n < 2000 else f"{_words(n // 1000)} ribu"
        return _join(head, n % 1000)
    for size, name in _SKALA:
        if n >= size:
            return _join(f"{_words(n // size)} {name}", n % size)
    raise AssertionError("unreachable")


def _join(head: str, rest: int) -> str:
    return head if rest == 0 else f"{head} {_words(rest)}"


def rupiah_terbilang(n: int) -> str:
    return f"{terbilang(n)} rupiah"


def format_rupiah(n: int) -> str:
    """5000000 -> '5.000.000' (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def parse_rupiah(text: object) -> int:
    """Whole rupiah from what people type in a cell; ValueError when it is not an amount.

    Accepts "5000000", "Rp 5.000.000", "Rp5.000.000,00", "5.000.000,-", "5,000,000",
    "5 juta", "2,5 juta", and a number cell read as "5000000".
    """
    s = re.sub(r"\s+", " ", str(text if text is not None else "")).strip().casefold()
    s = re.sub(r"^rp\.?\s*", "", s)
    s = re.sub(r"(,-|,00|\.-)$", "", s).strip()
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?) ?([a-z]+)", s)
    if m and m.group(2) in _WORD_UNITS:
        value = float(m.group(1).replace(",", ".")) * _WORD_UNITS[m.group(2)]
        if value != int(value):
            raise ValueError(f"nilai '{text}' bukan rupiah utuh")
        return int(value)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        return int(s.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s):
        return int(s.replace(",", ""))
    if re.fullmatch(r"\d+", s):
        return int(s)
    raise ValueError(f"nilai '{text}' bukan jumlah rupiah")
