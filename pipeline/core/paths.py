"""The fixed names inside ROOT, the shared folder the office works in (CONTRACT.md's layout).

    ROOT/
      masuk/          the inbox: scans and PDFs are dropped here
      karantina/      inputs that could not be registered, each with a reason file
      arsip/          cases in a final status (folders under it come from config/sop.yaml)
      agenda.xlsx     the agenda, when it is the local workbook (config/agenda.yaml)
      .kerjasama/     the program's own state: journal, locks, the reading stash

The stage folders of the open statuses (e.g. Tercatat's) are not fixed names: they come from
config/sop.yaml and config/intake.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

INBOX = "masuk"
QUARANTINE = "karantina"
ARCHIVE = "arsip"
AGENDA_XLSX = "agenda.xlsx"  # the default; config/agenda.yaml `xlsx.path` may name another
STATE_DIR = ".kerjasama"
JOURNAL_FILE = "journal.sqlite3"
STASH_DIR = "kerja"  # what was read from an input, kept until its case is written
WORKER_LOCK = "pekerja.lock"  # one process works on a ROOT at a time
AGENDA_LOCK = "agenda.lock"  # one writer of the local agenda workbook at a time

# Top-level names no stage folder may take: the program owns them.
RESERVED = frozenset({INBOX, QUARANTINE, STATE_DIR})


@dataclass(frozen=True)
class RootPaths:
    """The fixed places inside one ROOT."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @property
    def inbox(self) -> Path:
        return self.root / INBOX

    @property
    def quarantine(self) -> Path:
        return self.root / QUARANTINE

    @property
    def archive(self) -> Path:
        return self.root / ARCHIVE

    @property
    def agenda_xlsx(self) -> Path:
        return self.root / AGENDA_XLSX

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def journal_file(self) -> Path:
        return self.state_dir / JOURNAL_FILE

    @property
    def stash_dir(self) -> Path:
        return self.state_dir / STASH_DIR

    @property
    def worker_lock(self) -> Path:
        return self.state_dir / WORKER_LOCK

    @property
    def agenda_lock(self) -> Path:
        return self.state_dir / AGENDA_LOCK

    def fixed_folders(self) -> list[Path]:
        """The folders `kerjasama init` makes (stage folders come from the config)."""
        return [self.inbox, self.quarantine, self.archive, self.state_dir]


class UnsafeFolder(Exception):
    """A folder the pipeline writes into is a link, or lies outside ROOT; `message` says so in Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_plain_folder(root: Path, folder: Path) -> None:
    """Raise UnsafeFolder unless every existing part of `folder` below `root` is a real folder.

    A symlinked karantina/ or stage folder would send inputs and case folders outside the
    shared folder (resolving both sides, as a containment check does, follows the link).
    """
    root, folder = Path(root), Path(folder)
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        raise UnsafeFolder(f"Folder {folder} berada di luar folder bersama {root}.") from None
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            raise UnsafeFolder(
                f"{current} adalah tautan (symlink/shortcut) atau bukan folder; kerjasama tidak menulis ke sana "
                "karena isinya bisa keluar dari folder bersama. Ganti dengan folder biasa di dalam "
                f"{root}, lalu jalankan lagi."
            )
