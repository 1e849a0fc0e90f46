"""Serials: agenda numbers per year and agreement (contract) numbers per year, each handed out
once and never reused, even when the case that took one goes no further."""
from __future__ import annotations

import sqlite3

from pipeline.journal import clock
from pipeline.journal.store import JournalStore

AGENDA = "serials"  # the table of the last agenda serial per year
CONTRACT = "contract_serials"  # the table of the last agreement serial per year


def next_serial(db: sqlite3.Connection, table: str, year: int) -> int:
    """Take the next serial of `year` from `table` (AGENDA or CONTRACT), inside `db`'s transaction."""
    if table not in (AGENDA, CONTRACT):  # the name goes into the SQL text: only our own tables
        raise ValueError(table)
    row = db.execute(f"SELECT last FROM {table} WHERE year = ?", (year,)).fetchone()
    serial = (row["last"] if row else 0) + 1
    db.execute(
        f"INSERT INTO {table}(year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
        (year, serial),
    )
    return serial


class SerialsMixin(JournalStore):
    def last_serial(self, year: int) -> int:
        row = self._db.execute(f"SELECT last FROM {AGENDA} WHERE year = ?", (year,)).fetchone()
        return int(row["last"]) if row else 0

    def allocate_contract_serial(self, agenda_no: str, year: int) -> int:
        """The case's agreement serial of `year`: allocated once, never reused or handed out twice."""
        with self.transaction() as db:
            row = db.execute("SELECT serial FROM contracts WHERE agenda_no = ?", (agenda_no,)).fetchone()
            if row:
                return int(row["serial"])
            serial = next_serial(db, CONTRACT, year)
            db.execute("INSERT INTO contracts(agenda_no, year, serial, created_at) VALUES (?,?,?,?)",
                       (agenda_no, year, serial, clock.now_iso()))
            self._log(db, "nomor_perjanjian_diberikan", agenda_no=agenda_no, input_id=None,
                      details={"tahun": year, "urut": serial})
        return serial

    def contract_serial(self, agenda_no: str) -> tuple[int, int] | None:
        """(year, serial) of the case's agreement, once allocated."""
        row = self._db.execute("SELECT year, serial FROM contracts WHERE agenda_no = ?", (agenda_no,)).fetchone()
        return (int(row["year"]), int(row["serial"])) if row else None
