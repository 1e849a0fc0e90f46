"""File-system observers of the inbox: they only pass changed paths on, never decide.

watchdog's native observer (inotify & co.), or its polling observer on network shares,
where change notifications never arrive (config/intake.yaml `polling`: on, off, auto).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from pipeline.core.fileops import network_filesystem
from pipeline.register import IntakeSettings


class Enqueue(FileSystemEventHandler):
    """Passes every changed path to `sink`."""

    def __init__(self, sink: Callable[[Path], None]) -> None:
        super().__init__()
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Only enqueue: no work and no decisions in the observer's thread.
        if event.event_type in ("deleted", "opened"):
            return
        path = getattr(event, "dest_path", "") or event.src_path
        self.sink(Path(os.fsdecode(path)))


def make_observer(inbox: Path, settings: IntakeSettings, sink: Callable[[Path], None],
                  log: Callable[[str], None]) -> tuple[BaseObserver, str]:
    """A started watchdog observer that passes every changed path to `sink`, and how it watches."""
    use_polling = settings.polling == "on" or (settings.polling == "auto" and network_filesystem(inbox))
    if not use_polling:
        try:
            observer = Observer()
            observer.schedule(Enqueue(sink), str(inbox), recursive=True)
            observer.start()
            return observer, "notifikasi sistem"
        except OSError as exc:  # e.g. the inotify watch limit: polling still works
            log(f"Notifikasi sistem berkas tidak tersedia ({exc}); beralih ke pemeriksaan berkala.")
    observer = PollingObserver(timeout=settings.polling_interval_seconds)
    observer.schedule(Enqueue(sink), str(inbox), recursive=True)
    observer.start()
    return observer, f"pemeriksaan berkala tiap {settings.polling_interval_seconds:g} detik"
