"""The documents a new status makes, written into the case folder (the 'dokumen' step).

config/sop.yaml lists each status's documents by key; `write_documents` renders those this
part of the pipeline makes (the blank disposition sheet is made at registration and filled
in here when the disposition is given) and returns what
the commit needs (the evaluation result, the contract number, a PDF copy's fate). Writes are
atomic and re-rendered on resume; the contract serial is allocated once per case.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipeline import documents as docs
from pipeline import journal as J
from pipeline.core.errors import KerjasamaError
from pipeline.core.models import ExtractedLetter
from pipeline.policy import evaluation as ev
from pipeline.steps.context import Context, evaluation_of, letter_of

DISPOSITION, EVALUATION_FORM, EVALUATION_RESULT = "lembar_disposisi", "lembar_isian_evaluasi", "hasil_evaluasi"
REJECTION, CONTRACT = "berita_acara_penolakan", "perjanjian_kerja_sama"


def requested_at(ctx: Context, t: J.Transition) -> datetime:
    """When the official asked for the change, in the office's time zone."""
    return datetime.fromisoformat(t.requested_at).astimezone(ctx.ix.settings.tz())


def write_documents(ctx: Context, t: J.Transition) -> dict[str, Any]:
    """Write the new status's documents into the case folder; returns what the commit needs."""
    case = ctx.ix.journal.case(t.agenda_no)
    folder = ctx.ix.abs(t.from_folder)
    if not folder.is_dir():
        if ctx.ix.abs(t.to_folder).is_dir():  # moved by hand already: write there
            folder = ctx.ix.abs(t.to_folder)
        else:
            raise KerjasamaError(f"Folder perkara {t.from_folder} tidak ditemukan; dokumen untuk status "
                                 f"'{t.new_status}' tidak dapat dibuat.", code="case_folder_missing")
    row, day = t.inputs.get("baris") or {}, requested_at(ctx, t).date()
    letter = letter_of(case, row)
    results: dict[str, Any] = {"dokumen": []}
    for key in ctx.sop.statuses[t.new_status].documents:
        writer = _WRITERS.get(key)
        if writer is None:
            continue  # a document only another part of the pipeline makes
        path = folder / docs.DOCUMENT_FILES[key]
        results.update(writer(ctx, case, t, letter, path, day))
        results["dokumen"].append(path.name)
    return results


def _disposition(ctx: Context, case: J.CaseRecord, t: J.Transition, letter: ExtractedLetter, path: Path,
                 day: date) -> dict[str, Any]:
    """The disposition record once given: the head's instruction (Catatan) on the first level,
    its date, and for every level the deadline of the work it passes down (the SOP's standard time)."""
    due = ctx.sop.due_time(t.new_status, requested_at(ctx, t))
    tenggat = docs.waktu(due) if due else None
    note = str(t.inputs.get("catatan") or "").strip()
    who = str(t.inputs.get("oleh") or "").strip()
    if who and who != "tidak diketahui":  # who typed the disposition into the agenda (Excel records it)
        note = f"{note} (diketik di agenda oleh {who})" if note else f"Diketik di agenda oleh {who}."
    levels = [{"instruksi": note, "tanggal": docs.tanggal(day), "tenggat": tenggat}]
    chain = (ctx.office.get("disposisi") or {}).get("tingkat") or []
    levels += [{"tenggat": tenggat}] * max(len(chain) - 1, 0)  # lower levels write instruction and date by hand
    docs.write_disposition_sheet(path, agenda_no=case.agenda_no, received=datetime.fromisoformat(case.received_at)
                                 .astimezone(ctx.ix.settings.tz()), letter=letter, office=ctx.office, tingkat=levels,
                                 tanggal=docs.tanggal(day))
    return {}


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
                        result=evaluation_of(case), rekening_bank=(row.get("Rekening Bank") or "").strip() or None)
    ends = docs.end_date(day, docs.months(row.get("Jangka Waktu")))  # validated when the change was accepted
    out: dict[str, Any] = {"nomor_perjanjian": ctx.sop.contract_number(serial, day.year), "berakhir": ends.isoformat()}
    if ctx.ix.settings.pdf_copies:
        try:
            pdf = docs.pdf_copy(path)
            if pdf is not None:
                out["pdf"] = pdf.name
        except KerjasamaError as exc:  # the .docx is the document; a missing PDF is only noted
            out["pdf_gagal"] = exc.message
    return out


_WRITERS = {DISPOSITION: _disposition, EVALUATION_FORM: _evaluation_form, EVALUATION_RESULT: _evaluation_result, REJECTION: _rejection,
            CONTRACT: _contract}


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
