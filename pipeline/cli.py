"""The `kerjasama` command line (see CONTRACT.md)."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kerjasama", description="Pipeline SOP 7.1 Kerja Sama Media Massa")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="baca satu surat dan cetak isian yang diekstrak")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="cetak sebagai satu objek JSON")
    sub.add_parser("doctor", help="periksa lingkungan (Tesseract, model bahasa, folder, agenda)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    print(f"perintah {args.command} belum tersedia", file=sys.stderr)
    return 2
