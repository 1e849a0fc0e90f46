"""The Riwayat sheet, the refused status put back, and the contract's end date, on real registered letters."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from pipeline import cli
from pipeline.agenda.xlsx import riwayat
from pipeline.steps.sync import pengingat
from workflow_util import PDF1, PDF2, case, clone, mark, register, rows, sync, type_cells, walk


@pytest.fixture(scope="module")
def registered(tmp_path_factory) -> tuple[Path, list[str]]:
    template = tmp_path_factory.mktemp("terdaftar") / "root"
    return template, register(template, PDF1, PDF2)


@pytest.fixture
def root(registered, tmp_path) -> Path:
    return clone(registered[0], tmp_path / "root")


def history(root: Path) -> list[dict[str, str]]:
    return riwayat.read(openpyxl.load_workbook(root / "agenda.xlsx"))


def test_every_status_change_and_note_is_a_row_once(root, registered):
    no = registered[1][0]
    assert mark(root, no, "Didisposisi", catatan="Segera diverifikasi") == 0
    sync(root)
    type_cells(root, "Agenda", no, {"Catatan": "Mohon dilengkapi rekening bank"})  # a note without a status
    sync(root)
    before = (root / "agenda.xlsx").read_bytes()
    sync(root)  # idle: nothing new, the workbook is not rewritten
    assert (root / "agenda.xlsx").read_bytes() == before
    mine = [r for r in history(root) if r["No. Agenda"] == no]
    assert [(r["Dari"], r["Ke"], r["Catatan"]) for r in mine] == [
        ("", "Tercatat", "Surat dicatat dan diberi nomor agenda."),
        ("Tercatat", "Didisposisi", "Segera diverifikasi"),
        ("Didisposisi", "Didisposisi", "Mohon dilengkapi rekening bank"),
    ]
    assert all(r["Waktu"] and r["Oleh"] for r in mine)
    assert len({r["No."] for r in history(root)}) == len(history(root))  # no duplicates


def test_history_note_stays_text_never_a_formula(root, registered):
    no = registered[1][1]
    type_cells(root, "Agenda", no, {"Catatan": "-2+3 @cek ulang"})  # text a spreadsheet would take for a formula
    sync(root)
    ws = openpyxl.load_workbook(root / "agenda.xlsx")["Riwayat"]
    (cell,) = [c for c in ws["G"] if c.value == "-2+3 @cek ulang"]
    assert cell.data_type == "s" and cell.quotePrefix and ws.protection.sheet


def test_refused_status_is_put_back_and_says_what_was_typed(root, registered, capsys):
    no = registered[1][0]
    assert mark(root, no, "Disetujui") == 0
    result = sync(root)
    (refused,) = result.refused
    row = rows(root)[no]
    assert row["Status"] == "Tercatat"
    assert "'Disetujui'" in row["Pesan Sistem"] and "'Didisposisi'" in row["Pesan Sistem"]
    assert "dikembalikan ke 'Tercatat'" in row["Pesan Sistem"]
    assert not refused.waiting and case(root, no)[0] == "Tercatat"


def test_waiting_request_is_named_by_sync(root, registered, capsys):
    no = registered[1][0]
    walk(root, no, "Disetujui")
    assert mark(root, no, "Diproses") == 0
    capsys.readouterr()
    assert cli.main(["sync", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"MENUNGGU {no}: 'Diproses'" in out and "Nilai Kerja Sama belum diisi" in out
    assert f"1 masih menunggu isian ({no} → 'Diproses')" in out
    assert rows(root)[no]["Status"] == "Diproses"  # the request stays, applied once filled in


def test_contract_end_date_and_reminder(root, registered):
    no = registered[1][0]
    type_cells(root, "Agenda", no, {"Rekening Bank": "BRI 0123-01-000123-30-1"})
    walk(root, no, "Diproses", jangka="6 bulan")
    row = rows(root)[no]
    ends = date.fromisoformat(row["Tanggal Berakhir"])
    assert 180 <= (ends - date.today()).days <= 185
    assert row["Pengingat"] == ""


@pytest.mark.parametrize("days, shown", [(40, ""), (30, "dalam 30 hari"), (0, "dalam 0 hari"), (-1, "berakhir")])
def test_reminder_within_30_days(days, shown):
    today = date(2026, 12, 1)
    text = pengingat(date.fromordinal(today.toordinal() + days).isoformat(), today)
    assert (shown in text) if shown else text == ""


def test_disposition_record_carries_the_instruction_date_and_deadline(root, registered):
    from workflow_util import docx_text

    no = registered[1][1]
    assert mark(root, no, "Didisposisi", catatan="Verifikasi legalitas, laporkan hasilnya") == 0
    (applied,) = sync(root).applied
    text = docx_text(root / case(root, no)[1] / "lembar-disposisi.docx")
    assert "Verifikasi legalitas, laporkan hasilnya" in text
    assert text.count("Batas: ") == 3 and "Batas: ...." not in text  # every level has the SOP deadline
    assert "Tgl: ...." in text  # lower levels date their own hand-over
    assert "pukul" in text.split("Batas: ")[1]


def test_a_status_change_names_who_typed_it_in_riwayat_and_on_the_disposition(root, registered):
    no = registered[1][0]
    type_cells(root, "Agenda", no, {"Status": "Didisposisi", "Catatan": "Tindak lanjuti"}, by="Drs. Budi Kadis")
    sync(root)
    (row,) = [r for r in history(root) if r["No. Agenda"] == no and r["Ke"] == "Didisposisi"]
    assert row["Oleh"].startswith("Drs. Budi Kadis (diterapkan sistem:")
    from workflow_util import docx_text

    text = docx_text(root / case(root, no)[1] / "lembar-disposisi.docx")
    assert "diketik di agenda oleh Drs. Budi Kadis" in text


def test_who_is_unknown_when_the_agenda_does_not_say(root, registered):
    no = registered[1][0]
    type_cells(root, "Agenda", no, {"Status": "Didisposisi"})  # saved by a program that records nobody
    sync(root)
    (row,) = [r for r in history(root) if r["No. Agenda"] == no and r["Ke"] == "Didisposisi"]
    assert row["Oleh"].startswith("tidak diketahui (diterapkan sistem:")
