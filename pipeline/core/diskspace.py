"""A full disk, said once in Indonesian, and treated as "try again later", never as the letter's fault.

A write can fail for lack of space anywhere: the reading stash, the case folder, the searchable
PDF, the agenda workbook, the journal (SQLite's "database or disk is full"). Every writer in
ROOT writes under a temporary name and renames (`fileops.replace_atomic`), so a failed write
leaves nothing half-written; what is left to do is to recognise the failure (`is_disk_full`),
say it in one line that names ROOT and what to do (`disk_full`), not on every retry
(`Notice`), and try again once there is room.
"""
from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path
from typing import Callable

from pipeline.core.errors import RetryLater

# ENOSPC: the filesystem is full; EDQUOT: the user's quota on a share is.
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
SQLITE_FULL = 13
MIN_FREE_BYTES = 1024 * 1024  # below this a letter is not even read: its results would not fit


class DiskFull(RetryLater):
    """No room left where the pipeline writes; nothing was half-written, the input waits."""

    def __init__(self, message: str, *, code: str = "disk_full") -> None:
        super().__init__(message, code=code)


def is_disk_full(exc: BaseException | None) -> bool:
    """True for ENOSPC/EDQUOT, SQLite's SQLITE_FULL, or an error caused by one of them."""
    seen = 0
    while exc is not None and seen < 10:  # follow `raise ... from` chains, e.g. from a reader child
        if isinstance(exc, DiskFull):
            return True
        if isinstance(exc, OSError) and exc.errno in FULL_ERRNOS:
            return True
        if isinstance(exc, sqlite3.Error) and (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_FULL:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def free_bytes(path: Path) -> int | None:
    """Free space on the filesystem holding `path` (or its nearest existing parent)."""
    for where in (Path(path), *Path(path).absolute().parents):
        try:
            return shutil.disk_usage(where).free
        except OSError:
            continue
    return None


def shown_size(n: int | None) -> str:
    if n is None:
        return "?"
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB".replace(".", ",")
    return f"{n / 1024**2:.1f} MB".replace(".", ",")


def disk_full(root: Path, exc: BaseException | None = None, *, target: Path | None = None) -> DiskFull:
    """The one line for the office: where the disk is full, what could not be written, what to do."""
    root = Path(root)
    written = target or _filename(exc)
    where = root
    if written is not None and not _inside(written, root):
        where = written.parent  # e.g. the machine's temporary folder, not ROOT
    detail = f": {written} tidak dapat ditulis" if written is not None else ""
    return DiskFull(
        f"Ruang disk penuh di {where} (sisa {shown_size(free_bytes(where))}){detail}. Kosongkan ruang di disk "
        "itu (hapus atau pindahkan berkas yang tidak perlu); tidak ada berkas yang setengah tertulis, surat tetap "
        "di masuk/ atau di tempat yang dicatat jurnal, dan pekerjaan dilanjutkan begitu ruang tersedia "
        "(`kerjasama watch` mencoba lagi sendiri; setelah `kerjasama ingest`, jalankan lagi)."
    )


def ensure_room(root: Path, need: int = MIN_FREE_BYTES) -> None:
    """Refuse to start a write-heavy step (reading a letter) when ROOT's disk is already full."""
    free = free_bytes(root)
    if free is not None and free < need:
        raise disk_full(root)


def _filename(exc: BaseException | None) -> Path | None:
    while exc is not None:
        name = getattr(exc, "filename", None)
        if isinstance(exc, OSError) and isinstance(name, (str, Path)) and name:
            return Path(name)
        exc = exc.__cause__ or exc.__context__
    return None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.absolute().relative_to(root.absolute())
    except ValueError:
        return False
    return True


# Said when a lasting problem is over, by its code.
OVER = {
    "disk_full": "Ruang disk cukup lagi; pekerjaan dilanjutkan.",
    "journal_busy": "Jurnal dapat ditulis lagi; pekerjaan dilanjutkan.",
}


class Notice:
    """Says a lasting problem (`RetryLater`) once, not on every retry, and once when it is over.

    A full disk is over when ROOT has room again, not when one small write got through (SQLite
    may reuse space in its WAL): otherwise the two lines would alternate on every retry."""

    def __init__(self, log: Callable[[str], None], root: Path) -> None:
        self.log = log
        self.root = Path(root)
        self.current: str | None = None

    def problem(self, exc: RetryLater) -> None:
        if exc.code != self.current:
            self.log(exc.message)
            self.current = exc.code

    def cleared(self) -> None:
        if self.current == "disk_full" and (free_bytes(self.root) or 0) < MIN_FREE_BYTES:
            return
        if self.current is not None:
            self.log(OVER.get(self.current, "Masalah sudah teratasi; pekerjaan dilanjutkan."))
            self.current = None
