"""How the Agenda worksheet looks and prints, and which of its cells people may type in.

Printed: landscape A4, fitted to the page width, the header row repeated on every page, a
title and page numbers in the page header/footer. On screen: wrapped text aligned to the
top, an autofilter on the header row, dates as real date cells (sortable, filterable by
month). Protected: the pipeline's own columns (No. Agenda, Pesan Sistem, Tenggat, ...) are
locked, officials' columns and the letter's fields (which the clerk corrects) stay open;
the protection has no password (it guards against slips, not people), and filtering,
sorting, resizing and inserting rows stay allowed.

`apply_sheet_layout` runs on every structure check (cheap and idempotent); `style_row`
on every row the pipeline writes.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.agenda.base import AgendaLayout
from pipeline.agenda.xlsx.sheet_ops import LAST_ROW, last_used_row, write_text

TITLE = "Buku Agenda Surat Masuk — Kerja Sama Media Massa"
FOOTER = "Halaman &P dari &N"
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
OPEN = Protection(locked=False)
DATE_FORMAT, DATETIME_FORMAT = "DD/MM/YYYY", "DD/MM/YYYY HH:MM"
DEFAULT_WIDTH = 16  # characters, as the workbook gives a column with no width configured
LINE_POINTS, MAX_ROW_POINTS = 15.0, 409.0  # one line of 11 pt text; Excel's highest row
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$")


def open_columns(lay: AgendaLayout) -> frozenset[str]:
    """Columns people type in: officials' columns and the letter's fields the clerk corrects."""
    return lay.official_columns | frozenset(lay.field_columns.values())


def as_date(text: str) -> date | datetime | None:
    """'2026-11-12' -> date, '2026-11-12 09:30' -> datetime; None for anything else.

    A time of exactly 00:00 stays text: its cell would read back as the date alone, and the
    pipeline would rewrite it on every cycle.
    """
    m = _ISO.match(text.strip())
    if not m:
        return None
    try:
        if m.group(4) is None:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        value = datetime(*(int(g) for g in m.groups()))
    except ValueError:
        return None
    return None if (value.hour, value.minute) == (0, 0) else value


def write_date(cell: Cell, text: str) -> bool:
    """Write an ISO date (time) as a real date cell; False (nothing written) when it is not one."""
    value = as_date(text)
    if value is None:
        return False
    cell.value = value
    cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
    return True


def place_row(ws: Worksheet, header_row: int, target: int, headers: dict[str, int], row: dict[str, str],
              lay: AgendaLayout) -> None:
    """Write one agenda row's cells (text formula-safe, dates as dates) and style it."""
    for header, value in row.items():
        cell = ws.cell(target, headers[header])
        if header in lay.date_columns and write_date(cell, str(value or "")):
            continue
        write_text(cell, value, identifier=header in lay.text_columns)
        if header in lay.date_columns and cell.number_format in (DATE_FORMAT, DATETIME_FORMAT):
            cell.number_format = "General"  # was a date, now text (or empty)
    style_row(ws, target, headers, lay)
    extend_filter(ws, headers, header_row)


def filter_ref(ws: Worksheet, headers: dict[str, int], header_row: int) -> str:
    last = get_column_letter(max(headers.values(), default=1))
    return f"A{header_row}:{last}{max(last_used_row(ws), header_row + 1)}"


def extend_filter(ws: Worksheet, headers: dict[str, int], header_row: int) -> None:
    """The autofilter covers every row (set whenever rows are written, so no extra save later)."""
    ws.auto_filter.ref = filter_ref(ws, headers, header_row)


