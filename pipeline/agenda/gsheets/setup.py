"""Setting up the agenda spreadsheet on Google Sheets (`kerjasama init`), idempotently.

What `ensure` makes sure of, on the Agenda and Evaluasi worksheets: the sheet exists,
every configured header is in the header row (missing ones appended at the right, never
moving what people added), the header row is bold and frozen, `Status` (and each
evaluation criterion) is a dropdown, identifier columns are formatted as text, and
protected ranges let only the service account edit the pipeline's columns and the header
row, and only the configured role e-mails (plus the service account) edit each decision
column, the letter's fields (which the clerk corrects: "Data Surat") and the evaluation
answers ("Evaluasi"). A column whose role has no e-mails configured stays open to every
editor of the spreadsheet (doctor warns).

The whole formatting set-up is described by a signature stored in the description of the
header row's protected range: a second `ensure` reads metadata and the header rows (two
requests), finds the same signature and writes nothing.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from gspread.utils import absolute_range_name, rowcol_to_a1

from pipeline.agenda.base import KEY, AgendaLayout
from pipeline.agenda.evaluation_cells import evaluation_sheet_layout
from pipeline.agenda.gsheets.client import EVALUATION_GROUP, LETTER_GROUP, SheetsSettings
from pipeline.agenda.gsheets.grid import Grid, sheet_of
from pipeline.agenda.gsheets.spreadsheet import Spreadsheet
from pipeline.core.errors import KerjasamaError

DEFAULT_ROWS, MIN_COLUMNS, GROW_ROWS = 1000, 26, 1000
MARK = "kerjasama:"  # prefix of the descriptions of our protected ranges
HEADER_MARK = MARK + "judul:"


@dataclass
class SheetSpec:
    """What one worksheet should look like."""

    title: str
    headers: tuple[str, ...]
    text_columns: frozenset[str]
    dropdowns: dict[str, tuple[str, ...]]
    editors: dict[str, tuple[str, ...]]  # column -> e-mails besides the service account; absent = open
    widths: dict[str, float]


def specs(lay: AgendaLayout, s: SheetsSettings) -> list[SheetSpec]:
    """The Agenda worksheet's spec, then the Evaluasi worksheet's (in that order everywhere)."""
    ev = evaluation_sheet_layout()
    agenda_editors = {c: s.editors_of(c) for c in lay.official_columns if s.editors_of(c)}
    # The letter's fields: written at registration, corrected by the clerk ("Data Surat").
    letter = set(lay.field_columns.values()) - set(lay.official_columns)
    agenda_editors.update({c: s.editors_of(LETTER_GROUP) for c in letter if s.editors_of(LETTER_GROUP)})
    owned = [c for c in lay.pipeline_columns if c not in letter]
    eval_editors = {c: s.editors_of(EVALUATION_GROUP) for c in ev.verifier_columns if s.editors_of(EVALUATION_GROUP)}
    return [
        SheetSpec(lay.sheet, lay.columns, lay.text_columns, {"Status": lay.statuses} if lay.statuses else {},
                  {**{c: () for c in owned}, **agenda_editors}, lay.column_widths),
        SheetSpec(ev.sheet, ev.headers, frozenset({KEY}), dict(ev.dropdowns),
                  {**{c: () for c in (*ev.headers,) if c not in ev.verifier_columns}, **eval_editors}, ev.widths),
    ]


def ensure(book: Spreadsheet, wanted: list[SheetSpec], *, force: bool = False) -> None:
    """Set the worksheets up; `force` re-applies formats even when the signature matches."""
    meta = book.metadata()
    meta = _add_missing_sheets(book, meta, wanted)
    grids = book.read([w.title for w in wanted])
    plans = [_header_plan(w, g) for w, g in zip(wanted, grids)]
    meta = _grow_columns(book, meta, wanted, plans)
    header_writes = [vr for w, plan in zip(wanted, plans) for vr in _header_values(w.title, *plan)]
    if header_writes:
        book.values_update({"valueInputOption": "RAW", "data": header_writes})
    sa = book.client.service_account_email
    sig = _signature(sa, wanted, plans)
    if not force and not header_writes and _is_set_up(meta, wanted, plans, sig):
        return
    requests = []
    for w, (row, headers, _) in zip(wanted, plans):
        sheet = sheet_of(meta, w.title)
        requests += _format_requests(sa, w, sheet, row, headers, sig if w is wanted[0] else "")
    book.batch_update(requests)


def grow(book: Spreadsheet, wanted: list[SheetSpec], sheet_title: str, rows_needed: int) -> None:
    """Add rows to a worksheet whose grid is too small for the next write (a new sheet has 1000)."""
    sheet = sheet_of(book.metadata(), sheet_title)
    if sheet is None:
        return
    have = sheet["properties"].get("gridProperties", {}).get("rowCount", DEFAULT_ROWS)
    if have >= rows_needed:
        return
    add = max(GROW_ROWS, rows_needed - have)
    book.batch_update([{"appendDimension": {"sheetId": sheet["properties"]["sheetId"], "dimension": "ROWS",
                                            "length": add}}])
    ensure(book, wanted, force=True)  # the new rows get the dropdown and the text format too


# --- steps ----------------------------------------------------------------------------------


def _add_missing_sheets(book: Spreadsheet, meta: dict, wanted: list[SheetSpec]) -> dict:
    missing = [w for w in wanted if sheet_of(meta, w.title) is None]
    if not missing:
        return meta
    reqs = [{"addSheet": {"properties": {"title": w.title, "gridProperties": {
        "rowCount": DEFAULT_ROWS, "columnCount": max(MIN_COLUMNS, len(w.headers))}}}} for w in missing]
    book.batch_update(reqs)
    return book.metadata()


def _header_plan(w: SheetSpec, grid: Grid) -> tuple[int, dict[str, int], list[str]]:
    """(header row, {header: col} after adding, headers to add) — never moving people's columns."""
    row, headers = grid.header_row, dict(grid.headers)
    if row is None:
        if any(any(v for v in r) for r in grid.values):  # someone's own sheet of that name
            raise KerjasamaError(f"Lembar '{w.title}' tidak memiliki kolom '{KEY}' pada baris judul; periksa atau "
                                 "ganti nama lembar tersebut.", code="agenda_bad_header")
        row = 0
    new = [h for h in w.headers if h not in headers]
    col = max(headers.values(), default=-1) + 1
    for h in new:
        headers[h] = col
        col += 1
    return row, headers, new


