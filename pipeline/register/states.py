"""The chain of idempotent registration steps, one per journal state.

Each step takes the input in one state and leaves it in the next; the journal records the
state before a step acts and after it is done, so a process killed anywhere resumes to the
same end (see `pipeline.register.ingest` for the states in order, `pipeline.core.crash` for
the points where the tests kill the process).
"""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Callable

from pipeline import journal as J
from pipeline.agenda import KEY, letter_to_row
from pipeline.core import fileops as F
from pipeline.core.crash import crash_point
from pipeline.core.diskspace import disk_full, ensure_room, is_disk_full
from pipeline.core.errors import InputRejected, KerjasamaError
from pipeline.core.models import ExtractedLetter
from pipeline.core.paths import check_plain_folder
from pipeline.register import quarantine as Q
from pipeline.register.case_files import kept_name, rescan_name, write_case_files
from pipeline.register.casefolder import case_folder_name, safe_child
from pipeline.register.context import Intake
from pipeline.register.duplicates import (Reading, attached_sentence, exact_copy_reason, plausible, rescan_key,
                                          rescan_message, rescan_reason)
from pipeline.register.settings import STATUS_TERCATAT
from pipeline.register.stash import TEXT_FILE, is_stashed, load_stash, read_into_stash, stash_dir
from pipeline.sniff.notes import stored_name


