"""The disposition sheet: a real .docx rendered from the committed Word template."""
from __future__ import annotations

import importlib.util
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from pipeline.core import settings as config
from pipeline.documents.disposition import TEMPLATE, write_disposition_sheet
from pipeline.documents.render import tanggal_indonesia
from pipeline.core.models import ExtractedLetter

RECEIVED = datetime(2026, 11, 12, 9, 30)


def letter(**fields) -> ExtractedLetter:
    base = dict(
        nomor_surat="045/MM/XI/2026",
        tanggal_surat="2026-11-10",
        perihal="Permohonan Kerja Sama Publikasi",
        nama_perusahaan="PT Media Maju",
        nama_media="Trenggalek Today",
    )
    return ExtractedLetter(**{**base, **fields})


def render(tmp_path: Path, lt: ExtractedLetter, **kw) -> docx.document.Document:
    out = write_disposition_sheet(
        tmp_path / "kasus" / "lembar_disposisi.docx",
        agenda_no="001/2026",
        received=RECEIVED,
        letter=lt,
        office=config.load("office"),
        **kw,
    )
    assert out == tmp_path / "kasus" / "lembar_disposisi.docx"
    return docx.Document(out)  # must be a valid .docx


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_sheet_is_prefilled_from_letter_and_office(tmp_path):
    text = all_text(render(tmp_path, letter()))
    for expected in (
        "PEMERINTAH KABUPATEN TRENGGALEK",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "LEMBAR DISPOSISI",
        "001/2026",
        "12 November 2026 pukul 09.30",
        "10 November 2026",
        "045/MM/XI/2026",
        "Permohonan Kerja Sama Publikasi",
        "PT Media Maju (media: Trenggalek Today)",
        "☐ Biasa",
        "☐ Sangat Segera",
        "Kepala Dinas Komunikasi dan Informatika,",
        "NIP.",
    ):
        assert expected in text
    assert "{{" not in text and "{%" not in text  # every placeholder was filled


def test_disposition_chain_and_instructions_come_from_config(tmp_path):
    text = all_text(render(tmp_path, letter()))
    office = config.load("office")["disposisi"]
    for name in office["diteruskan"] + office["instruksi"]:
        assert f"☐ {name}" in text
    for name in ("Sekretaris", "Kasi Media Publik", "Fungsional", "Tanggapi", "Arsipkan"):
        assert name in text


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ 7*7 }}",
        "{% for x in y %}",
        "{{ ''.__class__.__mro__ }}",
        "{%tr endfor %}",
        "PT <w:t>A & B</w:t> \"Q\" 'R'",
        "{_{ 7*7 }_}",
    ],
)
def test_letter_text_renders_literally_never_as_template_code(tmp_path, hostile):
    text = all_text(render(tmp_path, letter(nama_perusahaan=hostile, perihal=hostile)))
    visible = text.replace("\u2060", "")  # invisible joiner that defuses docxtpl's {_{ rewrite
    assert f"{hostile} (media: Trenggalek Today)" in visible
    assert "49" not in text


def test_control_characters_do_not_break_the_file(tmp_path):
    text = all_text(render(tmp_path, letter(perihal="Permohonan\x00\x07\x0c kerja sama")))
    assert "Permohonan kerja sama" in text


def test_fields_needing_review_are_marked(tmp_path):
    text = all_text(render(tmp_path, letter(perlu_ditinjau=["nomor_surat", "nama_media"])))
    assert "045/MM/XI/2026 (perlu diperiksa)" in text
    assert "Trenggalek Today) (perlu diperiksa)" in text
    assert "cocokkan dengan surat asli" in text


def test_no_review_needed_prints_no_review_line(tmp_path):
    text = all_text(render(tmp_path, letter()))
    assert "surat asli" not in text and "tidak ada" not in text  # no debug line on the official form
    assert "(perlu diperiksa)" not in text


def test_missing_fields_show_a_dash(tmp_path):
    table = render(tmp_path, ExtractedLetter()).tables[1]  # tables[0] is the letterhead
    assert [table.cell(r, 1).text for r in range(4)] == ["-"] * 4  # sender, number, date, subject


def test_urgency_box_can_be_ticked(tmp_path):
    text = all_text(render(tmp_path, letter(), sifat="Segera"))
    assert "☐ Biasa   ☒ Segera   ☐ Sangat Segera" in text


def test_rewrite_replaces_atomically_and_leaves_no_temp(tmp_path):
    render(tmp_path, letter(perihal="pertama"))
    text = all_text(render(tmp_path, letter(perihal="kedua")))
    assert "kedua" in text and "pertama" not in text
    assert [p.name for p in (tmp_path / "kasus").iterdir()] == ["lembar_disposisi.docx"]


@pytest.mark.parametrize(
    "value, expected",
    [
        (date(2026, 11, 12), "12 November 2026"),
        ("2026-01-05", "5 Januari 2026"),
        (datetime(2026, 8, 17, 10, 0), "17 Agustus 2026"),
        ("kemarin", "kemarin"),
        (None, "-"),
    ],
)
def test_indonesian_dates(value, expected):
    assert tanggal_indonesia(value) == expected


def test_generator_rebuilds_a_working_template(tmp_path):
    spec = importlib.util.spec_from_file_location("make_templates", TEMPLATE.parent / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.make_disposition(tmp_path / "lembar_disposisi.docx")
    out = write_disposition_sheet(
        tmp_path / "out.docx", agenda_no="9", received=RECEIVED, letter=letter(), office=config.load("office"),
        template=fresh,
    )
    assert all_text(docx.Document(out)) == all_text(docx.Document(
        write_disposition_sheet(tmp_path / "out2.docx", agenda_no="9", received=RECEIVED, letter=letter(),
                                office=config.load("office"))
    ))


def test_empty_office_config_still_renders(tmp_path):
    out = write_disposition_sheet(tmp_path / "d.docx", agenda_no="001/2026", received=RECEIVED, letter=letter(),
                                  office={})
    text = all_text(docx.Document(out))
    assert "001/2026" in text and "{{" not in text
