"""The journal's core: one connection, its transactions and the append-only event log.

The record kinds (inputs.py, cases.py, serials.py, transitions.py, outbox.py) extend
`JournalStore`; `pipeline.journal.Journal` is all of them in one class. They share the
connection (`_db`) and `_log`, which writes an event inside the caller's open transaction.

The connection turns SQLite's failures into the office's words (`journal_error`): a full disk
(`DiskFull`) and a lock held by another process past the busy timeout (`JournalBusy`) are
"try again later"; a damaged file (`JournalDamaged`) names the newest backup to restore from.
A damaged journal is found when it is opened (`check_before_open`, and SQLite's quick_check
once per process), so no command ever writes a fresh, empty journal over it: that would hand
out agenda numbers again from 1.
"""
from __future__ import annotations

import getpass
import json
import socket
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Self

from pipeline.core.diskspace import MIN_FREE_BYTES, disk_full, free_bytes
from pipeline.core.errors import JournalBusy, JournalDamaged, KerjasamaError
from pipeline.journal import clock
from pipeline.journal.backup import SQLITE_MAGIC, agenda_file, journal_copies, restore_hint
from pipeline.journal.records import Event, event_from_row
from pipeline.journal.schema import connect, journal_path

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 5, 6, 10, 11, 13, 26
HEADER_BYTES = 100  # a SQLite file shorter than its header holds nothing: empty or cut off
_checked: set[Path] = set()  # journals that passed quick_check in this process


