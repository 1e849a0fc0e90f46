"""`kerjasama init | ingest | watch | status` (see CONTRACT.md); `watch` also polls the agenda.

Only one process works on a ROOT at a time (a lock file under .kerjasama/), so an
`ingest` started while `watch` runs cannot hand out the same agenda number twice.
"""
from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipeline import journal as J
from pipeline import register as I
from pipeline.agenda import AgendaBusy
from pipeline.agenda.gsheets.client import AgendaUnavailable, SheetsSettings, key_file_problem
from pipeline.core import fileops as F
from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError
from pipeline.core.logs import log_to_file
from pipeline.core.paths import RootPaths, UnsafeFolder, check_plain_folder
from pipeline.intake.watcher import watch
from pipeline.intake.worker import InboxWorker
from pipeline.notify import notify_once
from pipeline.policy import sop
from pipeline.register import quarantine as Q
from pipeline.steps.sync import case_sla, describe, live_cases, sync_once

LOCK_WAIT_SECONDS = 30


# ---- the folder tree ----------------------------------------------------------------


def ensure_tree(root: Path, settings: I.IntakeSettings) -> list[Path]:
    """Create ROOT's folders if missing; returns those it created."""
    if root.exists() and not root.is_dir():
        raise KerjasamaError(f"{root} bukan folder; pilih folder bersama yang benar dengan --root.", code="bad_root")
    wanted = RootPaths(root).fixed_folders()
    wanted += [root / rel for rel in settings.stage_folders.values()]
    wanted += [root / s.folder for s in _sop_statuses() if "{" not in s.folder]
    created = []
    for folder in wanted:
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise KerjasamaError(f"Tidak bisa membuat folder {folder}: {exc.strerror}", code="bad_root") from exc
            created.append(folder)
    return created


def _sop_statuses() -> list:
    return list(sop.load().statuses.values())


def _ensure_agenda(ix: I.Intake, *, outage_ok: bool = False) -> str:
    """Set the agenda up; `watch` goes on through an outage (rows wait in the journal), `init` does not."""
    agenda = ix.agenda()
    try:
        agenda.ensure()
    except AgendaBusy as exc:
        return f"{agenda.describe()} — {exc.message}"
    except AgendaUnavailable as exc:
        if not outage_ok:
            raise
        return f"{agenda.describe()} — {exc.message}"
    except KerjasamaError as exc:
        # A workbook half-copied over the network: `watch` keeps registering (rows wait) and
        # writes again once the file is whole; it is never touched meanwhile.
        if not outage_ok or exc.code != "agenda_unreadable":
            raise
        return f"{agenda.describe()} — {exc.message}"
    return agenda.describe()


@contextmanager
def worker_lock(root: Path, *, wait: float) -> Iterator[None]:
    """Only one process works on a ROOT at a time (registration, agenda writes)."""
    path = RootPaths(root).worker_lock
    try:
        with F.locked(path, wait=wait) as held:
            if not held:
                print(f"kerjasama: peringatan: tidak bisa mengunci {path}; "
                      "pastikan hanya satu proses kerjasama berjalan untuk folder ini.", file=sys.stderr)
            yield
    except F.LockBusy:
        raise KerjasamaError(
            f"Folder {root} sedang diproses oleh proses kerjasama lain (mis. `kerjasama watch`); "
            "tunggu sampai selesai atau hentikan proses itu dulu.", code="busy") from None