def _header_values(title: str, row: int, headers: dict[str, int], new: list[str]) -> list[dict]:
    """The new headers, written RAW after the last existing column (they are adjacent)."""
    if not new:
        return []
    first, last = headers[new[0]], headers[new[-1]]
    a1 = f"{rowcol_to_a1(row + 1, first + 1)}:{rowcol_to_a1(row + 1, last + 1)}"
    return [{"range": absolute_range_name(title, a1), "values": [new]}]


def _grow_columns(book: Spreadsheet, meta: dict, wanted: list[SheetSpec], plans: list) -> dict:
    reqs = []
    for w, (_, headers, _) in zip(wanted, plans):
        props = sheet_of(meta, w.title)["properties"]
        have = props.get("gridProperties", {}).get("columnCount", MIN_COLUMNS)
        need = max(headers.values(), default=0) + 1
        if need > have:
            reqs.append({"appendDimension": {"sheetId": props["sheetId"], "dimension": "COLUMNS",
                                             "length": need - have}})
    if not reqs:
        return meta
    book.batch_update(reqs)
    return book.metadata()


def _is_set_up(meta: dict, wanted: list[SheetSpec], plans: list, sig: str) -> bool:
    first = sheet_of(meta, wanted[0].title) or {}
    ours = [p for w in wanted for p in (sheet_of(meta, w.title) or {}).get("protectedRanges", [])
            if str(p.get("description", "")).startswith(MARK)]
    if not any(p.get("description") == HEADER_MARK + sig for p in first.get("protectedRanges", [])):
        return False
    expected = sum(len(_protections(w, headers, row, 0, "")) for w, (row, headers, _) in zip(wanted, plans))
    frozen_ok = all((sheet_of(meta, w.title) or {}).get("properties", {}).get("gridProperties", {})
                    .get("frozenRowCount", 0) == row + 1 for w, (row, _, _) in zip(wanted, plans))
    return len(ours) == expected and frozen_ok


