"""The agenda on Google Sheets, behaving like the xlsx backend (see `base.Agenda`).

Rows are found by `No. Agenda` and columns by header text, on a read made just before
every write (people sort, insert rows and add columns). Values are written RAW, never
USER_ENTERED, so a company called "=IMPORTXML(...)" stays text; reads use
FORMATTED_VALUE (what people see, as strings), so an NPWP "012..." keeps its zero.

Quota (60 requests per minute per user): a poll is one read (`read_rows`); applying the
outbox (`apply`) is one read plus one values write, however many rows change (plus one
read and write more only when a person sorted rows meanwhile: see `gsheets_write`).
New rows are written at explicit positions below the last used row in that same write,
not with values:append, so a write that timed out but did succeed is simply found on the
next read (the outbox then skips the registration row) and retrying it changes nothing.

The sheet's setup (`ensure`: headers, frozen header, Status dropdown, text-formatted
identifier columns, protected ranges) carries a signature in the description of the
header row's protected range; when it matches, `ensure` writes nothing.
"""
from __future__ import annotations

from typing import Any

from gspread.utils import absolute_range_name

from pipeline.agenda.base import KEY, AgendaLayout, AgendaWrite, layout
from pipeline.agenda.gsheets.client import AgendaAccessError, SheetsClient, SheetsSettings
from pipeline.agenda.xlsx.workbook import _clean
from pipeline.core.errors import KerjasamaError

_HEADER_SEARCH_ROWS = 10
MARK = "kerjasama:"  # prefix of the descriptions of our protected ranges
READ_PARAMS = {"valueRenderOption": "FORMATTED_VALUE", "dateTimeRenderOption": "FORMATTED_STRING",
               "majorDimension": "ROWS"}


class Grid:
    """One worksheet as read: {header: col index} and rows by No. Agenda (0-based indexes)."""

    def __init__(self, values: list[list[Any]]) -> None:
        self.values = [[_text(v) for v in row] for row in values]
        self.header_row, self.headers = _find_header(self.values)
        self.index: dict[str, int] = {}
        if self.header_row is not None:
            col = self.headers[KEY]
            for r in range(self.header_row + 1, len(self.values)):
                key = _cell(self.values, r, col)
                if key and key not in self.index:  # a duplicated row (copy-paste): the first one wins
                    self.index[key] = r
        self.next_row = len(self.values)  # below everything people wrote

    def rows(self) -> dict[str, dict[str, str]]:
        return {k: {h: _cell(self.values, r, c) for h, c in self.headers.items()} for k, r in self.index.items()}

    def row(self, key: str) -> dict[str, str] | None:
        r = self.index.get(key)
        return None if r is None else {h: _cell(self.values, r, c) for h, c in self.headers.items()}

    def place(self, key: str) -> int:
        """The row of `key`, given a new row below the others when absent."""
        if key not in self.index:
            self.index[key] = self.next_row
            self.next_row += 1
        return self.index[key]

    def key_at(self, r: int) -> str:
        return _cell(self.values, r, self.headers[KEY]) if self.header_row is not None else ""

    def set(self, r: int, header: str, value: Any) -> None:
        """Record a planned write in this view, so later writes of the batch see it."""
        c = self.headers[header]
        while len(self.values) <= r:
            self.values.append([])
        row = self.values[r]
        while len(row) <= c:
            row.append("")
        row[c] = _text(value)


