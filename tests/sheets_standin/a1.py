"""A1 notation: parse ranges the way the Sheets API accepts them, format them the way it answers.

A parsed range is `Rng(sheet, r0, c0, r1, c1)`: 0-based, end-exclusive, None = unbounded
(so "A:A", "1:3", "A2:B" and a bare sheet name all fit).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CELL = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d*)$")


@dataclass(frozen=True)
class Rng:
    sheet: str | None
    r0: int | None = None
    c0: int | None = None
    r1: int | None = None
    c1: int | None = None

    def clamp(self, rows: int, cols: int) -> tuple[int, int, int, int]:
        """Concrete (r0, c0, r1, c1) within a rows x cols grid."""
        r0 = self.r0 or 0
        c0 = self.c0 or 0
        r1 = rows if self.r1 is None else min(self.r1, rows)
        c1 = cols if self.c1 is None else min(self.c1, cols)
        return r0, c0, max(r1, r0), max(c1, c0)


class A1Error(ValueError):
    pass


def col_letters(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def split_sheet(text: str) -> tuple[str | None, str]:
    """("Sheet", "A1:B2") from "'Sheet'!A1:B2"; quotes may be doubled inside quoted names."""
    text = text.strip()
    if text.startswith("'"):
        i, name = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1:i + 2] == "'":
                    name.append("'")
                    i += 2
                    continue
                break
            name.append(text[i])
            i += 1
        else:
            raise A1Error(text)
        rest = text[i + 1:]
        if rest and not rest.startswith("!"):
            raise A1Error(text)
        return "".join(name), rest[1:]
    if "!" in text:
        sheet, _, rest = text.rpartition("!")
        return sheet, rest
    return None, text


def _part(p: str) -> tuple[int | None, int | None]:
    m = _CELL.match(p)
    if not m or (not m.group(1) and not m.group(2)):
        raise A1Error(p)
    col = col_index(m.group(1)) if m.group(1) else None
    row = int(m.group(2)) - 1 if m.group(2) else None
    if row is not None and row < 0:
        raise A1Error(p)
    return row, col


def parse(text: str, sheet_titles: list[str]) -> Rng:
    """Parse "Sheet!A1:B2" / "A1" / "Sheet" / "A:A" / "1:1" / "A1:1". A bare word that names a
    sheet is that whole sheet; a range without a sheet refers to the first sheet (as Google)."""
    sheet, cells = split_sheet(text)
    if sheet is None:
        if cells in sheet_titles:
            return Rng(cells)
        sheet = sheet_titles[0] if sheet_titles else None
    if cells == "":
        return Rng(sheet)
    a, sep, b = cells.partition(":")
    ra, ca = _part(a)
    if not sep:
        if ra is None or ca is None:
            raise A1Error(text)
        return Rng(sheet, ra, ca, ra + 1, ca + 1)
    rb, cb = _part(b)
    r0, c0 = ra, ca
    r1 = None if rb is None else rb + 1
    c1 = None if cb is None else cb + 1
    # "A1:1": the end names only a row -> columns run to the grid edge; a start without a
    # row ("A:B") starts at row 0.
    if r0 is not None and r1 is not None and r1 <= r0:
        r0, r1 = r1 - 1, r0 + 1
    if c0 is not None and c1 is not None and c1 <= c0:
        c0, c1 = c1 - 1, c0 + 1
    return Rng(sheet, r0, c0, r1, c1)


_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOOKS_LIKE_REF = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*)$")


def quote_sheet(title: str) -> str:
    """Google leaves plain names bare (Sheet1!A1) and quotes the rest ('My sheet'!A1)."""
    if _PLAIN_NAME.match(title) and not _LOOKS_LIKE_REF.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def fmt(title: str, r0: int, c0: int, r1: int, c1: int) -> str:
    """Concrete range as Google prints it: Sheet1!A1:D4, or Sheet1!B1 for one cell."""
    start = f"{col_letters(c0)}{r0 + 1}"
    end = f"{col_letters(max(c1 - 1, c0))}{max(r1, r0 + 1)}"
    return f"{quote_sheet(title)}!{start}" + ("" if start == end else f":{end}")


def from_grid_range(gr: dict) -> tuple[int | None, int | None, int | None, int | None]:
    return (gr.get("startRowIndex"), gr.get("startColumnIndex"),
            gr.get("endRowIndex"), gr.get("endColumnIndex"))
