"""The `Evaluasi` worksheet in the agenda workbook: one row per case, found by No. Agenda.

The verifier (step 3) picks one answer per criterion from a dropdown; the pipeline
pre-fills what the letter states (never overwriting an answer already there) and writes
the computed columns. These functions only change an openpyxl Workbook in memory:
loading, locking and the atomic save stay with the agenda backend (XlsxAgenda).
Every text cell goes through the agenda's formula-safe writer, since company and media
names come from the letter.
"""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.agenda.base import KEY
from pipeline.agenda.xlsx.workbook import _find_header, _freeze_below, _key_index, _last_used_row, _write_text, cell_text
from pipeline.core.errors import KerjasamaError
from pipeline.policy.evaluation import EvaluationConfig, EvaluationResult, load

_LAST_ROW = 1048576
CASE_COLUMNS = (KEY, "Perusahaan", "Media")
COMPUTED_COLUMNS = ("Skor", "Skor Maks", "Kelas", "Hasil", "Belum Dijawab", "Alasan")
PREFILLED, NOTE = "Diisi dari Surat", "Catatan Verifikator"


@dataclass(frozen=True)
class EvaluationSheetLayout:
    sheet: str
    headers: tuple[str, ...]  # in order
    criterion_columns: dict[str, str]  # criterion key -> header
    dropdowns: dict[str, tuple[str, ...]]  # header -> allowed answers
    verifier_columns: tuple[str, ...]  # what people fill in
    computed_columns: tuple[str, ...]  # what the pipeline writes
    widths: dict[str, float]


def evaluation_sheet_layout(cfg: EvaluationConfig | None = None) -> EvaluationSheetLayout:
    cfg = cfg or load()
    crit = {k: c.kolom for k, c in cfg.criteria.items()}
    headers = (*CASE_COLUMNS, *crit.values(), NOTE, *COMPUTED_COLUMNS, PREFILLED)
    widths = {KEY: 14, "Perusahaan": 30, "Media": 24, NOTE: 40, "Alasan": 50, "Belum Dijawab": 30, PREFILLED: 30}
    widths.update({h: max(14, len(h) + 2) for h in crit.values()})
    return EvaluationSheetLayout(
        sheet=cfg.sheet, headers=headers, criterion_columns=crit,
        dropdowns={c.kolom: c.options for c in cfg.criteria.values()},
        verifier_columns=(*crit.values(), NOTE), computed_columns=COMPUTED_COLUMNS, widths=widths,
    )


# --- structure -------------------------------------------------------------------------------


def ensure_evaluation_sheet(wb: Workbook, lay: EvaluationSheetLayout | None = None) -> bool:
    """Create the sheet, missing headers and dropdowns; True when something changed."""
    lay = lay or evaluation_sheet_layout()
    changed = lay.sheet not in wb.sheetnames
    ws = wb[lay.sheet] if not changed else wb.create_sheet(lay.sheet)
    header_row, headers = _find_header(ws)
    if header_row is None:
        if _last_used_row(ws) > 0:  # someone's own sheet of that name: never write over it
            raise KerjasamaError(
                f"Lembar '{lay.sheet}' tidak memiliki kolom '{KEY}' pada baris judul; periksa atau ganti nama "
                "lembar tersebut.", code="evaluation_bad_header")
        header_row, headers = 1, {}
    new = [h for h in lay.headers if h not in headers]
    col = max(headers.values(), default=0) + 1
    for h in new:
        headers[h] = col
        _write_text(ws.cell(header_row, col), h)
        ws.cell(header_row, col).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = lay.widths.get(h, 16)
        if h == KEY:
            ws.column_dimensions[get_column_letter(col)].number_format = "@"
        col += 1
    changed |= bool(new) | _freeze_below(ws, header_row)
    for h, options in lay.dropdowns.items():
        changed |= _ensure_dropdown(ws, header_row, headers[h], options)
    return changed


