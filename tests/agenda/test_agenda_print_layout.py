"""agenda.xlsx as people see and print it: page set-up, dates, filter, protection (real files)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from pipeline.agenda import KEY, letter_to_row
from pipeline.agenda.xlsx.workbook import XlsxAgenda
from pipeline.core.models import ExtractedLetter
from pipeline.tools import libreoffice

RECEIVED = datetime(2026, 11, 12, 9, 30)


def letter(n: int) -> ExtractedLetter:
    return ExtractedLetter(nomor_surat=f"{n:03d}/MM/XI/2026", tanggal_surat="2026-11-10",
                           perihal="Permohonan kerja sama publikasi berita dan advertorial tahun 2027",
                           nama_perusahaan=f"Media Maju Sejahtera {n}", bentuk_badan_usaha="PT",
                           nama_media="Trenggalek Today", jenis_media="online")


@pytest.fixture
def agenda(tmp_path: Path) -> XlsxAgenda:
    a = XlsxAgenda(tmp_path / "agenda.xlsx")
    a.upsert_rows([letter_to_row(f"{n:03d}/KSM/2026", RECEIVED, letter(n), message="Tercatat.")
                   for n in range(1, 4)])
    return a


def cells(agenda: XlsxAgenda):
    wb = openpyxl.load_workbook(agenda.path)
    ws = wb["Agenda"]
    return ws, {c.value: c.column for c in ws[1]}


def test_prints_landscape_fitted_to_width_with_repeated_header_and_title(agenda):
    ws, headers = cells(agenda)
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert "Buku Agenda" in ws.oddHeader.center.text and "&P" in ws.oddFooter.center.text
    assert ws.cell(1, headers["Bentuk Badan Usaha"]).alignment.wrap_text


def test_dates_are_date_cells_read_back_as_iso_text(agenda):
    ws, headers = cells(agenda)
    assert ws.cell(2, headers["Tanggal Terima"]).value == RECEIVED
    assert ws.cell(2, headers["Tanggal Surat"]).value in (date(2026, 11, 10), datetime(2026, 11, 10))
    row = agenda.read_rows()["001/KSM/2026"]
    assert row["Tanggal Terima"] == "2026-11-12 09:30" and row["Tanggal Surat"] == "2026-11-10"
    assert ws.cell(2, headers["Perihal"]).alignment.wrap_text


def test_autofilter_covers_every_row(agenda):
    ws, headers = cells(agenda)
    last = openpyxl.utils.get_column_letter(max(headers.values()))
    assert ws.auto_filter.ref == f"A1:{last}4"


def test_pipeline_columns_locked_officials_and_letter_fields_open(agenda):
    ws, headers = cells(agenda)
    assert ws.protection.sheet
    assert not ws.protection.autoFilter and not ws.protection.sort  # filtering and sorting allowed
    for name in ("Status", "Catatan", "Nilai Kerja Sama", "Jangka Waktu", "Perusahaan", "NPWP"):
        assert not ws.cell(2, headers[name]).protection.locked, name
    for name in ("No. Agenda", "Pesan Sistem", "Tenggat", "Tahap"):
        assert ws.cell(2, headers[name]).protection.locked, name


def test_layout_is_stable_once_set(agenda):
    before = agenda.path.read_bytes()
    agenda.ensure()
    assert agenda.path.read_bytes() == before


def test_old_workbook_gets_the_layout_and_its_rows_stay_typable(tmp_path):
    path = tmp_path / "agenda.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Agenda"
    ws.append([KEY, "Status", "Pesan Sistem"])
    ws.append(["001/KSM/2026", "Tercatat", "lama"])
    wb.save(path)
    XlsxAgenda(path).ensure()
    ws = openpyxl.load_workbook(path)["Agenda"]
    assert ws.protection.sheet and ws.page_setup.orientation == "landscape"
    assert not ws.cell(2, 2).protection.locked and ws.cell(2, 3).protection.locked


def test_libreoffice_prints_it_on_landscape_pages(agenda, tmp_path):
    if libreoffice.find() is None:
        pytest.fail("LibreOffice tidak terpasang; jalankan `make system`")
    pdf = libreoffice.to_pdf(agenda.path, tmp_path / "pdf")
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert len(document) == 1
        width, height = document[0].get_size()
        assert width > height
        text = document[0].get_textpage().get_text_range()
        assert "Buku Agenda" in text and "Bentuk" in text and "001/KSM/2026" in text
    finally:
        document.close()
