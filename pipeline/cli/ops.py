"""`kerjasama backup` and `kerjasama restore --dari FILE` (see README, "Backups").

`backup` runs beside `watch` (the journal is copied with SQLite's online backup API, the
workbook under its short agenda lock). `restore` needs ROOT to itself: it takes the worker
lock (so `watch` must be stopped), checks the copy, keeps the current file as one more backup
and only then puts the copy in place.
"""
from __future__ import annotations

import argparse
import re
import shutil
import string
import zipfile
from pathlib import Path

import openpyxl

from pipeline import journal as J
from pipeline.agenda import KEY, open_agenda
from pipeline.cli.intake import worker_lock
from pipeline.core import fileops as F
from pipeline.core.errors import KerjasamaError
from pipeline.core.logs import log_to_file
from pipeline.core.paths import RootPaths
from pipeline.core.settings import settings
from pipeline.journal import backup as B
from pipeline.register import load_settings


def logged(root: Path):
    log = settings("operations").log
    return log_to_file(root, max_bytes=log.max_bytes, keep=log.keep_files)


def run_backup(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        raise KerjasamaError(f"Folder bersama {root} tidak ada; pilih yang benar dengan --root.", code="bad_root")
    with logged(root):
        return _backup(root)


def _backup(root: Path) -> int:
    written = B.backup(root, load_settings().now())
    for path in written:
        print(f"Cadangan: {path}")
    print(f"Disimpan {settings('operations').backup.keep} cadangan terakhir per jenis di {B.backup_dir(root)}.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    root, copy = Path(args.root), Path(args.dari)
    if not copy.is_file():
        raise KerjasamaError(f"Berkas cadangan {copy} tidak ada.", code="bad_args")
    if not root.is_dir():
        raise KerjasamaError(f"Folder bersama {root} tidak ada; pilih yang benar dengan --root.", code="bad_root")
    with logged(root):
        return _restore(root, copy)


def _restore(root: Path, copy: Path) -> int:
    now = load_settings().now()
    with worker_lock(root, wait=0):
        with open(copy, "rb") as fh:
            head = fh.read(len(B.SQLITE_MAGIC))
        if head == B.SQLITE_MAGIC:
            checked = B.check_journal_copy(copy)
            target = B.restore_journal(root, copy, now)
            print(f"Jurnal dipulihkan dari {copy} ({checked.summary}) ke {target}.")
            for year, last in keep_numbers_given(root).items():
                print(f"Nomor agenda {year} dilanjutkan setelah nomor urut {last} yang sudah ada di agenda "
                      "(diberikan sesudah cadangan itu dibuat).")
            print("Jurnal sebelumnya disimpan di " + str(B.backup_dir(root)) + ". Jalankan `kerjasama sync` agar "
                  "agenda menyesuaikan.")
            return 0
        if zipfile.is_zipfile(copy):
            restore_agenda(root, copy, now)
            return 0
    raise KerjasamaError(f"{copy.name} bukan cadangan kerjasama (bukan jurnal SQLite maupun agenda .xlsx).",
                         code="bad_args")


def keep_numbers_given(root: Path) -> dict[int, int]:
    """After a journal restore: agenda numbers handed out since that backup are in the agenda,
    not in the journal. Never give one again: each year's serial goes past the highest there.
    Returns the years whose serial was raised, with the serial they now continue after."""
    try:
        numbers = list(open_agenda(root).read_rows())
    except Exception as exc:  # an agenda that cannot be read now: say so, the restore stands
        print(f"PERINGATAN agenda tidak terbaca ({exc}); periksa sendiri bahwa nomor agenda berikutnya belum "
              "dipakai.")
        return {}
    shape = agenda_number_shape(load_settings().agenda_number)
    highest: dict[int, int] = {}
    for number in numbers:
        found = shape.fullmatch(str(number).strip())
        if found:
            year, serial = int(found["year"]), int(found["serial"])
            highest[year] = max(serial, highest.get(year, 0))
    raised = {}
    with J.Journal.open(root) as journal, journal.transaction() as db:
        for year, serial in sorted(highest.items()):
            if serial > journal.last_serial(year):
                db.execute("INSERT INTO serials(year, last) VALUES (?, ?) "
                           "ON CONFLICT(year) DO UPDATE SET last = excluded.last", (year, serial))
                journal._log(db, "nomor_agenda_dilanjutkan", agenda_no=None, input_id=None,
                             details={"tahun": year, "urut_terakhir": serial, "sebab": "pemulihan jurnal"})
                raised[year] = serial
    return raised


def agenda_number_shape(pattern: str) -> re.Pattern[str]:
    """A regular expression for the agenda numbers `pattern` (e.g. "{serial:03d}/KSM/{year}") makes."""
    parts = []
    for text, field, _spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(text))
        if field in ("serial", "year"):
            parts.append(rf"(?P<{field}>\d+)")
        elif field is not None:
            parts.append(".*?")
    return re.compile("".join(parts))


def check_agenda_copy(path: Path) -> int:
    """The copy opens as a workbook with the Agenda sheet and its key column; returns its rows."""
    sheet_name = settings("agenda").worksheet
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise KerjasamaError(f"{path.name} tidak dapat dibaca sebagai berkas Excel: {exc}", code="bad_backup") from None
    try:
        if sheet_name not in wb.sheetnames:
            raise KerjasamaError(f"{path.name} tidak memuat lembar '{sheet_name}'; bukan cadangan agenda.",
                                 code="bad_backup")
        rows = wb[sheet_name].iter_rows(values_only=True)
        header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
        if KEY not in header:
            raise KerjasamaError(f"Lembar '{sheet_name}' di {path.name} tidak punya kolom '{KEY}'.", code="bad_backup")
        return sum(1 for r in rows if r and r[header.index(KEY)] not in (None, ""))
    finally:
        wb.close()


def restore_agenda(root: Path, copy: Path, now) -> None:
    target = B.agenda_file(root)
    if target is None:
        raise KerjasamaError("Agenda memakai Google Sheets (config/agenda.yaml); cadangan .xlsx tidak dipulihkan ke "
                             "sana. Impor berkasnya lewat Google Sheets bila perlu.", code="bad_args")
    rows = check_agenda_copy(copy)
    open_marks = [target.with_name(n) for n in (f"~${target.name}", f".~lock.{target.name}#")]
    if any(p.exists() for p in open_marks):
        raise KerjasamaError("Agenda sedang dibuka di Excel/LibreOffice; tutup dulu, lalu ulangi (tidak ada yang "
                             "diubah).", code="busy")
    with F.locked(RootPaths(root).agenda_lock, wait=B.LOCK_WAIT_SECONDS):
        if target.is_file():
            keep = B.backup_dir(root) / f"{B.AGENDA_PREFIX}{B.stamp(now)}-sebelum-pulih{target.suffix}"
            F.replace_atomic(keep, lambda tmp: shutil.copyfile(target, tmp))
        F.replace_atomic(target, lambda tmp: shutil.copyfile(copy, tmp))
    print(f"Agenda dipulihkan dari {copy} ({rows} baris) ke {target}; agenda sebelumnya disimpan di "
          f"{B.backup_dir(root)}. Jalankan `kerjasama sync` agar kolom sistem menyesuaikan jurnal.")
