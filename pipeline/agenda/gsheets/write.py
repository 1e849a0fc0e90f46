"""Applying queued agenda writes to Google Sheets: plan on a fresh read, write once, verify.

1. Plan: read the worksheets once (just before writing) and decide every cell by
   No. Agenda, in queue order, on an in-memory view (so a registration row and a later
   update of it in the same batch agree).
2. Write: one values:batchUpdate, RAW. Each row is written as one range that also spans
   the row's `No. Agenda` cell, sent as null (the API skips nulls: the key is not
   touched), with includeValuesInResponse — so the answer tells, at no extra request,
   which case actually held each row when the write landed.
3. Verify: a person may sort or insert rows between our read and our write. Then some
   rows held another case: we put back what that case's cells held (from the read) and
   write our cells where our case now is — another read and write, at most a few rounds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gspread.exceptions import APIError
from gspread.utils import a1_to_rowcol, absolute_range_name, rowcol_to_a1

from pipeline.agenda.base import KEY, AgendaWrite
from pipeline.agenda.cells import clean
from pipeline.agenda.evaluation_cells import prefill_cells, result_cells
from pipeline.agenda.gsheets import setup
from pipeline.agenda.gsheets.client import AgendaUnavailable
from pipeline.agenda.gsheets.grid import Grid, NoSuchSheet
from pipeline.agenda.gsheets.setup import SheetSpec
from pipeline.agenda.gsheets.spreadsheet import Spreadsheet
from pipeline.core.errors import KerjasamaError
from pipeline.policy.evaluation import EvaluationResult

REPAIR_ROUNDS = 3


@dataclass
class Placed:
    """Cells to write into one row, and the case that row must hold (None: a new row)."""

    sheet: str
    row: int
    key: str
    cells: dict[str, Any] = field(default_factory=dict)
    new: bool = False


def apply(book: Spreadsheet, wanted: list[SheetSpec], writes: list[AgendaWrite], *, upsert: bool = False) -> None:
    """Apply the writes to the worksheets `wanted` describes (Agenda first, then Evaluasi)."""
    agenda_sheet, eval_sheet = wanted[0].title, wanted[1].title
    wants_eval = any(w.kind.startswith("evaluasi") for w in writes)
    sheets = [agenda_sheet] + ([eval_sheet] if wants_eval else [])
    grids = read_ready(book, wanted, sheets)
    before = {s: g.copy() for s, g in zip(sheets, grids)}
    views = dict(zip(sheets, grids))
    plans: dict[tuple[str, str], Placed] = {}
    for w in writes:
        if w.kind in ("tambah", "ubah"):
            _plan_row(views[agenda_sheet], agenda_sheet, plans, w, upsert=upsert)
        else:
            _plan_evaluation(views[eval_sheet], eval_sheet, plans, w)
    placed = list(plans.values())
    for _ in range(REPAIR_ROUNDS):
        wrong = _send(book, wanted, placed, views)
        if not wrong:
            return
        fresh = dict(zip(sheets, book.read(sheets)))
        placed = _repair(wrong, before, fresh)
        views = fresh
    raise AgendaUnavailable("Agenda terus diurutkan/diubah saat ditulis; penulisan disimpan dan dicoba lagi nanti.")


def read_ready(book: Spreadsheet, wanted: list[SheetSpec], sheets: list[str]) -> list[Grid]:
    """Read; when a sheet or one of our columns is missing, set it up first and read again."""
    try:
        grids = book.read(sheets)
    except NoSuchSheet:
        grids = None
    headers = {w.title: w.headers for w in wanted}
    if grids is None or not all(g.header_row is not None and set(headers[s]) <= set(g.headers)
                                for s, g in zip(sheets, grids)):
        setup.ensure(book, wanted)
        grids = book.read(sheets)
    return grids


# --- planning ----------------------------------------------------------------------------


def _plan_row(grid: Grid, sheet: str, plans: dict, w: AgendaWrite, *, upsert: bool) -> None:
    key = clean(w.agenda_no)
    present = key in grid.index
    if (w.kind == "tambah" and present) or (w.kind == "ubah" and not present and not upsert):
        return  # already there (a write that timed out but did succeed) / row deleted by a person
    cells = {h: clean(v) for h, v in w.cells.items() if h != KEY}
    if w.status_if is not None and (grid.row(key) or {}).get("Status", "") == w.status_if.strip():
        cells["Status"] = clean(w.status)
    _merge(grid, sheet, plans, key, cells)


def _plan_evaluation(grid: Grid, sheet: str, plans: dict, w: AgendaWrite) -> None:
    key = clean(w.agenda_no)
    if w.kind == "evaluasi_isi":
        p = w.payload
        cells, _ = prefill_cells(grid.row(key), p.get("jawaban") or {}, perusahaan=p.get("perusahaan"),
                                 media=p.get("media"))
    else:
        cells = result_cells(EvaluationResult(**w.payload["hasil"]))
    _merge(grid, sheet, plans, key, {h: (clean(v) if isinstance(v, str) else v) for h, v in cells.items()})


def _merge(grid: Grid, sheet: str, plans: dict, key: str, cells: dict[str, Any]) -> None:
    new = key not in grid.index
    row = grid.place(key)
    plan = plans.setdefault((sheet, key), Placed(sheet, row, key, new=new))
    if new:
        cells = {KEY: key, **cells}
    for header, value in cells.items():
        plan.cells[header] = value
        grid.set(row, header, value)


# --- writing and checking ------------------------------------------------------------------


def _send(book: Spreadsheet, wanted: list[SheetSpec], placed: list[Placed], views: dict[str, Grid]) -> list[tuple[Placed, str]]:
    """One values:batchUpdate; returns the (placement, case found there) that hit another case."""
    placed = [p for p in placed if p.cells]
    if not placed:
        return []
    data = [_value_range(p, views[p.sheet]) for p in placed]
    body = {"valueInputOption": "RAW", "data": data, "includeValuesInResponse": True,
            "responseValueRenderOption": "FORMATTED_VALUE"}
    answer = _batch_update(book, wanted, body, placed)
    responses = answer.get("responses") or []
    found = [None if p.new else _key_in(resp, views[p.sheet]) for p, resp in zip(placed, responses)]
    found += [None] * (len(placed) - len(found))
    unknown = [p for p, key in zip(placed, found) if key is None and not p.new]
    if unknown:  # the answer did not show the key cell: look at the rows instead (one read)
        fresh = dict(zip(views, book.read(list(views))))
        found = [fresh[p.sheet].key_at(p.row) if key is None and not p.new else key for p, key in zip(placed, found)]
    return [(p, key) for p, key in zip(placed, found) if not p.new and key != p.key]


def _value_range(p: Placed, grid: Grid) -> dict[str, Any]:
    cols = {grid.headers[h]: v for h, v in p.cells.items()}
    key_col = grid.headers[KEY]
    first, last = min([*cols, key_col]), max([*cols, key_col])
    a1 = f"{rowcol_to_a1(p.row + 1, first + 1)}:{rowcol_to_a1(p.row + 1, last + 1)}"
    # null = leave the cell as it is (the Sheets API skips nulls); the key cell is one of them
    return {"range": absolute_range_name(p.sheet, a1), "values": [[cols.get(c) for c in range(first, last + 1)]]}


def _key_in(resp: dict, grid: Grid) -> str | None:
    """The No. Agenda the written row held, from the answer's updatedData; None when not shown."""
    data = resp.get("updatedData") or {}
    where = str(data.get("range", "")).rsplit("!", 1)[-1].split(":", 1)[0]
    try:
        first_col = a1_to_rowcol(where)[1] - 1
    except Exception:  # no range in the answer
        return None
    offset = grid.headers[KEY] - first_col
    if offset < 0:
        return None
    row = (data.get("values") or [[]])[0]
    return str(row[offset]).strip() if offset < len(row) else ""


