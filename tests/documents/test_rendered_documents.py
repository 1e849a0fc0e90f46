"""Every document as LibreOffice prints it: pages, column grids, headings and signatures kept together.

Each document is rendered once (module fixture) with a filled-in office and a logo, then
converted to PDF by the real LibreOffice (`make system` installs it); the checks read the
.docx XML and the PDF's text per page (pypdfium2).
"""
from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from docx.oxml.ns import qn
from PIL import Image, ImageDraw

from pipeline.core import settings as config
from pipeline.core.models import ExtractedLetter
from pipeline.documents.contract import write_contract
from pipeline.documents.disposition import write_disposition_sheet
from pipeline.documents.evaluation_form import write_evaluation_form
from pipeline.documents.rejection import write_rejection_record
from pipeline.policy import evaluation
from pipeline.tools import libreoffice

TANGGAL = date(2026, 12, 1)
ALL_YES = {k: "Ya" for k in evaluation.load().criteria} | {"dewan_pers": "faktual"}
ALAMAT = "Jl. Dr. Sutomo No. 2, Trenggalek 66311"


def _office(logo: Path) -> dict:
    return config.load("office") | {
        "alamat": "Jl. Dr. Sutomo No. 2, Trenggalek", "kode_pos": "66311", "telepon": "(0355) 791234",
        "email": "diskominfo@trenggalekkab.go.id", "logo": str(logo),
        "kepala": {"jabatan": "Kepala Dinas", "nama": "Drs. Sutrisno, M.Si.", "nip": "19700101 199003 1 001"},
        "anggaran": {"dpa": "DPA Dinas Komunikasi dan Informatika Tahun Anggaran 2026", "kode_rekening": "5.1.02"},
    }


def _letter() -> ExtractedLetter:
    return ExtractedLetter(
        nomor_surat="045/MM/XI/2026", tanggal_surat="2026-11-10", perihal="Permohonan Kerja Sama Publikasi",
        nama_perusahaan="Media Maju Sejahtera", bentuk_badan_usaha="PT", nama_media="Trenggalek Today",
        jenis_media="online", alamat="Jl. Soekarno-Hatta No. 1, Trenggalek", npwp="012345678901234",
        nib="9120001234567", nomor_akta="12", sk_kemenkumham="AHU-0001.AH.01.01.TAHUN 2020",
        status_dewan_pers="terverifikasi_faktual", penandatangan="Budi Santoso", jabatan_penandatangan="Direktur",
        perlu_ditinjau=["nib"])


class Rendered:
    def __init__(self, docx_path: Path, pdf: Path) -> None:
        self.docx = docx_path
        document = pdfium.PdfDocument(str(pdf))
        self.pages = [page.get_textpage().get_text_range() for page in document]
        document.close()

    def lines(self, page: int) -> list[str]:
        return [" ".join(x.split()) for x in self.pages[page].splitlines() if x.strip()]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Rendered]:
    if libreoffice.find() is None:
        pytest.fail("LibreOffice tidak terpasang; jalankan `make system` (tes ini memerlukannya)")
    out = tmp_path_factory.mktemp("dokumen")
    logo = out / "logo.png"
    image = Image.new("RGB", (200, 240), "white")
    ImageDraw.Draw(image).polygon([(100, 5), (195, 60), (170, 235), (30, 235), (5, 60)], fill=(0, 90, 40))
    image.save(logo)
    office, lt = _office(logo), _letter()
    made = {
        "disposisi": write_disposition_sheet(out / "lembar_disposisi.docx", agenda_no="001/KSM/2026",
                                             received=datetime(2026, 11, 12, 9, 30), letter=lt, office=office),
        "evaluasi": write_evaluation_form(out / "lembar_isian_evaluasi.docx", agenda_no="001/KSM/2026", letter=lt,
                                          office=office),
        "hasil": write_evaluation_form(out / "hasil_evaluasi.docx", agenda_no="001/KSM/2026", letter=lt,
                                       office=office, answers=ALL_YES, result=evaluation.compute(ALL_YES),
                                       catatan="Dokumen lengkap.", tanggal=TANGGAL,
                                       verifikator={"nama": "Siti Aminah", "nip": "198501012010012001"}),
        "penolakan": write_rejection_record(out / "berita_acara_penolakan.docx", agenda_no="001/KSM/2026", letter=lt,
                                            office=office, result=evaluation.compute({}), tanggal=TANGGAL,
                                            catatan=["Didisposisi: verifikasi", "Ditolak: belum terverifikasi"]),
        "perjanjian": write_contract(out / "perjanjian_kerja_sama.docx", agenda_no="001/KSM/2026", letter=lt,
                                     office=office, nilai="Rp 5.000.000", jangka_waktu="12 bulan", serial=17,
                                     tanggal=TANGGAL, rekening_bank="BRI 0123-01-000123-30-1"),
    }
    return {k: Rendered(path, libreoffice.to_pdf(path, out)) for k, path in made.items()}