def step_new(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    earlier = ix.journal.holder_of(rec.sha256, besides=rec.id)  # as its letter or as an attached rescan
    if earlier is not None:
        return begin_quarantine(ix, rec, exact_copy_reason(earlier), duplikat_dari=earlier)
    return ix.journal.set_state(rec.id, J.MEMBACA, event="mulai_membaca")


def step_read(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    source = ix.abs(rec.source_path)
    if not holds(source, rec.sha256):
        return lost(ix, rec)
    for folder in (Q.quarantine_dir(ix.root), ix.stage_dir()):  # where it may go: before a try is counted
        check_plain_folder(ix.root, folder)
    stash = stash_dir(ix.root, rec.id)
    if not is_stashed(stash):
        ensure_room(ix.root)  # a full disk: the results would not fit; not read, not counted
        attempts = ix.journal.count_attempt(rec.id)
        if attempts > ix.settings.max_read_attempts:
            return begin_quarantine(ix, rec, f"Pembacaan berkas ini sudah {attempts - 1} kali terhenti atau gagal; "
                                             "berkas dikarantina agar tidak menghentikan proses lain.")
        crash_point("during_read")
        try:
            if ix.read_ahead is not None and ix.read_ahead.claim(rec.sha256, stash):
                ix.journal.log("dibaca_lebih_awal", input_id=rec.id)  # read while the one before registered
            else:
                read_into_stash(source, stash)
        except InputRejected as exc:
            return begin_quarantine(ix, rec, exc.message, kode=exc.code)
        except KerjasamaError:
            ix.journal.count_attempt(rec.id, -1)  # ToolMissing etc.: the installation is at fault, not the letter
            raise
        except Exception as exc:  # a reader bug or a resource problem: retry, then quarantine
            if is_disk_full(exc):  # the disk is at fault, not the letter: not counted, tried again later
                ix.journal.count_attempt(rec.id, -1)
                raise disk_full(ix.root, exc) from exc
            ix.journal.log("gagal_membaca", input_id=rec.id, galat=f"{type(exc).__name__}: {exc}", percobaan=attempts)
            return rec
    crash_point("after_read")
    stashed = load_stash(stash)
    found = find_original(ix, rec, Reading(ExtractedLetter.model_validate(stashed["surat"]), text_of(stash)))
    if found is not None:
        return begin_attach(ix, rec, *found, kind=stashed.get("jenis", ""))
    return allocate(ix, rec, stashed)


def step_write_case(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    if not holds(ix.abs(rec.source_path), rec.sha256):  # no case folder for a letter that is gone
        return lost(ix, rec)
    case = ix.journal.case(rec.agenda_no)
    folder = ix.root / case.folder
    check_plain_folder(ix.root, folder)  # the stage folder may have become a link since
    folder.mkdir(parents=True, exist_ok=True)
    stash = stash_dir(ix.root, rec.id)
    if not is_stashed(stash):  # stash lost (cleaned by hand): read the letter again
        read_into_stash(ix.abs(rec.source_path), stash)
    write_case_files(folder, rec, case, stash)
    crash_point("after_files")
    return ix.journal.set_state(rec.id, J.BERKAS_DITULIS, event="folder_perkara_ditulis", agenda_no=case.agenda_no,
                                folder=case.folder)


def step_choose_place(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    folder = ix.root / ix.journal.case(rec.agenda_no).folder
    stash = stash_dir(ix.root, rec.id)
    name = kept_name(rec)
    if is_stashed(stash):  # stored under the extension of what it is (a polyglot's name lies)
        name = stored_name(name, load_stash(stash).get("jenis", ""))
    target = folder / name
    if target.exists() and not holds(target, rec.sha256):
        target = F.free_name(folder, name)
    rec = ix.journal.set_state(rec.id, J.MEMINDAH, target_path=ix.rel(target))
    crash_point("before_move")
    return rec


def step_move(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    try:
        moved = F.finish_move(ix.abs(rec.source_path), ix.abs(rec.target_path), rec.sha256)
    except FileExistsError:  # something else took that name meanwhile: choose another
        return ix.journal.set_state(rec.id, J.BERKAS_DITULIS)
    if not moved:
        return lost(ix, rec)
    crash_point("after_move")
    return ix.journal.set_state(rec.id, J.DIPINDAH, event="berkas_asli_dipindah", agenda_no=rec.agenda_no,
                                ke=rec.target_path)


def step_register(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    case = ix.journal.case(rec.agenda_no)
    letter = ExtractedLetter.model_validate_json(case.letter_json)
    row = letter_to_row(case.agenda_no, datetime.fromisoformat(case.received_at), letter,
                        status=STATUS_TERCATAT, message=case.message)
    ix.journal.finish_registration(rec.id, case.agenda_no, row)
    shutil.rmtree(stash_dir(ix.root, rec.id), ignore_errors=True)  # our own scratch copy, not an input
    return ix.journal.input(rec.id)


def step_quarantine(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    target = ix.abs(rec.target_path)
    try:
        done = Q.quarantine_file(ix.abs(rec.source_path), target, sha256=rec.sha256, reason=rec.reason or "",
                                 original_name=rec.original_name, when=ix.settings.now())
    except FileExistsError:  # the name was taken meanwhile: choose another
        return begin_quarantine(ix, rec, rec.reason or "")
    if not done:
        return lost(ix, rec)
    shutil.rmtree(stash_dir(ix.root, rec.id), ignore_errors=True)
    return ix.journal.set_state(rec.id, J.DIKARANTINA, event="dikarantina", alasan=rec.reason, ke=rec.target_path)


# ---- a rescan: attached to the case of the letter it is a scan of -----------------------


def find_original(ix: Intake, rec: J.InputRecord, new: Reading) -> tuple[J.CaseRecord, str] | None:
    """The earliest case whose letter this reading is a rescan of, and why; None for a new letter."""
    rules = ix.settings.rescans
    for case in ix.journal.live_cases():
        if case.input_id == rec.id:
            continue
        letter = ExtractedLetter.model_validate_json(case.letter_json)
        if not plausible(new.letter, letter, rules):  # before reading the earlier text from disk
            continue
        folder = case_folder_now(ix, case)
        reason = rescan_reason(new, Reading(letter, text_of(folder) if folder else None), rules)
        if reason:
            return case, reason
    return None


def case_folder_now(ix: Intake, case: J.CaseRecord) -> Path | None:
    """Where the case folder is now: the journal's folder, or, while a status change is half
    applied, where that change moved it; None when it is in neither place."""
    here = ix.root / case.folder
    if here.is_dir() or ix.journal.input(case.input_id).state == J.BERNOMOR:  # BERNOMOR: not yet written
        return here
    for t in ix.journal.open_transitions():
        if t.agenda_no == case.agenda_no and (ix.root / t.to_folder).is_dir():
            return ix.root / t.to_folder
    return None


def text_of(folder: Path) -> str | None:
    try:
        return (folder / TEXT_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def begin_attach(ix: Intake, rec: J.InputRecord, case: J.CaseRecord, why: str, *, kind: str) -> J.InputRecord:
    folder = case_folder_now(ix, case)
    if folder is None:
        return begin_quarantine(ix, rec, missing_case_reason(case.agenda_no), duplikat_dari=case.agenda_no)
    check_plain_folder(ix.root, folder)
    target = safe_child(folder, rescan_name(folder, rec, kind))
    rec = ix.journal.begin_attach(rec.id, case.agenda_no, ix.rel(target), alasan=why, berkas=rec.original_name)
    crash_point("before_attach")
    return rec


def step_attach(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    """Move the rescan into its case folder (wherever the case is now), then record it."""
    case = ix.journal.case(rec.agenda_no)
    source, folder = ix.abs(rec.source_path), case_folder_now(ix, case)
    if folder is None:
        if holds(source, rec.sha256):
            return begin_quarantine(ix, rec, missing_case_reason(case.agenda_no), duplikat_dari=case.agenda_no)
        return lost(ix, rec)
    check_plain_folder(ix.root, folder)
    folder.mkdir(parents=True, exist_ok=True)  # only a case still being registered has none yet
    target = safe_child(folder, rec.target_path.rsplit("/", 1)[-1])
    if target.exists() and not holds(target, rec.sha256):  # the name was taken meanwhile: choose another
        return rechoose(ix, rec, folder)
    if ix.rel(target) != rec.target_path:  # the case moved to another stage since the name was chosen
        rec = ix.journal.set_state(rec.id, J.MELAMPIRKAN, target_path=ix.rel(target))
    try:
        moved = F.finish_move(source, target, rec.sha256)
    except FileExistsError:
        return rechoose(ix, rec, folder)
    if not moved:
        return lost(ix, rec)
    crash_point("after_attach_move")
    shutil.rmtree(stash_dir(ix.root, rec.id), ignore_errors=True)  # our own scratch copy, not an input
    ix.journal.finish_attach(
        rec.id, case.agenda_no, attached_sentence(target.name, rec.original_name),
        row_for=lambda message, refusal: {KEY: case.agenda_no, "Pesan Sistem": refusal or message},
        berkas=rec.target_path, nama_asli=rec.original_name, sha256=rec.sha256,
    )
    return ix.journal.input(rec.id)


def rechoose(ix: Intake, rec: J.InputRecord, folder: Path) -> J.InputRecord:
    stash = stash_dir(ix.root, rec.id)
    kind = load_stash(stash).get("jenis", "") if is_stashed(stash) else ""
    target = safe_child(folder, rescan_name(folder, rec, kind))
    return ix.journal.set_state(rec.id, J.MELAMPIRKAN, target_path=ix.rel(target))


def missing_case_reason(agenda_no: str) -> str:
    return (f"Berkas ini pindaian ulang dari surat yang sudah terdaftar dengan nomor agenda {agenda_no}, "
            "tetapi folder perkaranya tidak ditemukan (dipindah atau dihapus?); berkas disimpan di sini "
            "agar tidak hilang dan tidak didaftarkan dua kali.")


STEPS: dict[str, Callable[[Intake, J.InputRecord], J.InputRecord]] = {
    J.BARU: step_new,
    J.MEMBACA: step_read,
    J.BERNOMOR: step_write_case,
    J.BERKAS_DITULIS: step_choose_place,
    J.MEMINDAH: step_move,
    J.DIPINDAH: step_register,
    J.MENGKARANTINA: step_quarantine,
    J.MELAMPIRKAN: step_attach,
}


# ---- shared by the steps ---------------------------------------------------------------


def begin_quarantine(ix: Intake, rec: J.InputRecord, reason: str, **details: object) -> J.InputRecord:
    target = Q.choose_target(ix.root, kept_name(rec))
    rec = ix.journal.set_state(rec.id, J.MENGKARANTINA, event="mulai_karantina", target_path=ix.rel(target),
                               reason=reason, alasan=reason, **details)
    crash_point("before_quarantine")
    return rec


def lost(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    # Someone took the file away before we finished; record it loudly, never guess.
    return ix.journal.set_state(rec.id, J.HILANG, event="berkas_hilang", agenda_no=rec.agenda_no,
                                reason="Berkas tidak ditemukan lagi di tempatnya sebelum selesai diproses.",
                                dicari_di=[rec.source_path, rec.target_path])


def holds(path: Path, sha256: str) -> bool:
    return path.is_file() and F.sha256_file(path) == sha256


def allocate(ix: Intake, rec: J.InputRecord, stashed: dict) -> J.InputRecord:
    letter = ExtractedLetter.model_validate(stashed["surat"])
    received = datetime.fromisoformat(rec.received_at)
    stage_dir = ix.stage_dir()
    check_plain_folder(ix.root, stage_dir)  # before a number is taken: refuse a linked stage folder
    notes = stashed.get("peringatan") or []

    def folder_for(agenda_no: str) -> str:
        child = safe_child(stage_dir, case_folder_name(agenda_no, letter.nama_perusahaan))
        return child.relative_to(ix.root).as_posix()

    ix.journal.allocate_case(
        rec.id, year=received.year, number_pattern=ix.settings.agenda_number, folder_for=folder_for,
        stage=ix.settings.stage_folder(), status=STATUS_TERCATAT,
        company=letter.nama_perusahaan, nomor_surat=letter.nomor_surat, dup_key=rescan_key(letter),
        message_for=lambda earlier: case_message(rescan_message(earlier), notes), letter_json=letter.model_dump_json(),
    )
    crash_point("after_allocate")
    return ix.journal.input(rec.id)


def case_message(message: str, notes: list[str]) -> str:
    """Pesan Sistem at registration: the rescan warning, then the warnings about the file itself."""
    return " ".join([message, *(f"PERINGATAN: {n}." for n in notes)]).strip()
