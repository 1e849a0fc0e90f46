"""spreadsheets.values.*: get, batchGet, update, batchUpdate, append, clear, batchClear."""
from __future__ import annotations

import bisect

from . import a1
from .cells import has_value, is_text_format, parse_input, render
from .errors import invalid
from .model import Sheet, Spreadsheet

ROWS, COLUMNS = "ROWS", "COLUMNS"


def truthy(v) -> bool:
    return str(v).lower() == "true"      # gspread sends Python bools as "True"/"False"


def _input_option(opt) -> bool:
    if opt in (None, "", "INPUT_VALUE_OPTION_UNSPECIFIED"):
        raise invalid("'valueInputOption' is required but not specified")
    if opt not in ("RAW", "USER_ENTERED"):
        raise invalid(f'Invalid value at \'value_input_option\' (type.googleapis.com/'
                      f'google.apps.sheets.v4.ValueInputOption), "{opt}"', field="value_input_option")
    return opt == "USER_ENTERED"


# -- reading ---------------------------------------------------------------------------
def read_box(sheet: Sheet, box, option="FORMATTED_VALUE", major=ROWS, date_option="SERIAL_NUMBER"):
    """Values of a concrete box, trimmed like Google: trailing empty cells of each row and
    trailing empty rows dropped; empty rows before data stay as []."""
    r0, c0, r1, c1 = box
    if major == COLUMNS:
        lines = [[(r, c) for r in range(r0, min(r1, len(sheet.rows)))] for c in range(c0, c1)]
    else:
        lines = [[(r, c) for c in range(c0, min(c1, len(sheet.rows[r])))]
                 for r in range(r0, min(r1, len(sheet.rows)))]
    out = []
    for line in lines:
        last = max((i for i, (r, c) in enumerate(line) if sheet.has_value(r, c)), default=-1)
        out.append([render(sheet.get(r, c), option, date_option) for r, c in line[:last + 1]])
    while out and not out[-1]:
        out.pop()
    return out


def value_range(ss: Spreadsheet, text: str, params: dict) -> dict:
    sheet, rng = ss.resolve(text)
    if (rng.r0 or 0) >= sheet.row_count or (rng.c0 or 0) >= sheet.col_count:
        raise _grid_error(sheet, a1.fmt(sheet.title, rng.r0 or 0, rng.c0 or 0,
                                        (rng.r0 or 0) + 1, (rng.c0 or 0) + 1))
    box = rng.clamp(sheet.row_count, sheet.col_count)
    major = params.get("majorDimension") or ROWS
    vals = read_box(sheet, box, params.get("valueRenderOption") or "FORMATTED_VALUE", major,
                    params.get("dateTimeRenderOption") or "SERIAL_NUMBER")
    out = {"range": a1.fmt(sheet.title, *box), "majorDimension": major}
    if vals:
        out["values"] = vals
    return out


def get(ss: Spreadsheet, text: str, params: dict) -> dict:
    return value_range(ss, text, params)


def batch_get(ss: Spreadsheet, params: dict) -> dict:
    ranges = params.get("ranges") or []
    ranges = [ranges] if isinstance(ranges, str) else ranges
    return {"spreadsheetId": ss.id, "valueRanges": [value_range(ss, r, params) for r in ranges]}


# -- writing ---------------------------------------------------------------------------
def _grid_error(sheet: Sheet, rng_text: str):
    return invalid(f"Range ({rng_text}) exceeds grid limits. Max rows: {sheet.row_count}, "
                   f"max columns: {sheet.col_count}")


def _as_rows(values, major) -> list[list]:
    if not isinstance(values, list) or any(not isinstance(v, list) for v in values):
        bad = values if not isinstance(values, list) else next(v for v in values if not isinstance(v, list))
        shown = f'"{bad}"' if isinstance(bad, str) else repr(bad)
        raise invalid("Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), "
                      + shown, field="data.values")
    if (major or ROWS) == COLUMNS:
        width = max((len(v) for v in values), default=0)
        return [[col[i] if i < len(col) else None for col in values] for i in range(width)]
    return values


