"""Putting back agenda rows that a person's stale save wiped out.

The journal, not the spreadsheet, is the source of truth. When someone saves a copy of
the agenda they opened before the pipeline added rows, those rows vanish from the
workbook; every registered case whose row is missing is queued again, as the pipeline
last wrote it, with the status the journal knows and a note saying what happened.
"""
from __future__ import annotations

from pipeline.agenda.base import KEY
from pipeline.journal import Journal

RESTORED_NOTE = "Baris ini dipulihkan dari jurnal karena hilang dari agenda (kemungkinan tertimpa simpanan lama)."


def restore_missing_rows(journal: Journal, present: dict[str, dict[str, str]]) -> list[str]:
    """Queue a row for each case the agenda lost; returns their agenda numbers.

    `present` is the agenda as just read (by No. Agenda). A case whose writes are still
    waiting in the outbox is left alone: its row is on its way, not lost.
    """
    restored = []
    for case in journal.cases():
        if case.agenda_no in present or journal.has_pending_outbox(case.agenda_no):
            continue
        row = journal.written_row(case.agenda_no)
        if not row:  # never written yet: registration will add it
            continue
        row.update({KEY: case.agenda_no, "Status": case.status, "Pesan Sistem": RESTORED_NOTE})
        journal.enqueue("tambah_baris", case.agenda_no, row)
        journal.log("baris_dipulihkan", agenda_no=case.agenda_no)
        restored.append(case.agenda_no)
    return restored