def _batch_update(book: Spreadsheet, wanted: list[SheetSpec], body: dict, placed: list[Placed]) -> dict:
    try:
        return book.client.http.values_batch_update(book.sid, body)
    except KerjasamaError:
        raise
    except APIError as exc:
        if exc.response.status_code != 400 or "grid limits" not in str(exc.error.get("message", "")):
            raise book.client.translate(exc, "menulis agenda") from exc
    except Exception as exc:
        raise book.client.translate(exc, "menulis agenda") from exc
    for sheet in {p.sheet for p in placed}:  # the sheet is full (a new one has 1000 rows): add rows
        setup.grow(book, wanted, sheet, max(p.row for p in placed if p.sheet == sheet) + 1)
    return book.values_update(body)


def _repair(wrong: list[tuple[Placed, str]], before: dict[str, Grid], fresh: dict[str, Grid]) -> list[Placed]:
    """Put back the cells of the cases we wrote over, and place our cells where our cases are now."""
    rows: dict[tuple[str, int], Placed] = {}
    for p, other in wrong:
        old = before[p.sheet].row(other) if other else None
        if other == "" or old is not None:  # unknown rows (typed meanwhile) cannot be put back
            restore = {h: (old or {}).get(h, "") for h in p.cells if h != KEY}
            rows.setdefault((p.sheet, p.row), Placed(p.sheet, p.row, other)).cells.update(restore)
    for p, _ in wrong:
        now = fresh[p.sheet].index.get(p.key)
        if now is None:
            continue  # the row was deleted meanwhile
        target = rows.setdefault((p.sheet, now), Placed(p.sheet, now, p.key))
        target.key = p.key
        target.cells.update(p.cells)
    return [p for p in rows.values() if p.key != "" or p.cells]
