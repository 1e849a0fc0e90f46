"""Documents of SOP steps 3-7: evaluation form, rejection record, cooperation agreement."""
from __future__ import annotations

import importlib.util
import os
import stat
from datetime import date
from pathlib import Path

import docx
import pytest

from pipeline.core import settings as config

from pipeline.policy import evaluation
from pipeline.core.errors import KerjasamaError
from pipeline.core.models import ExtractedLetter
from pipeline.documents.contract import TEMPLATE as CONTRACT_TEMPLATE
from pipeline.documents.contract import ContractInputError, write_contract
from pipeline.documents.evaluation_form import write_evaluation_form
from pipeline.documents.pdf import pdf_copy
from pipeline.documents.rejection import write_rejection_record
from pipeline.tools import libreoffice
from pipeline.documents.rupiah import format_rupiah, parse_rupiah, rupiah_terbilang, terbilang

TANGGAL = date(2026, 12, 1)  # a Tuesday
ALL_YES = {k: "Ya" for k in evaluation.load().criteria} | {"dewan_pers": "faktual"}


def letter(**fields) -> ExtractedLetter:
    base = dict(
        nomor_surat="045/MM/XI/2026", tanggal_surat="2026-11-10", perihal="Permohonan Kerja Sama Publikasi",
        nama_perusahaan="Media Maju Sejahtera", bentuk_badan_usaha="PT", nama_media="Trenggalek Today",
        jenis_media="online", alamat="Jl. Soekarno-Hatta No. 1, Trenggalek", npwp="012345678901234",
        nib="9120001234567", nomor_akta="12", sk_kemenkumham="AHU-0001.AH.01.01.TAHUN 2020",
        status_dewan_pers="terverifikasi_faktual", penandatangan="Budi Santoso", jabatan_penandatangan="Direktur",
    )
    return ExtractedLetter(**{**base, **fields})


def office() -> dict:
    return config.load("office") | {"kepala": {"jabatan": "Kepala Dinas", "nama": "Drs. Sutrisno", "nip": "197001011990031001"}}


def all_text(path: Path) -> str:
    document = docx.Document(path)  # must open as a valid .docx
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def contract(tmp_path: Path, lt: ExtractedLetter | None = None, **kw) -> str:
    args = dict(agenda_no="001/2026", letter=lt or letter(), office=office(), nilai="Rp 5.000.000",
                jangka_waktu="12 bulan", serial=17, nomor_pihak_kedua="045/PKS/MM/XII/2026", tanggal=TANGGAL)
    out = write_contract(tmp_path / "kasus" / "perjanjian_kerja_sama.docx", **{**args, **kw})
    return all_text(out)


# --- the agreement -------------------------------------------------------------------------


def test_contract_holds_both_parties_numbers_value_and_company(tmp_path):
    text = contract(tmp_path)
    for expected in (
        "PERJANJIAN KERJA SAMA",
        "Nomor PIHAK PERTAMA: 000.9/17/406.021/2026",
        "Nomor PIHAK KEDUA: 045/PKS/MM/XII/2026",
        "Drs. Sutrisno, NIP. 197001011990031001, Kepala Dinas Komunikasi dan Informatika",
        "Budi Santoso, Direktur PT Media Maju Sejahtera",
        "NPWP 01.234.567.8-901.234",
        "NIB 9120001234567",
        "Jl. Soekarno-Hatta No. 1, Trenggalek",
        "pengelola media Trenggalek Today (Online)",
        "Rp5.000.000,00 (lima juta rupiah)",
        "berlaku selama 12 (dua belas) bulan",
        "Pada hari ini Selasa tanggal satu bulan Desember tahun dua ribu dua puluh enam (1 Desember 2026)",
        "BUKTI PUBLIKASI",
        "PEMUTUSAN PERJANJIAN",
        "PENYELESAIAN PERSELISIHAN",
        "PIHAK PERTAMA,",
        "PIHAK KEDUA,",
    ):
        assert expected in text, expected
    assert text.count("Meterai Rp10.000") == 2 and "Materai" not in text
    assert "{{" not in text and "{%" not in text


def test_contract_without_serial_or_company_number_leaves_room_to_write(tmp_path):
    text = contract(tmp_path, serial=None, nomor_pihak_kedua=None)
    assert "000.9/......./406.021/2026" in text
    assert "Nomor PIHAK KEDUA: ......" in text


@pytest.mark.parametrize("nilai, shown", [(15000000, "Rp15.000.000,00 (lima belas juta rupiah)"),
                                          ("2.750.000", "Rp2.750.000,00 (dua juta tujuh ratus lima puluh ribu rupiah)"),
                                          ("Rp 1.000.000,00", "Rp1.000.000,00 (satu juta rupiah)")])
