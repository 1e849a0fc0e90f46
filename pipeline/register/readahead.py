"""Reading ahead: the letters that wait behind the one being registered are read meanwhile,
so a pile of letters keeps every core busy (issue 15).

Registration stays strictly one at a time, in arrival order, in this process (agenda numbers
follow arrival; the journal's exactly-once states are unchanged). Only the slow, side-effect
free part — reading a file into a stash of what was read — runs ahead, in threads that each
wait on an isolated reader process. A read-ahead is keyed by the file's SHA-256, not by its
name or input: the bytes decide what is read, and a renamed file is still the same letter.

Crash safety: a read-ahead writes into its own folder under ROOT/.kerjasama/kerja/ and marks
it before it starts. A folder found marked but unfinished at start-up was being read when the
process died: that letter is not read ahead again, so a file that kills the whole process is
read in its turn, where the journal counts its attempts and quarantines it in the end.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import stat
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Optional

from pipeline.core import fileops as F
from pipeline.core.errors import InputRejected
from pipeline.core.paths import RootPaths
from pipeline.read.isolated import READER_NAME
from pipeline.register.stash import is_stashed, read_into_stash

STARTED = "mulai"  # the marker a read-ahead writes before it starts
# Refusals that are not the file's own, read again in its turn: the load of reading ahead, or
# the file moved away under it (a name that cannot be kept is renamed when its turn comes).
READ_IN_TURN = ("read_timeout", "reader_crashed", "not_found")


def prefetch_dir(root: Path, sha256: str) -> Path:
    return RootPaths(root).stash_dir / f"pra-{sha256[:32]}"


class ReadAhead:
    """A pool of read-aheads; `claim` hands a finished one to the registration step."""

    def __init__(self, root: Path, workers: int, reader: Callable[[Path, Path], None] = read_into_stash) -> None:
        self.root = Path(root)
        self.workers = max(0, workers)
        self.reader = reader
        self.jobs: dict[str, Future] = {}
        self.seen: set[Path] = set()  # files already offered: never hashed again for a read-ahead
        self.started: dict[Path, str] = {}  # file -> the hash its read-ahead runs under
        self.dropped: list[Future] = []  # read-aheads of bytes that changed after they started
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="baca-awal") if self.workers else None
        self.dead = self._left_by_a_dead_process()

    def _left_by_a_dead_process(self) -> set[str]:
        """Read-aheads a killed process left unfinished: never tried ahead again."""
        dead = set()
        base = RootPaths(self.root).stash_dir
        for d in base.glob("pra-*") if base.is_dir() else []:
            if (d / STARTED).exists() and not is_stashed(d):
                dead.add(d.name[len("pra-"):])
                shutil.rmtree(d, ignore_errors=True)
        return dead

    def busy(self) -> int:
        with self.lock:
            return sum(not f.done() for f in self.jobs.values())

    def offered(self, path: Path) -> bool:
        """Whether this file was offered already (so the caller need not hash it again)."""
        return path in self.seen

    def forget(self, path: Path) -> None:
        """The file was taken: a new file under its name is offered afresh. A read-ahead of
        it that its registration did not claim read other bytes (the file changed after it
        started): it is dropped, when it ends if it still runs."""
        self.seen.discard(path)
        sha256 = self.started.pop(path, None)
        with self.lock:
            job = self.jobs.pop(sha256, None) if sha256 else None
        if job is not None:
            target = prefetch_dir(self.root, sha256)
            self.dropped = [f for f in self.dropped if not f.done()] + [job]
            job.add_done_callback(lambda _job: shutil.rmtree(target, ignore_errors=True))

    def finished(self, path: Path) -> bool:
        """Whether a read-ahead of this file has ended (its registration need not wait)."""
        with self.lock:
            job = self.jobs.get(self.started.get(path, ""))
        return job is not None and job.done()

    def offer(self, behind: list[Path]) -> None:
        """Start reading the first regular files of `behind` (in their order) while readers are free."""
        for entry in behind:
            if self.busy() >= self.workers:
                return
            if self.offered(entry):
                continue
            try:
                if stat.S_ISREG(entry.lstat().st_mode):
                    self.start(entry, F.sha256_file(entry))
            except OSError:  # gone or unreadable: its own turn says what happened
                continue

    def start(self, path: Path, sha256: str) -> None:
        """Begin reading `path` (whose bytes hash to `sha256`) if a reader is free."""
        if self.pool is None or sha256[:32] in self.dead:
            self.seen.add(path)
            return
        with self.lock:
            if sum(not f.done() for f in self.jobs.values()) >= self.workers:
                return  # no reader free: offered again later
            self.seen.add(path)
            if sha256 in self.jobs:
                return
            target = prefetch_dir(self.root, sha256)
            if is_stashed(target):
                return
            target.mkdir(parents=True, exist_ok=True)
            F.write_atomic(target / STARTED, b"")
            self.jobs[sha256] = self.pool.submit(self.reader, path, target)
            self.started[path] = sha256

    def claim(self, sha256: str, stash: Path) -> bool:
        """Move a finished read-ahead of these bytes into `stash` (waiting for it if it runs).

        True when the stash now holds the reading; InputRejected when the reader refused the
        bytes (as it would again); False when there is nothing to use (read in place then).
        """
        with self.lock:
            job = self.jobs.pop(sha256, None)
        target = prefetch_dir(self.root, sha256)
        if job is not None:
            try:
                job.result()
            except InputRejected as exc:
                shutil.rmtree(target, ignore_errors=True)
                if exc.code in READ_IN_TURN:
                    return False  # not the letter's fault: read again in its turn
                raise
            except Exception:  # noqa: BLE001 — the file moved or was renamed meanwhile: read in place
                shutil.rmtree(target, ignore_errors=True)
                return False
        if not is_stashed(target):
            return False
        if stash.exists():
            shutil.rmtree(stash, ignore_errors=True)
        stash.parent.mkdir(parents=True, exist_ok=True)
        os.replace(target, stash)
        (stash / STARTED).unlink(missing_ok=True)
        return True

    def close(self) -> None:
        """Cancel what has not started; end the readers still running (their letters are read
        again in their turn), so that stopping never waits for a long reading."""
        if self.pool is None:
            return
        self.pool.shutdown(wait=False, cancel_futures=True)
        running = [f for f in [*self.jobs.values(), *self.dropped] if not f.done()]
        if running:
            for child in mp.active_children():
                if child.name.startswith(READER_NAME):
                    child.kill()
        self.pool.shutdown(wait=True)
        self.pool = None


def wanted_workers(cores: Optional[int] = None) -> int:
    """Readers: one per core. The registering process reads nothing itself while they run:
    it waits for the reading of the letter in its turn, and that wait is not a core left idle
    (with a reader fewer, every other letter was read alone while it waited)."""
    return max(1, cores or os.cpu_count() or 1)