class GSheetsAgenda:
    def __init__(self, settings: SheetsSettings, lay: AgendaLayout | None = None,
                 client: SheetsClient | None = None) -> None:
        self.settings = settings
        self.layout = lay or layout()
        self._client = client
        self.sid = settings.spreadsheet_id()
        if not self.sid:
            raise AgendaAccessError("Spreadsheet agenda belum diatur: isi google_sheets.spreadsheet (kunci atau URL) "
                                    "di config/agenda.yaml.", code="agenda_no_sheet")

    @property
    def client(self) -> SheetsClient:
        if self._client is None:
            self._client = SheetsClient.connect(self.settings)
        return self._client

    @property
    def eval_sheet(self) -> str:
        from pipeline.agenda.xlsx.evaluation_sheet import evaluation_sheet_layout

        return evaluation_sheet_layout().sheet

    # --- the Agenda protocol -------------------------------------------------------

    def describe(self) -> str:
        return f"Google Sheets {self.sid} (lembar '{self.layout.sheet}')"

    def read_rows(self) -> dict[str, dict[str, str]]:
        try:
            return self._read([self.layout.sheet])[0].rows()
        except _NoSuchSheet:  # like a workbook without the sheet: the next write sets it up
            return {}

    def read_evaluation(self) -> dict[str, dict[str, str]]:
        try:
            return self._read([self.eval_sheet])[0].rows()
        except _NoSuchSheet:
            return {}

    def upsert_rows(self, rows: list[dict[str, str]]) -> None:
        """Like the xlsx backend: update the given cells of a row found by No. Agenda, else append."""
        if rows:
            self.apply([AgendaWrite("ubah", str(r[KEY]), dict(r)) for r in rows], upsert=True)

    def apply(self, writes: list[AgendaWrite], *, upsert: bool = False) -> None:
        """See the Agenda protocol: one read just before, one values write (see gsheets_write)."""
        from pipeline.agenda.gsheets import write as gsheets_write

        if writes:
            self._check(writes)
            gsheets_write.apply(self, writes, upsert=upsert)

    def ensure(self) -> None:
        from pipeline.agenda.gsheets import setup as gsheets_setup

        gsheets_setup.ensure(self)

    # --- reading ---------------------------------------------------------------------

    def _read(self, sheets: list[str]) -> list[Grid]:
        """One values:batchGet for the given worksheets (whole sheets, as people see them)."""
        from gspread.exceptions import APIError

        ranges = [absolute_range_name(s) for s in sheets]
        try:
            got = self.client.http.values_batch_get(self.sid, ranges, params=dict(READ_PARAMS))
        except APIError as exc:
            if exc.response.status_code == 400 and "parse range" in str(exc.error.get("message", "")):
                raise _NoSuchSheet(f"Lembar {', '.join(sheets)} belum ada di spreadsheet agenda; jalankan: "
                                   "kerjasama init") from exc
            raise self.client.translate(exc, "membaca agenda") from exc
        except KerjasamaError:
            raise
        except Exception as exc:
            raise self.client.translate(exc, "membaca agenda") from exc
        return [Grid(vr.get("values", [])) for vr in got.get("valueRanges", [])]

    def _read_ready(self, sheets: list[str]) -> list[Grid]:
        """Read; when a sheet or one of our columns is missing, set it up first and read again."""
        try:
            grids = self._read(sheets)
        except _NoSuchSheet:
            grids = None
        if grids is None or not self._complete(sheets, grids):
            self.ensure()
            grids = self._read(sheets)
        return grids

    def _complete(self, sheets: list[str], grids: list[Grid]) -> bool:
        from pipeline.agenda.xlsx.evaluation_sheet import evaluation_sheet_layout

        wanted = {self.layout.sheet: self.layout.columns, self.eval_sheet: evaluation_sheet_layout().headers}
        return all(g.header_row is not None and set(wanted[s]) <= set(g.headers) for s, g in zip(sheets, grids))

    # --- writing ---------------------------------------------------------------------

    def _check(self, writes: list[AgendaWrite]) -> None:
        known = set(self.layout.columns)
        for w in writes:
            if not _clean(w.agenda_no):
                raise ValueError(f"baris agenda tanpa '{KEY}': {w!r}")
            unknown = set(w.cells) - known
            if unknown:
                raise ValueError(f"kolom agenda tidak dikenal: {sorted(unknown)}")


class _NoSuchSheet(KerjasamaError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="agenda_no_worksheet")


# --- cells ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell(values: list[list[str]], r: int, c: int) -> str:
    if r >= len(values) or c >= len(values[r]):
        return ""
    return values[r][c]


def _find_header(values: list[list[str]]) -> tuple[int | None, dict[str, int]]:
    """The header row (the first holding 'No. Agenda', 0-based) and {header: col index}."""
    for r, row in enumerate(values[:_HEADER_SEARCH_ROWS]):
        headers: dict[str, int] = {}
        for c, name in enumerate(row):
            if name and name not in headers:
                headers[name] = c
        if KEY in headers:
            return r, headers
    return None, {}