@pytest.mark.parametrize("name, most", [("disposisi", 1), ("evaluasi", 2), ("hasil", 2), ("penolakan", 2),
                                        ("perjanjian", 4)])
def test_page_count(rendered, name, most):
    assert 1 <= len(rendered[name].pages) <= most


def _twips(el, tag: str) -> int:
    return int(el.find(qn(tag)).get(qn("w:w")))


@pytest.mark.parametrize("name", ["disposisi", "evaluasi", "hasil", "penolakan", "perjanjian"])
def test_every_table_grid_matches_its_cells(rendered, name):
    document = docx.Document(rendered[name].docx)
    tables = document.element.body.iter(qn("w:tbl"))
    footers = (t for s in document.sections for t in s.footer._element.iter(qn("w:tbl")))
    checked = 0
    for tbl in [*tables, *footers]:
        grid = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        pr = tbl.find(qn("w:tblPr"))
        assert pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert abs(_twips(pr, "w:tblW") - sum(grid)) <= len(grid)
        for tr in tbl.findall(qn("w:tr")):
            widths = [_twips(tc.find(qn("w:tcPr")), "w:tcW") for tc in tr.findall(qn("w:tc"))]
            assert abs(sum(widths) - sum(grid)) <= len(grid), (name, widths, grid)
        checked += 1
    assert checked >= 2


def test_criteria_are_not_cut_into_single_letters(rendered):
    text = "\n".join(rendered["evaluasi"].pages)
    assert "Keterangan" in text and "Kriteria" in text and "Bobot" in text


def test_verifier_signs_on_the_page_of_the_title(rendered):
    hasil = rendered["hasil"]
    (page,) = [i for i, text in enumerate(hasil.pages) if "Siti Aminah" in text]
    assert "Verifikator," in hasil.pages[page] and "NIP. 198501012010012001" in hasil.pages[page]


def test_contract_signatures_stay_together(rendered):
    contract = rendered["perjanjian"]
    (page,) = [i for i, text in enumerate(contract.pages) if "Meterai Rp10.000" in text]
    lines = contract.lines(page)
    block = lines[next(i for i, x in enumerate(lines) if x.startswith("PIHAK KEDUA,")):]
    for expected in ("PIHAK PERTAMA,", "Budi Santoso", "Drs. Sutrisno, M.Si.", "NIP. 19700101 199003 1 001"):
        assert any(expected in x for x in block), expected


def test_contract_headings_never_end_a_page(rendered):
    contract = rendered["perjanjian"]
    for i in range(len(contract.pages)):
        body = [x for x in contract.lines(i) if not x.startswith(("Paraf", "PERTAMA", "KEDUA", "Halaman"))]
        assert not re.fullmatch(r"Pasal \d+", body[-1]), (i, body[-3:])
        assert not (body[-1].isupper() and re.fullmatch(r"Pasal \d+", body[-2])), (i, body[-3:])


def test_contract_pages_are_numbered_with_paraf_boxes(rendered):
    contract = rendered["perjanjian"]
    n = len(contract.pages)
    assert n >= 2
    for i, text in enumerate(contract.pages, start=1):
        flat = " ".join(text.split())
        assert f"Halaman {i} dari {n}" in flat
        assert "Paraf PIHAK PERTAMA" in flat and "Paraf PIHAK KEDUA" in flat


def test_contract_cites_the_sops_legal_basis_budget_account_and_tax(rendered):
    flat = " ".join(" ".join(rendered["perjanjian"].pages).split())
    for basis in ("Nomor 40 Tahun 1999", "17/Per.M.Kominfo/03/2009", "07/Per.M.Kominfo/6/2010", "Nomor 8 Tahun 2019"):
        assert basis in flat
    assert "Meterai" in flat and "Materai" not in flat
    assert "BRI 0123-01-000123-30-1" in flat and "PERPAJAKAN" in flat
    assert "DPA Dinas Komunikasi dan Informatika Tahun Anggaran 2026" in flat
    assert "1 Desember 2026 sampai dengan tanggal 30 November 2027" in flat


@pytest.mark.parametrize("name", ["disposisi", "evaluasi", "hasil", "penolakan"])
def test_letterhead_has_the_logo_address_and_postcode(rendered, name):
    with zipfile.ZipFile(rendered[name].docx) as z:
        assert any(n.startswith("word/media/") for n in z.namelist())
    first = " ".join(rendered[name].pages[0].split())
    assert ALAMAT in first and "PEMERINTAH KABUPATEN TRENGGALEK" in first


def test_disposition_has_one_block_per_level_and_no_debug_line(rendered):
    flat = " ".join(" ".join(rendered["disposisi"].pages).split())
    levels = config.load("office")["disposisi"]["tingkat"]
    for level in levels:
        assert level["dari"] in flat and level["kepada"] in flat
    assert flat.count("Batas:") == len(levels)
    assert "Data yang perlu diperiksa" not in flat
