"""The `Evaluasi` worksheet in the agenda workbook: one row per case, found by No. Agenda.

Its layout and which cells a prefill or a result writes are backend-neutral
(`agenda.evaluation_cells`); these functions put them into an openpyxl Workbook in
memory. Loading, locking and the atomic save stay with the agenda backend (XlsxAgenda).
Every text cell goes through the formula-safe writer, since company and media names
come from the letter.
"""
from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from pipeline.agenda.base import KEY
from pipeline.agenda.evaluation_cells import (
    EvaluationSheetLayout, answers_from_row, evaluation_sheet_layout, prefill_cells, result_cells,
)
from pipeline.agenda.xlsx.sheet_ops import (
    cell_text, ensure_dropdown, find_header, freeze_below, key_index, last_used_row, write_text,
)
from pipeline.core.errors import KerjasamaError
from pipeline.policy.evaluation import EvaluationConfig, EvaluationResult, load


def ensure_evaluation_sheet(wb: Workbook, lay: EvaluationSheetLayout | None = None) -> bool:
    """Create the sheet, missing headers and dropdowns; True when something changed."""
    lay = lay or evaluation_sheet_layout()
    changed = lay.sheet not in wb.sheetnames
    ws = wb[lay.sheet] if not changed else wb.create_sheet(lay.sheet)
    header_row, headers = find_header(ws)
    if header_row is None:
        if last_used_row(ws) > 0:  # someone's own sheet of that name: never write over it
            raise KerjasamaError(
                f"Lembar '{lay.sheet}' tidak memiliki kolom '{KEY}' pada baris judul; periksa atau ganti nama "
                "lembar tersebut.", code="evaluation_bad_header")
        header_row, headers = 1, {}
    new = [h for h in lay.headers if h not in headers]
    col = max(headers.values(), default=0) + 1
    for h in new:
        headers[h] = col
        write_text(ws.cell(header_row, col), h)
        ws.cell(header_row, col).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = lay.widths.get(h, 16)
        if h == KEY:
            ws.column_dimensions[get_column_letter(col)].number_format = "@"
        col += 1
    changed |= bool(new) | freeze_below(ws, header_row)
    for h, options in lay.dropdowns.items():
        changed |= ensure_dropdown(ws, header_row, headers[h], options, errorTitle="Jawaban tidak dikenal",
                                   error="Pilih salah satu jawaban dari daftar.")
    return changed


def _locate(wb: Workbook, lay: EvaluationSheetLayout, agenda_no: str, *, create: bool):
    """(worksheet, {header: col}, row) of a case; row None when absent and not created."""
    if create:
        ensure_evaluation_sheet(wb, lay)
    elif lay.sheet not in wb.sheetnames:
        return None, {}, None
    ws = wb[lay.sheet]
    header_row, headers = find_header(ws)
    if header_row is None:
        return ws, {}, None
    key = cell_text(agenda_no)
    row = key_index(ws, header_row, headers[KEY]).get(key)
    if row is None and create:
        row = last_used_row(ws) + 1
        write_text(ws.cell(row, headers[KEY]), key, identifier=True)
    return ws, headers, row


# --- reading and writing ---------------------------------------------------------------------


def read_row(wb: Workbook, agenda_no: str, lay: EvaluationSheetLayout | None = None) -> dict[str, str] | None:
    """{header: cell text} of the case's row, or None when it has no row."""
    lay = lay or evaluation_sheet_layout()
    ws, headers, row = _locate(wb, lay, agenda_no, create=False)
    if row is None:
        return None
    return {h: cell_text(ws.cell(row, c).value) for h, c in headers.items()}


def read_answers(wb: Workbook, agenda_no: str, lay: EvaluationSheetLayout | None = None) -> dict[str, str | None]:
    """{criterion key: answer as typed, or None}; all None when the case has no row yet."""
    lay = lay or evaluation_sheet_layout()
    return answers_from_row(read_row(wb, agenda_no, lay), lay)


def write_prefill(wb: Workbook, agenda_no: str, answers: dict[str, str | None], *, perusahaan: str | None = None,
                  media: str | None = None, lay: EvaluationSheetLayout | None = None) -> list[str]:
    """Fill empty answer cells with the letter's suggestions; returns the headers filled.

    A cell the verifier already answered is never changed, so re-running is harmless.
    """
    lay = lay or evaluation_sheet_layout()
    ws, headers, row = _locate(wb, lay, agenda_no, create=True)
    current = {h: cell_text(ws.cell(row, c).value) for h, c in headers.items()}
    cells, filled = prefill_cells(current, answers, perusahaan=perusahaan, media=media, lay=lay)
    for header, value in cells.items():
        write_text(ws.cell(row, headers[header]), value)
    return filled


def write_result(wb: Workbook, agenda_no: str, result: EvaluationResult, cfg: EvaluationConfig | None = None,
                 lay: EvaluationSheetLayout | None = None) -> None:
    """Write the computed columns (score, class, result, unanswered, reasons)."""
    cfg = cfg or load()
    lay = lay or evaluation_sheet_layout(cfg)
    ws, headers, row = _locate(wb, lay, agenda_no, create=True)
    for header, value in result_cells(result, cfg).items():
        if isinstance(value, str):
            write_text(ws.cell(row, headers[header]), value)
        else:
            ws.cell(row, headers[header]).value = value
