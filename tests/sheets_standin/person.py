"""A person editing in the browser: the grid they see, and what they type back."""
from __future__ import annotations

import copy

from .cells import formatted, has_value, is_text_format, parse_input


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


def apply_grid(sheet, grid: list[list]) -> None:
    """Write the edited grid back over the old data extent, as typed (USER_ENTERED)."""
    old_nr, old_nc = sheet.data_extent()
    nr = max(old_nr, len(grid))
    nc = max([old_nc] + [len(row) for row in grid])
    sheet.row_count = max(sheet.row_count, len(grid))
    sheet.col_count = max(sheet.col_count, nc)
    placed = {}
    for r in range(nr):
        row = grid[r] if r < len(grid) else []
        for c in range(nc):
            v = row[c] if c < len(row) else ""
            placed[(r, c)] = v
    for (r, c), v in placed.items():
        here = sheet.get(r, c)
        if isinstance(v, Shown):
            moved = v.cell
            if moved is here:
                continue
            new = copy.deepcopy(here or {})
            new.pop("userEnteredValue", None)
            if moved:                                 # a moved cell keeps its value and format
                new = copy.deepcopy(moved)
            sheet.put(r, c, new or None)
            continue
        if v is None or v == "":
            if here:                      # copies only: `here` may also have moved elsewhere
                sheet.put(r, c, {k: val for k, val in here.items() if k != "userEnteredValue"} or None)
            continue
        uev, fmt = parse_input(v if not isinstance(v, str) else str(v), True, is_text_format(here))
        cell = copy.deepcopy(here or {})
        cell["userEnteredValue"] = uev
        if fmt and "numberFormat" not in cell.get("userEnteredFormat", {}):
            cell.setdefault("userEnteredFormat", {})["numberFormat"] = fmt
        sheet.put(r, c, cell)
