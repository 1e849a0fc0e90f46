"""A deliberately damaged value must land in perlu_ditinjau; a clean letter flags nothing."""
import datetime as dt

import pytest

from pipeline.extract import extract, extract_with_reasons, is_media_request
from pipeline.models import DocumentText, Line, PageText, Word

TODAY = dt.date(2026, 11, 26)

LETTER = """\
CV MEDIA CONTOH SEJAHTERA
Jalan Raya Contoh Km. 5, Desa Sumber, Kabupaten Blitar 66171
Telepon: (0342) 801234, e-mail: info@contohnews.id, www.contohnews.id
Nomor : 12/CMS/X/2026
Perihal : Permohonan Kerja Sama Publikasi
Blitar, 3 Oktober 2026
Kepada Yth.
Kepala Dinas Komunikasi dan Informatika
Dengan hormat,
Kami dari CV Media Contoh Sejahtera selaku pengelola media online contohnews.id bermaksud
mengajukan permohonan kerja sama publikasi. Perusahaan kami berdiri dengan Akta Pendirian
Nomor 7 dan telah disahkan dengan Keputusan Menteri Hukum dan HAM Nomor
AHU-0012345.AH.01.01.Tahun 2021. NIB 9120001234567 dan NPWP 01.234.567.8-901.000.
contohnews.id telah terverifikasi faktual oleh Dewan Pers. Pemimpin Redaksi kami,
Sri Wahyuni, M.Si., telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.
Hormat kami,
CV Media Contoh Sejahtera
Budi Santoso, S.Kom.
Direktur
"""


def make_doc(text: str, low: dict[str, float] | None = None) -> DocumentText:
    """A one-page DocumentText; words listed in `low` get that OCR confidence."""
    low = low or {}
    lines = []
    for i, raw in enumerate(text.splitlines()):
        words = [Word(w, low.get(w, 96.0)) for w in raw.split()]
        lines.append(Line(page=1, words=words, y=0.05 + 0.02 * i, x=0.12))
    return DocumentText(kind="png", pages=[PageText(1, lines, "ocr")])


def flags(text: str, low: dict[str, float] | None = None) -> list[str]:
    return extract(make_doc(text, low), today=TODAY).perlu_ditinjau


def test_clean_letter_flags_nothing():
    letter, reasons = extract_with_reasons(make_doc(LETTER), today=TODAY)
    assert reasons == {}
    assert letter.npwp == "012345678901000" and letter.nama_perusahaan == "CV Media Contoh Sejahtera"
    assert letter.penandatangan == "Budi Santoso, S.Kom." and letter.ukw_utama is True


def test_low_confidence_word_is_flagged():
    assert "npwp" in flags(LETTER, low={"01.234.567.8-901.000.": 35.0})
    assert "pemimpin_redaksi" in flags(LETTER, low={"Wahyuni,": 30.0})


def test_npwp_with_a_digit_missing_is_flagged():
    assert "npwp" in flags(LETTER.replace("01.234.567.8-901.000", "01.234.567.8-901.00"))


def test_letter_read_as_digit_is_flagged():
    damaged = LETTER.replace("NIB 9120001234567", "NIB 91200O1234567")
    letter = extract(make_doc(damaged), today=TODAY)
    assert letter.nib == "9120001234567" and "nib" in letter.perlu_ditinjau


def test_company_disagreeing_between_letterhead_and_signature_is_flagged():
    damaged = LETTER.replace("Hormat kami,\nCV Media Contoh Sejahtera", "Hormat kami,\nCV Media Contoh Sentosa")
    assert "nama_perusahaan" in flags(damaged)


def test_brand_not_matching_website_is_flagged():
    damaged = LETTER.replace("media online contohnews.id", "media online beritalain.id")
    assert "nama_media" in flags(damaged)


def test_date_years_away_is_flagged():
    damaged = LETTER.replace("Blitar, 3 Oktober 2026", "Blitar, 3 Oktober 2031").replace("/2026", "/2031")
    assert "tanggal_surat" in flags(damaged)


def test_roman_month_disagreeing_with_date_is_flagged():
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", "12/CMS/IV/2026"))