def write_rows(ss: Spreadsheet, user: str, sheet: Sheet, r0: int, c0: int, rows: list[list],
               user_entered: bool, limit: a1.Rng | None = None, grow: bool = False,
               dry_run: bool = False) -> dict | None:
    """Write a block at (r0, c0); null cells are skipped, "" clears. Returns update counts.
    Every check runs before the first change; dry_run=True stops right after the checks
    (multi-range requests check all ranges first, so they apply all or nothing)."""
    nrows, ncols = len(rows), max((len(r) for r in rows), default=0)
    if limit is not None and limit.r1 is not None and r0 + nrows > limit.r1:
        raise invalid(f"Requested writing within range [{_limit_text(sheet, limit)}], but tried "
                      f"writing to row [{r0 + nrows}]")
    if limit is not None and limit.c1 is not None and c0 + ncols > limit.c1:
        raise invalid(f"Requested writing within range [{_limit_text(sheet, limit)}], but tried "
                      f"writing to column [{a1.col_letters(c0 + ncols - 1)}]")
    if not grow and nrows and ncols and (r0 + nrows > sheet.row_count or c0 + ncols > sheet.col_count):
        raise _grid_error(sheet, a1.fmt(sheet.title, r0, c0, r0 + nrows, c0 + ncols))
    plan = [(r0 + i, c0 + j, v) for i, row in enumerate(rows) for j, v in enumerate(row) if v is not None]
    ss.check_cells(user, sheet, ((r, c) for r, c, _ in plan))
    parsed = []
    for r, c, v in plan:        # parse everything first: a bad value must not half-apply
        parsed.append((r, c) + parse_input(v, user_entered, is_text_format(sheet.get(r, c)),
                                           where=f"values[{r - r0}][{c - c0}]"))
    if dry_run:
        return None
    if grow:                                   # append extends the grid, update does not
        sheet.row_count = max(sheet.row_count, r0 + nrows)
        sheet.col_count = max(sheet.col_count, c0 + ncols)
    for r, c, uev, auto_fmt in parsed:
        cell = sheet.get(r, c)
        if uev is None:
            if cell:
                cell.pop("userEnteredValue", None)
            continue
        cell = sheet.cell_for_write(r, c)
        cell["userEnteredValue"] = uev
        if auto_fmt and "numberFormat" not in cell.get("userEnteredFormat", {}):
            cell.setdefault("userEnteredFormat", {})["numberFormat"] = auto_fmt
    ss.touch()
    out = {"spreadsheetId": ss.id}
    if nrows and ncols:
        out.update(updatedRange=a1.fmt(sheet.title, r0, c0, r0 + nrows, c0 + ncols),
                   updatedRows=nrows, updatedColumns=ncols, updatedCells=len(plan))
    return out


def _limit_text(sheet: Sheet, rng: a1.Rng) -> str:
    return a1.fmt(sheet.title, *rng.clamp(sheet.row_count, sheet.col_count))


def _with_data(ss, sheet, upd: dict, params: dict, major=ROWS) -> dict:
    if truthy(params.get("includeValuesInResponse")) and "updatedRange" in upd:
        _, rng = ss.resolve(upd["updatedRange"])
        box = rng.clamp(sheet.row_count, sheet.col_count)
        data = {"range": upd["updatedRange"], "majorDimension": major}
        vals = read_box(sheet, box, params.get("responseValueRenderOption") or "FORMATTED_VALUE", major)
        if vals:
            data["values"] = vals
        upd["updatedData"] = data
    return upd


def _limit(text: str, rng: a1.Rng) -> a1.Rng | None:
    # A single cell ("A1") only anchors the write; an explicit "A1:B2" bounds it.
    return rng if ":" in a1.split_sheet(text)[1] else None


def update(ss: Spreadsheet, user: str, text: str, params: dict, body: dict) -> dict:
    user_entered = _input_option(params.get("valueInputOption"))
    sheet, rng = ss.resolve(text)
    major = body.get("majorDimension") or ROWS
    rows = _as_rows(body.get("values", []), major)
    upd = write_rows(ss, user, sheet, rng.r0 or 0, rng.c0 or 0, rows, user_entered,
                     limit=_limit(text, rng))
    return _with_data(ss, sheet, upd, params, major)


def batch_update(ss: Spreadsheet, user: str, body: dict) -> dict:
    user_entered = _input_option(body.get("valueInputOption"))
    responses, sheets = [], set()
    for dry_run in (True, False):
        for item in body.get("data") or []:
            sheet, rng = ss.resolve(item.get("range", ""))
            major = item.get("majorDimension") or ROWS
            rows = _as_rows(item.get("values", []), major)
            upd = write_rows(ss, user, sheet, rng.r0 or 0, rng.c0 or 0, rows, user_entered,
                             limit=_limit(item.get("range", ""), rng), dry_run=dry_run)
            if not dry_run:
                responses.append(_with_data(ss, sheet, upd, body, major))
                sheets.add(sheet.sheet_id)
    out = {"spreadsheetId": ss.id,
           "totalUpdatedRows": sum(r.get("updatedRows", 0) for r in responses),
           "totalUpdatedColumns": max((r.get("updatedColumns", 0) for r in responses), default=0),
           "totalUpdatedCells": sum(r.get("updatedCells", 0) for r in responses),
           "totalUpdatedSheets": len(sheets), "responses": responses}
    return out