def test_contract_value_in_digits_and_words(tmp_path, nilai, shown):
    assert shown in contract(tmp_path, nilai=nilai)


@pytest.mark.parametrize(
    "kw, problem",
    [
        (dict(nilai=""), "Nilai Kerja Sama belum diisi"),
        (dict(nilai=None), "Nilai Kerja Sama belum diisi"),
        (dict(nilai="lima juta"), "Nilai Kerja Sama 'lima juta' bukan jumlah rupiah"),
        (dict(nilai="0"), "Nilai Kerja Sama harus lebih dari nol"),
        (dict(jangka_waktu="  "), "Jangka Waktu belum diisi"),
        (dict(jangka_waktu=None), "Jangka Waktu belum diisi"),
    ],
)
def test_incomplete_contract_input_is_refused_and_nothing_written(tmp_path, kw, problem):
    with pytest.raises(ContractInputError) as err:
        contract(tmp_path, **kw)
    assert err.value.message.startswith("Perjanjian kerja sama tidak dibuat: ")
    assert problem in err.value.message
    assert not (tmp_path / "kasus").exists()


def test_every_problem_is_named_at_once(tmp_path):
    with pytest.raises(ContractInputError) as err:
        contract(tmp_path, ExtractedLetter(), nilai="", jangka_waktu="")
    assert len(err.value.problems) == 3
    assert isinstance(err.value, KerjasamaError)


