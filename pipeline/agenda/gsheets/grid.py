"""One worksheet as read from Google Sheets, and pieces of the spreadsheet's metadata.

Shared by the backend's setup, its writes and the doctor; needs no gspread. Rows and
columns are 0-based positions in the values read (the API's A1 ranges are 1-based).
"""
from __future__ import annotations

from typing import Any

from pipeline.agenda import cells
from pipeline.agenda.base import KEY
from pipeline.core.errors import KerjasamaError


class NoSuchSheet(KerjasamaError):
    """The spreadsheet has no worksheet of that title (yet)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="agenda_no_worksheet")


class Grid:
    """One worksheet as read: {header: col index} and rows by No. Agenda (0-based indexes)."""

    def __init__(self, values: list[list[Any]]) -> None:
        self.values = [[_text(v) for v in row] for row in values]
        self.header_row, self.headers = cells.find_header(self.values)
        self.index: dict[str, int] = {}
        if self.header_row is not None:
            col, start = self.headers[KEY], self.header_row + 1
            self.index = cells.key_index((_cell(self.values, r, col) for r in range(start, len(self.values))), start)
        self.next_row = len(self.values)  # below everything people wrote

    def copy(self) -> "Grid":
        return Grid([list(r) for r in self.values])

    def rows(self) -> dict[str, dict[str, str]]:
        return {k: {h: _cell(self.values, r, c) for h, c in self.headers.items()} for k, r in self.index.items()}

    def row(self, key: str) -> dict[str, str] | None:
        r = self.index.get(key)
        return None if r is None else {h: _cell(self.values, r, c) for h, c in self.headers.items()}

    def place(self, key: str) -> int:
        """The row of `key`, given a new row below the others when absent."""
        if key not in self.index:
            self.index[key] = self.next_row
            self.next_row += 1
        return self.index[key]

    def key_at(self, r: int) -> str:
        return _cell(self.values, r, self.headers[KEY]) if self.header_row is not None else ""

    def set(self, r: int, header: str, value: Any) -> None:
        """Record a planned write in this view, so later writes of the batch see it."""
        c = self.headers[header]
        while len(self.values) <= r:
            self.values.append([])
        row = self.values[r]
        while len(row) <= c:
            row.append("")
        row[c] = _text(value)


def sheet_of(meta: dict[str, Any], title: str) -> dict[str, Any] | None:
    """The worksheet of that title in the spreadsheet's metadata, or None."""
    for sheet in meta.get("sheets", []):
        if sheet.get("properties", {}).get("title") == title:
            return sheet
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell(values: list[list[str]], r: int, c: int) -> str:
    if r >= len(values) or c >= len(values[r]):
        return ""
    return values[r][c]
