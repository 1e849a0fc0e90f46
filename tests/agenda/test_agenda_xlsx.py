"""The local xlsx agenda, on real files: one scenario per behaviour."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from pipeline.agenda import KEY, AgendaBusy, layout, letter_to_row, open_agenda
from pipeline.agenda.xlsx import workbook as xlsx_mod
from pipeline.agenda.xlsx.workbook import XlsxAgenda
from pipeline.core.models import ExtractedLetter

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def agenda(tmp_path: Path) -> XlsxAgenda:
    a = XlsxAgenda(tmp_path / "agenda.xlsx")
    a.ensure()
    return a


def sheet(path: Path):
    wb = openpyxl.load_workbook(path)
    return wb, wb["Agenda"]


def col_of(ws, header: str, header_row: int = 1) -> int:
    for cell in ws[header_row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header}")


def row_of(ws, key: str) -> int:
    c = col_of(ws, KEY)
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, c).value == key:
            return r
    raise AssertionError(f"no row {key}")


def seed(agenda: XlsxAgenda, *keys: str) -> None:
    agenda.upsert_rows([{KEY: k, "Perusahaan": f"PT {k}", "Pesan Sistem": ""} for k in keys])


# --- structure ---------------------------------------------------------------------------


def test_ensure_creates_header_bold_frozen_in_config_order(agenda):
    _, ws = sheet(agenda.path)
    headers = [c.value for c in ws[1]]
    assert headers == list(layout().columns)
    for required in ("No. Agenda", "Tanggal Terima", "Nomor Surat", "Tanggal Surat", "Perihal", "Perusahaan",
                     "Media", "Jenis Media", "NPWP", "NIB", "Status", "Catatan", "Pesan Sistem"):
        assert required in headers
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"


def test_status_dropdown_offers_the_contract_statuses(agenda):
    _, ws = sheet(agenda.path)
    dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(dvs) == 1
    letter = openpyxl.utils.get_column_letter(col_of(ws, "Status"))
    assert f"{letter}2" in dvs[0].sqref and f"{letter}5000" in dvs[0].sqref
    assert dvs[0].formula1 == '"Tercatat,Didisposisi,Diverifikasi,Diteliti,Disetujui,Ditolak,Diproses,Selesai"'


def test_ensure_twice_changes_nothing(agenda):
    before = agenda.path.read_bytes()
    mtime = agenda.path.stat().st_mtime_ns
    agenda.ensure()
    assert agenda.path.read_bytes() == before
    assert agenda.path.stat().st_mtime_ns == mtime


def test_ensure_adds_missing_columns_and_keeps_peoples_columns(tmp_path):
    path = tmp_path / "agenda.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Agenda"
    ws.append(["No. Agenda", "Keterangan Pak Budi", "Status"])
    ws.append(["001/2026", "sudah ditelepon", "Didisposisi"])
    wb.save(path)
    XlsxAgenda(path).ensure()
    _, ws = sheet(path)
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["No. Agenda", "Keterangan Pak Budi", "Status"]
    assert set(layout().columns) <= set(headers)
    assert ws.cell(2, 2).value == "sudah ditelepon"
    assert XlsxAgenda(path).read_rows()["001/2026"]["Status"] == "Didisposisi"


def test_upsert_creates_the_workbook_when_missing(tmp_path):
    a = XlsxAgenda(tmp_path / "sub" / "agenda.xlsx")
    a.upsert_rows([{KEY: "001/2026", "Perusahaan": "PT A"}])
    assert a.read_rows()["001/2026"]["Perusahaan"] == "PT A"


def test_open_agenda_defaults_to_root_agenda_xlsx(tmp_path):
    a = open_agenda(tmp_path)
    assert isinstance(a, XlsxAgenda)
    assert a.path == tmp_path / "agenda.xlsx"
    assert str(tmp_path / "agenda.xlsx") in a.describe()


# --- text safety ---------------------------------------------------------------------------


def test_formula_like_company_is_stored_as_plain_text(agenda):
    agenda.upsert_rows([{KEY: "001/2026", "Perusahaan": HYPERLINK}])
    _, ws = sheet(agenda.path)
    cell = ws.cell(row_of(ws, "001/2026"), col_of(ws, "Perusahaan"))
    assert cell.data_type == "s"
    assert cell.value == HYPERLINK
    assert cell.quotePrefix  # stays text even if someone edits the cell in Excel
    assert agenda.read_rows()["001/2026"]["Perusahaan"] == HYPERLINK


@pytest.mark.parametrize("value", ["+6281234567", "-1+2", "@SUM(A1:A2)", "=1+1"])
def test_injection_leads_are_neutralised_but_readable(agenda, value):
    agenda.upsert_rows([{KEY: "001/2026", "Alamat": value}])
    _, ws = sheet(agenda.path)
    cell = ws.cell(row_of(ws, "001/2026"), col_of(ws, "Alamat"))
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", value, True)


def test_plain_text_gets_no_quote_prefix(agenda):
    agenda.upsert_rows([{KEY: "001/2026", "Perusahaan": "PT Maju"}])
    _, ws = sheet(agenda.path)
    assert not ws.cell(row_of(ws, "001/2026"), col_of(ws, "Perusahaan")).quotePrefix


def test_npwp_keeps_leading_zero_as_text(agenda):
    agenda.upsert_rows([{KEY: "001/2026", "NPWP": "012345678901000", "Telepon": "081234567890"}])
    _, ws = sheet(agenda.path)
    r = row_of(ws, "001/2026")
    for header, value in (("NPWP", "012345678901000"), ("Telepon", "081234567890")):
        cell = ws.cell(r, col_of(ws, header))
        assert (cell.value, cell.data_type, cell.number_format) == (value, "s", "@")
    assert agenda.read_rows()["001/2026"]["NPWP"] == "012345678901000"


def test_control_characters_are_dropped_not_fatal(agenda):
    agenda.upsert_rows([{KEY: "001/2026", "Perihal": "Permohonan\x00 kerja\x07 sama"}])
    assert agenda.read_rows()["001/2026"]["Perihal"] == "Permohonan kerja sama"


# --- people working in the sheet ----------------------------------------------------------


def test_upsert_finds_the_row_after_people_sort_rows(agenda):
    seed(agenda, "001/2026", "002/2026", "003/2026")
    wb, ws = sheet(agenda.path)
    rows = [[c.value for c in ws[r]] for r in (2, 3, 4)]
    for r, values in zip((2, 3, 4), reversed(rows)):  # sorted Z→A by hand
        for c, v in enumerate(values, start=1):
            ws.cell(r, c).value = v
    wb.save(agenda.path)
    agenda.upsert_rows([{KEY: "002/2026", "Pesan Sistem": "diperbarui"}])
    rows = agenda.read_rows()
    assert rows["002/2026"]["Pesan Sistem"] == "diperbarui"
    assert rows["001/2026"]["Pesan Sistem"] == rows["003/2026"]["Pesan Sistem"] == ""
    assert rows["002/2026"]["Perusahaan"] == "PT 002/2026"


def test_upsert_survives_inserted_blank_row_and_new_column(agenda):
    seed(agenda, "001/2026", "002/2026")
    wb, ws = sheet(agenda.path)
    ws.insert_rows(3)  # a blank row between the two letters
    ws.insert_cols(2)  # a column of their own, before everything else
    ws.cell(1, 2).value = "Paraf"
    ws.cell(row_of(ws, "002/2026"), 2).value = "BS"
    wb.save(agenda.path)
    agenda.upsert_rows([{KEY: "002/2026", "Pesan Sistem": "ok"}, {KEY: "003/2026", "Perusahaan": "PT C"}])
    _, ws = sheet(agenda.path)
    r = row_of(ws, "002/2026")
    assert ws.cell(r, col_of(ws, "Pesan Sistem")).value == "ok"
    assert ws.cell(r, col_of(ws, "Paraf")).value == "BS"
    assert ws.cell(row_of(ws, "001/2026"), col_of(ws, "Pesan Sistem")).value is None
    assert row_of(ws, "003/2026") == r + 1  # appended below the last filled row
    assert all(c.value is None for c in ws[3])  # the blank row stays blank


def test_officials_edits_survive_a_pipeline_update(agenda):
    received = datetime(2026, 11, 12, 9, 30)
    letter = ExtractedLetter(nama_perusahaan="PT Maju", npwp="012345678901000")
    agenda.upsert_rows([letter_to_row("001/2026", received, letter)])
    wb, ws = sheet(agenda.path)
    r = row_of(ws, "001/2026")
    ws.cell(r, col_of(ws, "Catatan")).value = "lengkapi akta"
    ws.cell(r, col_of(ws, "Nilai Kerja Sama")).value = 15000000.0  # typed as a number
    wb.save(agenda.path)
    agenda.upsert_rows([{KEY: "001/2026", "Tahap": "Verifikasi", "Pesan Sistem": "menunggu"}])
    row = agenda.read_rows()["001/2026"]
    assert row["Catatan"] == "lengkapi akta"
    assert row["Nilai Kerja Sama"] == "15000000"
    assert row["Status"] == "Tercatat"
    assert (row["Tahap"], row["Pesan Sistem"]) == ("Verifikasi", "menunggu")


def test_read_rows_skips_rows_without_agenda_number(agenda):
    seed(agenda, "001/2026")
    wb, ws = sheet(agenda.path)
    ws.cell(5, col_of(ws, "Catatan")).value = "catatan lepas"
    wb.save(agenda.path)
    assert list(agenda.read_rows()) == ["001/2026"]


# --- locking and atomicity ------------------------------------------------------------------


@pytest.mark.parametrize("lock_name", ["~$agenda.xlsx", ".~lock.agenda.xlsx#"])
def test_lock_file_means_busy_and_workbook_untouched(agenda, lock_name):
    seed(agenda, "001/2026")
    before = agenda.path.read_bytes()
    (agenda.path.parent / lock_name).write_text("user")
    with pytest.raises(AgendaBusy):
        agenda.upsert_rows([{KEY: "001/2026", "Pesan Sistem": "x"}])
    assert agenda.path.read_bytes() == before
    assert agenda.read_rows()["001/2026"]["Perusahaan"] == "PT 001/2026"  # reading still works


def test_crash_mid_write_leaves_old_workbook_intact(agenda, monkeypatch):
    seed(agenda, "001/2026")
    before = agenda.path.read_bytes()

    def crash(wb, tmp, *signs_as):
        tmp.write_bytes(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx_mod, "_write_workbook", crash)
    with pytest.raises(OSError, match="disk full"):
        agenda.upsert_rows([{KEY: "002/2026", "Perusahaan": "PT B"}])
    assert agenda.path.read_bytes() == before
    assert sorted(p.name for p in agenda.path.parent.iterdir()) == ["agenda.xlsx"]  # no temp left


def test_file_permissions_are_kept_across_a_write(agenda):
    os.chmod(agenda.path, 0o664)
    seed(agenda, "001/2026")
    assert agenda.path.stat().st_mode & 0o777 == 0o664


def test_unknown_column_is_refused_before_writing(agenda):
    before = agenda.path.read_bytes()
    with pytest.raises(ValueError):
        agenda.upsert_rows([{KEY: "001/2026", "Perusahaan": "PT A"}, {KEY: "002/2026", "Bukan Kolom": "x"}])
    assert agenda.path.read_bytes() == before


# --- letter_to_row ------------------------------------------------------------------------------


def test_letter_to_row_round_trips_through_the_agenda(agenda):
    letter = ExtractedLetter(
        nomor_surat="045/MM/XI/2026",
        tanggal_surat="2026-11-10",
        nama_perusahaan="PT Media Maju",
        nama_media="Trenggalek Today",
        jenis_media="online",
        npwp="012345678901000",
        status_dewan_pers="terverifikasi_faktual",
        ukw_utama=True,
        perlu_ditinjau=["npwp", "nama_media"],
    )
    row = letter_to_row("001/2026", datetime(2026, 11, 12, 9, 30), letter, message="perlu dicek")
    assert "Catatan" not in row and "Nilai Kerja Sama" not in row  # officials' columns untouched
    agenda.upsert_rows([row])
    got = agenda.read_rows()["001/2026"]
    assert got["Tanggal Terima"] == "2026-11-12 09:30"
    assert got["Tanggal Surat"] == "2026-11-10"
    assert got["Jenis Media"] == "Online"
    assert got["Status Dewan Pers"] == "Terverifikasi faktual"
    assert got["UKW Utama"] == "Ya"
    assert got["Perlu Ditinjau"] == "NPWP, Media"
    assert (got["Status"], got["Pesan Sistem"]) == ("Tercatat", "perlu dicek")
    assert got["NIB"] == ""


def test_changed_status_list_updates_the_dropdown(tmp_path):
    path = tmp_path / "agenda.xlsx"
    XlsxAgenda(path).ensure()
    lay = layout()
    changed = type(lay)(**{**lay.__dict__, "statuses": lay.statuses + ("Dibatalkan",)})
    XlsxAgenda(path, changed).ensure()
    _, ws = sheet(path)
    dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(dvs) == 1 and dvs[0].formula1.endswith(',Selesai,Dibatalkan"')


def test_header_below_a_title_row_is_found(tmp_path):
    path = tmp_path / "agenda.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Agenda"
    ws.append(["BUKU AGENDA SURAT MASUK 2026"])
    ws.append(list(layout().columns))
    ws.append(["001/2026", "2026-11-12 09:30"])
    wb.save(path)
    a = XlsxAgenda(path)
    a.upsert_rows([{KEY: "001/2026", "Pesan Sistem": "ok"}, {KEY: "002/2026", "Perusahaan": "PT B"}])
    rows = a.read_rows()
    assert rows["001/2026"]["Pesan Sistem"] == "ok" and rows["002/2026"]["Perusahaan"] == "PT B"
    _, ws = sheet(path)
    assert ws.cell(1, 1).value == "BUKU AGENDA SURAT MASUK 2026" and ws.freeze_panes == "A3"


def test_sheet_without_agenda_column_is_refused_not_overwritten(tmp_path):
    path = tmp_path / "agenda.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Agenda"
    wb.active.append(["Nomor", "Nama"])
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(Exception, match="No. Agenda"):
        XlsxAgenda(path).ensure()
    assert path.read_bytes() == before


def test_empty_upsert_touches_nothing_even_when_locked(agenda):
    before = agenda.path.read_bytes()
    (agenda.path.parent / "~$agenda.xlsx").write_text("user")
    agenda.upsert_rows([])
    assert agenda.path.read_bytes() == before


def test_an_agenda_that_is_not_a_workbook_is_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    # e.g. someone saved a CSV or a text file under the agenda's name
    path = tmp_path / "agenda.xlsx"
    path.write_text("No. Agenda;Perusahaan\n", encoding="utf-8")
    from pipeline.core.errors import KerjasamaError

    with pytest.raises(KerjasamaError) as caught:
        XlsxAgenda(path).read_rows()
    assert caught.value.code == "agenda_unreadable"
    assert path.read_text(encoding="utf-8") == "No. Agenda;Perusahaan\n"  # left as it was