def row_height(ws: Worksheet, row: int, headers: dict[str, int], lay: AgendaLayout) -> float:
    """Points for the row's longest wrapped cell: spreadsheet programs do not grow a row a
    program wrote, so without this wrapped text would print over the next row."""
    lines = 1
    for name, col in headers.items():
        text = str(ws.cell(row, col).value or "")
        if not text:
            continue
        width = max(lay.column_widths.get(name, DEFAULT_WIDTH) - 1, 4)
        lines = max(lines, sum(max(1, -(-len(part) // int(width))) for part in text.splitlines() or [""]))
    return min(LINE_POINTS * lines + 2, MAX_ROW_POINTS)


def style_row(ws: Worksheet, row: int, headers: dict[str, int], lay: AgendaLayout) -> None:
    """Wrap and top-align the row's cells of our columns, fit its height; leave the open columns unlocked."""
    unlocked = open_columns(lay)
    height = row_height(ws, row, headers, lay)
    if ws.row_dimensions[row].height != height:
        ws.row_dimensions[row].height = height
    for name in lay.columns:
        col = headers.get(name)
        if col is None:
            continue
        cell = ws.cell(row, col)
        if cell.alignment != WRAP:
            cell.alignment = WRAP
        if name in unlocked and cell.protection.locked:
            cell.protection = OPEN


def apply_sheet_layout(ws: Worksheet, header_row: int, headers: dict[str, int], lay: AgendaLayout) -> bool:
    """Page set-up, print titles, autofilter, header style and protection; True when anything changed."""
    before = _fingerprint(ws)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8  # inches; the title and page number sit in 0.3
    ws.print_title_rows = f"{header_row}:{header_row}"
    through = headers.get(lay.print_through or "") or max(headers.values(), default=1)
    area = f"A1:{get_column_letter(through)}{LAST_ROW}"
    if (ws.print_area or "").replace("$", "").split("!")[-1] != area:
        ws.print_area = area
    if ws.oddHeader.center.text != TITLE:
        ws.oddHeader.center.text, ws.oddHeader.center.size, ws.oddHeader.center.font = TITLE, 14, "Calibri,Bold"
    ws.oddFooter.center.text = FOOTER
    if (ws.auto_filter.ref or "").split(":")[0] != f"A{header_row}" or not _same_columns(ws, headers, header_row):
        extend_filter(ws, headers, header_row)
    for name, col in headers.items():
        cell = ws.cell(header_row, col)
        if cell.alignment != HEADER_ALIGN:
            cell.alignment = HEADER_ALIGN
    height = row_height(ws, header_row, headers, lay)
    if ws.row_dimensions[header_row].height != height:
        ws.row_dimensions[header_row].height = height
    p = ws.protection
    if not p.sheet:  # protection is new on this workbook: open the rows written before it
        for r in range(header_row + 1, last_used_row(ws) + 1):
            style_row(ws, r, headers, lay)
    p.sheet = True
    # True = forbidden. People filter, sort, resize and insert rows; deleting rows stays locked.
    p.autoFilter = p.sort = p.formatColumns = p.formatRows = p.insertRows = p.formatCells = False
    return _fingerprint(ws) != before


def format_new_columns(ws: Worksheet, lay: AgendaLayout) -> None:
    """Column defaults on a workbook we create: rows people type later are open and wrapped too."""
    unlocked = open_columns(lay)
    for idx, name in enumerate(lay.columns, start=1):
        dim = ws.column_dimensions[get_column_letter(idx)]
        dim.alignment = WRAP
        if name in unlocked:
            dim.protection = OPEN


def _same_columns(ws: Worksheet, headers: dict[str, int], header_row: int) -> bool:
    want = filter_ref(ws, headers, header_row)
    return re.sub(r"\d+$", "", ws.auto_filter.ref or "") == re.sub(r"\d+$", "", want)


def _fingerprint(ws: Worksheet) -> tuple:
    p, s = ws.protection, ws.page_setup
    return (s.orientation, s.fitToWidth, s.fitToHeight, ws.print_title_rows, ws.print_area, ws.auto_filter.ref,
            p.sheet, p.sort, p.autoFilter, ws.oddHeader.center.text, ws.oddFooter.center.text,
            ws.sheet_properties.pageSetUpPr.fitToPage, ws.row_dimensions[1].height, ws.page_margins.top,
            tuple(ws.cell(1, c).alignment.wrap_text for c in range(1, min(ws.max_column, 60) + 1)))
