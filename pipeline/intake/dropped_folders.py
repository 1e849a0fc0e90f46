"""Folders dropped into the inbox: when one is ready, and taking every letter in it.

A mixin of `InboxWorker` (it runs in the worker's one thread and uses its settings, name
rules and stability tracker). A folder is waited for while anything in it still changes
or holds a partial download; then its letters are taken one by one, what is left over is
refused as a whole, and the emptied folders are removed.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from pipeline import register as I
from pipeline.core import names as N
from pipeline.intake.rules import NameRules
from pipeline.intake.stability import StabilityTracker, Verdict


class DroppedFolders:
    ix: I.Intake
    rules: NameRules
    tracker: StabilityTracker

    _take_file: Callable[[Path], None]  # the worker's: register one letter
    _refuse: Callable[[Path, str], None]  # the worker's: quarantine an entry with its reason

    def _folder_verdict(self, folder: Path) -> Verdict:
        """A folder is ready when everything in it is stable and nothing is half-written."""
        verdicts = []
        for path in self._folder_files(folder):
            if self.rules.in_progress(path.name):
                # A partial download still growing: wait. One abandoned long ago: leftover.
                self.tracker.check(path)
                stale = self.tracker.unchanged_for(path) >= self.ix.settings.abandoned_partial_seconds
                verdicts.append(Verdict.STABLE if stale else Verdict.WAITING)
            else:
                verdicts.append(self.tracker.check(path))
        verdicts.append(self.tracker.check(folder))  # the folder itself: entries added/removed
        return Verdict.WAITING if Verdict.WAITING in verdicts else Verdict.STABLE

    def _folder_files(self, folder: Path) -> Iterable[Path]:
        depth0 = len(folder.parts)
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            if len(Path(dirpath).parts) - depth0 >= self.ix.settings.max_folder_depth:
                dirnames[:] = []
            for name in sorted(filenames):
                yield Path(dirpath) / name

    def _take_folder(self, folder: Path) -> None:
        """Take every letter in a folder dropped into the inbox; refuse what is left over."""
        for path in list(self._folder_files(folder)):
            self.tracker.forget(path)
            if path.is_symlink() or not path.is_file() or self.rules.skip(path.name):
                continue
            self._take_file(path)
        _remove_empty_dirs(folder)
        if folder.exists():
            leftovers = sorted(N.shown(p.relative_to(folder).as_posix()) for p in folder.rglob("*"))[:10]
            self._refuse(folder, "Folder ini masih berisi hal yang tidak bisa diproses (berkas sistem/tersembunyi, "
                                 "tautan, atau subfolder terlalu dalam): " + ", ".join(leftovers))


def _remove_empty_dirs(folder: Path) -> None:
    """Remove the now-empty folders a dropped folder leaves (rmdir never removes content)."""
    for dirpath, _dirs, _files in sorted(os.walk(folder), key=lambda t: -len(t[0])):
        try:
            os.rmdir(dirpath)
        except OSError:
            pass

