"""Taking one accepted status change to done, crash-safe (begun by `pipeline.steps.workflow`).

A change is a chain of journaled steps, like registration (`pipeline.register.ingest`):

    begin     transitions row 'mulai' with a snapshot of what officials wrote (workflow)
    documents the status's documents written into the case folder (`status_documents`;
              atomic, re-rendered on resume, the contract serial is allocated once) → 'dokumen'
    move      the case folder to the new status's stage folder (`foldermove.move_dir`: one rename,
              or across filesystems a verified copy, a rename and the source removed;
              idempotent, and a half-done move is finished, never duplicated or lost)
    commit    case status/folder/message, the event (old → new, when, Catatan) and the
              agenda writes queued in the outbox — one SQLite transaction

so a process killed anywhere resumes (`resume`) to the same end. Crash points for the
tests (KERJASAMA_CRASH_AT): after_step_documents, during_case_copy, mid_case_move,
during_case_remove, after_case_move.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Callable

from pipeline import documents as docs
from pipeline import journal as J
from pipeline.agenda import KEY
from pipeline.core import foldermove
from pipeline.core.crash import crash_point
from pipeline.core.errors import KerjasamaError
from pipeline.policy import evaluation as ev
from pipeline.steps.context import Context, evaluation_of
from pipeline.steps.status_documents import REJECTION, write_documents


@dataclass(frozen=True)
class Applied:
    agenda_no: str
    old: str
    new: str
    message: str
    folder: str


def advance(ctx: Context, t: J.Transition) -> Applied:
    """Take a transition from wherever it stands to done (used for resuming too)."""
    if t.state == J.T_MULAI:
        results = write_documents(ctx, t)
        crash_point("after_step_documents")
        t = ctx.ix.journal.transition_step(t.id, J.T_DOKUMEN, results)
    if t.state == J.T_DOKUMEN:
        try:
            moved = foldermove.move_dir(ctx.ix.abs(t.from_folder), ctx.ix.abs(t.to_folder))
        except FileExistsError:  # both folders, and the old one holds what the new one lacks
            raise KerjasamaError(f"Folder perkara ada di dua tempat, {t.from_folder} dan {t.to_folder}, dan yang "
                                 f"pertama berisi berkas yang tidak ada (atau berbeda) di {t.to_folder}; tidak ada "
                                 f"yang dihapus. Pindahkan berkas itu ke {t.to_folder}: status '{t.new_status}' "
                                 f"untuk {t.agenda_no} diselesaikan pada sinkronisasi berikutnya.",
                                 code="case_folder_twice") from None
        if not moved:
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
    if "berakhir" in results:  # the agreement's end date, for the 30-day reminder (sync.pengingat)
        outbox.append(("ubah_baris", {KEY: t.agenda_no, "Tanggal Berakhir": results["berakhir"]}))
    if "prefill" in results:
        outbox.append(("evaluasi_isi", {"jawaban": results["prefill"], "perusahaan": results.get("perusahaan"),
                                        "media": results.get("media")}))
    if evaluation:
        outbox.append(("evaluasi_hasil", {"hasil": evaluation}))
    event = {"catatan": t.inputs.get("catatan") or "", "oleh": t.inputs.get("oleh") or "tidak diketahui",
             "dari": t.from_folder, "ke": t.to_folder,
             "dokumen": results.get("dokumen", []), "transisi": t.id}
    if t.inputs.get("catatan_verifikator"):
        event["catatan_verifikator"] = t.inputs["catatan_verifikator"]
    for key in ("nomor_perjanjian", "berakhir", "pdf_gagal"):
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
    # The row is the clerk's view of the case: its extra scans stay named there.
    for scan in ctx.ix.journal.attached_scans(t.agenda_no):
        parts.append(f"Pindaian ulang terlampir: {PurePosixPath(scan.target_path or '').name}.")
    return " ".join(parts)