def test_invalid_roman_month_is_flagged():
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", "12/CMS/I1/2026"))


def test_missing_signatory_is_flagged():
    damaged = LETTER.replace("Budi Santoso, S.Kom.\nDirektur\n", "")
    letter = extract(make_doc(damaged), today=TODAY)
    assert letter.penandatangan is None and "penandatangan" in letter.perlu_ditinjau


def test_unknown_academic_title_is_flagged():
    assert "pemimpin_redaksi" in flags(LETTER.replace("Sri Wahyuni, M.Si.,", "Sri Wahyuni, MSl.,"))


def test_label_without_readable_number_is_flagged():
    letter = extract(make_doc(LETTER.replace("NPWP 01.234.567.8-901.000.", "NPWP ~~~.")), today=TODAY)
    assert letter.npwp is None and "npwp" in letter.perlu_ditinjau


def test_editor_signing_with_another_name_is_flagged():
    damaged = LETTER.replace("Budi Santoso, S.Kom.\nDirektur", "Budi Santoso, S.Kom.\nPemimpin Redaksi")
    assert {"penandatangan", "pemimpin_redaksi"} <= set(flags(damaged))


@pytest.mark.parametrize("text,expected", [
    (LETTER, True),
    ("PEMERINTAH DESA SUMBER\nUndangan rapat koordinasi\nDengan hormat, kami mengundang Bapak/Ibu hadir pada rapat desa.", False),
])
def test_is_media_request(text, expected):
    assert is_media_request(make_doc(text)) is expected


def test_misread_signature_marker_still_finds_the_block():
    letter = extract(make_doc(LETTER.replace("Hormat kami,", "Horrnat karni,")), today=TODAY)
    assert letter.penandatangan == "Budi Santoso, S.Kom." and letter.jabatan_penandatangan == "Direktur"


def test_word_misread_against_rest_of_letter_is_flagged():
    # "Kabupaten Blitar" is read well in the address; a near-spelling in the subject is a misreading
    damaged = LETTER.replace("Perihal : Permohonan Kerja Sama Publikasi", "Perihal : Permohonan Kerja Sama Publikasi Kabupoten Blitar")
    assert "perihal" in flags(damaged)


def test_damaged_status_keyword_is_flagged():
    damaged = LETTER.replace("terverifikasi faktual oleh", "terverifikasi administratif dan faktuai oleh")
    assert "status_dewan_pers" in flags(damaged)


def test_phone_after_unreadable_first_number_is_flagged():
    damaged = LETTER.replace("Telepon: (0342) 801234,", "Telepon: (O3#2) 8O1 / WA 0812-3456-7890,")
    assert "telepon" in flags(damaged)


def with_positions(doc: DocumentText, word_width: float = 100.0, space: float = 25.0, hole_after: str | None = None) -> DocumentText:
    """Lay the words out left to right as OCR boxes; a hole follows the word `hole_after`."""
    for page in doc.pages:
        for n, line in enumerate(page.lines):
            x, laid = 300.0, []
            for w in line.words:
                laid.append(Word(w.text, w.conf, left=x, top=200.0 + 60 * n, width=word_width, height=40.0))
                x += word_width + (space * 5 if w.text == hole_after else space)
            line.words = laid
    return doc


def test_a_name_with_glyphs_lost_under_a_signature_is_flagged():
    # OCR read "Budi" confidently but dropped what the signature covered, leaving a hole.
    clean = extract(with_positions(make_doc(LETTER)), today=TODAY)
    assert "penandatangan" not in clean.perlu_ditinjau
    holed = extract(with_positions(make_doc(LETTER), hole_after="Budi"), today=TODAY)
    assert holed.penandatangan == "Budi Santoso, S.Kom."
    assert "penandatangan" in holed.perlu_ditinjau


@pytest.mark.parametrize("nomor", ["M2/CMS/X/2026", "213/CMS/111/2026"])
def test_a_misread_letter_number_is_flagged(nomor):
    # Month and year agree with the letter's date (October 2026): only the number itself is off.
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", nomor))
