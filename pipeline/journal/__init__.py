"""The intake journal: SQLite (WAL) under ROOT/.kerjasama/, the source of truth.

Every step of registering a letter is written here before and after it acts, so a
process killed at any point can resume to the same final state. Tables:

- `inputs`: one row per file taken from the inbox (sha256, name, where it is, state);
- `cases`: one row per registered letter (agenda number, folder, status, company);
- `serials`: the last agenda serial handed out per year (numbers are never reused);
- `events`: an append-only log (triggers refuse UPDATE and DELETE);
- `outbox`: agenda writes waiting to be applied, in order, exactly once.
"""
from __future__ import annotations

import getpass
import json
import socket
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

JOURNAL_DIR = ".kerjasama"
JOURNAL_FILE = "journal.sqlite3"

# Input states, in the order a registration goes through them.
BARU = "baru"  # hashed and recorded; nothing else done
MEMBACA = "membaca"  # reading (OCR) started
BERNOMOR = "bernomor"  # read; agenda number and case allocated
BERKAS_DITULIS = "berkas_ditulis"  # case folder and its files written
MEMINDAH = "memindah"  # moving the original into the case folder
DIPINDAH = "dipindah"  # original is in the case folder
TERDAFTAR = "terdaftar"  # final: registered, agenda row queued
MENGKARANTINA = "mengkarantina"  # moving to karantina/
DIKARANTINA = "dikarantina"  # final: quarantined
HILANG = "hilang"  # final: the file vanished before we could take it
FINAL_STATES = (TERDAFTAR, DIKARANTINA, HILANG)

SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    original_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    source_path TEXT NOT NULL,
    state TEXT NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    agenda_no TEXT,
    target_path TEXT,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS inputs_sha ON inputs(sha256);
