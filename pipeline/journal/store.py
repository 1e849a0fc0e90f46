"""The journal's core: one connection, its transactions and the append-only event log.

The record kinds (inputs.py, cases.py, serials.py, transitions.py, outbox.py) extend
`JournalStore`; `pipeline.journal.Journal` is all of them in one class. They share the
connection (`_db`) and `_log`, which writes an event inside the caller's open transaction.
"""
from __future__ import annotations

import getpass
import json
import socket
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Self

from pipeline.journal import clock
from pipeline.journal.records import Event, event_from_row
from pipeline.journal.schema import connect, journal_path


def default_actor() -> str:
    """Who acted, for the event log: the system user on this machine."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers / services
        user = "?"
    return f"sistem:{user}@{socket.gethostname()}"


class JournalStore:
    """One connection to the journal; use from one thread (the worker)."""

    def __init__(self, path: Path, *, actor: str | None = None) -> None:
        self.path = path
        self.actor = actor or default_actor()
        self._db = connect(path)

    @classmethod
    def open(cls, root: Path) -> Self:
        return cls(journal_path(root))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    # ---- events -------------------------------------------------------------------

    def log(self, what: str, *, agenda_no: str | None = None, input_id: int | None = None, **details: Any) -> None:
        with self.transaction() as db:
            self._log(db, what, agenda_no=agenda_no, input_id=input_id, details=details)

    def _log(self, db: sqlite3.Connection, what: str, *, agenda_no: str | None, input_id: int | None, details: dict,
             at: str | None = None) -> None:
        db.execute(
            "INSERT INTO events(at, actor, what, agenda_no, input_id, details) VALUES (?,?,?,?,?,?)",
            (at or clock.now_iso(), self.actor, what, agenda_no, input_id,
             json.dumps(details, ensure_ascii=False, default=str)),
        )

    def events(self, *, agenda_no: str | None = None, input_id: int | None = None) -> list[Event]:
        sql, args = "SELECT * FROM events WHERE 1=1", []
        if agenda_no is not None:
            sql, args = sql + " AND agenda_no = ?", args + [agenda_no]
        if input_id is not None:
            sql, args = sql + " AND input_id = ?", args + [input_id]
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [event_from_row(r) for r in rows]