def refuse_unsafe_setup(root: Path, settings: I.IntakeSettings) -> None:
    """Refuse to work with a Google key clerks can copy, or folders that lead out of ROOT (links)."""
    cfg = config.load("agenda")
    if str(cfg.get("backend", "xlsx")) == "google_sheets":
        key = SheetsSettings.from_config(cfg.get("google_sheets")).key_file()
        problem = key_file_problem(key, root) if key is not None else None
        if problem:
            raise KerjasamaError(problem, code="unsafe_key")
    paths = RootPaths(root)
    # The folders inputs and case folders are moved into (masuk/ and .kerjasama/ are read or
    # private; a linked .kerjasama/ may keep the journal on a local disk on purpose).
    for folder in [paths.quarantine, paths.archive,
                   *(root / rel for rel in settings.stage_folders.values()),
                   *(root / s.folder for s in _sop_statuses() if "{" not in s.folder)]:
        try:
            check_plain_folder(root, folder)
        except UnsafeFolder as exc:
            raise KerjasamaError(exc.message, code="unsafe_folder") from None


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[I.Intake]:
    root = Path(args.root)
    settings = I.load_settings()
    refuse_unsafe_setup(root, settings)
    ensure_tree(root, settings)
    log = config.settings("operations").log
    with log_to_file(root, max_bytes=log.max_bytes, keep=log.keep_files):  # ROOT/.kerjasama/log/kerjasama.log
        try:
            ix = I.Intake.open(root, settings)
        except sqlite3.Error as exc:
            raise KerjasamaError(f"Jurnal {J.journal_path(root)} tidak bisa dibuka: {exc}", code="bad_root") from exc
        try:
            yield ix
        finally:
            ix.close()


# ---- console output ----------------------------------------------------------------


def print_outcome(o: I.Outcome) -> None:
    if o.kind == "terdaftar":
        line = f"TERCATAT   {o.agenda_no}  {o.company or '(perusahaan tidak terbaca)'}  ← {o.name}"
        if o.message:
            line += f"\n           ! {o.message}"
    elif o.kind == "dikarantina":
        line = f"KARANTINA  {o.name}: {o.reason}"
    elif o.kind == "terlampir":
        line = f"TERLAMPIR  {o.agenda_no}  {o.company or '(perusahaan tidak terbaca)'}  ← {o.name}"
        if o.message:
            line += f"\n           ! {o.message}"
    else:
        line = f"HILANG     {o.name}: {o.reason}"
    print(line, flush=True)


def _summary(ix: I.Intake, outcomes: list[I.Outcome], waiting_rows: int, waiting_files: int) -> None:
    done = sum(o.kind == "terdaftar" for o in outcomes)
    quarantined = sum(o.kind == "dikarantina" for o in outcomes)
    attached = sum(o.kind == "terlampir" for o in outcomes)
    also = f", {attached} pindaian ulang dilampirkan" if attached else ""  # the usual line stays as it was
    print(f"Selesai: {done} surat tercatat{also}, {quarantined} berkas dikarantina.")
    if waiting_rows:
        print(f"{waiting_rows} baris agenda menunggu: {waiting_reasons(ix)}. "
              "Baris itu ditulis otomatis pada `kerjasama ingest`/`watch` berikutnya.")
    if waiting_files:
        print(f"{waiting_files} berkas di {ix.inbox} masih terus berubah (sedang disalin?) dan belum diproses.")


def waiting_reasons(ix: I.Intake) -> str:
    """Why agenda rows wait, in the agenda's own words (open in Excel, unreachable, or refused)."""
    reasons = sorted({i.last_error for i in ix.journal.pending_outbox() if i.last_error})
    return "; ".join(reasons) or "agenda belum dapat ditulis"


# ---- commands --------------------------------------------------------------------------


def run_init(args: argparse.Namespace) -> int:
    with opened(args) as ix:
        print(f"Folder bersama siap: {ix.root.resolve()}")
        print(f"  letakkan surat pindaian di : {ix.inbox}")
        print(f"  berkas yang ditolak         : {Q.quarantine_dir(ix.root)}")
        print(f"  agenda                      : {_ensure_agenda(ix)}")
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    with opened(args) as ix, worker_lock(ix.root, wait=LOCK_WAIT_SECONDS):
        outcomes: list[I.Outcome] = []

        def report(o: I.Outcome) -> None:
            outcomes.append(o)
            print_outcome(o)

        held_back = len(ix.journal.pending_outbox())
        worker = InboxWorker(ix, report=report, log=lambda m: print(m, file=sys.stderr))
        waiting_files = worker.run_until_empty(ix.settings.ingest_max_wait_seconds)
        waiting_rows = I.flush_outbox(ix)
        notify_once(ix, log=lambda m: print(m, flush=True))
        _summary(ix, outcomes, waiting_rows, waiting_files)
        if held_back and not waiting_rows:
            print(f"{held_back} baris agenda yang tertunda sudah ditulis.")
        if worker.failed:
            print(f"kerjasama: {len(worker.failed)} berkas gagal diproses karena galat (lihat pesan di atas); "
                  "berkas tetap di masuk/ dan dicoba lagi pada proses berikutnya.", file=sys.stderr)
            return 1
    return 0


