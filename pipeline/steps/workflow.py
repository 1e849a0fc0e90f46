"""Applying one official's status change to a case (SOP steps 2-7), crash-safe.

An official types a status into the agenda; `pipeline.steps.sync` hands each changed row here.
A change that is not the next legal one, or whose step is not complete (evaluation
answers missing for Diverifikasi, Nilai Kerja Sama / Jangka Waktu missing for Diproses),
is refused: the case stays where it is and Pesan Sistem says why, in Indonesian. The
request stays in the Status cell, so it is applied by a later cycle once completed.

A legal change is a chain of journaled steps, like registration (`pipeline.register.ingest`):

    begin     transitions row 'mulai' with a snapshot of what officials wrote
    documents the status's documents written into the case folder (atomic; re-rendered
              on resume, the contract serial is allocated once) → 'dokumen'
    move      the case folder to the new status's stage folder (one rename, idempotent)
    commit    case status/folder/message, the event (old → new, when, Catatan) and the
              agenda writes queued in the outbox — one SQLite transaction

so a process killed anywhere resumes (`resume`) to the same end. Crash points for the
tests (KERJASAMA_CRASH_AT): after_transition_begin, after_step_documents, after_case_move.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from pipeline.core import settings as config
from pipeline.policy import evaluation as ev
from pipeline.core import fileops
from pipeline import journal as J
from pipeline.policy import sop as sop_mod
from pipeline.documents import steps as docs
from pipeline.agenda import KEY
from pipeline.agenda.letter_row import letter_from_agenda_row
from pipeline.core.errors import KerjasamaError
from pipeline.agenda.xlsx.evaluation_sheet import NOTE, answers_from_row
from pipeline.register.ingest import Intake, crash_point
from pipeline.core.models import ExtractedLetter

EVALUATION_FORM, EVALUATION_RESULT = "lembar_isian_evaluasi", "hasil_evaluasi"
REJECTION, CONTRACT = "berita_acara_penolakan", "perjanjian_kerja_sama"


@dataclass(frozen=True)
class Applied:
    agenda_no: str
    old: str
    new: str
    message: str
    folder: str


@dataclass(frozen=True)
class Refused:
    agenda_no: str
    requested: str
    message: str
    new: bool = True  # False when the same refusal was already shown by an earlier cycle


class _Refuse(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Context:
    """What every step needs: the ROOT being worked on, the SOP and the office letterhead."""

    ix: Intake
    sop: sop_mod.Sop
    office: dict

    @classmethod
    def open(cls, ix: Intake) -> "Context":
        try:
            office = config.load("office")
        except FileNotFoundError:
            office = {}
        return cls(ix, sop_mod.load(), office)


# ---- deciding ----------------------------------------------------------------------------


def consider(ctx: Context, case: J.CaseRecord, row: dict[str, str],
             evaluation: Callable[[], dict[str, dict[str, str]]]) -> Applied | Refused | None:
    """Act on the Status an official typed into the case's agenda row; None when unchanged."""
    typed = row.get("Status", "")
    if ctx.sop.canonical(typed) == case.status:
        if case.refusal:  # the official took the request back: the refusal no longer applies
            ctx.ix.journal.set_refusal(case.agenda_no, None)
        return None
    check = ctx.sop.check_transition(case.status, typed)
    try:
        if isinstance(check, sop_mod.Refusal):
            raise _Refuse(check.message)
        inputs = _prepare(ctx, case, check.status, row, evaluation)
    except _Refuse as refusal:
        legal = ctx.sop.next_statuses(case.status)
        new = ctx.ix.journal.set_refusal(case.agenda_no, refusal.message, diminta=typed, status=case.status,
                                         sah=legal)
        return Refused(case.agenda_no, typed, refusal.message, new)
    t = ctx.ix.journal.begin_transition(case.agenda_no, old=case.status, new=check.status,
                                        from_folder=case.folder, to_folder=_target_folder(ctx, case, check.status),
                                        inputs={**inputs, "diketik": typed})
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
            docs.contract_context(agenda_no=case.agenda_no, letter=_letter(case, row), office=ctx.office,
                                  nilai=row.get("Nilai Kerja Sama"), jangka_waktu=row.get("Jangka Waktu"))
        except docs.ContractInputError as exc:
            raise _Refuse(f"Status '{new}' belum dapat diterapkan: {exc.message} Isi kolomnya di agenda; status "
                          "diterapkan otomatis setelah terisi.") from None
    return inputs