def _format_requests(sa: str, w: SheetSpec, sheet: dict, row: int, headers: dict[str, int], sig: str) -> list[dict]:
    sid = sheet["properties"]["sheetId"]
    reqs: list[dict] = [{"deleteProtectedRange": {"protectedRangeId": p["protectedRangeId"]}}
                        for p in sheet.get("protectedRanges", []) if str(p.get("description", "")).startswith(MARK)]
    frozen = {"sheetId": sid, "gridProperties": {"frozenRowCount": row + 1}}
    reqs.append({"updateSheetProperties": {"properties": frozen, "fields": "gridProperties.frozenRowCount"}})
    reqs.append({"repeatCell": {"range": {"sheetId": sid, "startRowIndex": row, "endRowIndex": row + 1},
                                "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                                "fields": "userEnteredFormat.textFormat.bold"}})
    for name in w.headers:
        col = _col(sid, row + 1, headers[name])
        if name in w.text_columns:  # so people typing an NPWP by hand keep its zeros
            reqs.append({"repeatCell": {"range": col, "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                                        "fields": "userEnteredFormat.numberFormat"}})
        if name in w.dropdowns:
            reqs.append({"setDataValidation": {"range": col, "rule": {
                "condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": v} for v in w.dropdowns[name]]},
                "inputMessage": "Pilih dari daftar.", "strict": True, "showCustomUi": True}}})
        reqs.append({"updateDimensionProperties": {
            "range": {"sheetId": sid, "dimension": "COLUMNS", "startIndex": headers[name],
                      "endIndex": headers[name] + 1},
            "properties": {"pixelSize": int(w.widths.get(name, 16) * 7 + 12)}, "fields": "pixelSize"}})
    reqs += [{"addProtectedRange": {"protectedRange": p}}
             for p in _protections(w, headers, row, sid, sa, sig)]
    return reqs


def _protections(w: SheetSpec, headers: dict[str, int], row: int, sid: int, sa: str, sig: str = "") -> list[dict]:
    """The header row (service account only), then runs of adjacent columns with the same editors."""
    out = [{"range": {"sheetId": sid, "startRowIndex": row, "endRowIndex": row + 1},
            "description": (HEADER_MARK + sig) if sig else MARK + "judul", "warningOnly": False,
            "editors": {"users": [sa]}}]
    cols = sorted((headers[c], c) for c in w.editors if c in headers)
    runs: list[tuple[list[int], tuple[str, ...], list[str]]] = []
    for index, name in cols:
        people = w.editors[name]
        if runs and runs[-1][0][-1] == index - 1 and runs[-1][1] == people:
            runs[-1][0].append(index)
            runs[-1][2].append(name)
        else:
            runs.append(([index], people, [name]))
    for indexes, people, names in runs:
        out.append({"range": {"sheetId": sid, "startRowIndex": row + 1, "startColumnIndex": indexes[0],
                              "endColumnIndex": indexes[-1] + 1},
                    "description": MARK + ", ".join(names)[:200], "warningOnly": False,
                    "editors": {"users": [sa, *people]}})
    return out


def _signature(sa: str, wanted: list[SheetSpec], plans: list) -> str:
    """A stable digest of the whole set-up (sets sorted: their order differs between processes)."""
    parts = {"sa": sa, "layout": [(row, sorted(h.items())) for row, h, _ in plans],
             "specs": [{"title": w.title, "headers": list(w.headers), "text": sorted(w.text_columns),
                        "dropdowns": {k: list(v) for k, v in w.dropdowns.items()},
                        "editors": {k: sorted(v) for k, v in w.editors.items()},
                        "widths": w.widths} for w in wanted]}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def _col(sid: int, start_row: int, col: int) -> dict:
    return {"sheetId": sid, "startRowIndex": start_row, "startColumnIndex": col, "endColumnIndex": col + 1}
