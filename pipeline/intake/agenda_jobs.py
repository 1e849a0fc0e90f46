"""The watcher's jobs beside the inbox: queued agenda writes retried, officials' status
changes polled, and the per-cycle jobs (notifications, the daily backup).

A mixin of `InboxWorker` (it runs in the worker's one thread and uses its journal, log and
notice): none of these may stop the watcher; a lasting problem is said once.
"""
from __future__ import annotations

import time
from typing import Callable

from pipeline import register as I
from pipeline.core.diskspace import Notice
from pipeline.core.errors import KerjasamaError, RetryLater


class AgendaJobs:
    ix: I.Intake
    log: Callable[[str], None]
    notice: Notice
    retry_later: bool
    agenda_poll: Callable[[], None] | None
    each_cycle: list[Callable[[], None]]
    _last_flush: float
    _last_poll: float
    _agenda_waiting: bool

    def flush(self, *, force: bool = False) -> int:
        if not force and time.monotonic() - self._last_flush < self.ix.settings.agenda_retry_seconds:
            return -1
        self._last_flush = time.monotonic()
        try:
            waiting = I.flush_outbox(self.ix)
        except RetryLater as exc:  # the journal cannot record the writes: they wait in it
            if not self.retry_later:
                raise
            self.notice.problem(exc)
            return -1
        if waiting and not self._agenda_waiting:  # say it once, not on every retry
            items = self.ix.journal.pending_outbox()
            self.log(f"{waiting} baris agenda menunggu: {items[0].last_error if items else ''}")
        elif self._agenda_waiting and not waiting:
            self.log("Agenda sudah bisa ditulis lagi; semua baris yang menunggu sudah masuk.")
        self._agenda_waiting = bool(waiting)
        return waiting

    def run_each_cycle(self) -> None:
        for job in self.each_cycle:
            try:
                job()
            except RetryLater as exc:
                self.notice.problem(exc)
            except Exception as exc:  # a notification or backup problem must not stop the watcher
                self.log(f"GALAT {getattr(job, '__qualname__', job)}: {type(exc).__name__}: {exc}")

    def poll_agenda(self) -> None:
        if self.agenda_poll is None or time.monotonic() - self._last_poll < self.ix.settings.agenda_poll_seconds:
            return
        self._last_poll = time.monotonic()
        try:
            self.agenda_poll()
        except RetryLater as exc:
            self.notice.problem(exc)
        except KerjasamaError as exc:  # e.g. a damaged workbook: say so, keep watching the inbox
            self.log(f"Agenda belum dapat disinkronkan: {exc.message}")
        except Exception as exc:
            self.log(f"GALAT saat sinkronisasi agenda: {type(exc).__name__}: {exc}")
            self.ix.journal.log("galat_sinkronisasi", galat=f"{type(exc).__name__}: {exc}")
