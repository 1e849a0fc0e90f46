"""Registering one stable file from the inbox (SOP step 1), crash-safe.

Registration is a chain of small idempotent steps (`pipeline.register.states`). The journal
records the input's state before a step acts and after it is done, so a process killed
anywhere (during OCR, between the agenda write and the move, mid-move) resumes on restart to
the same end: one case, one agenda row, the file in exactly one place. The states, in order:

    baru → membaca → bernomor → berkas_ditulis → memindah → dipindah → terdaftar
      │          ├─→ melampirkan → terlampir   (a rescan of a registered letter: into that
      │          │                              letter's case folder, no row of its own)
      └──────────┴─→ mengkarantina → dikarantina          (a reason, never deleted)
    (hilang: the file was taken away mid-way; recorded, never guessed)

Agenda rows go through the journal's outbox (`pipeline.register.outbox`); a locked agenda
(AgendaBusy) only delays them. The crash tests kill the process at the points listed in
`pipeline.core.crash`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from pipeline import journal as J
from pipeline.core import fileops as F
from pipeline.core import names as N
from pipeline.core.crash import crash_point
from pipeline.register.context import Intake
from pipeline.register.states import STEPS


@dataclass(frozen=True)
class Outcome:
    """What happened to one input, for the person watching the console."""

    kind: Literal["terdaftar", "dikarantina", "hilang", "terlampir"]
    name: str
    agenda_no: Optional[str] = None
    company: Optional[str] = None
    reason: Optional[str] = None
    message: str = ""


def ingest_file(ix: Intake, path: Path) -> Outcome:
    """Register (or quarantine) one stable regular file; resumes an unfinished try."""
    original = N.shown(path.name)
    path = usable_name(ix, path)
    sha = F.sha256_file(path)
    rec = ix.journal.unfinished_input(sha, ix.rel(path))
    if rec is None:
        rec = ix.journal.add_input(sha256=sha, original_name=original, size=path.stat().st_size,
                                   source_path=ix.rel(path), received_at=ix.settings.now().isoformat(timespec="seconds"))
    crash_point("after_hash")
    return advance(ix, rec)


def usable_name(ix: Intake, path: Path) -> Path:
    """The file under a name every later step can use (see `pipeline.core.names`).

    A name that is not UTF-8, holds control characters or leaves no room for the names
    derived from it is renamed in place, before anything else (before an agenda number is
    taken): the bytes stay the same and the original name, escaped, goes to the journal.
    """
    folder_ok = N.is_kept_name(ix.rel(path.parent), max_bytes=4096) or path.parent == ix.inbox
    if N.is_kept_name(path.name) and folder_ok:
        return path
    # A dropped folder whose own name is not UTF-8: the file comes up into masuk/ itself.
    parent = path.parent if folder_ok else ix.inbox
    target = F.free_name(parent, N.kept_name(path.name, N.KEPT_NAME_BYTES - 8))
    ix.journal.log("nama_berkas_diganti", asal=N.shown(ix.rel(path)), menjadi=ix.rel(target),
                   alasan="nama berkas bukan UTF-8, memuat karakter kendali, atau terlalu panjang")
    os.rename(path, target)
    return target


def advance(ix: Intake, rec: J.InputRecord) -> Outcome:
    """Run the remaining steps of an input to a final state."""
    while rec.state not in J.FINAL_STATES:
        rec = STEPS[rec.state](ix, rec)
    return outcome(ix, rec)


def outcome(ix: Intake, rec: J.InputRecord) -> Outcome:
    if rec.state == J.TERDAFTAR:
        case = ix.journal.case(rec.agenda_no)
        return Outcome("terdaftar", rec.original_name, case.agenda_no, case.company, message=case.message)
    if rec.state == J.TERLAMPIR:
        case = ix.journal.case(rec.agenda_no)
        said = attached_line(case.agenda_no, (rec.target_path or "").rsplit("/", 1)[-1])
        return Outcome("terlampir", rec.original_name, case.agenda_no, case.company, reason=said, message=said)
    return Outcome(rec.state, rec.original_name, reason=rec.reason)  # type: ignore[arg-type]


def attached_line(agenda_no: str, name: str) -> str:
    """What the console says of a rescan (`Outcome.message`)."""
    return (f"pindaian ulang surat agenda {agenda_no}: dilampirkan ke perkaranya sebagai {name}, "
            "tanpa baris agenda baru")
