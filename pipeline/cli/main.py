"""The `kerjasama` command line (see CONTRACT.md).

This module only parses arguments and dispatches; each command lives in the module
that does its job. User-facing messages are Indonesian; a failure is one line on
stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from pipeline.cli.argparse_id import Parser
from pipeline.core.errors import KerjasamaError

# command -> (module, function), named by import string and imported only when the command
# runs: start-up speed, not a cycle (`kerjasama extract` does not import the watcher, agenda
# or journal, and vice versa). It also keeps this module free of the command modules, so
# they may import `default_root` from here.
COMMANDS = {
    "extract": ("pipeline.cli.extract", "run"),
    "doctor": ("pipeline.cli.doctor", "run"),
    "init": ("pipeline.cli.intake", "run_init"),
    "ingest": ("pipeline.cli.intake", "run_ingest"),
    "watch": ("pipeline.cli.intake", "run_watch"),
    "status": ("pipeline.cli.intake", "run_status"),
    "mark": ("pipeline.cli.workflow", "run_mark"),
    "sync": ("pipeline.cli.workflow", "run_sync"),
    "report": ("pipeline.cli.workflow", "run_report"),
    "buku-agenda": ("pipeline.cli.agenda_book", "run"),
    "backup": ("pipeline.cli.ops", "run_backup"),
    "restore": ("pipeline.cli.ops", "run_restore"),
    "service": ("pipeline.cli.service", "run_service"),
}


def default_root() -> str:
    return os.environ.get("KERJASAMA_ROOT") or "./data"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="kerjasama", description="Pipeline SOP 7.1 Kerja Sama Media Massa")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    def with_root(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--root", default=None, metavar="FOLDER", help="folder bersama (bawaan: $KERJASAMA_ROOT atau ./data)")
        return p

    p = sub.add_parser("extract", help="baca satu surat dan cetak isian yang diekstrak")
    p.add_argument("file", help="berkas surat (PDF, PNG, JPEG, TIFF)")
    p.add_argument("--json", action="store_true", help="cetak sebagai satu objek JSON")
    with_root(sub.add_parser("doctor", help="periksa lingkungan (Tesseract, model bahasa, folder, agenda)"))
    with_root(sub.add_parser("init", help="buat struktur folder dan agenda bila belum ada"))
    with_root(sub.add_parser("ingest", help="proses semua berkas di masuk/ sekali, lalu selesai"))
    with_root(sub.add_parser("watch", help="pantau masuk/ dan agenda terus-menerus"))
    p = with_root(sub.add_parser("status", help="daftar perkara"))
    p.add_argument("--json", action="store_true", help="cetak sebagai JSON")
    p = with_root(sub.add_parser("mark", help="tulis Status (dan Catatan) ke agenda seperti pejabat menulisnya"))
    p.add_argument("agenda_no", metavar="NO_AGENDA", help="nomor agenda, mis. 001/KSM/2026")
    p.add_argument("status", metavar="STATUS", help="status baru, mis. Didisposisi")
    p.add_argument("--catatan", default=None, help="catatan pejabat (kolom Catatan)")
    with_root(sub.add_parser("sync", help="terapkan perubahan status di agenda sekali, lalu selesai"))
    with_root(sub.add_parser("report", help="laporan waktu layanan per langkah SOP (tabel dan grafik)"))
    p = with_root(sub.add_parser("buku-agenda", help="buku agenda satu bulan atau satu tahun sebagai PDF di laporan/"))
    period = p.add_mutually_exclusive_group(required=True)
    period.add_argument("--bulan", metavar="TAHUN-BULAN", help="bulan penerimaan surat, mis. 2026-11")
    period.add_argument("--tahun", metavar="TAHUN", help="tahun penerimaan surat, mis. 2026")
    with_root(sub.add_parser("backup", help="buat cadangan jurnal dan agenda di .kerjasama/cadangan/"))
    p = with_root(sub.add_parser("restore", help="pulihkan jurnal atau agenda dari satu berkas cadangan"))
    p.add_argument("--dari", required=True, metavar="BERKAS", help="berkas cadangan (jurnal-*.sqlite3 atau agenda-*.xlsx)")
    p = with_root(sub.add_parser("service", help="layanan systemd yang menjalankan `kerjasama watch`"))
    p.add_argument("action", choices=("print", "install"), help="print: tampilkan unit; install: pasang dan aktifkan")
    p.add_argument("--user", default="kerjasama", help="pengguna sistem layanan (bawaan: kerjasama)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "root", "unset") is None:
        args.root = default_root()
    module_name, func_name = COMMANDS[args.command]
    try:
        func = getattr(importlib.import_module(module_name), func_name)
        return int(func(args) or 0)
    except KerjasamaError as exc:
        print(f"kerjasama: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kerjasama: dihentikan.", file=sys.stderr)
        return 130