def find_table(sheet: Sheet, box) -> tuple[int, int, int, int] | None:
    """Google's append "table": the first cell with data inside the input range (row-major),
    grown to the contiguous block around it (neighbours incl. diagonals, over the whole sheet),
    i.e. until the rows and columns just outside the block are empty."""
    r0, c0, r1, c1 = box
    by_row: dict[int, list[int]] = {}
    by_col: dict[int, list[int]] = {}
    for r, row in enumerate(sheet.rows):      # one pass; then each edge test is a bisect
        for c, cell in enumerate(row):
            if has_value(cell):
                by_row.setdefault(r, []).append(c)
                by_col.setdefault(c, []).append(r)
    start = next(((r, c) for r in sorted(by_row) if r0 <= r < r1
                  for c in by_row[r] if c0 <= c < c1), None)
    if start is None:
        return None

    def any_in(index: dict, line: int, lo: int, hi: int) -> bool:
        xs = index.get(line, [])
        i = bisect.bisect_left(xs, lo)
        return i < len(xs) and xs[i] < hi

    top, left, bottom, right = start[0], start[1], start[0] + 1, start[1] + 1
    for _ in range(sheet.row_count + sheet.col_count + 2):   # bounded: each pass grows an edge
        lo_c, hi_c = max(left - 1, 0), right + 1
        if top > 0 and any_in(by_row, top - 1, lo_c, hi_c):
            top -= 1
        elif any_in(by_row, bottom, lo_c, hi_c):
            bottom += 1
        elif left > 0 and any_in(by_col, left - 1, max(top - 1, 0), bottom + 1):
            left -= 1
        elif any_in(by_col, right, max(top - 1, 0), bottom + 1):
            right += 1
        else:
            break
    return top, left, bottom, right


def append(ss: Spreadsheet, user: str, text: str, params: dict, body: dict) -> dict:
    user_entered = _input_option(params.get("valueInputOption"))
    sheet, rng = ss.resolve(text)
    rows = _as_rows(body.get("values", []), body.get("majorDimension") or ROWS)
    table = find_table(sheet, rng.clamp(sheet.row_count, sheet.col_count))
    if table is None:
        r, c = rng.r0 or 0, rng.c0 or 0
    else:
        r, c = table[2], table[1]
    write_rows(ss, user, sheet, r, c, rows, user_entered, grow=True, dry_run=True)
    if (params.get("insertDataOption") or "OVERWRITE") == "INSERT_ROWS" and rows:
        if r < sheet.row_count:
            sheet.insert("ROWS", r, len(rows))
            ss.shift_protected(sheet.sheet_id, "ROWS", r, len(rows))
    upd = write_rows(ss, user, sheet, r, c, rows, user_entered, grow=True)
    out = {"spreadsheetId": ss.id}
    if table is not None:
        out["tableRange"] = a1.fmt(sheet.title, *table)
    out["updates"] = _with_data(ss, sheet, upd, params)
    return out


def clear(ss: Spreadsheet, user: str, text: str, dry_run: bool = False) -> dict | None:
    sheet, rng = ss.resolve(text)
    box = rng.clamp(sheet.row_count, sheet.col_count)
    r0, c0, r1, c1 = box
    filled = [(r, c) for r in range(r0, min(r1, len(sheet.rows)))
              for c in range(c0, min(c1, len(sheet.rows[r]))) if has_value(sheet.get(r, c))]
    ss.check_cells(user, sheet, filled)
    if dry_run:
        return None
    for r, c in filled:
        sheet.get(r, c).pop("userEnteredValue", None)      # values only; formats stay
    ss.touch()
    return {"spreadsheetId": ss.id, "clearedRange": a1.fmt(sheet.title, *box)}


def batch_clear(ss: Spreadsheet, user: str, body: dict) -> dict:
    for r in body.get("ranges") or []:      # check every range before clearing any
        clear(ss, user, r, dry_run=True)
    cleared = [clear(ss, user, r)["clearedRange"] for r in body.get("ranges") or []]
    return {"spreadsheetId": ss.id, "clearedRanges": cleared}
