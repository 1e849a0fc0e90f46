"""A machine-wide limit on how many copies of a heavy program run at once.

In a burst two letters are read at once, each by its own reader process, and each reader
spreads its page's strips over every core: without a shared limit twice as many second-engine
processes run as there are cores, about 450 MB each (make bench: four at once, 1.6 GB for the
process tree). A slot is an exclusive lock on one of `count` small files in a folder of the
user's temporary directory: the operating system releases the lock when its holder ends, even
when it is killed at a time limit, so a slot is never lost.

A limit that cannot be kept (no folder can be made there, the wait is too long) never stops a
reading: the program then runs without a slot, and the reading is the same, only heavier.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# filelock's descriptor lock (flock here, LockFileEx on Windows), as core/fileops.py uses
from filelock import lock_descriptor, unlock_descriptor

# Taken once, at import: a reader process points its own TMPDIR at its private scratch folder,
# and the slots must be the same for every reader on the machine.
BASE = Path(tempfile.gettempdir())
POLL_SECONDS = 0.05


def cores() -> int:
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def slot(name: str, count: int, wait: float) -> Iterator[int | None]:
    """Hold one of `count` machine-wide slots called `name` while the block runs.

    Waits at most `wait` seconds for a free one; yields the slot's number, or None when the
    block runs without one (no slot free in time, or no place for the lock files)."""
    folder = _folder(name)
    deadline = time.monotonic() + max(0.0, wait)
    while folder is not None:
        try:
            held = _first_free(folder, count)
        except _Unlockable:
            break
        if held is not None:
            number, fd = held
            try:
                yield number
            finally:
                _unlock(fd)
            return
        if time.monotonic() >= deadline:
            break
        time.sleep(POLL_SECONDS)
    yield None


def held(name: str, count: int) -> int:
    """How many of the `count` slots called `name` are held right now (0 when unknowable).
    A snapshot: a slot taken or given back a moment later is not seen."""
    folder = _folder(name)
    if folder is None:
        return 0
    taken = 0
    for number in range(max(1, count)):
        path = folder / f"{number}.lock"
        if not path.exists():
            continue  # never taken: not made here either (slots are made as they are first taken)
        try:
            fd = _try_lock(path)
        except _Unlockable:
            return 0
        if fd is None:
            taken += 1
        else:
            _unlock(fd)
    return taken


def _folder(name: str) -> Path | None:
    """The user's own folder for the slots of `name`; None when it cannot be made or trusted
    (someone else's folder under that name in a shared /tmp)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = BASE / f"kerjasama-slot-{uid}-{name}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != uid):
        return None
    return folder


class _Unlockable(Exception):
    """The slot files cannot be opened or locked here: no waiting for a slot that never comes."""


def _first_free(folder: Path, count: int) -> tuple[int, int] | None:
    """The number and locked descriptor of the first free slot, or None when all are taken."""
    for number in range(max(1, count)):
        fd = _try_lock(folder / f"{number}.lock")
        if fd is not None:
            return number, fd
    return None


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding the file's lock, or None while another process holds it."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise _Unlockable() from exc
    try:
        if lock_descriptor(fd, blocking=False):
            return fd
    except OSError as exc:
        os.close(fd)
        raise _Unlockable() from exc
    os.close(fd)
    return None


def _unlock(fd: int) -> None:
    try:
        unlock_descriptor(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
