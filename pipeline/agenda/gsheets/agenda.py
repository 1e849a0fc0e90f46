"""The agenda on Google Sheets, behaving like the xlsx backend (see `base.Agenda`).

Rows are found by `No. Agenda` and columns by header text, on a read made just before
every write (people sort, insert rows and add columns). Values are written RAW, never
USER_ENTERED, so a company called "=IMPORTXML(...)" stays text; reads use
FORMATTED_VALUE (what people see, as strings), so an NPWP "012..." keeps its zero.

Quota (60 requests per minute per user): a poll is one read (`read_rows`); applying the
outbox (`apply`) is one read plus one values write, however many rows change (plus one
read and write more only when a person sorted rows meanwhile: see `write`).
New rows are written at explicit positions below the last used row in that same write,
not with values:append, so a write that timed out but did succeed is simply found on the
next read (the outbox then skips the registration row) and retrying it changes nothing.

The sheet's setup (`ensure`, see `setup`: headers, frozen header, Status dropdown,
text-formatted identifier columns, protected ranges) carries a signature in the
description of the header row's protected range; when it matches, `ensure` writes nothing.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.agenda.base import KEY, AgendaLayout, AgendaWrite, layout
from pipeline.agenda.cells import clean
from pipeline.agenda.evaluation_cells import evaluation_sheet_layout
from pipeline.agenda.gsheets import riwayat, setup, write
from pipeline.agenda.gsheets.client import AgendaAccessError, SheetsClient, SheetsSettings
from pipeline.agenda.gsheets.grid import NoSuchSheet
from pipeline.agenda.gsheets.setup import SheetSpec
from pipeline.agenda.gsheets.spreadsheet import Spreadsheet


class GSheetsAgenda:
    def __init__(self, settings: SheetsSettings, lay: AgendaLayout | None = None,
                 client: SheetsClient | None = None) -> None:
        self.settings = settings
        self.layout = lay or layout()
        self.sid = settings.spreadsheet_id()
        if not self.sid:
            raise AgendaAccessError("Spreadsheet agenda belum diatur: isi google_sheets.spreadsheet (kunci atau URL) "
                                    "di config/agenda.yaml.", code="agenda_no_sheet")
        self.book = Spreadsheet(settings, self.sid, client)

    @classmethod
    def from_config(cls, root: Path, cfg: dict) -> "GSheetsAgenda":
        """The spreadsheet `config/agenda.yaml` names (see `registry`); ROOT holds none of it."""
        return cls(SheetsSettings.from_config(cfg.get("google_sheets")), layout(cfg))

    def connect(self) -> SheetsClient:
        """The client, built now if not yet (the doctor reports a bad key file here); later calls reuse it."""
        return self.book.connect()

    @property
    def client(self) -> SheetsClient:
        return self.book.client

    @property
    def eval_sheet(self) -> str:
        return evaluation_sheet_layout().sheet

    def specs(self) -> list[SheetSpec]:
        """What the Agenda and Evaluasi worksheets should look like (see `setup`)."""
        return setup.specs(self.layout, self.settings)

    # --- the Agenda protocol -------------------------------------------------------

    def describe(self) -> str:
        return f"Google Sheets {self.sid} (lembar '{self.layout.sheet}')"

    def read_rows(self) -> dict[str, dict[str, str]]:
        try:
            return self.book.read([self.layout.sheet])[0].rows()
        except NoSuchSheet:  # like a workbook without the sheet: the next write sets it up
            return {}

    def read_evaluation(self) -> dict[str, dict[str, str]]:
        try:
            return self.book.read([self.eval_sheet])[0].rows()
        except NoSuchSheet:
            return {}

    def upsert_rows(self, rows: list[dict[str, str]]) -> None:
        """Like the xlsx backend: update the given cells of a row found by No. Agenda, else append."""
        if rows:
            self.apply([AgendaWrite("ubah", str(r[KEY]), dict(r)) for r in rows], upsert=True)

    def apply(self, writes: list[AgendaWrite], *, upsert: bool = False) -> None:
        """See the Agenda protocol: one read just before, one values write (see `write`)."""
        if writes:
            self._check(writes)
            write.apply(self.book, self.specs(), writes, upsert=upsert)

    def ensure(self) -> None:
        setup.ensure(self.book, self.specs())

    def append_history(self, rows: list[dict[str, str]]) -> None:
        """Append rows to the Riwayat sheet (those already there are skipped); see `gsheets.riwayat`."""
        riwayat.append(self.book, rows)

    def _check(self, writes: list[AgendaWrite]) -> None:
        known = set(self.layout.columns)
        for w in writes:
            if not clean(w.agenda_no):
                raise ValueError(f"baris agenda tanpa '{KEY}': {w!r}")
            unknown = set(w.cells) - known
            if unknown:
                raise ValueError(f"kolom agenda tidak dikenal: {sorted(unknown)}")