HOSTILE = ["{{ 7*7 }}", "{% for x in y %}", "{{ ''.__class__.__mro__ }}", "{%tr endfor %}", "{%p if 1 %}",
           "PT <w:t>A & B</w:t> \"Q\" 'R'", "{_{ 7*7 }_}"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_letter_text_renders_literally_in_the_contract(tmp_path, hostile):
    text = contract(tmp_path, letter(nama_perusahaan=hostile, bentuk_badan_usaha=None, nama_media=hostile,
                                     penandatangan=hostile, alamat=hostile), rekening_bank=hostile,
                    nomor_pihak_kedua=hostile)
    visible = text.replace("\u2060", "")
    assert f"{hostile}, Direktur {hostile}, berkedudukan di {hostile}" in visible
    assert f"Nomor PIHAK KEDUA: {hostile}" in visible
    assert f"rekening PIHAK KEDUA: {hostile}." in visible
    assert "49" not in text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_term_is_refused_and_shown_literally(tmp_path, hostile):
    with pytest.raises(ContractInputError) as err:
        contract(tmp_path, jangka_waktu=hostile)
    assert "harus jumlah bulan" in err.value.message
    assert not (tmp_path / "kasus").exists()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_letter_text_renders_literally_in_the_evaluation_form(tmp_path, hostile):
    out = write_evaluation_form(tmp_path / "e.docx", agenda_no="001/2026",
                                letter=letter(nama_perusahaan=hostile, bentuk_badan_usaha=None, perihal=hostile),
                                office=office(), catatan=hostile)
    visible = all_text(out).replace("\u2060", "")
    assert f"Perusahaan\n{hostile}" in visible and f"Catatan verifikator:\n{hostile}" in visible
    assert "49" not in visible


@pytest.mark.parametrize("hostile", HOSTILE)
def test_letter_and_notes_render_literally_in_the_rejection_record(tmp_path, hostile):
    out = write_rejection_record(tmp_path / "r.docx", agenda_no="001/2026",
                                 letter=letter(nama_perusahaan=hostile, bentuk_badan_usaha=None),
                                 office=office(), result=evaluation.compute({}), catatan=hostile, tanggal=TANGGAL)
    visible = all_text(out).replace("\u2060", "")
    assert f"Perusahaan\n{hostile}" in visible and f"– {hostile}" in visible
    assert "49" not in visible


# --- the evaluation form --------------------------------------------------------------------


def test_blank_evaluation_form_shows_the_precheck_and_room_to_answer(tmp_path):
    text = all_text(write_evaluation_form(tmp_path / "e.docx", agenda_no="001/2026", letter=letter(ukw_utama=False),
                                          office=office(), tanggal=TANGGAL))
    assert "LEMBAR ISIAN EVALUASI" in text
    assert "PT Media Maju Sejahtera" in text and "01.234.567.8-901.234" in text
    cfg = evaluation.load()
    for c in cfg.criteria.values():
        assert c.uraian in text
    assert "☐ Ya   ☐ Tidak" in text and "☐ faktual   ☐ administratif   ☐ belum" in text
    assert "☒" not in text
    assert "KESIMPULAN (diisi verifikator)" in text and "HASIL EVALUASI" not in text
    assert "Trenggalek, 1 Desember 2026" in text


def test_completed_evaluation_form_shows_answers_and_result(tmp_path):
    answers = ALL_YES | {"dewan_pers": "administratif", "usia_media": "Tidak"}
    result = evaluation.compute(answers)
    text = all_text(write_evaluation_form(tmp_path / "e.docx", agenda_no="001/2026", letter=letter(),
                                          office=office(), answers=answers, result=result))
    assert "HASIL EVALUASI" in text and "KESIMPULAN (diisi verifikator)" not in text
    assert "87 dari 100" in text
    assert "B — terverifikasi administratif oleh Dewan Pers" in text
    assert "MEMENUHI" in text and "TIDAK MEMENUHI" not in text
    assert "☐ faktual   ☒ administratif   ☐ belum" in text
    assert "☐ Ya   ☒ Tidak" in text


def test_fields_to_check_are_named_on_the_form(tmp_path):
    text = all_text(write_evaluation_form(tmp_path / "e.docx", agenda_no="1", letter=letter(perlu_ditinjau=["npwp"]),
                                          office=office()))
    assert "Perlu diperiksa: NPWP." in text


# --- the rejection record ---------------------------------------------------------------------


def test_rejection_record_holds_result_and_notes(tmp_path):
    result = evaluation.compute(ALL_YES | {"npwp": "Tidak", "dewan_pers": "belum"})
    text = all_text(write_rejection_record(tmp_path / "r.docx", agenda_no="001/2026", letter=letter(),
                                           office=office(), result=result, nomor="BA/001/2026",
                                           catatan="Kabid: NPWP tidak valid\n\nKasi: arsipkan", tanggal=TANGGAL))
    for expected in ("BERITA ACARA", "Nomor: BA/001/2026", "Pada hari ini Selasa, tanggal 1 Desember 2026",
                     "DITOLAK", "PT Media Maju Sejahtera", "70 dari 100", "C — belum terverifikasi",
                     "TIDAK MEMENUHI", "– Persyaratan wajib 'NPWP' tidak terpenuhi.", "– Kabid: NPWP tidak valid",
                     "– Kasi: arsipkan", "Yang membuat,", "Mengetahui,", "Kepala Bidang"):
        assert expected in text, expected


def test_rejection_record_without_evaluation_still_renders(tmp_path):
    text = all_text(write_rejection_record(tmp_path / "r.docx", agenda_no="001/2026", letter=ExtractedLetter(),
                                           office={}, result=None))
    assert "BERITA ACARA" in text and "{{" not in text


# --- generator ------------------------------------------------------------------------------


def test_generator_rebuilds_working_templates(tmp_path):
    spec = importlib.util.spec_from_file_location("make_step_templates",
                                                  CONTRACT_TEMPLATE.parent / "make_step_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.make_contract(tmp_path / "pks.docx")
    a = write_contract(tmp_path / "a.docx", agenda_no="1", letter=letter(), office=office(), nilai=5000000,
                       jangka_waktu="6 bulan", tanggal=TANGGAL, template=fresh)
    b = write_contract(tmp_path / "b.docx", agenda_no="1", letter=letter(), office=office(), nilai=5000000,
                       jangka_waktu="6 bulan", tanggal=TANGGAL)
    assert all_text(a) == all_text(b)
    for make, name in ((module.make_evaluation_form, "e.docx"), (module.make_rejection_record, "r.docx")):
        assert docx.Document(make(tmp_path / name)).paragraphs


# --- PDF --------------------------------------------------------------------------------------


def _fake_libreoffice(folder: Path, body: str) -> None:
    # Both names, so a real LibreOffice elsewhere on PATH is never the one that runs.
    for name in ("soffice", "libreoffice"):
        exe = folder / name
        exe.write_text("#!/bin/sh\n" + body)
        exe.chmod(exe.stat().st_mode | stat.S_IEXEC)


def test_pdf_copy_without_libreoffice_is_none(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(libreoffice, "install_locations", lambda: [])  # nor in the usual folders
    assert pdf_copy(tmp_path / "x.docx") is None


def test_pdf_copy_puts_the_pdf_beside_the_docx(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    # Arguments: ... --outdir DIR FILE; write DIR/<stem>.pdf like LibreOffice does.
    _fake_libreoffice(bindir, 'while [ $# -gt 0 ]; do case "$1" in --outdir) dir="$2"; shift;; esac; f="$1"; shift; done\n'
                              'mkdir -p "$dir"; echo pdf > "$dir/$(basename "$f" .docx).pdf"\n')
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    source = tmp_path / "kasus" / "perjanjian.docx"
    source.parent.mkdir()
    source.write_bytes(b"docx")
    assert pdf_copy(source) == source.with_suffix(".pdf")
    assert source.with_suffix(".pdf").read_text() == "pdf\n"


def test_pdf_copy_failure_and_timeout_are_reported(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    source = tmp_path / "a.docx"
    source.write_bytes(b"docx")
    _fake_libreoffice(bindir, "echo rusak >&2; exit 3\n")
    with pytest.raises(KerjasamaError, match="gagal: rusak"):
        pdf_copy(source)
    _fake_libreoffice(bindir, "sleep 30\n")
    with pytest.raises(KerjasamaError, match="melebihi"):
        pdf_copy(source, timeout=0.5)
    assert not source.with_suffix(".pdf").exists()


# --- rupiah in words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n, words",
    [(0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
     (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"), (115, "seratus lima belas"), (999, "sembilan ratus "
     "sembilan puluh sembilan"), (1000, "seribu"), (1500, "seribu lima ratus"), (2026, "dua ribu dua puluh enam"),
     (100000, "seratus ribu"), (250000, "dua ratus lima puluh ribu"), (1000000, "satu juta"),
     (5000000, "lima juta"), (12500000, "dua belas juta lima ratus ribu"), (1001000, "satu juta seribu"),
     (1000000000, "satu miliar"), (2000000000000, "dua triliun")],
)
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_rupiah_words_and_digits():
    assert rupiah_terbilang(5_000_000) == "lima juta rupiah"
    assert format_rupiah(5_000_000) == "5.000.000"


@pytest.mark.parametrize("typed, value", [("5000000", 5000000), ("Rp 5.000.000", 5000000), ("Rp5.000.000,00", 5000000),
                                          ("5.000.000,-", 5000000), ("5,000,000", 5000000), ("5 juta", 5000000),
                                          ("2,5 juta", 2500000), ("rp. 750.000", 750000)])
def test_parse_rupiah(typed, value):
    assert parse_rupiah(typed) == value


@pytest.mark.parametrize("typed", ["", "lima juta", "5.00.000", "Rp", "-5000", "=1+1"])
def test_parse_rupiah_refuses_non_amounts(typed):
    with pytest.raises(ValueError):
        parse_rupiah(typed)


# --- wiring helpers ------------------------------------------------------------------------------


def test_every_document_named_in_the_sop_has_a_file_name():
    from pipeline.policy import sop
    from pipeline.documents import DOCUMENT_FILES

    named = {d for s in sop.load().statuses.values() for d in s.documents}
    assert named <= set(DOCUMENT_FILES)


def test_letter_round_trips_through_the_agenda_row():
    from datetime import datetime

    from pipeline.agenda.letter_row import letter_to_row
    from pipeline.agenda.letter_row import letter_from_agenda_row

    original = letter(ukw_utama=False, perlu_ditinjau=["npwp", "nama_perusahaan"], pemimpin_redaksi="Ani")
    assert letter_from_agenda_row(letter_to_row("001/2026", datetime(2026, 11, 2, 8, 0), original)) == original


def test_corrections_typed_in_the_agenda_are_used():
    from pipeline.agenda.letter_row import letter_from_agenda_row

    got = letter_from_agenda_row({"Perusahaan": " Media Baru ", "Bentuk Badan Usaha": "perseroan terbatas",
                                  "NPWP": "01.234.567.8-901.234", "Jenis Media": "Daring", "UKW Utama": "ya",
                                  "Status Dewan Pers": "entah", "Perlu Ditinjau": "NPWP, Kolom Asing"})
    assert (got.nama_perusahaan, got.bentuk_badan_usaha, got.npwp, got.jenis_media, got.ukw_utama) == (
        "Media Baru", "PT", "012345678901234", "online", True)
    assert got.status_dewan_pers is None  # unknown wording is never guessed
    assert got.perlu_ditinjau == ["npwp"]


# --- properties ---------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = {"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
          "sebelas", "belas", "puluh", "ratus", "seratus", "ribu", "seribu", "juta", "miliar", "triliun"}


@given(st.integers(min_value=1, max_value=10**15 - 1))
def test_rupiah_digits_round_trip_and_words_are_indonesian(n):
    assert parse_rupiah(format_rupiah(n)) == n
    assert parse_rupiah(f"Rp {format_rupiah(n)},00") == n
    words = terbilang(n).split(" ")
    assert set(words) <= _WORDS and "" not in words


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="\u2060"),
               min_size=1, max_size=40)
       .filter(lambda s: s.strip() and " ".join(s.split()) == s))
def test_any_company_name_renders_literally(tmp_path_factory, name):
    out = write_contract(tmp_path_factory.mktemp("k") / "k.docx", agenda_no="1",
                         letter=letter(nama_perusahaan=name, bentuk_badan_usaha=None), office=office(),
                         nilai=5000000, jangka_waktu="1 tahun", tanggal=TANGGAL)
    visible = all_text(out).replace("\u2060", "")
    assert f"atas nama {name}, selanjutnya disebut PIHAK KEDUA" in visible
