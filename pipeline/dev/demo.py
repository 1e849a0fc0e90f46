"""`make demo`: the whole SOP 7.1 on two sample letters, in a fresh folder.

Drops two sample letters into ROOT/masuk/, registers them with `kerjasama ingest`, then
walks one to `Selesai` (with its contract) and the other to `Ditolak` using only the
commands officials use (`kerjasama mark`, `kerjasama sync`). What an official types into
the spreadsheet besides Status — the verifier's answers in the `Evaluasi` sheet, Nilai
Kerja Sama and Jangka Waktu — is typed here with openpyxl, the way Excel would save it.

    python -m pipeline.dev.demo [--root ./demo-data]      (the folder is wiped first)
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

from pipeline.agenda import KEY, open_agenda
from pipeline.core.paths import RootPaths
from pipeline.agenda.xlsx.sheet_ops import find_header, key_index
from pipeline.policy.evaluation import load as load_evaluation

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "fixtures" / "samples"
LETTERS = ("surat_01_arjunakanal-com.pdf", "surat_02_koran-harian-cempaka-pos.pdf")


def kerjasama(root: Path, *args: str) -> str:
    """Run one `kerjasama` command as a person would, echoing it and its output."""
    print(f"\n$ kerjasama {' '.join(args)}", flush=True)
    done = subprocess.run([sys.executable, "-m", "pipeline", *args, "--root", str(root)], cwd=REPO,
                          capture_output=True, text=True, env=os.environ.copy())
    print(done.stdout.rstrip(), flush=True)
    if done.returncode != 0:
        raise SystemExit(f"demo: `kerjasama {' '.join(args)}` gagal ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def type_cells(root: Path, sheet: str, agenda_no: str, cells: dict[str, str]) -> None:
    """Type values into a row of the agenda workbook (found by No. Agenda), as in Excel."""
    path = RootPaths(root).agenda_xlsx
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header_row, headers = find_header(ws)
    row = key_index(ws, header_row, headers[KEY])[agenda_no]
    for header, value in cells.items():
        ws.cell(row, headers[header]).value = value
    wb.save(path)
    print(f"  (pejabat mengisi lembar '{sheet}' baris {agenda_no}: "
          + ", ".join(f"{h} = {v}" for h, v in cells.items()) + ")")


def answers(**overrides: str) -> dict[str, str]:
    """The verifier's answers by column header: every criterion met unless overridden."""
    cfg = load_evaluation()
    out = {c.kolom: ("faktual" if key == cfg.kelas_criterion else "Ya") for key, c in cfg.criteria.items()}
    out.update({cfg.criteria[k].kolom: v for k, v in overrides.items()})
    return out


def agenda_numbers(root: Path) -> list[str]:

    return sorted(open_agenda(root).read_rows())


def run(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    kerjasama(root, "init")
    for name in LETTERS:
        shutil.copyfile(SAMPLES / name, RootPaths(root).inbox / name)
    kerjasama(root, "ingest")
    first, second = agenda_numbers(root)[:2]

    print("\n== Langkah 2: disposisi ==")
    for no in (first, second):
        kerjasama(root, "mark", no, "Didisposisi", "--catatan", "Mohon diverifikasi dan dievaluasi.")
    kerjasama(root, "mark", second, "Disetujui")  # an illegal jump: refused, nothing moves
    kerjasama(root, "sync")
    kerjasama(root, "mark", second, "Didisposisi")
    kerjasama(root, "sync")

    print("\n== Langkah 3: verifikasi dan evaluasi ==")
    for no in (first, second):
        kerjasama(root, "mark", no, "Diverifikasi")
    kerjasama(root, "sync")  # refused: only what the letters state is pre-filled so far
    type_cells(root, "Evaluasi", first, answers())
    type_cells(root, "Evaluasi", second, answers(rekening="Tidak", usia_media="Tidak", dewan_pers="belum"))
    kerjasama(root, "sync")  # the same requests, now complete

    print("\n== Langkah 4-5: penelitian dan keputusan ==")
    for no in (first, second):
        kerjasama(root, "mark", no, "Diteliti", "--catatan", "Hasil evaluasi sudah diteliti.")
    kerjasama(root, "sync")
    kerjasama(root, "mark", first, "Disetujui", "--catatan", "Ditetapkan sebagai mitra publikasi.")
    kerjasama(root, "mark", second, "Ditolak", "--catatan", "Persyaratan wajib tidak terpenuhi.")
    kerjasama(root, "sync")

    print("\n== Langkah 6-7: perjanjian dan arsip ==")
    kerjasama(root, "mark", first, "Diproses")
    kerjasama(root, "sync")  # refused: Nilai Kerja Sama and Jangka Waktu are still empty
    type_cells(root, "Agenda", first, {"Nilai Kerja Sama": "15.000.000", "Jangka Waktu": "12 bulan",
                                       "Nomor Pihak Kedua": "017/PKS/AKI/XI/2026"})
    kerjasama(root, "sync")
    kerjasama(root, "mark", first, "Selesai", "--catatan", "Perjanjian sudah ditandatangani kedua pihak.")
    kerjasama(root, "sync")

    kerjasama(root, "status")
    kerjasama(root, "report")
    contract = next(RootPaths(root).archive.glob("*/*/perjanjian_kerja_sama.docx"))
    rejection = next(RootPaths(root).archive.glob("*/ditolak/*/berita_acara_penolakan.docx"))
    print("\n== Hasil ==")
    print(f"Perjanjian kerja sama : {contract}")
    print(f"Arsip perkara selesai : {contract.parent}")
    print(f"Arsip perkara ditolak : {rejection.parent}")
    print(f"Agenda                : {RootPaths(root).agenda_xlsx}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.dev.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default="./demo-data", help="folder demo (dihapus dulu)")
    run(Path(parser.parse_args(argv).root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
