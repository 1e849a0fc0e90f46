"""A person editing in the browser: the grid they see, and what they type back."""
from __future__ import annotations

import copy

from .cells import formatted, has_value, is_text_format, parse_input
from .errors import ProtectedEdit, permission_denied


class Shown(str):
    """A displayed cell that still knows its stored cell: moving it (a sort, an inserted row)
    carries the whole cell along; anything else put in the grid counts as typed text."""
    cell: dict | None = None


def grid_for(sheet) -> list[list[Shown]]:
    nr, nc = sheet.data_extent()
    grid = []
    for r in range(nr):
        row = []
        for c in range(nc):
            cell = sheet.get(r, c)
            uev = (cell or {}).get("userEnteredValue") or {}
            s = Shown(uev["formulaValue"] if "formulaValue" in uev else formatted(cell))
            s.cell = cell if has_value(cell) else None
            row.append(s)
        grid.append(row)
    return grid


def apply_grid(sheet, grid: list[list], check=None) -> None:
    """Write the edited grid back over the old data extent, as typed (USER_ENTERED).

    Every changed cell is worked out first and passed to `check` ((r, c) pairs; it raises to
    refuse, e.g. a protected cell): a refused edit changes nothing, as in the browser."""
    old_nr, old_nc = sheet.data_extent()
    nr = max(old_nr, len(grid))
    nc = max([old_nc] + [len(row) for row in grid])
    plan = []
    for r in range(nr):
        row = grid[r] if r < len(grid) else []
        for c in range(nc):
            v = row[c] if c < len(row) else ""
            here = sheet.get(r, c)
            new = _new_cell(here, v)
            if (new or None) != (here or None):
                plan.append((r, c, new or None))
    if check is not None:
        check([(r, c) for r, c, _ in plan])
    sheet.row_count = max(sheet.row_count, len(grid))
    sheet.col_count = max(sheet.col_count, nc)
    for r, c, new in plan:
        sheet.put(r, c, new)


def _new_cell(here: dict | None, v) -> dict | None:
    """What a cell holding `here` holds once the person put `v` there (a new dict, or None)."""
    if isinstance(v, Shown):
        if v.cell is here:
            return copy.deepcopy(here)
        if v.cell:                                    # a moved cell keeps its value and format
            return copy.deepcopy(v.cell)
        new = copy.deepcopy(here or {})
        new.pop("userEnteredValue", None)
        return new
    if v is None or v == "":
        return {k: val for k, val in (here or {}).items() if k != "userEnteredValue"}
    uev, fmt = parse_input(v if not isinstance(v, str) else str(v), True, is_text_format(here))
    cell = copy.deepcopy(here or {})
    cell["userEnteredValue"] = uev
    if fmt and "numberFormat" not in cell.get("userEnteredFormat", {}):
        cell.setdefault("userEnteredFormat", {})["numberFormat"] = fmt
    return cell


def person_check(ss, sh, user: str | None):
    """A check for apply_grid: raises `ProtectedEdit` if `user` (default: the owner) may not
    change one of the cells; a person the sheet is not shared with (or view only) edits nothing."""
    who = user or ss.owner
    if ss.role(who) not in ("writer", "owner"):
        raise permission_denied()

    def check(cells) -> None:
        if any(not ss.may_edit(who, sh, r, c) for r, c in cells):
            raise ProtectedEdit()
    return check


def protected_against(ss, sh, user: str, index: int) -> bool:
    """Would rows inserted at 0-based `index` grow a range `user` may not edit? (Sheets refuses
    that: the inserted cells would belong to the protected range.)"""
    if ss.role(user) == "owner":
        return False
    for pr in ss.protected:
        rng = pr["range"]
        if pr.get("warningOnly") or rng.get("sheetId", 0) != sh.sheet_id or \
                user in pr.get("editors", {}).get("users", []):
            continue
        start, end = rng.get("startRowIndex"), rng.get("endRowIndex")
        if (start is None or start < index) and (end is None or index < end):
            return True
    return False
