"""`kerjasama mark | sync | report` (see CONTRACT.md).

`mark` edits the agenda exactly as an official does in Excel: it writes Status (and
Catatan) straight into the workbook and does nothing else — no journal, no worker lock,
so it works while `watch` runs, like a person's edit. It takes only the short agenda-file
lock the worker also takes around each save, so the two never lose one another's cells,
and it refuses (changing nothing) while the workbook is open in Excel/LibreOffice. The
status is acted on by the next `sync` cycle (or `watch`), which checks it like any other.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import journal as J
from pipeline import register as I
from pipeline.agenda import KEY, AgendaBusy, open_agenda
from pipeline.cli.intake import LOCK_WAIT_SECONDS, opened, worker_lock
from pipeline.core.errors import KerjasamaError
from pipeline.notify import notify_once
from pipeline.steps.report import format_table, period_text, report, save_chart
from pipeline.steps.sync import describe, status_events, summary, sync_once


def person_name() -> str:
    """The login of whoever runs the command: who an office program would record."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name (a service account without one)
        return "tidak diketahui"


def run_mark(args: argparse.Namespace) -> int:
    root = Path(args.root)
    agenda = open_agenda(root)
    key = " ".join(str(args.agenda_no).split())
    rows = agenda.read_rows()
    if key not in rows:
        raise KerjasamaError(f"Nomor agenda '{key}' tidak ada di agenda ({agenda.describe()}).", code="bad_args")
    cells = {KEY: key, "Status": args.status}
    if hasattr(agenda, "signs_as"):  # like Excel, the workbook records who typed it
        agenda.signs_as = person_name()
    if args.catatan is not None:
        cells["Catatan"] = args.catatan
    try:
        agenda.upsert_rows([cells])
    except AgendaBusy:
        raise KerjasamaError("Agenda sedang dibuka di Excel/LibreOffice; tutup dulu, lalu ulangi perintah ini "
                             "(tidak ada yang diubah).", code="busy") from None
    extra = " dan Catatan" if args.catatan is not None else ""
    print(f"{key}: Status '{args.status}'{extra} ditulis ke agenda. Perubahan diperiksa dan diterapkan oleh "
          "`kerjasama sync` (atau `kerjasama watch` yang sedang berjalan).")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    with opened(args) as ix, worker_lock(ix.root, wait=LOCK_WAIT_SECONDS):
        result = sync_once(ix, log=lambda m: print(m, file=sys.stderr))
        for line in describe(result):
            print(line)
        print(summary(result))
        notify_once(ix, log=lambda m: print(m, flush=True))
        if result.waiting_rows:
            print(f"{result.waiting_rows} penulisan agenda menunggu: agenda sedang dibuka. Ditulis otomatis pada "
                  "`kerjasama sync`/`watch` berikutnya setelah agenda ditutup.")
    return 1 if result.errors else 0


def run_report(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        raise KerjasamaError(f"Folder bersama {root} tidak ada; pilih yang benar dengan --root.", code="bad_root")
    settings = I.load_settings()
    now = settings.now()
    if J.journal_path(root).is_file():
        with J.Journal.open(root) as journal:
            events, received = status_events(journal)
    else:
        events, received = [], {}
    rows = report(events, now, received=received)
    print(f"Waktu layanan SOP 7.1 per langkah ({now:%Y-%m-%d %H:%M}); median dibanding waktu standar:")
    print(format_table(rows))
    first = min([*received.values(), *(e.at for e in events)], default=None)  # the period the chart covers
    chart = save_chart(rows, root / "laporan" / f"waktu-layanan-{now:%Y-%m-%d}.png", period=period_text(first, now))
    print(f"\nGrafik: {chart}")
    return 0