def _ensure_dropdown(ws: Worksheet, header_row: int, col: int, options: tuple[str, ...]) -> bool:
    first = f"{get_column_letter(col)}{header_row + 1}"
    formula = '"' + ",".join(options) + '"'
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and first in dv.sqref:
            if dv.formula1 == formula:
                return False
            dv.formula1 = formula  # the office changed the answers in config
            return True
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                        errorTitle="Jawaban tidak dikenal", error="Pilih salah satu jawaban dari daftar.")
    dv.add(f"{first}:{get_column_letter(col)}{_LAST_ROW}")
    ws.add_data_validation(dv)
    return True


def _locate(wb: Workbook, lay: EvaluationSheetLayout, agenda_no: str, *, create: bool):
    """(worksheet, {header: col}, row) of a case; row None when absent and not created."""
    if create:
        ensure_evaluation_sheet(wb, lay)
    elif lay.sheet not in wb.sheetnames:
        return None, {}, None
    ws = wb[lay.sheet]
    header_row, headers = _find_header(ws)
    if header_row is None:
        return ws, {}, None
    key = cell_text(agenda_no)
    row = _key_index(ws, header_row, headers[KEY]).get(key)
    if row is None and create:
        row = _last_used_row(ws) + 1
        _write_text(ws.cell(row, headers[KEY]), key, identifier=True)
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
    row = read_row(wb, agenda_no, lay) or {}
    return {k: (row.get(h) or None) for k, h in lay.criterion_columns.items()}


def prefill_cells(current: dict[str, str] | None, answers: dict[str, str | None], *, perusahaan: str | None = None,
                  media: str | None = None,
                  lay: EvaluationSheetLayout | None = None) -> tuple[dict[str, str], list[str]]:
    """The cells a prefill writes into a row showing `current` ({header: text}; None when absent),
    and the criterion headers it fills. Backend-neutral: only empty cells are filled."""
    lay = lay or evaluation_sheet_layout()
    current = current or {}
    cells: dict[str, str] = {}
    for header, value in (("Perusahaan", perusahaan), ("Media", media)):
        if value and not current.get(header):
            cells[header] = value
    filled = []
    for key, answer in answers.items():
        header = lay.criterion_columns.get(key)
        if answer and header and not current.get(header):
            cells[header] = answer
            filled.append(header)
    if filled:
        before = [x for x in (current.get(PREFILLED) or "").split(", ") if x]
        cells[PREFILLED] = ", ".join(before + [h for h in filled if h not in before])
    return cells, filled


def result_cells(result: EvaluationResult, cfg: EvaluationConfig | None = None) -> dict[str, object]:
    """The computed columns; Skor and Skor Maks as numbers so the office can sort and filter on them."""
    cfg = cfg or load()
    return {
        "Kelas": result.kelas,
        "Hasil": result.hasil, "Belum Dijawab": ", ".join(cfg.criteria[k].kolom for k in result.missing),
        "Alasan": " ".join(result.reasons),
        "Skor": _number(result.score), "Skor Maks": _number(result.max_score),
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


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
        _write_text(ws.cell(row, headers[header]), value)
    return filled


def write_result(wb: Workbook, agenda_no: str, result: EvaluationResult, cfg: EvaluationConfig | None = None,
                 lay: EvaluationSheetLayout | None = None) -> None:
    """Write the computed columns (score, class, result, unanswered, reasons)."""
    cfg = cfg or load()
    lay = lay or evaluation_sheet_layout(cfg)
    ws, headers, row = _locate(wb, lay, agenda_no, create=True)
    for header, value in result_cells(result, cfg).items():
        if isinstance(value, str):
            _write_text(ws.cell(row, headers[header]), value)
        else:
            ws.cell(row, headers[header]).value = value


def answers_from_row(row: dict[str, str] | None, lay: EvaluationSheetLayout | None = None) -> dict[str, str | None]:
    """{criterion key: answer as typed, or None} from a row as {header: text}."""
    lay = lay or evaluation_sheet_layout()
    row = row or {}
    return {k: (row.get(h) or None) for k, h in lay.criterion_columns.items()}
