"""`kerjasama doctor`: checks the machine and the shared folder, and says what to fix.

One Indonesian line per check: OK, PERINGATAN (works, but something is missing or
optional), or GAGAL (must be fixed before the pipeline can do its job). Exit 0 when
nothing failed, 1 otherwise. Doctor only looks; it changes nothing on disk.
"""
from __future__ import annotations

import importlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pipeline.agenda.registry import open_agenda
from pipeline.agenda.gsheets.doctor import check as check_sheets
from pipeline.cli.main import default_root  # cli.main names this module only by import string: no cycle
from pipeline.core import paths as P
from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError
from pipeline.documents.placeholders import check_office
from pipeline.journal import backup as B
from pipeline.journal.store import check_before_open, journal_path
from pipeline.tools import libreoffice, rapidocr, tesseract
from pipeline.tools.probe import at_least

Level = Literal["OK", "PERINGATAN", "GAGAL"]

APT_INSTALL = "jalankan: sudo apt-get install"
SETUP_FIX = "jalankan: make setup (atau .venv/bin/pip install -r requirements.lock)"

# Import name -> distribution name (what pip installs), for the packages the code uses.
PACKAGES = {
    "pdfplumber": "pdfplumber",
    "pypdfium2": "pypdfium2",
    "pytesseract": "pytesseract",
    "cv2": "opencv-python-headless",
    "numpy": "numpy",
    "PIL": "pillow",
    "docx": "python-docx",
    "docxtpl": "docxtpl",
    "openpyxl": "openpyxl",
    "gspread": "gspread",
    "watchdog": "watchdog",
    "pydantic": "pydantic",
    "yaml": "pyyaml",
}

# Layout of CONTRACT.md: (name, is_dir).
LAYOUT = ((P.INBOX, True), (P.QUARANTINE, True), (P.ARCHIVE, True), (P.AGENDA_XLSX, False), (P.STATE_DIR, True))

DISK_FAIL_BYTES = 200 * 1024**2  # below this a few scans and a contract no longer fit
DISK_WARN_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Check:
    level: Level
    name: str
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.level:<10} {self.name}: {self.detail}"
        return f"{text} — {self.fix}" if self.fix else text


def run(args) -> int:
    root = Path(getattr(args, "root", None) or default_root())
    checks = [*check_tesseract(), check_packages(), check_config(), *[Check(*f) for f in check_office()],
              *check_root(root), check_journal(root), check_disk(root), check_libreoffice(), check_second_engine()]
    for c in checks:
        print(c.line())
    failed = sum(c.level == "GAGAL" for c in checks)
    warned = sum(c.level == "PERINGATAN" for c in checks)
    print(f"Hasil: {failed} gagal, {warned} peringatan.")
    return 1 if failed else 0


# ---------------------------------------------------------------------------- Tesseract


def check_tesseract() -> list[Check]:
    # The same probe the OCR checks before it runs, so both agree on path, version and models.
    p = tesseract.probe()
    install = f"{APT_INSTALL} tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"
    if not p.found:
        if p.path is None:
            return [Check("GAGAL", "Tesseract OCR", "tidak ditemukan", install)]
        return [Check("GAGAL", "Tesseract OCR", p.message)]  # there, but does not run; the message says how to fix
    if at_least(p.version, p.minimum):
        checks = [Check("OK", "Tesseract OCR", f"versi {p.version}")]
    else:
        checks = [Check("GAGAL", "Tesseract OCR", f"versi {p.version or '(tidak terbaca)'} terlalu lama, minimal {p.minimum}",
                        f"{install} (versi {p.minimum} atau lebih baru)")]
    languages = p.details.get("languages") or ()
    # ind/eng read the letters; osd only guesses page orientation, so it is a warning.
    for model, needed, purpose in (("ind", True, "bahasa Indonesia"), ("eng", True, "bahasa Inggris"), ("osd", False, "deteksi arah halaman")):
        name = f"model Tesseract '{model}' ({purpose})"
        if model in languages:
            checks.append(Check("OK", name, "terpasang"))
        else:
            checks.append(Check("GAGAL" if needed else "PERINGATAN", name, "belum terpasang", f"{APT_INSTALL} tesseract-ocr-{model}"))
    return checks


# ---------------------------------------------------------------------------- Python


