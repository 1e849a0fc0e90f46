"""The worker that lists ROOT/masuk/, waits for each entry to be stable and registers it.

It runs in one thread and owns everything: observers (`pipeline.intake.observer`) only put
changed paths on `events`. It lists the inbox at start-up and on every rescan (events get
lost: overflowing queues, SMB, a sleeping PC), takes stable files and dropped folders one
at a time, quarantines what is not a regular file, and retries queued agenda writes.
"""
from __future__ import annotations

import os
import queue
import stat
import threading
import time
from pathlib import Path
from typing import Callable

from pipeline import register as I
from pipeline.core import names as N
from pipeline.core.diskspace import Notice, disk_full, is_disk_full
from pipeline.core.errors import KerjasamaError, RetryLater
from pipeline.core.paths import UnsafeFolder
from pipeline.intake.rules import NameRules
from pipeline.intake.stability import StabilityTracker, Verdict
from pipeline.register import quarantine as Q
from pipeline.intake.agenda_jobs import AgendaJobs
from pipeline.intake.dropped_folders import DroppedFolders
from pipeline.register.readahead import ReadAhead, wanted_workers

Report = Callable[[I.Outcome], None]


class InboxWorker(AgendaJobs, DroppedFolders):
    """Lists, waits for and registers inbox entries; runs in the thread that made it."""

    def __init__(self, ix: I.Intake, *, report: Report = lambda o: None, log: Callable[[str], None] = print) -> None:
        self.ix = ix
        self.rules = NameRules.from_settings(ix.settings)
        self.tracker = StabilityTracker(ix.settings.stability_seconds)
        self.events: "queue.SimpleQueue[Path]" = queue.SimpleQueue()
        self.pending: set[Path] = set()
        self.report = report
        self.log = log
        self.failed: set[Path] = set()  # failed unexpectedly this run: retried only by a rescan in `watch`
        self.stop = threading.Event()
        self._last_rescan = 0.0
        self._last_flush = 0.0
        self._last_poll = 0.0
        self.agenda_poll: Callable[[], None] | None = None  # `watch`: officials' status changes
        self.each_cycle: list[Callable[[], None]] = []  # `watch`: notifications, the daily backup
        self._agenda_waiting = False
        self.notice = Notice(log, ix.root)  # a full disk, a locked journal: said once, and once when it is over
        self.retry_later = False  # `watch`: wait out such a problem; `ingest`: stop with its message
        self._inbox_missing = False
        if ix.settings.read_ahead and ix.read_ahead is None:
            ix.read_ahead = ReadAhead(ix.root, wanted_workers())

    # -- discovery --

    def top_entry(self, path: Path) -> Path | None:
        """The inbox entry (file or folder directly in masuk/) an event path belongs to."""
        try:
            rel = Path(path).relative_to(self.ix.inbox)
        except ValueError:
            return None
        return self.ix.inbox / rel.parts[0] if rel.parts else None

    def rescan(self) -> None:
        self._last_rescan = time.monotonic()
        try:
            names = os.listdir(self.ix.inbox)
        except OSError as exc:
            # Not re-created here: on a disconnected share that would make a local folder
            # under the mount point and hide the real inbox when it comes back.
            if not self._inbox_missing:
                self.log(f"Folder {self.ix.inbox} tidak bisa dibaca ({exc.strerror}); dicoba lagi nanti.")
            self._inbox_missing = True
            return
        if self._inbox_missing:
            self.log(f"Folder {self.ix.inbox} bisa dibaca lagi.")
        self._inbox_missing = False
        self.pending.update(self.ix.inbox / n for n in names if not self.rules.skip(n))

    def _drain_events(self) -> None:
        while True:
            try:
                path = self.events.get_nowait()
            except queue.Empty:
                return
            entry = self.top_entry(path)
            if entry is not None and not self.rules.skip(entry.name):
                self.pending.add(entry)

    # -- one pass --

    def step(self) -> int:
        """Look at every pending entry once, register the stable ones; returns how many wait.

        The stable ones are taken in arrival order and read by the readers, one per core
        (`pipeline.register.readahead`): while one is registered, the files behind it are read,
        so that every core is busy.
        """
        self._drain_events()
        ready, waiting = [], []
        for entry in sorted(self.pending, key=_arrival):
            if self.stop.is_set():
                break
            self.pending.discard(entry)
            verdict = self._entry_verdict(entry)
            if verdict is Verdict.WAITING:
                self.pending.add(entry)
                waiting.append(entry)
            elif verdict is Verdict.STABLE:
                ready.append(entry)
        quiet = self._quiet(waiting)
        if not ready:
            self._read_ahead(quiet)
        for i, entry in enumerate(ready):
            if self.stop.is_set():
                self.pending.update(ready[i:])
                break
            # The letter in its turn is offered too: a free reader takes it, and the one
            # registering waits for it instead of reading it itself.
            self._read_ahead(ready[i:] + quiet)
            if not self._read_already(entry):
                self.flush(force=True)  # this one will be read now: show the rows so far first
            self._take(entry)
        if ready:
            self.flush(force=True)  # the agenda is written once per run of letters read ahead
        return len(self.pending)

    def _quiet(self, waiting: list[Path]) -> list[Path]:
        """Of the files still in their stability wait (in arrival order), those that have not
        changed for a while: reading them ahead overlaps the wait with the reading. They are
        registered only when stable; a reading of bytes that change after all is never used."""
        if self.ix.read_ahead is None:
            return []
        quiet = self.ix.settings.read_ahead_quiet_seconds
        return [e for e in waiting if e in self.tracker and self.tracker.unchanged_for(e) >= quiet]

    def _read_already(self, entry: Path) -> bool:
        return self.ix.read_ahead is not None and self.ix.read_ahead.finished(entry)

    def _read_ahead(self, behind: list[Path]) -> None:
        if self.ix.read_ahead is not None:
            self.ix.read_ahead.offer(behind)

    def _entry_verdict(self, entry: Path) -> Verdict:
        try:
            st = entry.lstat()
        except FileNotFoundError:
            self.tracker.forget(entry)
            return Verdict.GONE
        if stat.S_ISDIR(st.st_mode):
            return self._folder_verdict(entry)
        if not stat.S_ISREG(st.st_mode):
            return Verdict.STABLE  # a link, pipe or device: refused at once (never opened)
        return self.tracker.check(entry)

    # -- taking an entry --

    def _take(self, entry: Path) -> None:
        try:
            st = entry.lstat()
        except FileNotFoundError:
            return
        try:
            if stat.S_ISDIR(st.st_mode):
                self._take_folder(entry)
            elif stat.S_ISREG(st.st_mode):
                self._take_file(entry)
            else:
                self._refuse(entry, "Ini bukan berkas biasa (tautan/shortcut, pipa, atau perangkat); "
                                    "letakkan berkas suratnya sendiri di folder masuk/.")
        except KerjasamaError:
            raise
        except UnsafeFolder as exc:  # e.g. karantina/ is a symlink: say so, keep watching
            self._failed(entry, exc.message)
        except OSError as exc:  # e.g. karantina/ not writable: say so, keep watching
            self._failed(entry, f"GALAT saat memindahkan {N.shown(entry.name)}: {N.shown(str(exc))}")
        self.tracker.forget(entry)
        if self.ix.read_ahead is not None:
            self.ix.read_ahead.forget(entry)

    def _take_file(self, path: Path) -> None:
        try:
            outcome = I.ingest_file(self.ix, path)
        except RetryLater as exc:  # not the letter's fault: it stays where the journal has it
            self._retry_later(path, exc)
            return
        except KerjasamaError:
            raise  # ToolMissing: the machine needs fixing; stop with the message
        except UnsafeFolder as exc:  # a linked stage folder or karantina/: nothing is written there
            self._failed(path, f"{N.shown(path.name)} belum diproses: {exc.message}")
            return
        except Exception as exc:  # keep watching; the file stays and is tried on the next rescan
            if is_disk_full(exc):
                self._retry_later(path, disk_full(self.ix.root, exc))
                return
            self._failed(path, f"GALAT saat memproses {N.shown(path.name)}: {type(exc).__name__}: {N.shown(str(exc))}")
            return
        self.notice.cleared()
        self.report(outcome)

    def _retry_later(self, entry: Path, exc: RetryLater) -> None:
        """`watch`: say it once and try again on a rescan; `ingest`: stop (the next file meets the same)."""
        if not self.retry_later:
            raise exc
        self.notice.problem(exc)
        self.failed.add(entry)

    def _failed(self, entry: Path, message: str) -> None:
        """Say why an entry could not be taken (names escaped: they may not be UTF-8); keep watching."""
        self.log(message)
        self.ix.journal.log("galat_pemrosesan", berkas=N.shown(self.ix.rel(entry)), galat=message)
        self.failed.add(entry)

    def _refuse(self, entry: Path, reason: str) -> None:
        """Quarantine something that is not a regular file (moved as it is, never opened; journaled
        first, so a crash is finished by `Q.finish_interrupted` at the next start)."""
        Q.refuse_entry(self.ix, entry, reason)
        self.report(I.Outcome("dikarantina", N.shown(entry.name), reason=reason))

    # -- loops --

    def start(self) -> None:
        """Finish what a killed process left, then look at what is already in the inbox."""
        for rec in self.ix.journal.unfinished_inputs():
            try:
                self.report(I.advance(self.ix, rec))
                self.notice.cleared()
            except KerjasamaError:
                raise  # RetryLater too: the next input would meet the same
            except Exception as exc:  # keep going; the next start tries again
                if is_disk_full(exc):
                    raise disk_full(self.ix.root, exc) from exc
                self.log(f"GALAT saat melanjutkan {rec.original_name}: {type(exc).__name__}: {N.shown(str(exc))}")
                self.ix.journal.log("galat_pemrosesan", input_id=rec.id, galat=f"{type(exc).__name__}: {exc}")
        for name, reason in Q.finish_interrupted(self.ix):  # before the rescan sees a half-moved entry
            self.report(I.Outcome("dikarantina", name, reason=reason))
        self.flush(force=True)
        self.rescan()

    def run_until_empty(self, max_wait: float) -> int:
        """`kerjasama ingest`: take everything now in the inbox; returns entries still waiting."""
        deadline = time.monotonic() + max_wait
        try:
            self.start()
            while True:
                self.rescan()  # cheap, and catches files renamed from *.part meanwhile
                self.pending -= self.failed  # tried once this run; do not spin on it
                if self.step() == 0 or time.monotonic() >= deadline:
                    return len(self.pending)
                time.sleep(self.ix.settings.check_interval_seconds)
        finally:
            self.close()

    def run_forever(self, stop: threading.Event) -> None:
        """`kerjasama watch`: until `stop` is set."""
        self.stop = stop
        self.retry_later = True
        try:
            self._start_over()
            while not stop.is_set():
                if time.monotonic() - self._last_rescan >= self.ix.settings.rescan_interval_seconds:
                    self.failed.clear()
                    if self.notice.current is not None:
                        self._start_over()  # also inputs stopped past masuk/, which a rescan does not see
                    else:
                        self.rescan()
                self.step()
                self.flush()
                self.poll_agenda()
                self.run_each_cycle()
                stop.wait(self.ix.settings.check_interval_seconds)
        finally:
            self.close()

    def _start_over(self) -> None:
        """`watch`: `start`, through a full disk or a locked journal (said once; tried at each rescan)."""
        try:
            self.start()
        except RetryLater as exc:
            self.notice.problem(exc)
            self.rescan()
        else:
            self.notice.cleared()

    def close(self) -> None:
        """Stop reading ahead: what was read stays for the next run, what runs is dropped."""
        if self.ix.read_ahead is not None:
            self.ix.read_ahead.close()
            self.ix.read_ahead = None

def _arrival(path: Path) -> tuple[float, str]:
    """Oldest first, so of two identical copies the earlier one is the original."""
    try:
        return (path.lstat().st_mtime, path.name)
    except OSError:
        return (0.0, path.name)
