"""Registering one stable file from the inbox (SOP step 1), crash-safe.

Registration is a chain of small idempotent steps. The journal records the input's
state before a step acts and after it is done, so a process killed anywhere (during OCR,
between the agenda write and the move, mid-move) resumes on restart to the same end:
one case, one agenda row, the file in exactly one place. The states, in order:

    baru → membaca → bernomor → berkas_ditulis → memindah → dipindah → terdaftar
      └──────────┴─→ mengkarantina → dikarantina          (a reason, never deleted)
    (hilang: the file was taken away mid-way; recorded, never guessed)

Agenda rows go through the journal's outbox; a locked agenda (AgendaBusy) only delays
them. `KERJASAMA_CRASH_AT=<point>[,<point>]` makes the process die at that point
(`os._exit(137)`), so the tests can kill a real process at every seam: after_hash,
during_read, after_read, after_allocate, after_files, before_move, mid_move (cross-
filesystem copy done, source not yet removed), after_move, after_agenda_write,
before_quarantine.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal, Optional
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pipeline.core import settings as config
from pipeline.core import fileops as F
from pipeline import journal as J
from pipeline.register import quarantine as Q
from pipeline.core.errors import InputRejected, KerjasamaError
from pipeline.core.models import ExtractedLetter

CRASH_ENV = "KERJASAMA_CRASH_AT"
STASH_DIR = "kerja"  # under ROOT/.kerjasama/: what was read, kept until the case is written
INBOX, ARCHIVE = "masuk", "arsip"
TEXT_FILE, DATA_FILE, DISPOSITION_FILE = "teks.txt", "data.json", "lembar-disposisi.docx"
STATUS_TERCATAT = "Tercatat"


# ---- settings -----------------------------------------------------------------------


class IntakeSettings(BaseModel):
    """`config/intake.yaml`; every key has a default so no config file is needed."""

    model_config = ConfigDict(extra="ignore")

    stability_seconds: float = 5.0
    check_interval_seconds: float = 1.0
    polling: Literal["auto", "on", "off"] = "auto"
    polling_interval_seconds: float = 2.0
    rescan_interval_seconds: float = 30.0
    agenda_retry_seconds: float = 15.0
    ingest_max_wait_seconds: float = 600.0
    max_read_attempts: int = 3
    max_folder_depth: int = 3
    abandoned_partial_seconds: float = 300.0
    in_progress_patterns: list[str] = ["*.part", "*.partial", "*.tmp", "*.temp", "*.crdownload", "*.download",
                                       "~$*", ".~lock.*#", "*.swp"]
    ignore_patterns: list[str] = ["._*", ".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini",
                                  "$RECYCLE.BIN", "System Volume Information"]
    agenda_number: str = "{serial:03d}/KSM/{year}"
    stage_folders: dict[str, str] = {STATUS_TERCATAT: "01-tercatat"}
    timezone: str = "Asia/Jakarta"
    agenda_poll_seconds: float = 30.0
    pdf_copies: bool = True

    @field_validator("polling", mode="before")
    @classmethod
    def _yaml_on_off(cls, v: object) -> object:
        # YAML 1.1 reads a bare `on`/`off` as true/false.
        return {True: "on", False: "off"}.get(v, v) if isinstance(v, bool) else v

    @field_validator("agenda_number")
    @classmethod
    def _pattern_works(cls, v: str) -> str:
        if "{serial" not in v or v.format(serial=1, year=2026) == v.format(serial=2, year=2026):
            raise ValueError("agenda_number harus memuat {serial}")
        return v

    @field_validator("stage_folders")
    @classmethod
    def _stages_inside_root(cls, v: dict[str, str]) -> dict[str, str]:
        for status, rel in v.items():
            parts = Path(rel).parts
            if not parts or Path(rel).is_absolute() or ".." in parts:
                raise ValueError(f"folder tahap {status!r} harus berada di dalam ROOT: {rel!r}")
        return v

    def tz(self) -> ZoneInfo | None:
        try:
            return ZoneInfo(self.timezone)
        except Exception:  # no tz database on this machine: local time
            return None

    def now(self) -> datetime:
        return datetime.now(self.tz()).astimezone(self.tz())


def load_settings() -> IntakeSettings:
    try:
        data = config.load("intake")
    except FileNotFoundError:
        data = {}
    try:
        return IntakeSettings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise KerjasamaError(f"config/intake.yaml tidak valid: {problems}", code="bad_config") from None


# ---- the intake context -------------------------------------------------------------


@dataclass
class Intake:
    """One ROOT being worked on: settings, journal, and the agenda (opened lazily)."""

    root: Path
    settings: IntakeSettings
    journal: J.Journal
    _agenda: object | None = field(default=None, repr=False)

    @classmethod
    def open(cls, root: Path, settings: IntakeSettings | None = None) -> "Intake":
        root = Path(root)
        return cls(root=root, settings=settings or load_settings(), journal=J.Journal.open(root))

    def close(self) -> None:
        self.journal.close()

    @property
    def inbox(self) -> Path:
        return self.root / INBOX

    def rel(self, path: Path) -> str:
        """How the journal stores a path: relative to ROOT, so ROOT may be mounted anywhere."""
        return Path(os.path.relpath(path, self.root)).as_posix()

    def abs(self, rel: str) -> Path:
        return self.root / rel

    def stage_dir(self, status: str = STATUS_TERCATAT) -> Path:
        return self.root / self.settings.stage_folders.get(status, "01-tercatat")

    def agenda(self):
        if self._agenda is None:
            from pipeline.agenda import open_agenda

            self._agenda = open_agenda(self.root)
        return self._agenda


@dataclass(frozen=True)
class Outcome:
    """What happened to one input, for the person watching the console."""

    kind: Literal["terdaftar", "dikarantina", "hilang"]
    name: str
    agenda_no: Optional[str] = None
    company: Optional[str] = None
    reason: Optional[str] = None
    message: str = ""


def crash_point(step: str) -> None:
    """Fault injection for the crash tests: die here, as `kill -9` would."""
    wanted = os.environ.get(CRASH_ENV)
    if wanted and step in wanted.split(","):
        sys.stdout.flush()
        os._exit(137)


# ---- entry points --------------------------------------------------------------------


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
    while rec.state not in J.FINAL_STATES:
        rec = _STEPS[rec.state](ix, rec)
    return _outcome(ix, rec)


def _outcome(ix: Intake, rec: J.InputRecord) -> Outcome:
    if rec.state == J.TERDAFTAR:
        case = ix.journal.case(rec.agenda_no)
        return Outcome("terdaftar", rec.original_name, case.agenda_no, case.company, message=case.message)
    return Outcome(rec.state, rec.original_name, reason=rec.reason)  # type: ignore[arg-type]


# ---- the steps (each takes the input in one state and leaves it in the next) -------


def _step_new(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    original = ix.journal.case_for_sha(rec.sha256)
    if original is not None and original.input_id != rec.id:
        return _begin_quarantine(
            ix, rec, f"Berkas ini salinan persis (byte demi byte) dari surat yang sudah terdaftar "
                     f"dengan nomor agenda {original.agenda_no}; tidak didaftarkan dua kali.",
            duplikat_dari=original.agenda_no)
    return ix.journal.set_state(rec.id, J.MEMBACA, event="mulai_membaca")


def _step_read(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    source = ix.abs(rec.source_path)
    if not _holds(source, rec.sha256):
        return _lost(ix, rec)
    stash = _stash_dir(ix, rec)
    if not (stash / DATA_FILE).is_file():
        attempts = ix.journal.count_attempt(rec.id)
        if attempts > ix.settings.max_read_attempts:
            return _begin_quarantine(ix, rec, f"Pembacaan berkas ini sudah {attempts - 1} kali terhenti atau gagal; "
                                              "berkas dikarantina agar tidak menghentikan proses lain.")
        crash_point("during_read")
        try:
            _read_into_stash(source, stash)
        except InputRejected as exc:
            return _begin_quarantine(ix, rec, exc.message, kode=exc.code)
        except KerjasamaError:
            ix.journal.count_attempt(rec.id, -1)  # ToolMissing etc.: the installation is at fault, not the letter
            raise
        except Exception as exc:  # a reader bug or a resource problem: retry, then quarantine
            ix.journal.log("gagal_membaca", input_id=rec.id, galat=f"{type(exc).__name__}: {exc}", percobaan=attempts)
            return rec
    crash_point("after_read")
    return _allocate(ix, rec, _load_stash(stash))


def _step_write_case(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    if not _holds(ix.abs(rec.source_path), rec.sha256):  # no case folder for a letter that is gone
        return _lost(ix, rec)
    case = ix.journal.case(rec.agenda_no)
    folder = ix.root / case.folder
    folder.mkdir(parents=True, exist_ok=True)
    stash = _stash_dir(ix, rec)
    if not (stash / DATA_FILE).is_file():  # stash lost (cleaned by hand): read the letter again
        _read_into_stash(ix.abs(rec.source_path), stash)
    letter = _load_stash(stash)
    F.write_atomic(folder / TEXT_FILE, (stash / TEXT_FILE).read_bytes())
    F.write_atomic(folder / DATA_FILE, _case_data(rec, case, letter))
    if (stash / "ocr.pdf").is_file():
        F.write_atomic(folder / _ocr_name(rec.original_name), (stash / "ocr.pdf").read_bytes())
    _write_disposition(ix, folder, case, letter)
    crash_point("after_files")
    return ix.journal.set_state(rec.id, J.BERKAS_DITULIS, event="folder_perkara_ditulis", agenda_no=case.agenda_no,
                                folder=case.folder)


def _step_choose_place(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    folder = ix.root / ix.journal.case(rec.agenda_no).folder
    target = folder / rec.original_name
    if target.exists() and not _holds(target, rec.sha256):
        target = F.free_name(folder, rec.original_name)
    rec = ix.journal.set_state(rec.id, J.MEMINDAH, target_path=ix.rel(target))
    crash_point("before_move")
    return rec


def _step_move(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    try:
        moved = F.finish_move(ix.abs(rec.source_path), ix.abs(rec.target_path), rec.sha256, crash=crash_point)
    except FileExistsError:  # something else took that name meanwhile: choose another
        return ix.journal.set_state(rec.id, J.BERKAS_DITULIS)
    if not moved:
        return _lost(ix, rec)
    crash_point("after_move")
    return ix.journal.set_state(rec.id, J.DIPINDAH, event="berkas_asli_dipindah", agenda_no=rec.agenda_no,
                                ke=rec.target_path)


def _step_register(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    from pipeline.agenda import letter_to_row

    case = ix.journal.case(rec.agenda_no)
    letter = ExtractedLetter.model_validate_json(case.letter_json)
    row = letter_to_row(case.agenda_no, datetime.fromisoformat(case.received_at), letter,
                        status=STATUS_TERCATAT, message=case.message)
    ix.journal.finish_registration(rec.id, case.agenda_no, row)
    shutil.rmtree(_stash_dir(ix, rec), ignore_errors=True)  # our own scratch copy, not an input
    return ix.journal.input(rec.id)


def _step_quarantine(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    target = ix.abs(rec.target_path)
    try:
        done = Q.quarantine_file(ix.abs(rec.source_path), target, sha256=rec.sha256, reason=rec.reason or "",
                                 original_name=rec.original_name, when=ix.settings.now(), crash=crash_point)
    except FileExistsError:  # the name was taken meanwhile: choose another
        return _begin_quarantine(ix, rec, rec.reason or "")
    if not done:
        return _lost(ix, rec)
    shutil.rmtree(_stash_dir(ix, rec), ignore_errors=True)
    return ix.journal.set_state(rec.id, J.DIKARANTINA, event="dikarantina", alasan=rec.reason, ke=rec.target_path)


_STEPS = {
    J.BARU: _step_new,
    J.MEMBACA: _step_read,
    J.BERNOMOR: _step_write_case,
    J.BERKAS_DITULIS: _step_choose_place,
    J.MEMINDAH: _step_move,
    J.DIPINDAH: _step_register,
    J.MENGKARANTINA: _step_quarantine,
}


# ---- helpers ---------------------------------------------------------------------------


def _begin_quarantine(ix: Intake, rec: J.InputRecord, reason: str, **details: object) -> J.InputRecord:
    target = Q.choose_target(ix.root, rec.original_name)
    rec = ix.journal.set_state(rec.id, J.MENGKARANTINA, event="mulai_karantina", target_path=ix.rel(target),
                               reason=reason, alasan=reason, **details)
    crash_point("before_quarantine")
    return rec


def _lost(ix: Intake, rec: J.InputRecord) -> J.InputRecord:
    # Someone took the file away before we finished; record it loudly, never guess.
    return ix.journal.set_state(rec.id, J.HILANG, event="berkas_hilang", agenda_no=rec.agenda_no,
                                reason="Berkas tidak ditemukan lagi di tempatnya sebelum selesai diproses.",
                                dicari_di=[rec.source_path, rec.target_path])


def _holds(path: Path, sha256: str) -> bool:
    return path.is_file() and F.sha256_file(path) == sha256


def _stash_dir(ix: Intake, rec: J.InputRecord) -> Path:
    return ix.root / J.JOURNAL_DIR / STASH_DIR / str(rec.id)


def _read_into_stash(source: Path, stash: Path) -> None:
    """Read the letter and keep the results; data.json is written last (it marks "done")."""
    from pipeline.core import settings as config
    from pipeline.read.isolated import read_letter_isolated

    # In a child process with a hard time limit: a hostile file must not hang or crash
    # the watcher. Forkserver, because this process runs observer threads.
    timeout = float(config.load("limits")["seconds_per_document"])
    reading = read_letter_isolated(source, want_pdf=True, timeout=timeout, context="forkserver")
    if reading.searchable_pdf:
        F.write_atomic(stash / "ocr.pdf", reading.searchable_pdf)
    F.write_atomic(stash / TEXT_FILE, reading.text.encode("utf-8"))
    payload = {"sumber_teks": reading.doc.source, "jenis": reading.sniffed.kind,
               "surat": reading.letter.model_dump(mode="json")}
    F.write_atomic(stash / DATA_FILE, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))


def _load_stash(stash: Path) -> dict:
    return json.loads((stash / DATA_FILE).read_text(encoding="utf-8"))


def _allocate(ix: Intake, rec: J.InputRecord, stashed: dict) -> J.InputRecord:
    from pipeline.register.casefolder import case_folder_name, safe_child

    letter = ExtractedLetter.model_validate(stashed["surat"])
    received = datetime.fromisoformat(rec.received_at)
    stage_dir = ix.stage_dir()

    def folder_for(agenda_no: str) -> str:
        child = safe_child(stage_dir, case_folder_name(agenda_no, letter.nama_perusahaan))
        return child.relative_to(ix.root).as_posix()

    ix.journal.allocate_case(
        rec.id, year=received.year, number_pattern=ix.settings.agenda_number, folder_for=folder_for,
        stage=ix.settings.stage_folders.get(STATUS_TERCATAT, "01-tercatat"), status=STATUS_TERCATAT,
        company=letter.nama_perusahaan, nomor_surat=letter.nomor_surat, dup_key=rescan_key(letter),
        message_for=_rescan_message, letter_json=letter.model_dump_json(),
    )
    crash_point("after_allocate")
    return ix.journal.input(rec.id)


def rescan_key(letter: ExtractedLetter) -> str | None:
    """Same letter number from the same company: most likely the same letter scanned again."""
    if not letter.nomor_surat or not letter.nama_perusahaan:
        return None
    return f"{_norm(letter.nomor_surat)}|{_norm(letter.nama_perusahaan)}"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _rescan_message(earlier: str | None) -> str:
    if not earlier:
        return ""
    return (f"Mungkin duplikat dari agenda {earlier}: nomor surat dan perusahaan sama "
            "(pindaian ulang?). Periksa sebelum diproses lebih lanjut.")


def _ocr_name(original_name: str) -> str:
    stem = original_name.rsplit(".", 1)[0] if "." in original_name.lstrip(".") else original_name
    return f"{stem}.ocr.pdf"


def _case_data(rec: J.InputRecord, case: J.CaseRecord, stashed: dict) -> bytes:
    data = {
        "nomor_agenda": case.agenda_no,
        "tanggal_terima": case.received_at,
        "status": case.status,
        "berkas_asli": rec.original_name,
        "sha256": rec.sha256,
        "pesan_sistem": case.message,
        **{k: v for k, v in stashed.items() if k != "surat"},
        "surat": stashed["surat"],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _write_disposition(ix: Intake, folder: Path, case: J.CaseRecord, stashed: dict) -> None:
    from pipeline.documents import disposition as documents

    try:
        office = config.load("office")
    except FileNotFoundError:
        office = {}
    documents.write_disposition_sheet(
        folder / DISPOSITION_FILE, agenda_no=case.agenda_no, received=datetime.fromisoformat(case.received_at),
        letter=ExtractedLetter.model_validate(stashed["surat"]), office=office,
    )


# ---- the agenda outbox ----------------------------------------------------------------


def flush_outbox(ix: Intake) -> int:
    """Apply waiting agenda writes in order; returns how many are still waiting.

    The backend decides each write against a fresh read of the agenda (`Agenda.apply`):
    a registration row is only added when its No. Agenda is not in the agenda yet, so a
    crash (or a timed-out request that did succeed) between writing the agenda and marking
    the outbox never duplicates a row nor overwrites what an official has since typed into
    it. A row update is only written to a row that exists (people delete rows), and its
    Status only while the cell still holds what the official had typed (`_status_jika`).
    """
    items = ix.journal.pending_outbox()
    if not items:
        return 0
    from pipeline.agenda import AgendaBusy

    try:
        ix.agenda().apply([_write_of(i) for i in items])
        crash_point("after_agenda_write")
    except AgendaBusy as exc:
        _outbox_failed(ix, items, "agenda_sibuk", exc.message)
        return len(items)
    except Exception as exc:  # an outage (disk, network, a damaged workbook): keep the rows, try again later
        _outbox_failed(ix, items, "agenda_gagal", getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")
        return len(items)
    ix.journal.outbox_done([i.id for i in items])
    return 0


def _write_of(item: J.OutboxItem):
    from pipeline.agenda import AgendaWrite

    if item.kind == "tambah_baris":
        return AgendaWrite("tambah", item.agenda_no, _known_columns(item.payload))
    if item.kind == "ubah_baris":
        payload = dict(item.payload)
        status_if = payload.pop("_status_jika", None)
        status = payload.pop("Status", None) if status_if is not None else None
        return AgendaWrite("ubah", item.agenda_no, _known_columns(payload), status=status,
                           status_if=None if status_if is None else str(status_if))
    kind = {"evaluasi_isi": "evaluasi_isi", "evaluasi_hasil": "evaluasi_hasil"}[item.kind]
    return AgendaWrite(kind, item.agenda_no, payload=dict(item.payload))


def _known_columns(row: dict[str, str]) -> dict[str, str]:
    """Drop columns the agenda config no longer has: a queued row must not block the queue."""
    from pipeline.agenda import KEY, layout

    columns = set(layout().columns) | {KEY}
    return {k: v for k, v in row.items() if k in columns and not k.startswith("_")}


def _outbox_failed(ix: Intake, items: list[J.OutboxItem], what: str, message: str) -> None:
    if items[0].attempts == 0:  # log the first failure only; retries are counted, not logged
        ix.journal.log(what, pesan=message, menunggu=len(items))
    ix.journal.outbox_failed([i.id for i in items], message)
