"""Queued agenda writes (`Agenda.apply`) as the xlsx workbook takes them: new rows, changed
cells, a status written only while the cell still holds what was typed, the Evaluasi sheet."""
from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.workbook.workbook import Workbook

from pipeline.agenda.base import KEY, AgendaWrite
from pipeline.agenda.xlsx.evaluation_sheet import write_prefill, write_result
from pipeline.agenda.xlsx.sheet_ops import cell_text, find_header, key_index, write_text
from pipeline.policy.evaluation import EvaluationResult

if TYPE_CHECKING:
    from pipeline.agenda.xlsx.workbook import XlsxAgenda


def row_of(w: AgendaWrite, present: dict[str, dict[str, str]]) -> dict[str, str] | None:
    if w.kind == "tambah":
        return None if w.agenda_no in present else dict(w.cells)
    if w.kind != "ubah" or w.agenda_no not in present or len(w.cells) <= 1:
        return None
    return dict(w.cells)


def status_if_unchanged(agenda: "XlsxAgenda", wb: Workbook, w: AgendaWrite) -> None:
    """Write the SOP's spelling of an applied status only while the cell still holds what was
    typed: a status an official typed meanwhile is never overwritten."""
    ws = wb[agenda.layout.sheet]
    header_row, headers = find_header(ws)
    row = key_index(ws, header_row, headers[KEY]).get(w.agenda_no) if header_row else None
    if row is None:
        return
    cell = ws.cell(row, headers["Status"])
    if cell_text(cell.value) == str(w.status_if).strip():
        write_text(cell, w.status)


def prefill_sheet(agenda: "XlsxAgenda", wb: Workbook, w: AgendaWrite) -> None:
    p = w.payload
    write_prefill(wb, w.agenda_no, p.get("jawaban") or {}, perusahaan=p.get("perusahaan"), media=p.get("media"))


def result_sheet(agenda: "XlsxAgenda", wb: Workbook, w: AgendaWrite) -> None:
    write_result(wb, w.agenda_no, EvaluationResult(**w.payload["hasil"]))


SHEET_OPS = {"evaluasi_isi": prefill_sheet, "evaluasi_hasil": result_sheet}