def _letter(case: J.CaseRecord, row: dict[str, str] | None) -> ExtractedLetter:
    """The letter as the agenda row shows it (the clerk's corrections count)."""
    if row and row.get(KEY):
        return letter_from_agenda_row(row)
    return ExtractedLetter.model_validate_json(case.letter_json)


# ---- applying ------------------------------------------------------------------------------


def advance(ctx: Context, t: J.Transition) -> Applied:
    """Take a transition from wherever it stands to done (used for resuming too)."""
    if t.state == J.T_MULAI:
        results = _write_documents(ctx, t)
        crash_point("after_step_documents")
        t = ctx.ix.journal.transition_step(t.id, J.T_DOKUMEN, results)
    if t.state == J.T_DOKUMEN:
        if not fileops.move_dir(ctx.ix.abs(t.from_folder), ctx.ix.abs(t.to_folder)):
            raise KerjasamaError(f"Folder perkara {t.from_folder} tidak ditemukan (dipindah atau dihapus?); "
                                 f"status '{t.new_status}' untuk {t.agenda_no} belum dapat diselesaikan.",
                                 code="case_folder_missing")
        crash_point("after_case_move")
        _commit(ctx, t)
    case = ctx.ix.journal.case(t.agenda_no)
    return Applied(t.agenda_no, t.old_status, t.new_status, case.message, case.folder)


def resume(ctx: Context, log: Callable[[str], None]) -> list[Applied]:
    """Finish the status changes a killed process left half-done."""
    done = []
    for t in ctx.ix.journal.open_transitions():
        try:
            done.append(advance(ctx, t))
        except Exception as exc:  # left open: tried again on the next cycle
            log(f"GALAT {t.agenda_no}: {error_text(exc)}")
            note_trouble(ctx, t.agenda_no, t.new_status, exc)
    return done


def note_trouble(ctx: Context, agenda_no: str, status: str, exc: BaseException) -> None:
    """Tell the officials, in Pesan Sistem, that an accepted change is stuck (cleared when it completes)."""
    ctx.ix.journal.set_refusal(agenda_no, f"Status '{status}' belum selesai diterapkan: {error_text(exc)} "
                                          "Sistem mencoba lagi pada sinkronisasi berikutnya.")


def error_text(exc: BaseException) -> str:
    return getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"


def _when(t: J.Transition, ctx: Context) -> datetime:
    return datetime.fromisoformat(t.requested_at).astimezone(ctx.ix.settings.tz())


def _write_documents(ctx: Context, t: J.Transition) -> dict[str, Any]:
    """Write the new status's documents into the case folder; returns what the commit needs."""
    case = ctx.ix.journal.case(t.agenda_no)
    folder = ctx.ix.abs(t.from_folder)
    if not folder.is_dir():
        if ctx.ix.abs(t.to_folder).is_dir():  # moved by hand already: write there
            folder = ctx.ix.abs(t.to_folder)
        else:
            raise KerjasamaError(f"Folder perkara {t.from_folder} tidak ditemukan; dokumen untuk status "
                                 f"'{t.new_status}' tidak dapat dibuat.", code="case_folder_missing")
    row, day = t.inputs.get("baris") or {}, _when(t, ctx).date()
    letter = _letter(case, row)
    results: dict[str, Any] = {"dokumen": []}
    for key in ctx.sop.statuses[t.new_status].documents:
        writer = _WRITERS.get(key)
        if writer is None:
            continue  # a document only another part of the pipeline makes (lembar_disposisi)
        path = folder / docs.DOCUMENT_FILES[key]
        results.update(writer(ctx, case, t, letter, path, day))
        results["dokumen"].append(path.name)
    return results


