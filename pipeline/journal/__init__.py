"""The intake journal: SQLite (WAL) under ROOT/.kerjasama/, the source of truth.

Every step of registering a letter is written here before and after it acts, so a
process killed at any point can resume to the same final state. Tables:

- `inputs`: one row per file taken from the inbox (sha256, name, where it is, state);
- `cases`: one row per registered letter (agenda number, folder, status, company);
- `serials`: the last agenda serial handed out per year (numbers are never reused);
- `events`: an append-only log (triggers refuse UPDATE and DELETE);
- `outbox`: agenda writes waiting to be applied, in order, exactly once;
- `mail`: notifications to people waiting to be sent (one row per message and recipient);
- `marks`: small named values, e.g. the last event the notifier has turned into mail.

This package's public API, used as `from pipeline import journal as J`: `J.Journal`, the
records and states (from records.py) and `J.journal_path`. The modules: schema.py (tables,
migrations, connection set-up), store.py (connection, transactions, events; a full disk, a lock
held too long and a damaged file said in the office's words), clock.py, one
module per record kind (inputs, cases, serials, transitions, outbox, mail), records.py (values),
backup.py (consistent copies of the journal and the agenda workbook, and putting one back).
"""
from __future__ import annotations

from pipeline.journal.cases import CasesMixin
from pipeline.journal.inputs import InputsMixin
from pipeline.journal.mail import MailItem, MailMixin
from pipeline.journal.outbox import OutboxMixin
from pipeline.journal.records import (
    BARU,
    BERKAS_DITULIS,
    BERNOMOR,
    DIKARANTINA,
    DIPINDAH,
    FINAL_STATES,
    HILANG,
    MELAMPIRKAN,
    MEMBACA,
    MEMINDAH,
    MENGKARANTINA,
    T_DOKUMEN,
    T_MULAI,
    T_SELESAI,
    TERDAFTAR,
    TERLAMPIR,
    CaseRecord,
    Event,
    InputRecord,
    OutboxItem,
    Transition,
)
from pipeline.journal.schema import journal_path
from pipeline.journal.serials import SerialsMixin
from pipeline.journal.transitions import TransitionsMixin


class Journal(InputsMixin, CasesMixin, SerialsMixin, TransitionsMixin, OutboxMixin, MailMixin):
    """One connection to the journal, with every record kind; use from one thread (the worker)."""


__all__ = [
    "BARU", "BERKAS_DITULIS", "BERNOMOR", "DIKARANTINA", "DIPINDAH", "FINAL_STATES", "HILANG", "MELAMPIRKAN",
    "MEMBACA", "MEMINDAH", "MENGKARANTINA", "T_DOKUMEN", "T_MULAI", "T_SELESAI", "TERDAFTAR", "TERLAMPIR",
    "CaseRecord", "Event", "InputRecord", "Journal", "MailItem", "OutboxItem", "Transition", "journal_path",
]
