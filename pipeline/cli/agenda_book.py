"""`kerjasama buku-agenda --bulan YYYY-MM | --tahun YYYY [--root DIR]` (CONTRACT.md).

Writes the printable agenda book of the period as ROOT/laporan/buku-agenda-<period>.pdf
(the .docx beside it) and prints the PDF's path.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from pipeline import register as I
from pipeline.agenda import open_agenda
from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError
from pipeline.documents import pdf_copy
from pipeline.documents.agenda_book import Period, write_agenda_book


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        raise KerjasamaError(f"Folder bersama {root} tidak ada; pilih yang benar dengan --root.", code="bad_root")
    try:
        period = Period.parse(bulan=args.bulan, tahun=args.tahun)
    except ValueError as exc:
        raise KerjasamaError(str(exc), code="bad_args") from None
    rows = open_agenda(root).read_rows()
    docx = write_agenda_book(root / "laporan" / f"buku-agenda-{period.slug}.docx", rows=rows, period=period,
                             office=config.load("office"), printed=I.load_settings().now().date())
    pdf = pdf_copy(docx)
    if pdf is None:
        raise KerjasamaError(f"LibreOffice tidak ditemukan, PDF tidak dapat dibuat; buku agenda tersimpan sebagai "
                             f"{docx} (pasang: make system).", code="libreoffice_missing")
    print(pdf)
    return 0
