"""Deciding on one official's status change to a case (SOP steps 2-7).

An official types a status into the agenda; `pipeline.steps.sync` hands each changed row here.
A change that is not the next legal one is refused: the case stays where it is, the Status
cell is put back to the case's real status and Pesan Sistem says what was typed, why it was
refused and which statuses are legal (until the next applied change). A legal change whose
step is not complete (evaluation answers missing for Diverifikasi, Nilai Kerja Sama /
Jangka Waktu missing for Diproses) is refused too, but its request stays in the Status cell
and waits: a later cycle applies it once the inputs are filled in.

A legal change is begun here (a transitions row 'mulai' with a snapshot of what officials
wrote) and taken to done, crash-safe, by `pipeline.steps.transition`. Crash point for the
tests (KERJASAMA_CRASH_AT): after_transition_begin.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Callable

from pipeline import documents as docs
from pipeline import journal as J
from pipeline.agenda import KEY
from pipeline.agenda.evaluation_cells import NOTE, answers_from_row
from pipeline.core.crash import crash_point
from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod
from pipeline.steps.context import Context, letter_of
from pipeline.steps.status_documents import CONTRACT, EVALUATION_RESULT
from pipeline.steps.transition import Applied, advance


@dataclass(frozen=True)
class Refused:
    agenda_no: str
    requested: str
    message: str
    new: bool = True  # False when the same refusal was already shown by an earlier cycle
    waiting: bool = False  # a legal request waiting for its inputs (left in the Status cell)


PUT_BACK = "Kolom Status dikembalikan ke"  # marks a refusal whose typed status was put back


class _Refuse(Exception):
    def __init__(self, message: str, *, put_back: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.put_back = put_back


def consider(ctx: Context, case: J.CaseRecord, row: dict[str, str],
             evaluation: Callable[[], dict[str, dict[str, str]]]) -> Applied | Refused | None:
    """Act on the Status an official typed into the case's agenda row; None when unchanged."""
    typed = row.get("Status", "")
    if ctx.sop.canonical(typed) == case.status:
        # The official took a waiting request back: its refusal no longer applies. A refusal
        # whose typed status was put back stays shown until the next applied change.
        if case.refusal and PUT_BACK not in case.refusal:
            ctx.ix.journal.set_refusal(case.agenda_no, None)
        return None
    check = ctx.sop.check_transition(case.status, typed)
    try:
        if isinstance(check, sop_mod.Refusal):
            raise _Refuse(f"{check.message} {PUT_BACK} '{case.status}' (status sebenarnya); ketik ulang status "
                          "yang sah.", put_back=True)
        inputs = _prepare(ctx, case, check.status, row, evaluation)
    except _Refuse as refusal:
        legal = ctx.sop.next_statuses(case.status)
        new = ctx.ix.journal.set_refusal(case.agenda_no, refusal.message, diminta=typed, status=case.status,
                                         sah=legal)
        if refusal.put_back:  # only while the cell still holds what was typed (never over a newer entry)
            ctx.ix.journal.enqueue("ubah_baris", case.agenda_no,
                                   {KEY: case.agenda_no, "Status": case.status, "_status_jika": typed})
        return Refused(case.agenda_no, typed, refusal.message, new, waiting=not refusal.put_back)
    t = ctx.ix.journal.begin_transition(case.agenda_no, old=case.status, new=check.status,
                                        from_folder=case.folder, to_folder=_target_folder(ctx, case, check.status),
                                        inputs={**inputs, "diketik": typed, "oleh": ctx.editor})
    crash_point("after_transition_begin")
    return advance(ctx, t)


def _target_folder(ctx: Context, case: J.CaseRecord, status: str) -> str:
    return str(PurePosixPath(ctx.sop.folder(status, year=case.year)) / PurePosixPath(case.folder).name)


def _prepare(ctx: Context, case: J.CaseRecord, new: str, row: dict[str, str],
             evaluation: Callable[[], dict[str, dict[str, str]]]) -> dict[str, Any]:
    """What the step needs from the officials, checked now; raises _Refuse when incomplete.

    `evaluation()` gives the Evaluasi sheet's rows by No. Agenda (read at most once per cycle)."""
    inputs: dict[str, Any] = {"catatan": row.get("Catatan", ""), "baris": row}
    wanted = ctx.sop.statuses[new].documents
    if EVALUATION_RESULT in wanted:
        sheet_row = evaluation().get(case.agenda_no)
        answers = answers_from_row(sheet_row)
        result = ev.compute(answers)
        if result.missing:
            unknown = [r for r in result.reasons if r.startswith("Jawaban ")]
            raise _Refuse(f"Status '{new}' belum dapat diterapkan: {ev.summary(result)} {' '.join(unknown)}".strip()
                          + " Status diterapkan otomatis setelah semua kriteria dijawab.")
        inputs["jawaban"] = answers
        inputs["catatan_verifikator"] = (sheet_row or {}).get(NOTE) or ""
    if CONTRACT in wanted:
        try:
            docs.contract_context(agenda_no=case.agenda_no, letter=letter_of(case, row), office=ctx.office,
                                  nilai=row.get("Nilai Kerja Sama"), jangka_waktu=row.get("Jangka Waktu"))
        except docs.ContractInputError as exc:
            raise _Refuse(f"Status '{new}' belum dapat diterapkan: {exc.message} Isi kolomnya di agenda; status "
                          "diterapkan otomatis setelah terisi.") from None
    return inputs
