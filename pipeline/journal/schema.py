"""The journal's tables, their migrations and the connection set-up (WAL, durability)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.core.fileops import network_filesystem
from pipeline.core.paths import RootPaths

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
CREATE TABLE IF NOT EXISTS mail (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    agenda_no TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'menunggu',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX IF NOT EXISTS mail_state ON mail(state, id);
CREATE TABLE IF NOT EXISTS marks (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
# Columns added to `cases` after the first release; added to an older journal on open.
CASE_COLUMNS_ADDED = {
    "status_since": "TEXT",  # when the current status was entered (the due time counts from here)
    "refusal": "TEXT",  # the refusal shown in Pesan Sistem for a status that was not applied
    "evaluation_json": "TEXT",  # the step-3 result (score, class, Memenuhi) once Diverifikasi
}


def journal_path(root: Path) -> Path:
    return RootPaths(root).journal_file


def journal_mode(folder: Path) -> str:
    """WAL, except on a network filesystem, where SQLite's WAL index (shared memory)
    cannot work across machines: there the classic rollback journal is used."""
    return "DELETE" if network_filesystem(folder) else "WAL"


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating or migrating) the journal at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a write
    # transaction takes the lock up front instead of failing half-way.
    db = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA journal_mode={journal_mode(path.parent)}")
    db.execute("PRAGMA synchronous=FULL")  # a registration must survive power loss
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(SCHEMA)
    migrate(db)
    return db


def migrate(db: sqlite3.Connection) -> None:
    """Bring an older journal's tables up to SCHEMA (columns are only ever added)."""
    have = {r["name"] for r in db.execute("PRAGMA table_info(cases)")}
    for name, kind in CASE_COLUMNS_ADDED.items():
        if name not in have:
            db.execute(f"ALTER TABLE cases ADD COLUMN {name} {kind}")