def default_actor() -> str:
    """Who acted, for the event log: the system user on this machine."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers / services
        user = "?"
    return f"sistem:{user}@{socket.gethostname()}"


def root_of(path: Path) -> Path:
    """ROOT for a journal at ROOT/.kerjasama/journal.sqlite3."""
    return Path(path).parent.parent


def damaged(path: Path, detail: str) -> JournalDamaged:
    root = root_of(path)
    return JournalDamaged(f"Jurnal {path} rusak ({detail}); tidak ada yang ditulis. {restore_hint(root)}")


def journal_error(path: Path, exc: sqlite3.Error) -> KerjasamaError | None:
    """The office's error for a SQLite failure, or None for one that is a bug (kept as it is)."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    # An I/O error on a full disk is the full disk (e.g. the WAL index cannot grow when opening).
    if code == SQLITE_FULL or (code == SQLITE_IOERR and (free_bytes(path.parent) or 0) < MIN_FREE_BYTES):
        return disk_full(root_of(path), target=path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return JournalBusy(f"Jurnal {path} sedang dikunci proses lain terlalu lama (mis. program yang membuka "
                           "berkas jurnal, atau salinan cadangan yang macet). Tutup program itu; `kerjasama watch` "
                           "menunggu dan melanjutkan sendiri, `kerjasama ingest` dapat dijalankan lagi nanti.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(path, f"SQLite: {exc}")
    return None


def check_before_open(path: Path) -> None:
    """Refuse a journal that SQLite would silently treat as a new, empty database."""
    root = root_of(path)
    if not path.exists():
        if journal_copies(root):
            raise damaged(path, "berkasnya hilang, padahal sudah ada cadangannya")
        return
    with open(path, "rb") as fh:
        head = fh.read(HEADER_BYTES)
    if len(head) < HEADER_BYTES:
        # Empty is also how a brand-new journal starts for a moment; after a backup, or once the
        # agenda exists (made after the journal), it can only be a journal cut off.
        agenda = agenda_file(root)
        if head or journal_copies(root) or (agenda is not None and agenda.is_file()):
            raise damaged(path, f"hanya {len(head)} bait, terpotong")
        return
    if not head.startswith(SQLITE_MAGIC):
        raise damaged(path, "bukan basis data SQLite lagi")


def quick_check(db: sqlite3.Connection) -> str:
    """SQLite's quick_check: "ok", or its first findings."""
    found = [str(r[0]) for r in db.execute("PRAGMA quick_check(5)").fetchall()]
    return "ok" if found == ["ok"] else "; ".join(found)


class GuardedCursor:
    """A cursor whose SQLite failures come out as the journal's errors (see `journal_error`)."""

    def __init__(self, cursor: sqlite3.Cursor, path: Path) -> None:
        self._cursor, self._path = cursor, path

    def fetchone(self) -> Any:
        return _guard(self._path, self._cursor.fetchone)

    def fetchall(self) -> list[Any]:
        return _guard(self._path, self._cursor.fetchall)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    def __getattr__(self, name: str) -> Any:  # lastrowid, rowcount, description
        return getattr(self._cursor, name)


class GuardedConnection:
    """The journal's connection: the same calls as sqlite3.Connection, with translated failures."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db, self._path = db, path

    def execute(self, sql: str, args: Any = ()) -> GuardedCursor:
        return GuardedCursor(_guard(self._path, self._db.execute, sql, _storable(args)), self._path)

    def executemany(self, sql: str, rows: Any) -> GuardedCursor:
        return GuardedCursor(_guard(self._path, self._db.executemany, sql, [_storable(r) for r in rows]), self._path)

    def __getattr__(self, name: str) -> Any:  # close, in_transaction, row_factory, ...
        return getattr(self._db, name)


def _storable(args: Any) -> Any:
    """Parameters SQLite can store: a text holding a file name's bytes that were not UTF-8 (lone
    surrogates, e.g. in a message naming the file) gets them as `\\xNN`; SQLite would refuse it."""
    if isinstance(args, dict):
        return {k: _text(v) for k, v in args.items()}
    if isinstance(args, (list, tuple)):
        return [_text(v) for v in args]
    return args


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        try:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no file name's byte gives
            return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _json(details: dict) -> str:
    text = json.dumps(details, ensure_ascii=False, default=str)
    if _text(text) is text:
        return text
    # A detail holding a name's non-UTF-8 bytes: JSON's own escapes keep it, and it reads back.
    return json.dumps(details, ensure_ascii=True, default=str)


def _guard(path: Path, call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except sqlite3.Error as exc:
        mapped = journal_error(path, exc)
        if mapped is None:
            raise
        raise mapped from exc


def open_checked(path: Path) -> sqlite3.Connection:
    """`schema.connect`, refusing a damaged journal instead of creating or using it."""
    check_before_open(path)
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        mapped = journal_error(path, exc)
        if mapped is None:
            raise
        raise mapped from exc
    if path.resolve() not in _checked:
        try:
            verdict = quick_check(db)
        except sqlite3.Error as exc:
            db.close()
            raise journal_error(path, exc) or damaged(path, f"SQLite: {exc}") from exc
        if verdict != "ok":
            db.close()
            raise damaged(path, f"pemeriksaan SQLite: {verdict}")
        _checked.add(path.resolve())
    return db


class JournalStore:
    """One connection to the journal; use from one thread (the worker)."""

    def __init__(self, path: Path, *, actor: str | None = None) -> None:
        self.path = path
        self.actor = actor or default_actor()
        self._db = GuardedConnection(open_checked(path), path)

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
    def transaction(self) -> Iterator[GuardedConnection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite may have rolled back already (a full disk, a failed COMMIT); a second
        # ROLLBACK then fails, and must not hide the error that matters.
        try:
            self._db._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    # ---- events -------------------------------------------------------------------

    def log(self, what: str, *, agenda_no: str | None = None, input_id: int | None = None, **details: Any) -> None:
        with self.transaction() as db:
            self._log(db, what, agenda_no=agenda_no, input_id=input_id, details=details)

    def _log(self, db: GuardedConnection, what: str, *, agenda_no: str | None, input_id: int | None, details: dict,
             at: str | None = None) -> None:
        db.execute(
            "INSERT INTO events(at, actor, what, agenda_no, input_id, details) VALUES (?,?,?,?,?,?)",
            (at or clock.now_iso(), self.actor, what, agenda_no, input_id,
             _json(details)),
        )

    def events(self, *, agenda_no: str | None = None, input_id: int | None = None) -> list[Event]:
        sql, args = "SELECT * FROM events WHERE 1=1", []
        if agenda_no is not None:
            sql, args = sql + " AND agenda_no = ?", args + [agenda_no]
        if input_id is not None:
            sql, args = sql + " AND input_id = ?", args + [input_id]
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [event_from_row(r) for r in rows]
