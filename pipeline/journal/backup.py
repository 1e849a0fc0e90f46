"""Backups of the journal and the agenda workbook in ROOT/.kerjasama/cadangan/, and restoring one.

The journal is copied with SQLite's online backup API, so the copy is consistent even while
`kerjasama watch` writes to it. The workbook (xlsx backend) is saved by the pipeline with an
atomic rename, and copied here under the same short agenda lock its writers take. Copies are
named by kind and local time (`jurnal-20261202-070000.sqlite3`, `agenda-20261202-070000.xlsx`)
and only the newest `keep` of each kind are kept.
"""
from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from pipeline.core import fileops as F
from pipeline.core.errors import KerjasamaError
from pipeline.core.paths import RootPaths
from pipeline.core.settings import settings
from pipeline.journal.schema import journal_path

BACKUP_DIR = "cadangan"
JOURNAL_PREFIX = "jurnal-"
AGENDA_PREFIX = "agenda-"
SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = {"inputs", "cases", "events", "outbox"}
LOCK_WAIT_SECONDS = 30.0
DAILY_CHECK_SECONDS = 600.0  # `watch` looks whether today's backup exists this often


class BackupError(KerjasamaError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="backup")


def backup_dir(root: Path) -> Path:
    return RootPaths(root).state_dir / BACKUP_DIR


def agenda_file(root: Path) -> Path | None:
    """The local agenda workbook, when the xlsx backend is used."""
    cfg = settings("agenda")
    return Path(root) / cfg.xlsx.path if cfg.backend == "xlsx" else None


def stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def copy_journal(source: Path, target: Path) -> Path:
    """A consistent copy of the SQLite database `source` at `target` (online backup API)."""
    return F.replace_atomic(target, lambda tmp: _copy_database(source, tmp, wait_on=source))


def backup(root: Path, now: datetime, *, keep: int | None = None) -> list[Path]:
    """Write dated copies of the journal and the agenda workbook; returns the files written."""
    root = Path(root)
    keep = keep or settings("operations").backup.keep
    folder = backup_dir(root)
    written = []
    source = journal_path(root)
    if source.is_file():
        written.append(copy_journal(source, folder / f"{JOURNAL_PREFIX}{stamp(now)}.sqlite3"))
    agenda = agenda_file(root)
    if agenda is not None and agenda.is_file():
        target = folder / f"{AGENDA_PREFIX}{stamp(now)}{agenda.suffix}"
        try:
            with F.locked(RootPaths(root).agenda_lock, wait=LOCK_WAIT_SECONDS):
                F.replace_atomic(target, lambda tmp: shutil.copyfile(agenda, tmp))
        except F.LockBusy:
            raise BackupError(f"Agenda {agenda} sedang ditulis terus oleh proses lain; cadangan agenda "
                              "tidak dibuat, coba lagi nanti.") from None
        written.append(target)
    if not written:
        raise BackupError(f"Belum ada jurnal maupun agenda di {root} untuk dicadangkan.")
    for prefix in (JOURNAL_PREFIX, AGENDA_PREFIX):
        prune(folder, prefix, keep)
    return written


def prune(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Remove all but the newest `keep` copies of one kind (names sort by time)."""
    copies = sorted(p for p in folder.glob(f"{prefix}*") if p.is_file() and not p.name.startswith("."))
    gone = copies[:-keep] if keep > 0 else []
    for p in gone:
        p.unlink(missing_ok=True)
    return gone


# ---- restoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    kind: str  # "jurnal" | "agenda"
    path: Path
    summary: str  # for people: what the copy holds


def check_journal_copy(path: Path) -> Checked:
    """A journal copy is a readable SQLite database with the journal's tables, intact."""
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"{path.name} bukan salinan jurnal (bukan basis data SQLite).")
    try:
        db = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            cases = db.execute("SELECT count(*) FROM cases").fetchone()[0] if "cases" in tables else 0
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} tidak dapat dibaca sebagai jurnal: {exc}") from None
    if verdict != "ok":
        raise BackupError(f"{path.name} rusak (pemeriksaan SQLite: {verdict}); pilih salinan lain.")
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(f"{path.name} bukan jurnal kerjasama (tabel {', '.join(sorted(missing))} tidak ada).")
    return Checked("jurnal", path, f"jurnal dengan {cases} perkara")


def restore_journal(root: Path, copy: Path, now: datetime) -> Path:
    """Put a checked journal copy back (the current journal is kept as a backup first).

    The caller holds the worker lock: no other process of ours has the journal open."""
    check_journal_copy(copy)
    target = journal_path(root)
    if target.is_file():
        copy_journal(target, backup_dir(root) / f"{JOURNAL_PREFIX}{stamp(now)}-sebelum-pulih.sqlite3")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Through the backup API into the live file: its WAL and shared-memory files stay coherent.
    _copy_database(copy, target, wait_on=target)
    return target


def _copy_database(source: Path, target: Path, *, wait_on: Path) -> None:
    """SQLite's online backup from `source` (opened read-only) into `target`; the side that a
    running watcher may hold (`wait_on`) is waited for up to 30 s."""
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=30.0 if wait_on == source else 5.0)
    try:
        dst = sqlite3.connect(str(target), timeout=30.0 if wait_on == target else 5.0)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


class DailyBackup:
    """`watch`: one backup a day (config/operations.yaml `backup.daily`), checked every few minutes."""

    def __init__(self, root: Path, now: Callable[[], datetime], log: Callable[[str], None]) -> None:
        self.root = Path(root)
        self.now = now
        self.log = log
        self._next_check = 0.0

    def __call__(self) -> None:
        if not settings("operations").backup.daily or time.monotonic() < self._next_check:
            return
        self._next_check = time.monotonic() + DAILY_CHECK_SECONDS
        now = self.now()
        today = f"{JOURNAL_PREFIX}{now:%Y%m%d}-"
        folder = backup_dir(self.root)
        if folder.is_dir() and any(p.name.startswith(today) for p in folder.iterdir()):
            return
        try:
            written = backup(self.root, now)
        except (BackupError, OSError, sqlite3.Error) as exc:
            self.log(f"PERINGATAN cadangan harian gagal: {getattr(exc, 'message', exc)}")
            return
        self.log(f"Cadangan harian dibuat: {', '.join(p.name for p in written)}")