def check_packages() -> Check:
    broken = [f"{mod} ({dist})" for mod, dist in PACKAGES.items() if not _importable(mod)]
    if broken:
        return Check("GAGAL", "paket Python", "tidak dapat diimpor: " + ", ".join(broken), SETUP_FIX)
    return Check("OK", "paket Python", f"{len(PACKAGES)} paket dapat diimpor")


def _importable(module: str) -> bool:
    # A real import, not find_spec: a wheel with a broken native library is found but fails here.
    try:
        importlib.import_module(module)
    except Exception:
        return False
    return True


def check_config() -> Check:
    try:
        limits = config.load("limits")
        missing = [k for k in ("max_bytes", "max_pages", "max_pixels_per_page", "render_dpi") if k not in limits]
    except Exception as exc:  # a broken YAML file must be reported, not crash the doctor
        return Check("GAGAL", "konfigurasi", f"limits.yaml tidak dapat dibaca ({_first_line(exc)})", "perbaiki berkas itu atau hapus agar bawaan dipakai")
    if missing:
        return Check("GAGAL", "konfigurasi", f"limits.yaml tidak memuat {', '.join(missing)}", "lengkapi berkas itu atau hapus agar bawaan dipakai")
    return Check("OK", "konfigurasi", "limits.yaml terbaca")


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


# ---------------------------------------------------------------------------- shared folder


def check_root(root: Path) -> list[Check]:
    found = _check_root(root)
    if found[0].level == "OK" or not _local_agenda():  # Google Sheets does not depend on the shared folder
        found += check_agenda(root)
    return found


def _check_root(root: Path) -> list[Check]:
    name = f"folder bersama {root}"
    init = f"jalankan: kerjasama init --root {root}"
    if root.exists() and not root.is_dir():
        return [Check("GAGAL", name, "ada, tetapi bukan folder", "pilih folder lain dengan --root atau KERJASAMA_ROOT")]
    if not root.exists():
        parent = _existing_parent(root)
        if parent is None or not _writable_dir(parent):
            return [Check("GAGAL", name, f"belum ada dan tidak dapat dibuat ({parent} tidak dapat ditulisi)", "periksa hak akses atau pilih folder lain dengan --root")]
        return [Check("PERINGATAN", name, "belum ada (dapat dibuat)", init)]
    if not _writable_dir(root):
        return [Check("GAGAL", name, "tidak dapat ditulisi", f"periksa hak akses: sudo chown -R $USER {root}")]
    return [Check("OK", name, "ada dan dapat ditulisi"), check_layout(root, init)]


def check_layout(root: Path, init: str) -> Check:
    missing, wrong = [], []
    for item, is_dir in _layout():
        path = root / item
        label = f"{item}/" if is_dir else item
        if not path.exists():
            missing.append(label)
        elif path.is_dir() != is_dir:
            wrong.append(label)
    if wrong:
        return Check("GAGAL", "susunan folder", "berjenis salah (folder/berkas tertukar): " + ", ".join(wrong), "pindahkan atau ganti nama lalu " + init)
    if missing:
        return Check("PERINGATAN", "susunan folder", "belum ada: " + ", ".join(missing), init)
    return Check("OK", "susunan folder", ", ".join(f"{i}/" if d else i for i, d in _layout()) + " lengkap")


def _layout() -> tuple[tuple[str, bool], ...]:
    """CONTRACT.md's layout; agenda.xlsx only when the agenda is that local file."""
    return LAYOUT if _local_agenda() else tuple(x for x in LAYOUT if x[0] != P.AGENDA_XLSX)


def _local_agenda() -> bool:
    try:
        return str(config.load("agenda").get("backend", "xlsx")) == "xlsx"
    except Exception:  # a broken agenda.yaml is reported by check_agenda
        return True


def check_agenda(root: Path) -> list[Check]:
    """Opens the configured agenda the way the pipeline does and reads its rows."""
    try:
        agenda = open_agenda(root)
    except Exception as exc:  # a bad config/agenda.yaml is a finding, not a crash
        return [Check("GAGAL", "agenda", f"konfigurasi agenda tidak dapat dipakai ({_first_line(exc)})", "perbaiki config/agenda.yaml")]
    if hasattr(agenda, "settings"):  # Google Sheets: credentials, access, sharing, edit right
        return [Check(*finding) for finding in check_sheets(agenda)]
    path = getattr(agenda, "path", None)
    if path is not None and not path.exists():
        return []  # the layout check already says to run `kerjasama init`
    try:
        rows = agenda.read_rows()
    except Exception as exc:  # damaged or foreign file
        return [Check("GAGAL", "agenda", f"{agenda.describe()} tidak dapat dibaca ({_first_line(exc)})", "pulihkan dari cadangan atau simpan ulang dari Excel sebagai .xlsx")]
    return [Check("OK", "agenda", f"{agenda.describe()}; {len(rows)} surat tercatat"), *check_stale_locks(agenda)]


