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
from pipeline.core.diskspace import disk_full, is_disk_full
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
KEPT_BEFORE_RESTORE = "-sebelum-pulih"  # the journal in place when a copy was restored
KEPT_DAMAGED = "-rusak"  # a damaged journal, kept as it was (bytes, WAL) when a copy replaced it
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
    # Checked before it takes its dated name: a copy of a damaged journal must never rotate
    # the sound copies out (`prune`).
    return F.replace_atomic(target, lambda tmp: _copy_to_one_file(source, tmp), before_replace=check_journal_copy)


def _copy_to_one_file(source: Path, tmp: Path) -> None:
    """The copy as one file (rollback journal mode); a failed copy leaves no -wal/-shm beside it."""
    try:
        _copy_database(source, tmp, wait_on=source, one_file=True)
    except BaseException:
        for suffix in ("-wal", "-shm", "-journal"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
        raise


def backup(root: Path, now: datetime, *, keep: int | None = None) -> list[Path]:
    """Write dated copies of the journal and the agenda workbook; returns the files written."""
    root = Path(root)
    keep = keep or settings("operations").backup.keep
    folder = backup_dir(root)
    written = []
    source = journal_path(root)
    if source.is_file():
        try:
            written.append(copy_journal(source, folder / f"{JOURNAL_PREFIX}{stamp(now)}.sqlite3"))
        except (BackupError, sqlite3.DatabaseError) as exc:
            if isinstance(exc, sqlite3.DatabaseError) and (exc.sqlite_errorcode or 0) & 0xFF not in (11, 26):
                raise  # busy, disk full: not damage (11 SQLITE_CORRUPT, 26 SQLITE_NOTADB)
            raise BackupError(f"Jurnal {source} rusak, cadangannya tidak dibuat (cadangan yang ada tetap "
                              f"disimpan). {restore_hint(root)}") from exc
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


def journal_copies(root: Path) -> list[Path]:
    """The dated journal copies in cadangan/, oldest first (names sort by time)."""
    folder = backup_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{JOURNAL_PREFIX}*.sqlite3") if p.is_file() and not p.name.startswith("."))


def newest_journal_copy(root: Path) -> Path | None:
    """The newest dated journal copy that a person may restore from (not one kept aside by us)."""
    made = [p for p in journal_copies(root) if not p.stem.endswith((KEPT_BEFORE_RESTORE, KEPT_DAMAGED))]
    return made[-1] if made else None


def restore_hint(root: Path) -> str:
    """What to do about a damaged journal, naming the newest backup to restore from."""
    newest = newest_journal_copy(root)
    if newest is None:
        return (f"Belum ada cadangan jurnal di {backup_dir(root)}. Jangan hapus berkas jurnal itu (nomor agenda "
                "tercatat di sana); simpan salinannya dan hubungi pengelola sistem.")
    return (f"Hentikan `kerjasama watch`, lalu pulihkan dari cadangan terbaru: "
            f"kerjasama restore --dari {newest} --root {root}")


def prune(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Remove all but the newest `keep` copies of one kind (names sort by time)."""
    # What we kept aside on a restore is not one of the rotating copies: never pruned.
    copies = sorted(p for p in folder.glob(f"{prefix}*") if p.is_file() and not p.name.startswith(".")
                    and KEPT_BEFORE_RESTORE not in p.name and KEPT_DAMAGED not in p.name)
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
    if target.is_file() and not _sound(target):
        _set_damaged_aside(root, target, now)
    if target.is_file():
        copy_journal(target, backup_dir(root) / f"{JOURNAL_PREFIX}{stamp(now)}{KEPT_BEFORE_RESTORE}.sqlite3")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Through the backup API into the live file: its WAL and shared-memory files stay coherent.
    _copy_database(copy, target, wait_on=target)
    return target


def _sound(path: Path) -> bool:
    try:
        check_journal_copy(path)
    except (BackupError, OSError):
        return False
    return True


def _set_damaged_aside(root: Path, target: Path, now: datetime) -> None:
    """Move a damaged journal and its WAL out of the way, byte for byte (the backup API cannot read it,
    and its WAL must never be replayed into the restored copy)."""
    folder = backup_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{JOURNAL_PREFIX}{stamp(now)}{KEPT_DAMAGED}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        part = target.with_name(target.name + suffix)
        if part.exists():
            F.replace_atomic(kept.with_name(kept.name + suffix), lambda tmp, src=part: shutil.copyfile(src, tmp))
            part.unlink()
    F.fsync_dir(target.parent)


def _copy_database(source: Path, target: Path, *, wait_on: Path, one_file: bool = False) -> None:
    """SQLite's online backup from `source` (opened read-only) into `target`; the side that a
    running watcher may hold (`wait_on`) is waited for up to 30 s. `one_file`: the target leaves
    WAL mode (the copy is then complete in its one file)."""
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=30.0 if wait_on == source else 5.0)
    try:
        dst = sqlite3.connect(str(target), timeout=30.0 if wait_on == target else 5.0)
        try:
            src.backup(dst)
            if one_file and str(dst.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() != "delete":
                raise sqlite3.OperationalError("salinan jurnal tidak dapat dijadikan satu berkas")
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
            if is_disk_full(exc):  # the watcher says it once, with what to do; tried again at the next check
                raise disk_full(self.root, exc) from exc
            self.log(f"PERINGATAN cadangan harian gagal: {getattr(exc, 'message', exc)}")
            return
        self.log(f"Cadangan harian dibuat: {', '.join(p.name for p in written)}")
