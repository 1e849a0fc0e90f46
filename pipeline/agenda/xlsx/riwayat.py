"""The `Riwayat` worksheet of agenda.xlsx: one row per applied status change or note.

Columns (CONTRACT.md): when, who, agenda number, from, to, note — plus `No.`, the
journal event's number, which makes appending idempotent (a row already there is never
written twice). The rows come from the journal (`pipeline.steps.history`); this module only
puts them into an openpyxl Workbook in memory (XlsxAgenda loads, locks and saves). The sheet
is protected: history is read, sorted and filtered, not edited.
"""
from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.agenda.xlsx.print_layout import write_date
from pipeline.agenda.xlsx.sheet_ops import cell_text, freeze_below, last_used_row, write_text
from pipeline.core.errors import KerjasamaError

SHEET = "Riwayat"
ID = "No."
COLUMNS = (ID, "Waktu", "Oleh", "No. Agenda", "Dari", "Ke", "Catatan")
WIDTHS = {ID: 7, "Waktu": 16, "Oleh": 26, "No. Agenda": 14, "Dari": 13, "Ke": 13, "Catatan": 60}
WRAP = Alignment(wrap_text=True, vertical="top")


def ensure_sheet(wb: Workbook) -> Worksheet:
    """The Riwayat sheet with its header row (made when missing)."""
    if SHEET not in wb.sheetnames:
        ws = wb.create_sheet(SHEET)
        for col, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(1, col)
            write_text(cell, name)
            cell.font = Font(bold=True)
            ws.column_dimensions[get_column_letter(col)].width = WIDTHS[name]
        freeze_below(ws, 1)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        ws.protection.sheet = True
        ws.protection.autoFilter = ws.protection.sort = False
    ws = wb[SHEET]
    if [cell_text(c.value) for c in ws[1]][:len(COLUMNS)] != list(COLUMNS):
        raise KerjasamaError(f"Lembar '{SHEET}' di agenda tidak berjudul {', '.join(COLUMNS)}; ganti nama lembar "
                             "itu agar riwayat dapat ditulis.", code="riwayat_bad_header")
    return ws


def present_ids(ws: Worksheet) -> set[str]:
    return {cell_text(ws.cell(r, 1).value) for r in range(2, ws.max_row + 1)} - {""}


def append(wb: Workbook, rows: list[dict[str, str]]) -> int:
    """Append the rows whose `No.` is not there yet; returns how many were written."""
    ws = ensure_sheet(wb)
    have = present_ids(ws)
    target = last_used_row(ws) + 1
    written = 0
    for row in rows:
        if str(row[ID]) in have:
            continue
        for col, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(target, col)
            value = str(row.get(name) or "")
            if not (name == "Waktu" and write_date(cell, value)):
                write_text(cell, value)  # notes are people's text: never a formula
            cell.alignment = WRAP
        have.add(str(row[ID]))
        target += 1
        written += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(target - 1, 2)}"
    return written


def read(wb: Workbook) -> list[dict[str, str]]:
    """The sheet's rows as text (for tests and the Buku Agenda)."""
    if SHEET not in wb.sheetnames:
        return []
    ws = wb[SHEET]
    return [{name: cell_text(ws.cell(r, c).value) for c, name in enumerate(COLUMNS, start=1)}
            for r in range(2, last_used_row(ws) + 1)]
