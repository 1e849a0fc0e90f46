"""openpyxl helpers for the agenda workbook's sheets: reading cells as people see them, finding
the header row and rows by No. Agenda, and writing text cells formula-safely.

Formula safety (spreadsheet/CSV injection): every value is written as a *string cell*
(`data_type = "s"`), so openpyxl never turns `=...` into a formula. Values that start
with `= + - @` (or tab/CR) additionally get Excel's own "quote prefix" cell flag — the
flag Excel sets when a person types `'=...` — so the cell *shows the value exactly as
the letter wrote it* but stays text even if someone edits it and presses Enter. We chose
this over OWASP's "prepend an apostrophe" because a literal `'` would show in the cell
and change the value read back; the flag keeps it readable and round-trips exactly.

Rows and columns here are openpyxl's, 1-based.
"""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.agenda import cells
from pipeline.agenda.base import KEY

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
LAST_ROW = 1048576  # Excel's last row: a dropdown covers the whole column


def cell_text(value: object) -> str:
    """What a person sees in a cell, as text: 15000000.0 -> '15000000', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()


def write_text(cell: Cell, value: object, *, identifier: bool = False) -> None:
    """Write `value` as a text cell that never becomes a formula (see the module docstring)."""
    text = cells.clean(value)
    if not text:
        cell.value = None
        return
    cell.value = text
    cell.data_type = "s"  # openpyxl made it a formula if it starts with '='; undo that
    if cell.quotePrefix != text.startswith(FORMULA_LEADS):
        cell.quotePrefix = text.startswith(FORMULA_LEADS)
    if identifier:
        cell.number_format = "@"


def find_header(ws: Worksheet) -> tuple[int | None, dict[str, int]]:
    """The header row (the first row holding 'No. Agenda') and {header: column index}."""
    rows = ([cell_text(c.value) for c in ws[r]] for r in range(1, ws.max_row + 1))
    row, headers = cells.find_header(rows)
    if row is None:
        return None, {}
    return row + 1, {name: col + 1 for name, col in headers.items()}


def key_index(ws: Worksheet, header_row: int, key_col: int) -> dict[str, int]:
    """{No. Agenda: row} of the rows below the header row."""
    keys = (cell_text(ws.cell(r, key_col).value) for r in range(header_row + 1, ws.max_row + 1))
    return cells.key_index(keys, header_row + 1)


def rows_by_key(ws: Worksheet, header_row: int, headers: dict[str, int]) -> dict[str, dict[str, str]]:
    """{No. Agenda: {header: cell text}} of the rows below the header row (the first duplicate wins)."""
    key_col = headers[KEY]
    out: dict[str, dict[str, str]] = {}
    for row in ws.iter_rows(min_row=header_row + 1):
        by_col = {c.column: c.value for c in row}
        key = cell_text(by_col.get(key_col))
        if key and key not in out:
            out[key] = {h: cell_text(by_col.get(col)) for h, col in headers.items()}
    return out


def last_used_row(ws: Worksheet) -> int:
    # max_row counts rows that merely carry formatting; find the last row with a value.
    for r in range(ws.max_row, 0, -1):
        if any(c.value not in (None, "") for c in ws[r]):
            return r
    return 0


def freeze_below(ws: Worksheet, header_row: int) -> bool:
    """Freeze the rows down to the header row; True when that changed the sheet."""
    want = f"A{header_row + 1}"
    if ws.freeze_panes == want:
        return False
    ws.freeze_panes = want
    return True


def ensure_dropdown(ws: Worksheet, header_row: int, col: int, options: tuple[str, ...], **messages: Any) -> bool:
    """A list dropdown of `options` on the column below the header; True when that changed the sheet.

    `messages` are DataValidation's texts (errorTitle, error, promptTitle, ...), used only
    when the dropdown is new; an existing one just gets the options the config now names.
    """
    first = f"{get_column_letter(col)}{header_row + 1}"
    formula = '"' + ",".join(options) + '"'
    for existing in ws.data_validations.dataValidation:
        if existing.type == "list" and first in existing.sqref:
            if existing.formula1 == formula:
                return False
            existing.formula1 = formula  # the office changed the options in config
            return True
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True, **messages)
    dv.add(f"{first}:{get_column_letter(col)}{LAST_ROW}")
    ws.add_data_validation(dv)
    return True
