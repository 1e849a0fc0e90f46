"""The `Evaluasi` sheet as both backends see it: its layout and the cells the pipeline writes.

One row per case, found by No. Agenda. The verifier (step 3) picks one answer per
criterion from a dropdown; the pipeline pre-fills what the letter states (only into
empty cells) and writes the computed columns. Nothing here touches a workbook or a
spreadsheet: `xlsx.evaluation_sheet` and `gsheets.write` write these cells.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.agenda.base import KEY
from pipeline.policy.evaluation import EvaluationConfig, EvaluationResult, load

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


def answers_from_row(row: dict[str, str] | None, lay: EvaluationSheetLayout | None = None) -> dict[str, str | None]:
    """{criterion key: answer as typed, or None} from a row as {header: text}."""
    lay = lay or evaluation_sheet_layout()
    row = row or {}
    return {k: (row.get(h) or None) for k, h in lay.criterion_columns.items()}