def run_watch(args: argparse.Namespace) -> int:
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        stop.set()  # only a flag: the worker loop finishes the file in hand and exits

    with opened(args) as ix, worker_lock(ix.root, wait=0):
        previous = {s: signal.signal(s, request_stop) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            print(f"Letakkan surat pindaian di: {ix.inbox.resolve()}", flush=True)
            print(f"Agenda: {_ensure_agenda(ix, outage_ok=True)}", flush=True)
            print("Tekan Ctrl-C untuk berhenti.", flush=True)
            said: set[str] = set()  # what the polls have said of a trouble that lasts
            watch(ix, stop, report=print_outcome, log=lambda m: print(m, flush=True),
                  agenda_poll=lambda: _sync_cycle(ix, said))
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
        waiting = I.flush_outbox(ix)
        if waiting:
            print(f"{waiting} baris agenda masih menunggu: {waiting_reasons(ix)}.")
        print("Pemantauan dihentikan.", flush=True)
    return 0


def _sync_cycle(ix: I.Intake, said: set[str]) -> None:
    """One sync cycle of `watch`. A trouble that lasts (Google unreachable) is printed once,
    not on every poll, until a cycle goes through without trouble (`said` remembers)."""

    def say(message: str) -> None:
        if message not in said:
            print(message, flush=True)
        said.add(message)

    result = sync_once(ix, log=say)
    for line in describe(result):
        say(line)
    if not result.errors:
        said.clear()


def status_rows(root: Path) -> list[dict[str, object]]:
    if not J.journal_path(root).is_file():
        return []
    settings = I.load_settings()
    now = settings.now()
    rows = []
    with J.Journal.open(root) as journal:
        for c in live_cases(journal):  # not a number given to a file taken away mid-way
            sla = case_sla(c, now, settings.tz())
            rows.append({
                "no_agenda": c.agenda_no,
                "perusahaan": c.company,
                "status": c.status,
                "tahap": c.stage,
                "langkah": sla.step.number if sla.step else None,
                "tenggat": sla.due.isoformat(timespec="minutes") if sla.due else None,
                "terlambat": sla.overdue if sla.step else None,
                "tanggal_terima": c.received_at,
                "folder": c.folder,
                "pesan_sistem": c.refusal or c.message,
            })
    return rows


def run_status(args: argparse.Namespace) -> int:
    if not Path(args.root).is_dir():  # a mistyped --root is not "no letters yet"
        raise KerjasamaError(f"Folder bersama {args.root} tidak ada; pilih yang benar dengan --root "
                             "(atau jalankan `kerjasama init`).", code="bad_root")
    rows = status_rows(Path(args.root))
    if getattr(args, "json", False):
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Belum ada surat yang tercatat.")
        return 0
    headers = ("No. Agenda", "Perusahaan", "Status", "Tahap", "Tenggat", "Terlambat")
    table = [
        (r["no_agenda"], r["perusahaan"] or "-", r["status"], r["tahap"],
         str(r["tenggat"] or "-").replace("T", " ")[:16],
         {True: "ya", False: "tidak"}.get(r["terlambat"], "-"))  # type: ignore[arg-type]
        for r in rows
    ]
    widths = [min(40, max(len(str(x)) for x in col)) for col in zip(headers, *table)]
    for line in [headers, *table]:
        print("  ".join(str(v)[:w].ljust(w) for v, w in zip(line, widths)).rstrip())
    return 0