def _evaluation_form(ctx: Context, case: J.CaseRecord, t: J.Transition, letter: ExtractedLetter, path: Path,
                     day: date) -> dict[str, Any]:
    docs.write_evaluation_form(path, agenda_no=case.agenda_no, letter=letter, office=ctx.office)
    return {"prefill": ev.prefill(letter), "perusahaan": letter.nama_perusahaan, "media": letter.nama_media}


def _evaluation_result(ctx: Context, case: J.CaseRecord, t: J.Transition, letter: ExtractedLetter, path: Path,
                       day: date) -> dict[str, Any]:
    answers = t.inputs.get("jawaban") or {}
    result = ev.compute(answers)
    docs.write_evaluation_form(path, agenda_no=case.agenda_no, letter=letter, office=ctx.office, answers=answers,
                               result=result, catatan=t.inputs.get("catatan_verifikator") or None, tanggal=day)
    return {"evaluasi": dataclasses.asdict(result)}


def _rejection(ctx: Context, case: J.CaseRecord, t: J.Transition, letter: ExtractedLetter, path: Path,
               day: date) -> dict[str, Any]:
    docs.write_rejection_record(path, agenda_no=case.agenda_no, letter=letter, office=ctx.office,
                                result=evaluation_of(case), catatan=_officials_notes(ctx, case, t), tanggal=day)
    return {}


def _contract(ctx: Context, case: J.CaseRecord, t: J.Transition, letter: ExtractedLetter, path: Path,
              day: date) -> dict[str, Any]:
    row = t.inputs.get("baris") or {}
    serial = ctx.ix.journal.allocate_contract_serial(case.agenda_no, day.year)  # once per case, never reused
    docs.write_contract(path, agenda_no=case.agenda_no, letter=letter, office=ctx.office,
                        nilai=row.get("Nilai Kerja Sama"), jangka_waktu=row.get("Jangka Waktu"), serial=serial,
                        nomor_pihak_kedua=(row.get("Nomor Pihak Kedua") or "").strip() or None, tanggal=day,
                        result=evaluation_of(case))
    out: dict[str, Any] = {"nomor_perjanjian": ctx.sop.contract_number(serial, day.year)}
    if ctx.ix.settings.pdf_copies:
        try:
            pdf = docs.pdf_copy(path)
            if pdf is not None:
                out["pdf"] = pdf.name
        except KerjasamaError as exc:  # the .docx is the document; a missing PDF is only noted
            out["pdf_gagal"] = exc.message
    return out


_WRITERS = {EVALUATION_FORM: _evaluation_form, EVALUATION_RESULT: _evaluation_result, REJECTION: _rejection,
            CONTRACT: _contract}


def evaluation_of(case: J.CaseRecord) -> ev.EvaluationResult | None:
    if not case.evaluation_json:
        return None
    return ev.EvaluationResult(**json.loads(case.evaluation_json))


def _officials_notes(ctx: Context, case: J.CaseRecord, t: J.Transition) -> list[str]:
    """Every note officials wrote with this case's status changes (and the verifier's), oldest first."""
    notes = []
    for e in ctx.ix.journal.events(agenda_no=case.agenda_no):
        if e.what != "status_diubah":
            continue
        for key, label in (("catatan", str(e.details.get("baru"))), ("catatan_verifikator", "Verifikator")):
            if str(e.details.get(key) or "").strip():
                notes.append(f"{label}: {e.details[key]}")
    current = str(t.inputs.get("catatan") or "").strip()
    return notes + ([f"{t.new_status}: {current}"] if current else [])


# ---- the commit ----------------------------------------------------------------------------