CREATE INDEX IF NOT EXISTS inputs_state ON inputs(state);
CREATE TABLE IF NOT EXISTS serials (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
    agenda_no TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    input_id INTEGER NOT NULL UNIQUE REFERENCES inputs(id),
    sha256 TEXT NOT NULL,
    folder TEXT NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    company TEXT,
    nomor_surat TEXT,
    dup_key TEXT,
    message TEXT NOT NULL DEFAULT '',
    letter_json TEXT NOT NULL,
    received_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE(year, serial)
);
CREATE INDEX IF NOT EXISTS cases_dup ON cases(dup_key);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    what TEXT NOT NULL,
    agenda_no TEXT,
    input_id INTEGER,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    agenda_no TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'menunggu',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    done_at TEXT
);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox(state, id);
CREATE TABLE IF NOT EXISTS transitions (
    id INTEGER PRIMARY KEY,
    agenda_no TEXT NOT NULL REFERENCES cases(agenda_no),
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    state TEXT NOT NULL,
    from_folder TEXT NOT NULL,
    to_folder TEXT NOT NULL,
    inputs TEXT NOT NULL,
    results TEXT NOT NULL DEFAULT '{}',
    requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS transitions_open ON transitions(agenda_no) WHERE state != 'selesai';
CREATE TABLE IF NOT EXISTS contract_serials (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contracts (
    agenda_no TEXT PRIMARY KEY REFERENCES cases(agenda_no),
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE(year, serial)
);
"""
# Columns added to `cases` after the first release; added to an older journal on open.
CASE_COLUMNS_ADDED = {
    "status_since": "TEXT",  # when the current status was entered (the due time counts from here)
    "refusal": "TEXT",  # the refusal shown in Pesan Sistem for a status that was not applied
    "evaluation_json": "TEXT",  # the step-3 result (score, class, Memenuhi) once Diverifikasi
}

# Transition states, in order (see pipeline.steps.workflow).
T_MULAI = "mulai"  # accepted; documents not yet written
T_DOKUMEN = "dokumen"  # documents written in the case folder; folder not yet moved
T_SELESAI = "selesai"  # folder moved, case updated, event logged, agenda queued


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_actor() -> str:
    """Who acted, for the event log: the system user on this machine."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers / services
        user = "?"
    return f"sistem:{user}@{socket.gethostname()}"


@dataclass(frozen=True)
class InputRecord:
    id: int
    sha256: str
    original_name: str
    size: int
    source_path: str  # relative to ROOT (posix)
    state: str
    received_at: str
    attempts: int
    agenda_no: str | None
    target_path: str | None  # relative to ROOT (posix)
    reason: str | None


@dataclass(frozen=True)
class CaseRecord:
    agenda_no: str
    year: int
    serial: int
    input_id: int
    sha256: str
    folder: str  # relative to ROOT, with "/" separators
    stage: str
    status: str
    company: str | None
    nomor_surat: str | None
    message: str
    letter_json: str
    received_at: str
    status_since: str = ""  # ISO; when the current status was entered
    refusal: str | None = None
    evaluation_json: str | None = None


@dataclass(frozen=True)
class Transition:
    """A status change being applied to a case (see pipeline.steps.workflow)."""

    id: int
    agenda_no: str
    old_status: str
    new_status: str
    state: str
    from_folder: str
    to_folder: str
    inputs: dict[str, Any]
    results: dict[str, Any]
    requested_at: str


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    agenda_no: str
    payload: dict[str, Any]
    attempts: int
    last_error: str | None = None


@dataclass(frozen=True)
class Event:
    id: int
    at: str
    actor: str
    what: str
    agenda_no: str | None
    input_id: int | None
    details: dict[str, Any]


def journal_mode(folder: Path) -> str:
    """WAL, except on a network filesystem, where SQLite's WAL index (shared memory)
    cannot work across machines: there the classic rollback journal is used."""
    from pipeline.core.fileops import network_filesystem

    return "DELETE" if network_filesystem(folder) else "WAL"


def journal_path(root: Path) -> Path:
    return Path(root) / JOURNAL_DIR / JOURNAL_FILE


class Journal:
    """One connection to the journal; use from one thread (the worker)."""

    def __init__(self, path: Path, *, actor: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.actor = actor or default_actor()
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a write
        # transaction takes the lock up front instead of failing half-way.
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
        self._db.row_factory = sqlite3.Row
        self._db.execute(f"PRAGMA journal_mode={journal_mode(path.parent)}")
        self._db.execute("PRAGMA synchronous=FULL")  # a registration must survive power loss
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        have = {r["name"] for r in self._db.execute("PRAGMA table_info(cases)")}
        for name, kind in CASE_COLUMNS_ADDED.items():
            if name not in have:
                self._db.execute(f"ALTER TABLE cases ADD COLUMN {name} {kind}")

    @classmethod
    def open(cls, root: Path) -> "Journal":
        return cls(journal_path(root))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Journal":
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
            (at or now_iso(), self.actor, what, agenda_no, input_id,
             json.dumps(details, ensure_ascii=False, default=str)),
        )

    def events(self, *, agenda_no: str | None = None, input_id: int | None = None) -> list[Event]:
        sql, args = "SELECT * FROM events WHERE 1=1", []
        if agenda_no is not None:
            sql, args = sql + " AND agenda_no = ?", args + [agenda_no]
        if input_id is not None:
            sql, args = sql + " AND input_id = ?", args + [input_id]
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [
            Event(r["id"], r["at"], r["actor"], r["what"], r["agenda_no"], r["input_id"], json.loads(r["details"]))
            for r in rows
        ]

    # ---- inputs -------------------------------------------------------------------

    def add_input(self, *, sha256: str, original_name: str, size: int, source_path: str, received_at: str) -> InputRecord:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO inputs(sha256, original_name, size, source_path, state, received_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (sha256, original_name, size, source_path, BARU, received_at, now_iso()),
            )
            input_id = int(cur.lastrowid)
            self._log(db, "berkas_diterima", agenda_no=None, input_id=input_id,
                      details={"nama": original_name, "sha256": sha256, "ukuran": size, "lokasi": source_path})
        return self.input(input_id)

    def input(self, input_id: int) -> InputRecord:
        row = self._db.execute("SELECT * FROM inputs WHERE id = ?", (input_id,)).fetchone()
        if row is None:
            raise KeyError(input_id)
        return _input(row)

    def unfinished_input(self, sha256: str, source_path: str) -> InputRecord | None:
        """An input of these bytes at this path whose registration did not finish."""
        row = self._db.execute(
            f"SELECT * FROM inputs WHERE sha256 = ? AND source_path = ? AND state NOT IN ({_marks(FINAL_STATES)})"
            " ORDER BY id LIMIT 1",
            (sha256, source_path, *FINAL_STATES),
        ).fetchone()
        return _input(row) if row else None

    def unfinished_inputs(self) -> list[InputRecord]:
        rows = self._db.execute(
            f"SELECT * FROM inputs WHERE state NOT IN ({_marks(FINAL_STATES)}) ORDER BY id", FINAL_STATES
        ).fetchall()
        return [_input(r) for r in rows]

    def inputs(self) -> list[InputRecord]:
        return [_input(r) for r in self._db.execute("SELECT * FROM inputs ORDER BY id").fetchall()]

    def set_state(self, input_id: int, state: str, *, event: str | None = None, agenda_no: str | None = None,
                  target_path: str | None = None, reason: str | None = None, **details: Any) -> InputRecord:
        """Move an input to `state` (and log `event`) in one transaction."""
        with self.transaction() as db:
            sets, args = ["state = ?", "updated_at = ?"], [state, now_iso()]
            if target_path is not None:
                sets, args = sets + ["target_path = ?"], args + [target_path]
            if reason is not None:
                sets, args = sets + ["reason = ?"], args + [reason]
            db.execute(f"UPDATE inputs SET {', '.join(sets)} WHERE id = ?", (*args, input_id))
            if event:
                self._log(db, event, agenda_no=agenda_no, input_id=input_id, details=details)
        return self.input(input_id)

    def count_attempt(self, input_id: int, delta: int = 1) -> int:
        """Count one more try at reading this input (before trying: a crash still counts)."""
        with self.transaction() as db:
            db.execute("UPDATE inputs SET attempts = max(0, attempts + ?), updated_at = ? WHERE id = ?",
                       (delta, now_iso(), input_id))
        return self.input(input_id).attempts

    # ---- cases --------------------------------------------------------------------

    def allocate_case(
        self,
        input_id: int,
        *,
        year: int,
        number_pattern: str,
        folder_for: Callable[[str], str],
        stage: str,
        status: str,
        company: str | None,
        nomor_surat: str | None,
        dup_key: str | None,
        message_for: Callable[[str | None], str],
        letter_json: str,
    ) -> CaseRecord:
        """Give the input the next agenda number of `year` and create its case (idempotent).

        `folder_for(agenda_no)` names the case folder (relative to ROOT);
        `message_for(earlier_agenda_no)` gives the Pesan Sistem, told about an earlier
        case with the same dup_key (a re-scan of the same letter), if any.
        """
        existing = self.case_for_input(input_id)
        if existing is not None:
            return existing
        with self.transaction() as db:
            row = db.execute("SELECT last FROM serials WHERE year = ?", (year,)).fetchone()
            serial = (row["last"] if row else 0) + 1
            db.execute(
                "INSERT INTO serials(year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
                (year, serial),
            )
            agenda_no = number_pattern.format(serial=serial, year=year)
            earlier = None
            if dup_key:
                hit = db.execute(
                    "SELECT agenda_no FROM cases WHERE dup_key = ? ORDER BY year, serial LIMIT 1", (dup_key,)
                ).fetchone()
                earlier = hit["agenda_no"] if hit else None
            inp = _input(db.execute("SELECT * FROM inputs WHERE id = ?", (input_id,)).fetchone())
            stamp = now_iso()
            db.execute(
                "INSERT INTO cases(agenda_no, year, serial, input_id, sha256, folder, stage, status, company,"
                " nomor_surat, dup_key, message, letter_json, received_at, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (agenda_no, year, serial, input_id, inp.sha256, folder_for(agenda_no), stage, status, company,
                 nomor_surat, dup_key, message_for(earlier), letter_json, inp.received_at, stamp, stamp),
            )
            db.execute(
                "UPDATE inputs SET state = ?, agenda_no = ?, updated_at = ? WHERE id = ?",
                (BERNOMOR, agenda_no, stamp, input_id),
            )
            self._log(db, "nomor_agenda_diberikan", agenda_no=agenda_no, input_id=input_id,
                      details={"perusahaan": company, "nomor_surat": nomor_surat, "duplikat_dari": earlier})
        return self.case(agenda_no)

    def case(self, agenda_no: str) -> CaseRecord:
        row = self._db.execute("SELECT * FROM cases WHERE agenda_no = ?", (agenda_no,)).fetchone()
        if row is None:
            raise KeyError(agenda_no)
        return _case(row)

    def case_for_input(self, input_id: int) -> CaseRecord | None:
        row = self._db.execute("SELECT * FROM cases WHERE input_id = ?", (input_id,)).fetchone()
        return _case(row) if row else None

    def case_for_sha(self, sha256: str) -> CaseRecord | None:
        """The case registered from exactly these bytes, if any (not one whose file was lost)."""
        row = self._db.execute(
            "SELECT cases.* FROM cases JOIN inputs ON inputs.id = cases.input_id"
            " WHERE cases.sha256 = ? AND inputs.state != ? ORDER BY cases.year, cases.serial LIMIT 1",
            (sha256, HILANG),
        ).fetchone()
        return _case(row) if row else None

    def cases(self) -> list[CaseRecord]:
        return [_case(r) for r in self._db.execute("SELECT * FROM cases ORDER BY year, serial").fetchall()]

    def last_serial(self, year: int) -> int:
        row = self._db.execute("SELECT last FROM serials WHERE year = ?", (year,)).fetchone()
        return int(row["last"]) if row else 0

    # ---- status changes (SOP steps 2-7) ----------------------------------------------

    def set_refusal(self, agenda_no: str, message: str | None, **details: Any) -> bool:
        """Record (or clear, with None) the refusal shown for a case; logs a new refusal once."""
        with self.transaction() as db:
            row = db.execute("SELECT refusal FROM cases WHERE agenda_no = ?", (agenda_no,)).fetchone()
            if row is None or row["refusal"] == message:
                return False
            db.execute("UPDATE cases SET refusal = ?, updated_at = ? WHERE agenda_no = ?",
                       (message, now_iso(), agenda_no))
            if message:
                self._log(db, "status_tidak_diterapkan", agenda_no=agenda_no, input_id=None,
                          details={"pesan": message, **details})
        return True

    def begin_transition(self, agenda_no: str, *, old: str, new: str, from_folder: str, to_folder: str,
                         inputs: dict[str, Any]) -> Transition:
        """Record the intent to apply `new` (before anything is written); one open per case."""
        with self.transaction() as db:
            stamp = now_iso()
            cur = db.execute(
                "INSERT INTO transitions(agenda_no, old_status, new_status, state, from_folder, to_folder, inputs,"
                " requested_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (agenda_no, old, new, T_MULAI, from_folder, to_folder,
                 json.dumps(inputs, ensure_ascii=False, default=str), stamp, stamp),
            )
            self._log(db, "perubahan_status_dimulai", agenda_no=agenda_no, input_id=None,
                      details={"lama": old, "baru": new, "transisi": cur.lastrowid})
        return self.transition(int(cur.lastrowid))

    def transition(self, transition_id: int) -> Transition:
        return _transition(self._db.execute("SELECT * FROM transitions WHERE id = ?", (transition_id,)).fetchone())

    def open_transitions(self) -> list[Transition]:
        rows = self._db.execute("SELECT * FROM transitions WHERE state != ? ORDER BY id", (T_SELESAI,)).fetchall()
        return [_transition(r) for r in rows]

    def transition_step(self, transition_id: int, state: str, results: dict[str, Any]) -> Transition:
        with self.transaction() as db:
            db.execute("UPDATE transitions SET state = ?, results = ?, updated_at = ? WHERE id = ?",
                       (state, json.dumps(results, ensure_ascii=False, default=str), now_iso(), transition_id))
        return self.transition(transition_id)

    def commit_transition(self, t: Transition, *, stage: str, message: str, evaluation_json: str | None,
                          event: dict[str, Any], outbox: list[tuple[str, dict[str, Any]]]) -> None:
        """The journal write after the folder move, in one transaction: the case takes its new
        status, folder and message, the event is logged and the agenda writes are queued."""
        with self.transaction() as db:
            stamp = now_iso()
            db.execute(
                "UPDATE cases SET status = ?, stage = ?, folder = ?, status_since = ?, message = ?, refusal = NULL,"
                " evaluation_json = coalesce(?, evaluation_json), updated_at = ? WHERE agenda_no = ?",
                (t.new_status, stage, t.to_folder, stamp, message, evaluation_json, stamp, t.agenda_no),
            )
            db.execute("UPDATE transitions SET state = ?, updated_at = ? WHERE id = ?", (T_SELESAI, stamp, t.id))
            self._log(db, "status_diubah", agenda_no=t.agenda_no, input_id=None, at=stamp,
                      details={"lama": t.old_status, "baru": t.new_status, **event})
            for kind, payload in outbox:
                self._enqueue(db, kind, t.agenda_no, payload)

    def allocate_contract_serial(self, agenda_no: str, year: int) -> int:
        """The case's agreement serial of `year`: allocated once, never reused or handed out twice."""
        with self.transaction() as db:
            row = db.execute("SELECT serial FROM contracts WHERE agenda_no = ?", (agenda_no,)).fetchone()
            if row:
                return int(row["serial"])
            last = db.execute("SELECT last FROM contract_serials WHERE year = ?", (year,)).fetchone()
            serial = (last["last"] if last else 0) + 1
            db.execute("INSERT INTO contract_serials(year, last) VALUES (?, ?)"
                       " ON CONFLICT(year) DO UPDATE SET last = excluded.last", (year, serial))
            db.execute("INSERT INTO contracts(agenda_no, year, serial, created_at) VALUES (?,?,?,?)",
                       (agenda_no, year, serial, now_iso()))
            self._log(db, "nomor_perjanjian_diberikan", agenda_no=agenda_no, input_id=None,
                      details={"tahun": year, "urut": serial})
        return serial

    def contract_serial(self, agenda_no: str) -> tuple[int, int] | None:
        """(year, serial) of the case's agreement, once allocated."""
        row = self._db.execute("SELECT year, serial FROM contracts WHERE agenda_no = ?", (agenda_no,)).fetchone()
        return (int(row["year"]), int(row["serial"])) if row else None

    # ---- outbox -------------------------------------------------------------------

    def finish_registration(self, input_id: int, agenda_no: str, row: dict[str, str]) -> None:
        """Mark the input registered and queue its agenda row, atomically."""
        with self.transaction() as db:
            already = db.execute(
                "SELECT 1 FROM outbox WHERE agenda_no = ? AND kind = 'tambah_baris'", (agenda_no,)
            ).fetchone()
            if not already:
                self._enqueue(db, "tambah_baris", agenda_no, row)
            stamp = now_iso()
            db.execute("UPDATE inputs SET state = ?, updated_at = ? WHERE id = ?", (TERDAFTAR, stamp, input_id))
            # The case enters its first status now: step 2's due time counts from here.
            db.execute("UPDATE cases SET status_since = ? WHERE agenda_no = ?", (stamp, agenda_no))
            self._log(db, "terdaftar", agenda_no=agenda_no, input_id=input_id, details={}, at=stamp)

    def enqueue(self, kind: str, agenda_no: str, payload: dict[str, Any]) -> None:
        with self.transaction() as db:
            self._enqueue(db, kind, agenda_no, payload)

    def _enqueue(self, db: sqlite3.Connection, kind: str, agenda_no: str, payload: dict[str, Any]) -> None:
        db.execute(
            "INSERT INTO outbox(created_at, kind, agenda_no, payload) VALUES (?,?,?,?)",
            (now_iso(), kind, agenda_no, json.dumps(payload, ensure_ascii=False)),
        )

    def written_row(self, agenda_no: str) -> dict[str, Any]:
        """The agenda row as the pipeline last wrote it: its applied writes, merged in order."""
        row: dict[str, Any] = {}
        for r in self._db.execute(
            "SELECT kind, payload FROM outbox WHERE agenda_no = ? AND state = 'selesai' AND kind IN ('tambah_baris', 'ubah_baris') ORDER BY id",
            (agenda_no,),
        ):
            row.update({k: v for k, v in json.loads(r["payload"]).items() if not k.startswith("_")})
        return row

    def has_pending_outbox(self, agenda_no: str) -> bool:
        return self._db.execute(
            "SELECT 1 FROM outbox WHERE agenda_no = ? AND state = 'menunggu' LIMIT 1", (agenda_no,)
        ).fetchone() is not None

    def pending_outbox(self) -> list[OutboxItem]:
        rows = self._db.execute("SELECT * FROM outbox WHERE state = 'menunggu' ORDER BY id").fetchall()
        return [OutboxItem(r["id"], r["kind"], r["agenda_no"], json.loads(r["payload"]), r["attempts"], r["last_error"])
                for r in rows]

    def outbox_done(self, ids: list[int]) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE outbox SET state = 'selesai', done_at = ?, attempts = attempts + 1 WHERE id = ?",
                [(now_iso(), i) for i in ids],
            )
            for i in ids:
                agenda_no = db.execute("SELECT agenda_no FROM outbox WHERE id = ?", (i,)).fetchone()["agenda_no"]
                self._log(db, "agenda_ditulis", agenda_no=agenda_no, input_id=None, details={"outbox": i})

    def outbox_failed(self, ids: list[int], error: str) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", [(error, i) for i in ids]
            )


