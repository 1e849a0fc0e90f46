"""The lock files Excel (`~$agenda.xlsx`) and LibreOffice (`.~lock.agenda.xlsx#`) leave beside an
open workbook, and whether one is still believable.

Anyone on the share can leave one behind (a crashed Excel, a copied folder, a prank), and a
lock trusted for ever blocks every agenda write. A lock file is believed while it names its
owner (Excel writes the user name after a length byte; LibreOffice a CSV line `U,name,host,...`)
and is younger than `STALE_AFTER`, or while a process on this machine really holds the
workbook open. An empty or ownerless lock, or one older than that, is stale: not obeyed,
and `kerjasama doctor` says how to remove it.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

STALE_AFTER = 24 * 3600  # seconds: an agenda left open in Excel overnight still counts as open
_MAX_LOCK_BYTES = 4096  # real lock files are ~165 bytes (Excel) or one short line (LibreOffice)


@dataclass(frozen=True)
class LockFile:
    path: Path
    owner: str | None  # the user name it carries, if any
    age_seconds: float
    held_open: bool  # a local process has the workbook open

    @property
    def stale_reason(self) -> str | None:
        """Why this lock is not believed (Indonesian), or None while it is."""
        if self.held_open:
            return None
        if not self.owner:
            return "kosong atau tidak berisi nama pemakai"
        if self.age_seconds > STALE_AFTER:
            return f"berumur {self.age_seconds / 3600:.0f} jam"
        return None


def candidates(workbook: Path) -> list[Path]:
    name = workbook.name
    names = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        names.append(f"~${name[2:]}")  # Office variant that overwrites the first two chars
    return [workbook.with_name(n) for n in names]


def lock_files(workbook: Path) -> list[LockFile]:
    """Every lock file beside `workbook`, believed or not."""
    found = []
    for path in candidates(workbook):
        try:
            st = path.stat()
            data = path.read_bytes()[:_MAX_LOCK_BYTES] if st.st_size <= _MAX_LOCK_BYTES else b""
        except OSError:  # gone meanwhile, or unreadable: an unreadable lock is believed (owner unknown)
            if path.exists():
                found.append(LockFile(path, "?", 0.0, False))
            continue
        age = max(0.0, time.time() - st.st_mtime)
        owner = owner_of(data)
        held = False if owner and age <= STALE_AFTER else held_open_here(workbook)
        found.append(LockFile(path, owner, age, held))
    return found


def owner_of(data: bytes) -> str | None:
    """The user name a lock file carries, else None."""
    if not data.strip(b"\x00 \t\r\n"):
        return None
    if data.count(b",") >= 3:  # LibreOffice: full name,user,host,date,URL; (the full name is often empty)
        fields = data.decode("utf-8", "replace").split(",")
        return _printable(fields[0]) or _printable(fields[1])
    n = data[0]
    if 0 < n < len(data) and n <= 54:  # Excel: a length byte, then the name
        return _printable(data[1:1 + n].decode("latin-1"))
    return _printable(data.decode("utf-8", "replace"))


def _printable(text: str) -> str | None:
    text = "".join(ch for ch in text if ch.isprintable()).strip()
    return text or None


def held_open_here(workbook: Path) -> bool:
    """True when a process on this machine has `workbook` open (Linux /proc; elsewhere unknown: False)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    try:
        target = os.path.realpath(workbook)
    except OSError:
        return False
    for pid in os.listdir(proc):
        if not pid.isdigit():
            continue
        try:
            fds = os.listdir(proc / pid / "fd")
        except OSError:  # another user's process, or gone
            continue
        for fd in fds:
            try:
                if os.readlink(proc / pid / "fd" / fd) == target:
                    return True
            except OSError:
                continue
    return False
