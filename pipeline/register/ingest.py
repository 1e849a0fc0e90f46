"""Registering one stable file from the inbox (SOP step 1), crash-safe.

Registration is a chain of small idempotent steps (`pipeline.register.states`). The journal
records the input's state before a step acts and after it is done, so a process killed
anywhere (during OCR, between the agenda write and the move, mid-move) resumes on restart to
the same end: one case, one agenda row, the file in exactly one place. The states, in order:

    baru → membaca → bernomor → berkas_ditulis → memindah → dipindah → terdaftar
      └──────────┴─→ mengkarantina → dikarantina          (a reason, never deleted)
    (hilang: the file was taken away mid-way; recorded, never guessed)

Agenda rows go through the journal's outbox (`pipeline.register.outbox`); a locked agenda
(AgendaBusy) only delays them. The crash tests kill the process at the points listed in
`pipeline.core.crash`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from pipeline import journal as J
from pipeline.core import fileops as F
from pipeline.core.crash import crash_point
from pipeline.register.context import Intake
from pipeline.register.states import STEPS


@dataclass(frozen=True)
class Outcome:
    """What happened to one input, for the person watching the console."""

    kind: Literal["terdaftar", "dikarantina", "hilang"]
    name: str
    agenda_no: Optional[str] = None
    company: Optional[str] = None
    reason: Optional[str] = None
    message: str = ""


def ingest_file(ix: Intake, path: Path) -> Outcome:
    """Register (or quarantine) one stable regular file; resumes an unfinished try."""
    sha = F.sha256_file(path)
    rec = ix.journal.unfinished_input(sha, ix.rel(path))
    if rec is None:
        rec = ix.journal.add_input(sha256=sha, original_name=path.name, size=path.stat().st_size,
                                   source_path=ix.rel(path), received_at=ix.settings.now().isoformat(timespec="seconds"))
    crash_point("after_hash")
    return advance(ix, rec)


def advance(ix: Intake, rec: J.InputRecord) -> Outcome:
    """Run the remaining steps of an input to a final state."""
    while rec.state not in J.FINAL_STATES:
        rec = STEPS[rec.state](ix, rec)
    return outcome(ix, rec)


def outcome(ix: Intake, rec: J.InputRecord) -> Outcome:
    if rec.state == J.TERDAFTAR:
        case = ix.journal.case(rec.agenda_no)
        return Outcome("terdaftar", rec.original_name, case.agenda_no, case.company, message=case.message)
    return Outcome(rec.state, rec.original_name, reason=rec.reason)  # type: ignore[arg-type]