def _marks(values: tuple) -> str:
    return ",".join("?" for _ in values)


def _input(row: sqlite3.Row) -> InputRecord:
    return InputRecord(
        id=row["id"], sha256=row["sha256"], original_name=row["original_name"], size=row["size"],
        source_path=row["source_path"], state=row["state"], received_at=row["received_at"],
        attempts=row["attempts"], agenda_no=row["agenda_no"], target_path=row["target_path"], reason=row["reason"],
    )


def _case(row: sqlite3.Row) -> CaseRecord:
    return CaseRecord(
        agenda_no=row["agenda_no"], year=row["year"], serial=row["serial"], input_id=row["input_id"],
        sha256=row["sha256"], folder=row["folder"], stage=row["stage"], status=row["status"],
        company=row["company"], nomor_surat=row["nomor_surat"], message=row["message"],
        letter_json=row["letter_json"], received_at=row["received_at"],
        status_since=row["status_since"] or row["created_at"], refusal=row["refusal"],
        evaluation_json=row["evaluation_json"],
    )


def _transition(row: sqlite3.Row) -> Transition:
    return Transition(
        id=row["id"], agenda_no=row["agenda_no"], old_status=row["old_status"], new_status=row["new_status"],
        state=row["state"], from_folder=row["from_folder"], to_folder=row["to_folder"],
        inputs=json.loads(row["inputs"]), results=json.loads(row["results"]), requested_at=row["requested_at"],
    )
