"""Helpers for the SOP steps 2-7 tests: a registered ROOT, and an official's hands."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl

from pipeline import cli
from pipeline import register as I
from pipeline.agenda import KEY, open_agenda
from pipeline.agenda.xlsx.sheet_ops import find_header, key_index
from pipeline.policy.evaluation import load as load_evaluation
from pipeline.intake.worker import InboxWorker

LETTERS = Path(__file__).parent / "fixtures" / "samples"
PDF1 = LETTERS / "surat_01_arjunakanal-com.pdf"
PDF2 = LETTERS / "surat_02_koran-harian-cempaka-pos.pdf"
PDF3 = LETTERS / "surat_03_gaungwilis-id.pdf"
REPO = Path(__file__).resolve().parent.parent


def settings() -> I.IntakeSettings:
    return I.IntakeSettings(stability_seconds=0, check_interval_seconds=0.05, ingest_max_wait_seconds=30,
                            pdf_copies=False)


def register(root: Path, *letters: Path) -> list[str]:
    """Ingest the letters into a fresh ROOT; returns their agenda numbers in order."""
    ix = I.Intake.open(root, settings())
    try:
        ix.inbox.mkdir(parents=True, exist_ok=True)
        for f in letters:
            shutil.copyfile(f, ix.inbox / f.name)
        InboxWorker(ix, log=lambda m: None).run_until_empty(30)
        I.flush_outbox(ix)
        return [c.agenda_no for c in ix.journal.cases()]
    finally:
        ix.close()


def clone(template: Path, root: Path) -> Path:
    shutil.copytree(template, root)
    return root


def mark(root: Path, agenda_no: str, status: str, catatan: str | None = None) -> int:
    args = ["mark", agenda_no, status, "--root", str(root)]
    return cli.main(args + (["--catatan", catatan] if catatan is not None else []))


def sync(root: Path):
    """One sync cycle in-process; returns the SyncResult."""
    from pipeline.steps.sync import sync_once

    ix = I.Intake.open(root, settings())
    try:
        return sync_once(ix, log=lambda m: None)
    finally:
        ix.close()


def type_cells(root: Path, sheet: str, agenda_no: str, cells: dict[str, object], *, by: str | None = None) -> None:
    """What a person does in Excel: type into the row, save (Excel records who saved, `by`)."""
    path = root / "agenda.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header_row, headers = find_header(ws)
    row = key_index(ws, header_row, headers[KEY])[agenda_no]
    for header, value in cells.items():
        ws.cell(row, headers[header]).value = value
    if by is not None:
        wb.properties.lastModifiedBy = by
    wb.save(path)


def answers(**overrides: str) -> dict[str, str]:
    cfg = load_evaluation()
    out = {c.kolom: ("faktual" if key == cfg.kelas_criterion else "Ya") for key, c in cfg.criteria.items()}
    out.update({cfg.criteria[k].kolom: v for k, v in overrides.items()})
    return out


def rows(root: Path) -> dict[str, dict[str, str]]:
    return open_agenda(root).read_rows()


def sheet_row(root: Path, sheet: str, agenda_no: str) -> dict[str, object]:
    wb = openpyxl.load_workbook(root / "agenda.xlsx", data_only=True)
    ws = wb[sheet]
    header_row, headers = find_header(ws)
    r = key_index(ws, header_row, headers[KEY])[agenda_no]
    return {h: ws.cell(r, c).value for h, c in headers.items()}


def db(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")


def case(root: Path, agenda_no: str) -> tuple[str, str]:
    """(status, folder) of a case in the journal."""
    return db(root).execute("SELECT status, folder FROM cases WHERE agenda_no = ?", (agenda_no,)).fetchone()


def status_events(root: Path, agenda_no: str) -> list[tuple[str, str]]:
    import json

    found = db(root).execute("SELECT details FROM events WHERE what = 'status_diubah' AND agenda_no = ? ORDER BY id",
                             (agenda_no,)).fetchall()
    return [(json.loads(d)["lama"], json.loads(d)["baru"]) for (d,) in found]


def tree(root: Path) -> list[str]:
    """Every file and folder people see (not the journal, not the agenda itself)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if ".kerjasama" not in p.parts and p.name != "agenda.xlsx")


def docx_text(path: Path) -> str:
    document = docx.Document(path)  # must open as a valid .docx
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def walk(root: Path, agenda_no: str, to: str, *, nilai: str = "15.000.000", jangka: str = "12 bulan",
         evaluation: dict[str, str] | None = None) -> None:
    """Take a registered case through the SOP to `to` (Selesai or Ditolak), as officials would."""
    plan = ["Tercatat", "Didisposisi", "Diverifikasi", "Diteliti"] + (
        ["Ditolak"] if to == "Ditolak" else ["Disetujui", "Diproses", "Selesai"])
    current = case(root, agenda_no)[0]
    for status in plan[plan.index(current) + 1:]:
        if status == "Diverifikasi":
            type_cells(root, "Evaluasi", agenda_no, evaluation or answers())
        if status == "Diproses":
            type_cells(root, "Agenda", agenda_no, {"Nilai Kerja Sama": nilai, "Jangka Waktu": jangka,
                                                   "Nomor Pihak Kedua": "017/PKS/AKI/XI/2026"})
        assert mark(root, agenda_no, status, catatan=f"catatan {status}") == 0
        result = sync(root)
        assert [a.new for a in result.applied] == [status], (status, result)
        if to == status:
            return


def sync_process(root: Path, crash_at: str | None = None) -> subprocess.CompletedProcess:
    """`kerjasama sync` as its own process (killed at `crash_at` when given), shipped config only."""
    env = {k: v for k, v in os.environ.items() if k not in ("KERJASAMA_CRASH_AT", "KERJASAMA_CONFIG_DIR")}
    if crash_at:
        env["KERJASAMA_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "pipeline", "sync", "--root", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
