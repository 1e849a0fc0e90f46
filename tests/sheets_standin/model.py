"""In-memory spreadsheets: sheets of sparse cells, sharing, protected ranges.

Cells live in `Sheet.rows`, a ragged list of rows of CellData dicts (None = never touched),
so inserting/deleting rows is a list operation and everything attached to a cell (value,
format, validation) moves with it, as in Google Sheets.
"""
from __future__ import annotations

import copy
import datetime as dt
import random
import string
from dataclasses import dataclass, field

from . import a1
from .cells import has_value
from .errors import invalid, protected_cell

# Spreadsheet-level properties exactly as a new en_US spreadsheet reports them (from the
# recordings), so metadata answers have Google's shape.
_DEFAULT_FORMAT = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {"foregroundColor": {}, "fontFamily": "arial,sans,sans-serif", "fontSize": 10,
                   "bold": False, "italic": False, "strikethrough": False, "underline": False,
                   "foregroundColorStyle": {"rgbColor": {}}},
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}
_THEME = {"primaryFontFamily": "Arial", "themeColors": [
    {"colorType": t, "color": {"rgbColor": c}} for t, c in [
        ("TEXT", {}), ("BACKGROUND", {"red": 1, "green": 1, "blue": 1}),
        ("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
        ("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
        ("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
        ("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
        ("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
        ("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
        ("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8})]]}


def new_id(n: int = 44) -> str:
    return "1" + "".join(random.choices(string.ascii_letters + string.digits + "-_", k=n - 1))


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class Sheet:
    sheet_id: int
    title: str
    index: int
    row_count: int = 1000
    col_count: int = 26
    frozen_rows: int = 0
    frozen_cols: int = 0
    rows: list = field(default_factory=list)          # list[list[dict | None]]
    dimension_props: dict = field(default_factory=dict)  # ("ROWS"|"COLUMNS", i) -> props
    basic_filter: dict | None = None

    # -- cells -------------------------------------------------------------------------
    def get(self, r: int, c: int) -> dict | None:
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def put(self, r: int, c: int, cell: dict | None) -> None:
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = cell

    def cell_for_write(self, r: int, c: int) -> dict:
        cell = self.get(r, c)
        if cell is None:
            cell = {}
            self.put(r, c, cell)
        return cell

    def has_value(self, r: int, c: int) -> bool:
        return has_value(self.get(r, c))

    def data_extent(self) -> tuple[int, int]:
        """(rows, cols) up to the last cell holding a value."""
        nr = nc = 0
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if has_value(cell):
                    nr, nc = max(nr, r + 1), max(nc, c + 1)
        return nr, nc

    # -- dimensions --------------------------------------------------------------------
    def insert(self, dim: str, start: int, n: int) -> None:
        if dim == "ROWS":
            self.rows[start:start] = [[] for _ in range(n)] if start <= len(self.rows) else []
            self.row_count += n
        else:
            for row in self.rows:
                if start < len(row):
                    row[start:start] = [None] * n
            self.col_count += n

    def delete(self, dim: str, start: int, end: int) -> None:
        if dim == "ROWS":
            del self.rows[start:end]
            self.row_count -= min(end, self.row_count) - start
        else:
            for row in self.rows:
                del row[start:end]
            self.col_count -= min(end, self.col_count) - start

    def truncate_to_grid(self) -> None:
        del self.rows[self.row_count:]
        for row in self.rows:
            del row[self.col_count:]

    def properties(self) -> dict:
        grid = {"rowCount": self.row_count, "columnCount": self.col_count}
        if self.frozen_rows:            # Google omits zero-valued fields
            grid["frozenRowCount"] = self.frozen_rows
        if self.frozen_cols:
            grid["frozenColumnCount"] = self.frozen_cols
        return {"sheetId": self.sheet_id, "title": self.title, "index": self.index,
                "sheetType": "GRID", "gridProperties": grid}


def out_range(gr: dict) -> dict:
    """A GridRange as Google prints it: sheetId 0 is omitted (proto default)."""
    out = {k: v for k, v in gr.items() if v is not None}
    if out.get("sheetId") == 0:
        del out["sheetId"]
    return out


def _in_range(gr: dict, sheet_id: int, r: int, c: int) -> bool:
    if gr.get("sheetId", 0) != sheet_id:
        return False
    r0, c0, r1, c1 = a1.from_grid_range(gr)
    return ((r0 is None or r >= r0) and (r1 is None or r < r1)
            and (c0 is None or c >= c0) and (c1 is None or c < c1))


@dataclass
class Spreadsheet:
    id: str
    title: str
    owner: str
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    sheets: list = field(default_factory=list)
    permissions: dict = field(default_factory=dict)    # e-mail -> "owner"|"writer"|"reader"
    protected: list = field(default_factory=list)      # ProtectedRange dicts (range has sheetId)
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)

    def __post_init__(self):
        self.permissions.setdefault(self.owner, "owner")

    # -- sheets ------------------------------------------------------------------------
    def add_sheet(self, title: str, rows: int = 1000, cols: int = 26, sheet_id: int | None = None,
                  index: int | None = None) -> Sheet:
        if any(s.title.lower() == title.lower() for s in self.sheets):
            raise invalid(f'A sheet with the name "{title}" already exists. Please enter another name.')
        if sheet_id is None:
            sheet_id = 0 if not self.sheets else random.randrange(1, 2**31 - 1)
        index = len(self.sheets) if index is None else min(index, len(self.sheets))
        sh = Sheet(sheet_id, title, index, rows, cols)
        self.sheets.insert(index, sh)
        self.reindex()
        return sh

    def reindex(self) -> None:
        for i, s in enumerate(self.sheets):
            s.index = i

    def titles(self) -> list[str]:
        return [s.title for s in self.sheets]

    def by_title(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None) or \
            next((s for s in self.sheets if s.title.lower() == title.lower()), None)

    def by_id(self, sheet_id: int) -> Sheet:
        sh = next((s for s in self.sheets if s.sheet_id == sheet_id), None)
        if sh is None:
            raise invalid(f"No grid with id: {sheet_id}")
        return sh

    def resolve(self, text: str) -> tuple[Sheet, a1.Rng]:
        """An A1 range of a request -> (sheet, parsed range); Google's 400 when unparseable."""
        try:
            rng = a1.parse(text, self.titles())
        except a1.A1Error:
            raise invalid(f"Unable to parse range: {text}") from None
        sh = self.by_title(rng.sheet) if rng.sheet is not None else None
        if sh is None:
            raise invalid(f"Unable to parse range: {text}")
        return sh, rng

    def grid_range(self, gr: dict) -> tuple[Sheet, tuple[int, int, int, int]]:
        sh = self.by_id(gr.get("sheetId", 0))
        r0, c0, r1, c1 = a1.from_grid_range(gr)
        return sh, a1.Rng(sh.title, r0, c0, r1, c1).clamp(sh.row_count, sh.col_count)

    # -- access ------------------------------------------------------------------------
    def role(self, user: str | None) -> str | None:
        return self.permissions.get(user) if user else None

    def may_edit(self, user: str, sheet: Sheet, r: int, c: int) -> bool:
        if self.role(user) == "owner":
            return True
        for pr in self.protected:
            if pr.get("warningOnly") or not _in_range(pr["range"], sheet.sheet_id, r, c):
                continue
            if any(_in_range(u, sheet.sheet_id, r, c) for u in pr.get("unprotectedRanges", [])):
                continue
            if user not in pr.get("editors", {}).get("users", []):
                return False
        return True

    def check_cells(self, user: str, sheet: Sheet, cells) -> None:
        """Google's 400 'protected cell' if `user` may not edit any of `cells` ((r, c) pairs)."""
        if self.role(user) == "owner" or not self.protected:
            return
        for r, c in cells:
            if not self.may_edit(user, sheet, r, c):
                raise protected_cell()

    def check_box(self, user: str, sheet: Sheet, r0: int, c0: int, r1: int, c1: int) -> None:
        if self.role(user) == "owner" or not self.protected:
            return
        self.check_cells(user, sheet, ((r, c) for r in range(r0, r1) for c in range(c0, c1)))

    def shift_protected(self, sheet_id: int, dim: str, start: int, delta: int) -> None:
        """Protected ranges follow inserted/deleted rows or columns, as in Sheets."""
        lo, hi = ("startRowIndex", "endRowIndex") if dim == "ROWS" else ("startColumnIndex", "endColumnIndex")
        ranges = [pr["range"] for pr in self.protected] + \
                 [u for pr in self.protected for u in pr.get("unprotectedRanges", [])]
        for gr in ranges:
            if gr.get("sheetId", 0) != sheet_id:
                continue
            for k in (lo, hi):
                if gr.get(k) is not None and gr[k] >= start + (1 if k == hi and delta > 0 else 0):
                    gr[k] = max(start, gr[k] + delta)

    def protected_for(self, sheet: Sheet, viewer: str | None) -> list[dict]:
        out = []
        for pr in self.protected:
            if pr["range"].get("sheetId", 0) != sheet.sheet_id:
                continue
            p = copy.deepcopy(pr)
            p["range"] = out_range(p["range"])
            if "unprotectedRanges" in p:
                p["unprotectedRanges"] = [out_range(u) for u in p["unprotectedRanges"]]
            p["requestingUserCanEdit"] = self.role(viewer) == "owner" or \
                viewer in pr.get("editors", {}).get("users", [])
            out.append(p)
        return out

    def metadata(self, viewer: str | None) -> dict:
        sheets = []
        for s in self.sheets:
            entry = {"properties": s.properties()}
            if s.basic_filter:
                entry["basicFilter"] = copy.deepcopy(s.basic_filter)
            prs = self.protected_for(s, viewer)
            if prs:
                entry["protectedRanges"] = prs
            sheets.append(entry)
        return {"spreadsheetId": self.id,
                "properties": {"title": self.title, "locale": self.locale, "autoRecalc": "ON_CHANGE",
                               "timeZone": self.time_zone, "defaultFormat": copy.deepcopy(_DEFAULT_FORMAT),
                               "spreadsheetTheme": copy.deepcopy(_THEME)},
                "sheets": sheets,
                "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{self.id}/edit"}

    def touch(self) -> None:
        self.modified = now_iso()
