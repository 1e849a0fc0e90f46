"""The agenda's `Riwayat` sheet from the journal: every applied status change and every note.

Officials overwrite `Catatan` with each new note; the journal keeps them all. Each sync
cycle (`pipeline.steps.sync`):
1. `note_changes` logs a `catatan_diubah` event for every Catatan that differs from the
   last one the journal holds for its case (notes typed with a status change travel in that
   change's own event);
2. `write_history` appends the events not yet in the sheet (registration, status changes,
   notes) through the backend's `append_history`, which skips rows already there. The
   last event written is remembered in ROOT/.kerjasama/riwayat.json so an idle cycle
   touches no workbook; a busy or unreachable agenda is simply tried again next cycle.

"Who" is what the journal records for the event (the account that ran the pipeline).
"""
from __future__ import annotations

import json
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Callable

from pipeline import journal as J
from pipeline.agenda import KEY, AgendaBusy
from pipeline.core.errors import KerjasamaError
from pipeline.core.fileops import replace_atomic
from pipeline.core.paths import RootPaths

REGISTERED, CHANGED, NOTE = "terdaftar", "status_diubah", "catatan_diubah"
KINDS = (REGISTERED, CHANGED, NOTE)
MARKER = "riwayat.json"


def last_notes(events: list[J.Event]) -> dict[str, str]:
    """The latest note the journal holds per case."""
    notes: dict[str, str] = {}
    for e in events:
        if e.agenda_no and e.what in (CHANGED, NOTE):
            notes[e.agenda_no] = str(e.details.get("catatan") or "").strip()
    return notes


def note_changes(journal: J.Journal, rows: dict[str, dict[str, str]], cases: list[J.CaseRecord],
                 events: list[J.Event], skip: set[str]) -> int:
    """Log a note event for each case whose Catatan changed (cases in `skip` just changed status)."""
    known = last_notes(events)
    logged = 0
    for case in cases:
        row = rows.get(case.agenda_no)
        note = " ".join(str((row or {}).get("Catatan") or "").split())
        if not note or case.agenda_no in skip or note == " ".join(known.get(case.agenda_no, "").split()):
            continue
        journal.log(NOTE, agenda_no=case.agenda_no, catatan=note, status=case.status)
        logged += 1
    return logged


def history_row(e: J.Event, tz: tzinfo | None) -> dict[str, str]:
    when = datetime.fromisoformat(e.at).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    d = e.details
    if e.what == REGISTERED:
        frm, to, note = "", str(d.get("status") or "Tercatat"), "Surat dicatat dan diberi nomor agenda."
    elif e.what == CHANGED:
        frm, to, note = str(d.get("lama") or ""), str(d.get("baru") or ""), str(d.get("catatan") or "")
    else:
        frm = to = str(d.get("status") or "")
        note = str(d.get("catatan") or "")
    # a status change names who typed it (the agenda's last editor), beside the system that applied it
    who = f"{d['oleh']} (diterapkan {e.actor})" if e.what == CHANGED and d.get("oleh") else e.actor
    return {"No.": str(e.id), "Waktu": when, "Oleh": who, KEY: e.agenda_no or "", "Dari": frm, "Ke": to,
            "Catatan": note}


def _marker(root: Path) -> Path:
    return RootPaths(root).state_dir / MARKER


def written_up_to(root: Path) -> int:
    try:
        return int(json.loads(_marker(root).read_text(encoding="utf-8")).get("event_terakhir", 0))
    except (OSError, ValueError, AttributeError):
        return 0  # none yet, or unreadable: the backend skips rows already in the sheet


def write_history(root: Path, agenda: object, events: list[J.Event], tz: tzinfo | None,
                  log: Callable[[str], None]) -> int:
    """Append the events the sheet does not have yet; returns how many rows were handed over."""
    append = getattr(agenda, "append_history", None)
    if append is None:  # a backend without a Riwayat sheet
        return 0
    done = written_up_to(root)
    new = [e for e in events if e.what in KINDS and e.id > done and e.agenda_no]
    if not new:
        return 0
    try:
        append([history_row(e, tz) for e in new])
    except AgendaBusy:
        return 0  # open in Excel: written on a later cycle
    except KerjasamaError as exc:
        log(f"Riwayat belum dapat ditulis: {exc.message}")
        return 0
    last = max(e.id for e in new)
    replace_atomic(_marker(root), lambda tmp: tmp.write_text(json.dumps({"event_terakhir": last}), encoding="utf-8"))
    return len(new)