def _commit(ctx: Context, t: J.Transition) -> None:
    case = ctx.ix.journal.case(t.agenda_no)
    results = t.results
    evaluation = results.get("evaluasi")
    warning = _approval_warning(ctx, case, t)
    message = _message(ctx, t, evaluation, warning)
    outbox: list[tuple[str, dict[str, Any]]] = []
    typed = str(t.inputs.get("diketik") or "")
    if typed.strip() != t.new_status:  # show the SOP's spelling, unless someone typed anew meanwhile
        outbox.append(("ubah_baris", {KEY: t.agenda_no, "Status": t.new_status, "_status_jika": typed}))
    if "prefill" in results:
        outbox.append(("evaluasi_isi", {"jawaban": results["prefill"], "perusahaan": results.get("perusahaan"),
                                        "media": results.get("media")}))
    if evaluation:
        outbox.append(("evaluasi_hasil", {"hasil": evaluation}))
    event = {"catatan": t.inputs.get("catatan") or "", "dari": t.from_folder, "ke": t.to_folder,
             "dokumen": results.get("dokumen", []), "transisi": t.id}
    if t.inputs.get("catatan_verifikator"):
        event["catatan_verifikator"] = t.inputs["catatan_verifikator"]
    for key in ("nomor_perjanjian", "pdf_gagal"):
        if key in results:
            event[key] = results[key]
    if warning:
        event["peringatan"] = warning
    if evaluation:
        event["evaluasi"] = {k: evaluation[k] for k in ("score", "max_score", "kelas", "memenuhi")}
    ctx.ix.journal.commit_transition(t, stage=ctx.sop.folder(t.new_status, year=case.year), message=message,
                                     evaluation_json=json.dumps(evaluation) if evaluation else None, event=event,
                                     outbox=outbox)


def _approval_warning(ctx: Context, case: J.CaseRecord, t: J.Transition) -> str:
    """Going on (not to a final status) from the decision step of a Tidak Memenuhi case."""
    step = ctx.sop.step_setting(t.new_status)
    decides = any(ctx.sop.is_final(s) for s in step.sets) and not ctx.sop.is_final(t.new_status)
    result = evaluation_of(case)
    if not decides or result is None or result.memenuhi:
        return ""
    return (f"PERHATIAN: status '{t.new_status}' diterapkan walaupun hasil evaluasi {result.hasil} "
            f"(skor {docs.angka(result.score)} dari {docs.angka(result.max_score)}, kelas {result.kelas}); "
            "keputusan pejabat dicatat.")


def _message(ctx: Context, t: J.Transition, evaluation: dict | None, warning: str) -> str:
    """Pesan Sistem after the change: what was done and what comes next."""
    r = t.results
    parts = [warning] if warning else []
    parts.append(f"Status '{t.new_status}' diterapkan.")
    if "prefill" in r:
        sheet = ev.load().sheet
        parts.append(f"Lembar isian evaluasi dibuat; verifikator mengisi jawaban di lembar '{sheet}'.")
    if evaluation:
        parts.append(ev.summary(ev.EvaluationResult(**evaluation)))
    if REJECTION in " ".join(r.get("dokumen", [])):
        parts.append("Berita acara penolakan dibuat (tanpa perjanjian).")
    if "nomor_perjanjian" in r:
        made = "perjanjian_kerja_sama.docx" + (" dan .pdf" if r.get("pdf") else "")
        parts.append(f"Perjanjian kerja sama nomor {r['nomor_perjanjian']} dibuat ({made}).")
    if r.get("pdf_gagal"):
        parts.append(f"Salinan PDF gagal: {r['pdf_gagal']}")
    if ctx.sop.is_final(t.new_status):
        parts.append(f"Perkara diarsipkan di {t.to_folder}/.")
    else:
        nxt = ctx.sop.next_statuses(t.new_status)
        parts.append("Berikutnya: " + " atau ".join(f"'{s}'" for s in nxt) + ".")
    return " ".join(parts)
