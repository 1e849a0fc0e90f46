"""Which officials' formulas may have a different result after a pipeline write.

A cached formula value is only worth keeping while it is still true: `=COUNTA(A:A)` under a
column the pipeline just appended to, or `=S2*2` after S2 changed, must lose its value
rather than show a stale number (the office program computes it again on the next save).
A formula is stale when a cell it refers to changed, directly or through other formulas.
A formula whose inputs cannot be read off its text (a defined name, INDIRECT, OFFSET, a
table or another workbook) is stale whenever anything at all changed.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.utils.cell import column_index_from_string

MAX_ROW, MAX_COL = 1_048_576, 16_384
# Functions whose inputs are computed at run time, so the text does not say what they read.
DYNAMIC = frozenset({"INDIRECT", "OFFSET", "CELL", "INFO", "GETPIVOTDATA"})
# Passes over all formulas before giving up on chains that run against the sheet order.
MAX_PASSES = 6

_QUALIFIED = re.compile(r"(?:(?P<sheet>'(?:[^']|'')+'|[^'!]+)!)?(?P<ref>[^'!]+)")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_COLUMN = re.compile(r"\$?([A-Za-z]{1,3})")
_ROW = re.compile(r"\$?([0-9]{1,7})")

Where = tuple[str, int, int]  # (sheet name casefolded, row, column)
Area = tuple[str, int, int, int, int]  # (sheet casefolded, first row, last row, first column, last column)


class Formula(NamedTuple):
    where: Where
    reads: list[Area] | None  # its `precedents`; None: cannot be told


class CellSet:
    """Cells by sheet and column, each column's rows sorted: "does this area hold one?" in
    a few bisections however long the columns are."""

    def __init__(self, cells: Iterable[Where] = ()) -> None:
        self._cols: dict[str, dict[int, list[int]]] = {}
        for sheet, row, col in sorted(cells):
            self._cols.setdefault(sheet, {}).setdefault(col, []).append(row)
        self.empty = not self._cols

    def add(self, where: Where) -> None:
        sheet, row, col = where
        insort(self._cols.setdefault(sheet, {}).setdefault(col, []), row)
        self.empty = False

    def hits(self, area: Area) -> bool:
        sheet, r1, r2, c1, c2 = area
        for col, rows in self._cols.get(sheet, {}).items():
            if c1 <= col <= c2:
                i = bisect_left(rows, r1)
                if i < len(rows) and rows[i] <= r2:
                    return True
        return False


def stale(formulas: list[Formula], changed: CellSet, all_formulas: CellSet) -> set[Where]:
    """The formulas (given in sheet order) whose result may differ from the cached one.

    `changed` holds every cell whose content differs from the file as it was read (at least
    within what the formulas read); it grows with the stale formulas found, so formulas fed
    by them are stale too.
    """
    found: set[Where] = set()
    for _ in range(MAX_PASSES):
        grew = False
        for f in formulas:  # in sheet order, so a chain running down the sheet settles in one pass
            if f.where not in found and _fed_by(f.reads, changed):
                found.add(f.where)
                changed.add(f.where)
                grew = True
        if not grew:
            return found
    # A long chain running up the sheet: give up on every formula that reads another formula.
    return found | {f.where for f in formulas if _fed_by(f.reads, all_formulas)}


def _fed_by(areas: list[Area] | None, cells: CellSet) -> bool:
    if areas is None:
        return not cells.empty
    return any(cells.hits(a) for a in areas)


def precedents(formula: str, sheet: str, sheets: set[str]) -> list[Area] | None:
    """The areas `formula` (on `sheet`) reads, or None when they cannot be told from its text."""
    tokens = _tokens(formula)
    if tokens is None:
        return None
    areas: list[Area] = []
    for kind, value in tokens:
        if kind == "call":
            if value[:-1].upper().rsplit(".", 1)[-1] in DYNAMIC:  # "_xlfn.X(" -> "X"
                return None
        else:
            area = _area(value, sheet, sheets)
            if area is None:
                return None
            areas.append(area)
    return areas


def _tokens(formula: str) -> list[tuple[str, str]] | None:
    """The function calls ("call", "SUM(") and references ("ref", "A1:B2") in `formula`.

    A formula filled down a column differs from its neighbours only in its numbers, so the
    tokens are found once per shape (each run of digits kept as long and as zero-led as it
    was, all that openpyxl's tokenizer looks at) and the real numbers put back in order."""
    runs = _DIGITS.findall(formula)
    shaped = _shape_tokens(_DIGITS.sub(_shape, formula))
    if shaped is None:
        return None
    numbers = iter(runs)
    try:  # every token, digits or not, in order: the runs go back where they came from
        tokens = [(kind, _DIGITS.sub(lambda m: next(numbers), value)) for kind, value in shaped]
    except StopIteration:
        tokens = None
    if tokens is None or next(numbers, None) is not None:
        tokens = _tokenize(formula)  # (never expected: the shape has as many runs)
    return None if tokens is None else [(kind, value) for kind, value in tokens if kind in ("call", "ref")]


_DIGITS = re.compile(r"[0-9]+")


def _shape(m: re.Match[str]) -> str:
    run = m.group()
    return ("0" if run[0] == "0" else "1") + "0" * (len(run) - 1)


@lru_cache(maxsize=4096)
def _shape_tokens(shape: str) -> tuple[tuple[str, str], ...] | None:
    found = _tokenize(shape)
    return None if found is None else tuple(found)


def _tokenize(formula: str) -> list[tuple[str, str]] | None:
    try:
        items = Tokenizer(formula).items
    except (TokenizerError, ValueError, IndexError):
        return None
    out: list[tuple[str, str]] = []
    for tok in items:
        if tok.type == Token.FUNC and tok.subtype == Token.OPEN:
            out.append(("call", tok.value))
        elif tok.type == Token.OPERAND and tok.subtype == Token.RANGE:
            out.append(("ref", tok.value))
        else:  # kept for the digits it may hold
            out.append(("other", tok.value))
    return out


def _area(text: str, sheet: str, sheets: set[str]) -> Area | None:
    m = _QUALIFIED.fullmatch(text)
    if m is None:
        return None
    if m["sheet"] is not None:
        sheet = m["sheet"].removeprefix("'").removesuffix("'").replace("''", "'").casefold()
        if sheet not in sheets:  # another workbook, a 3D reference, a deleted sheet
            return None
    bounds = _bounds(m["ref"].split(":"))
    return None if bounds is None else (sheet, *bounds)


def _bounds(parts: list[str]) -> tuple[int, int, int, int] | None:
    """(first row, last row, first column, last column) of "A1", "A1:B2", "A:C" or "2:5"."""
    try:
        cells = [_CELL.fullmatch(p) for p in parts]
        if all(cells):
            rows = [int(c[2]) for c in cells]
            cols = [column_index_from_string(c[1].upper()) for c in cells]
            return _checked(min(rows), max(rows), min(cols), max(cols))
        if len(parts) < 2:
            return None  # a lone "ABC" is a defined name, not a column
        columns = [_COLUMN.fullmatch(p) for p in parts]
        if all(columns):
            cols = [column_index_from_string(c[1].upper()) for c in columns]
            return _checked(1, MAX_ROW, min(cols), max(cols))
        rows_only = [_ROW.fullmatch(p) for p in parts]
        if all(rows_only):
            rows = [int(r[1]) for r in rows_only]
            return _checked(min(rows), max(rows), 1, MAX_COL)
    except ValueError:  # a column past XFD: a name that merely looks like a reference
        return None
    return None


def _checked(r1: int, r2: int, c1: int, c2: int) -> tuple[int, int, int, int] | None:
    ok = 1 <= r1 <= r2 <= MAX_ROW and 1 <= c1 <= c2 <= MAX_COL
    return (r1, r2, c1, c2) if ok else None
