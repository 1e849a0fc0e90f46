"""`kerjasama watch`: watching ROOT/masuk/ and feeding stable files, one at a time, to the registration.

File-system events (`pipeline.intake.observer`) only *enqueue* the inbox entry they concern.
One worker loop (`pipeline.intake.worker`) owns everything else: it lists the inbox at
start-up and every `rescan_interval_seconds`, waits until each entry is stable, and
registers it. Signal handlers only set a stop flag; the loop notices it between files.
"""
from __future__ import annotations

import threading
from typing import Callable

from pipeline import register as I
from pipeline.intake.observer import make_observer
from pipeline.intake.worker import InboxWorker, Report
from pipeline.journal.backup import DailyBackup
from pipeline.notify import Notifier


def watch(ix: I.Intake, stop: threading.Event, *, report: Report, log: Callable[[str], None] = print,
          agenda_poll: Callable[[], None] | None = None) -> None:
    """Run the watcher until `stop` is set; the observer is stopped cleanly on the way out.

    `agenda_poll` (one `pipeline.steps.sync` cycle) runs every `agenda_poll_seconds`."""
    ix.inbox.mkdir(parents=True, exist_ok=True)
    worker = InboxWorker(ix, report=report, log=log)
    worker.agenda_poll = agenda_poll
    worker.each_cycle = [Notifier(ix, log=log).cycle, DailyBackup(ix.root, ix.settings.now, log)]
    observer, how = make_observer(ix.inbox, ix.settings, worker.events.put, log)
    log(f"Memantau {ix.inbox} ({how}).")
    try:
        worker.run_forever(stop)
    finally:
        observer.stop()
        observer.join(timeout=10)
