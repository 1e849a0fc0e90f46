"""What the journal holds, as values: the input and transition states and one frozen record per
kind of row (inputs, cases, transitions, outbox, events), with their readers from a row."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

# Input states, in the order a registration goes through them.
BARU = "baru"  # hashed and recorded; nothing else done
MEMBACA = "membaca"  # reading (OCR) started
BERNOMOR = "bernomor"  # read; agenda number and case allocated
BERKAS_DITULIS = "berkas_ditulis"  # case folder and its files written
MEMINDAH = "memindah"  # moving the original into the case folder
DIPINDAH = "dipindah"  # original is in the case folder
TERDAFTAR = "terdaftar"  # final: registered, agenda row queued
MENGKARANTINA = "mengkarantina"  # moving to karantina/
DIKARANTINA = "dikarantina"  # final: quarantined
HILANG = "hilang"  # final: the file vanished before we could take it
# A rescan of a registered letter: read, then attached to that letter's case (no case of its own).
MELAMPIRKAN = "melampirkan"  # its case (agenda_no) and its name there (target_path) chosen; moving it
TERLAMPIR = "terlampir"  # final: in the case folder, named in the case's Pesan Sistem
FINAL_STATES = (TERDAFTAR, DIKARANTINA, HILANG, TERLAMPIR)

# Transition states, in order (see pipeline.steps.workflow).
T_MULAI = "mulai"  # accepted; documents not yet written
T_DOKUMEN = "dokumen"  # documents written in the case folder; folder not yet moved
T_SELESAI = "selesai"  # folder moved, case updated, event logged, agenda queued


@dataclass(frozen=True)
class InputRecord:
    id: int
    sha256: str
    original_name: str
    size: int
    source_path: str  # relative to ROOT (posix)
    state: str
    received_at: str
    attempts: int
    agenda_no: str | None
    target_path: str | None  # relative to ROOT (posix)
    reason: str | None


@dataclass(frozen=True)
class CaseRecord:
    agenda_no: str
    year: int
    serial: int
    input_id: int
    sha256: str
    folder: str  # relative to ROOT, with "/" separators
    stage: str
    status: str
    company: str | None
    nomor_surat: str | None
    message: str
    letter_json: str
    received_at: str
    status_since: str = ""  # ISO; when the current status was entered
    refusal: str | None = None
    evaluation_json: str | None = None


@dataclass(frozen=True)
class Transition:
    """A status change being applied to a case (see pipeline.steps.workflow)."""

    id: int
    agenda_no: str
    old_status: str
    new_status: str
    state: str
    from_folder: str
    to_folder: str
    inputs: dict[str, Any]
    results: dict[str, Any]
    requested_at: str


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    agenda_no: str
    payload: dict[str, Any]
    attempts: int
    last_error: str | None = None


@dataclass(frozen=True)
class Event:
    id: int
    at: str
    actor: str
    what: str
    agenda_no: str | None
    input_id: int | None
    details: dict[str, Any]


def input_from_row(row: sqlite3.Row) -> InputRecord:
    return InputRecord(
        id=row["id"], sha256=row["sha256"], original_name=row["original_name"], size=row["size"],
        source_path=row["source_path"], state=row["state"], received_at=row["received_at"],
        attempts=row["attempts"], agenda_no=row["agenda_no"], target_path=row["target_path"], reason=row["reason"],
    )


def case_from_row(row: sqlite3.Row) -> CaseRecord:
    return CaseRecord(
        agenda_no=row["agenda_no"], year=row["year"], serial=row["serial"], input_id=row["input_id"],
        sha256=row["sha256"], folder=row["folder"], stage=row["stage"], status=row["status"],
        company=row["company"], nomor_surat=row["nomor_surat"], message=row["message"],
        letter_json=row["letter_json"], received_at=row["received_at"],
        status_since=row["status_since"] or row["created_at"], refusal=row["refusal"],
        evaluation_json=row["evaluation_json"],
    )


def transition_from_row(row: sqlite3.Row) -> Transition:
    return Transition(
        id=row["id"], agenda_no=row["agenda_no"], old_status=row["old_status"], new_status=row["new_status"],
        state=row["state"], from_folder=row["from_folder"], to_folder=row["to_folder"],
        inputs=json.loads(row["inputs"]), results=json.loads(row["results"]), requested_at=row["requested_at"],
    )


def outbox_from_row(row: sqlite3.Row) -> OutboxItem:
    return OutboxItem(row["id"], row["kind"], row["agenda_no"], json.loads(row["payload"]), row["attempts"],
                      row["last_error"])


def event_from_row(row: sqlite3.Row) -> Event:
    return Event(row["id"], row["at"], row["actor"], row["what"], row["agenda_no"], row["input_id"],
                 json.loads(row["details"]))