def check_stale_locks(agenda) -> list[Check]:
    """A lock file left behind is ignored by the pipeline; the office should remove it."""
    return [Check("PERINGATAN", "kunci agenda",
                  f"{lock.path.name} tampak basi ({lock.stale_reason}) dan tidak dianggap; agenda tetap ditulis",
                  f"bila tidak ada yang sedang membuka agenda, hapus berkas itu: rm '{lock.path}'")
            for lock in getattr(agenda, "stale_locks", lambda: [])()]


def check_journal(root: Path) -> Check:
    """SQLite's full integrity_check on the journal (read-only), and the newest backup to restore from."""
    path = journal_path(root)
    newest = B.newest_journal_copy(root)
    backups = f"cadangan terbaru {newest.name}" if newest else "belum ada cadangan"
    if not path.exists() and newest is None:
        return Check("OK", "jurnal", f"belum ada (dibuat oleh `kerjasama watch` atau `ingest`); {backups}")
    try:
        check_before_open(path)
        db = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5.0)
        try:
            found = [str(r[0]) for r in db.execute("PRAGMA integrity_check(5)").fetchall()]
            cases = db.execute("SELECT count(*) FROM cases").fetchone()[0] if found == ["ok"] else 0
        finally:
            db.close()
    except KerjasamaError as exc:
        return Check("GAGAL", "jurnal", exc.message)
    except sqlite3.Error as exc:
        found = [f"SQLite: {exc}"]
    if found != ["ok"]:
        return Check("GAGAL", "jurnal", f"{path} rusak (PRAGMA integrity_check: {'; '.join(found)[:200]})",
                     B.restore_hint(root))
    if newest is None:
        return Check("PERINGATAN", "jurnal", f"utuh (PRAGMA integrity_check), {cases} perkara; {backups}",
                     f"jalankan: kerjasama backup --root {root} (`kerjasama watch` membuatnya sekali sehari)")
    return Check("OK", "jurnal", f"utuh (PRAGMA integrity_check), {cases} perkara; {backups}")


def _existing_parent(path: Path) -> Path | None:
    for parent in path.absolute().parents:
        if parent.exists():
            return parent
    return None


def _writable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


# ---------------------------------------------------------------------------- machine


def check_disk(root: Path) -> Check:
    where = root if root.exists() else _existing_parent(root)
    if where is None:
        return Check("PERINGATAN", "ruang disk", "tidak dapat diperiksa")
    free = shutil.disk_usage(where).free
    detail = f"{free / 1024**3:.1f}".replace(".", ",") + f" GB bebas di {where}"
    if free < DISK_FAIL_BYTES:
        return Check("GAGAL", "ruang disk", detail, "kosongkan ruang disk (minimal 200 MB)")
    if free < DISK_WARN_BYTES:
        return Check("PERINGATAN", "ruang disk", detail, "sebaiknya sediakan minimal 2 GB")
    return Check("OK", "ruang disk", detail)


def check_second_engine() -> Check:
    # Optional: without it hard scans are read by Tesseract alone (more values to check).
    name = "Mesin OCR kedua (RapidOCR, untuk foto dan fotokopi)"
    p = rapidocr.probe()
    if p.ok:
        return Check("OK", name, p.message)
    return Check("PERINGATAN", name, f"{p.message}; pindaian sulit hanya dibaca Tesseract",
                 "jalankan `make setup` (memasang paket dari requirements.lock)")


def check_libreoffice() -> Check:
    # Optional: only used to make PDF copies of the contracts. Same lookup as the conversion.
    name, install = "LibreOffice (salinan PDF kontrak)", f"opsional, {APT_INSTALL} libreoffice-writer"
    p = libreoffice.probe()
    if p.ok:
        return Check("OK", name, f"versi {p.version} ({p.path})")
    if p.path is None:
        return Check("PERINGATAN", name, "tidak ada; kontrak hanya dibuat sebagai .docx", install)
    return Check("PERINGATAN", name, f"{p.message}; kontrak tetap dibuat sebagai .docx", install)
