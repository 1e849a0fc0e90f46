"""The ROOT being worked on: its settings, its journal, and its agenda (opened lazily)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import journal as J
from pipeline.agenda import open_agenda
from pipeline.core.paths import RootPaths
from pipeline.register.settings import STATUS_TERCATAT, IntakeSettings, load_settings

if TYPE_CHECKING:
    from pipeline.register.readahead import ReadAhead


@dataclass
class Intake:
    """One ROOT being worked on: settings, journal, and the agenda (opened lazily)."""

    root: Path
    settings: IntakeSettings
    journal: J.Journal
    _agenda: object | None = field(default=None, repr=False)
    # letters waiting behind the one being registered, read meanwhile (intake worker)
    read_ahead: "ReadAhead | None" = field(default=None, repr=False)

    @classmethod
    def open(cls, root: Path, settings: IntakeSettings | None = None) -> "Intake":
        root = Path(root)
        return cls(root=root, settings=settings or load_settings(), journal=J.Journal.open(root))

    def close(self) -> None:
        self.journal.close()

    @property
    def paths(self) -> RootPaths:
        return RootPaths(self.root)

    @property
    def inbox(self) -> Path:
        return self.paths.inbox

    def rel(self, path: Path) -> str:
        """How the journal stores a path: relative to ROOT, so ROOT may be mounted anywhere."""
        return Path(os.path.relpath(path, self.root)).as_posix()

    def abs(self, rel: str) -> Path:
        return self.root / rel

    def stage_dir(self, status: str = STATUS_TERCATAT) -> Path:
        return self.root / self.settings.stage_folder(status)

    def agenda(self):
        if self._agenda is None:
            self._agenda = open_agenda(self.root)
        return self._agenda
