"""A deliberately damaged value must land in perlu_ditinjau; a clean letter flags nothing."""
import datetime as dt

import pytest

from pipeline.extract import extract, extract_with_evidence, extract_with_reasons, is_media_request, request_verdict
from pipeline.core.models import DocumentText, Line, PageText, Word
from pipeline.core.text import comparable

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


def test_damaged_negation_before_the_status_is_flagged():
    damaged = LETTER.replace("telah terverifikasi faktual oleh", "beium terverifikasi faktual oleh")
    assert "status_dewan_pers" in flags(damaged)


def test_damaged_word_that_names_no_other_status_is_not_flagged():
    damaged = LETTER.replace("terverifikasi faktual oleh", "terverifikasi faktual dan terdaftat di")
    letter = extract(make_doc(damaged), today=TODAY)
    assert letter.status_dewan_pers == "terverifikasi_faktual"
    assert "status_dewan_pers" not in letter.perlu_ditinjau


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


# --- Rules learnt from synthetic letters of other layouts (fonts, photos, stamps) -----------

def test_month_i_or_ii_read_as_digits_is_flagged():
    # OCR turns the Roman "II" into "11"; the number is otherwise well formed and well read
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", "12/CMS/11/2026"))


def test_digit_month_disagreeing_with_date_is_flagged():
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", "12/CMS/04/2026"))


def test_digit_month_agreeing_with_date_is_not_flagged():
    assert "nomor_surat" not in flags(LETTER.replace("12/CMS/X/2026", "12/CMS/10/2026"))


def test_serial_made_of_digit_lookalikes_is_flagged():
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", "SO/CMS/X/2026"))


def test_signatory_name_ending_in_a_comma_is_flagged():
    # "Budi Santoso," with the titles after the comma lost under the signature
    letter = extract(make_doc(LETTER.replace("Budi Santoso, S.Kom.", "Budi Santoso,")), today=TODAY)
    assert letter.penandatangan == "Budi Santoso" and "penandatangan" in letter.perlu_ditinjau


@pytest.mark.parametrize("printed", ["Blitar, 03-10-2026", "Blitar, 3 Okt. 2026", "Blitar, Sabtu 3 Oktober 2026"])
def test_other_date_forms_are_read(printed):
    letter = extract(make_doc(LETTER.replace("Blitar, 3 Oktober 2026", printed)), today=TODAY)
    assert letter.tanggal_surat == "2026-10-03" and "tanggal_surat" not in letter.perlu_ditinjau


def test_bare_salam_closes_the_letter():
    letter = extract(make_doc(LETTER.replace("Hormat kami,", "Salam,")), today=TODAY)
    assert letter.penandatangan == "Budi Santoso, S.Kom." and letter.jabatan_penandatangan == "Direktur"


def test_npwp_a_few_words_after_its_label_is_read():
    text = LETTER.replace("NPWP 01.234.567.8-901.000.", "Nomor Pokok Wajib Pajak (NPWP) perusahaan: 01.234.567.8-901.000.")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.npwp == "012345678901000" and "npwp" not in letter.perlu_ditinjau


def test_npwp_label_never_takes_the_nib():
    text = LETTER.replace("NIB 9120001234567 dan NPWP 01.234.567.8-901.000.", "NPWP dan NIB 9120001234567.")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.npwp is None and letter.nib == "9120001234567"


@pytest.mark.parametrize("head", ["CV GRAHA MEDIA CONTOH", "Gema Desa TV\nCV MEDIA CONTOH SEJAHTERA"])
def test_name_lines_with_an_address_word_are_not_the_address(head):
    text = LETTER.replace("CV MEDIA CONTOH SEJAHTERA", head)
    letter = extract(make_doc(text), today=TODAY)
    assert letter.alamat == "Jalan Raya Contoh Km. 5, Desa Sumber, Kabupaten Blitar 66171"


def test_labelled_address_wins_over_a_name_line():
    text = LETTER.replace("Jalan Raya Contoh", "Alamat: Jalan Raya Contoh").replace("CV MEDIA CONTOH SEJAHTERA", "CV MEDIA CONTOH SEJAHTERA\nKampung Berita")
    assert extract(make_doc(text), today=TODAY).alamat == "Jalan Raya Contoh Km. 5, Desa Sumber, Kabupaten Blitar 66171"


def test_capitalised_kind_word_is_not_the_brand():
    text = LETTER.replace("selaku pengelola media online contohnews.id", "selaku pengelola TV lokal Contoh TV").replace("www.contohnews.id", "www.contohtv.id")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.nama_media == "Contoh TV" and letter.jenis_media == "televisi"


def test_kami_dari_names_the_media_only_with_a_kind():
    text = LETTER.replace("Kami dari CV Media Contoh Sejahtera selaku pengelola media online contohnews.id bermaksud",
                          "Perkenalkan, kami dari media online contohnews.id yang dikelola CV Media Contoh Sejahtera, bermaksud")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.nama_media == "contohnews.id" and letter.jenis_media == "online"


def test_ukw_of_the_staff_is_not_the_editors():
    text = LETTER.replace("Pemimpin Redaksi kami,\nSri Wahyuni, M.Si., telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.",
                          "Pemimpin Redaksi kami adalah\nSri Wahyuni, M.Si. Seluruh wartawan kami telah lulus UKW jenjang Muda.")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.ukw_utama is None and "ukw_utama" in letter.perlu_ditinjau


def test_ukw_stated_after_staff_sentence_is_the_editors():
    text = LETTER.replace("Pemimpin Redaksi kami,\nSri Wahyuni, M.Si., telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.",
                          "Seluruh wartawan kami telah lulus UKW jenjang Muda. Pemimpin Redaksi kami,\nSri Wahyuni, M.Si., pemegang sertifikat Wartawan Utama.")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.ukw_utama is True and "ukw_utama" not in letter.perlu_ditinjau


@pytest.mark.parametrize("row", ["Kompetensi Pemimpin Re", "i-. : Waftawan Utama"])
def test_an_editors_certificate_row_damaged_by_a_stamp_is_flagged_not_left_blank(row):
    # a list row under a stamp: its label cut short, or its level misread
    text = LETTER.replace("Sri Wahyuni, M.Si., telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.",
                          "Sri Wahyuni, M.Si.\n" + row)
    letter = extract(make_doc(text), today=TODAY)
    assert letter.ukw_utama is None and "ukw_utama" in letter.perlu_ditinjau


NOT_YET = LETTER.replace("telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.",
                         "belum mengikuti Uji Kompetensi Wartawan (UKW).")


def test_editor_not_yet_certified_stands_on_its_own_words_not_the_whole_sentence():
    """"Pemimpin Redaksi kami, Sri Wahyuni, belum mengikuti UKW": a doubtful name in that
    sentence is the name's problem (pemimpin_redaksi), not the level's."""
    letter = extract(make_doc(NOT_YET, low={"Wahyuni,": 30.0}), today=TODAY)
    assert letter.ukw_utama is False and "ukw_utama" not in letter.perlu_ditinjau
    assert "pemimpin_redaksi" in letter.perlu_ditinjau


def test_editor_not_yet_certified_read_doubtfully_is_flagged():
    letter = extract(make_doc(NOT_YET, low={"mengikuti": 30.0}), today=TODAY)
    assert letter.ukw_utama is False and "ukw_utama" in letter.perlu_ditinjau


def test_signature_block_cut_by_the_page_break_is_read():
    lines = LETTER.splitlines()
    cut = lines.index("Hormat kami,") + 2  # marker and company at the foot of page 1
    page1 = [Line(1, [Word(w, 96.0) for w in t.split()], y=0.05 + 0.045 * i, x=0.12) for i, t in enumerate(lines[:cut])]
    page2 = [Line(2, [Word(w, 96.0) for w in t.split()], y=0.08 + 0.02 * i, x=0.12) for i, t in enumerate(lines[cut:])]
    doc = DocumentText(kind="png", pages=[PageText(1, page1, "ocr"), PageText(2, page2, "ocr")])
    letter = extract(doc, today=TODAY)
    assert letter.penandatangan == "Budi Santoso, S.Kom." and letter.jabatan_penandatangan == "Direktur"
    assert "penandatangan" not in letter.perlu_ditinjau


def test_mobile_number_with_a_dash_read_as_digit_is_flagged():
    damaged = LETTER.replace("Telepon: (0342) 801234,", "Telepon: 081213399-9360,")
    assert "telepon" in flags(damaged)


def test_grouped_mobile_number_is_not_flagged():
    assert "telepon" not in flags(LETTER.replace("Telepon: (0342) 801234,", "Telepon: 0812-3399-9360,"))


def test_number_before_a_misread_phone_label_is_flagged():
    # "Telp." read as "Ip.": the first number stands before the only readable label (HP)
    damaged = LETTER.replace("Telepon: (0342) 801234,", "Ip. (0342) 801234, HP. 0857-3567-3939,")
    letter = extract(make_doc(damaged), today=TODAY)
    assert "telepon" in letter.perlu_ditinjau


def test_website_whose_www_was_lost_is_read_and_flagged():
    damaged = LETTER.replace(", www.contohnews.id", "\n.contohnews.id")
    letter = extract(make_doc(damaged), today=TODAY)
    assert letter.website == "www.contohnews.id" and "website" in letter.perlu_ditinjau


@pytest.mark.parametrize("damaged", ["Jalan Raya Contoh Km. 5, : umber, Kabupaten Blitar 66171",
                                     "Jalan Raya Contoh Km. 5, , Kabupaten Blitar 66171",
                                     "Jalan Raya Contoh Km. 5, an, Kabupaten Blitar 66171"])
def test_address_part_lost_under_a_stain_is_flagged(damaged):
    assert "alamat" in flags(LETTER.replace("Jalan Raya Contoh Km. 5, Desa Sumber, Kabupaten Blitar 66171", damaged))


def test_unit_code_with_a_digit_inside_is_flagged():
    assert "nomor_surat" in flags(LETTER.replace("12/CMS/X/2026", "12/1MS/X/2026"))


def rows_doc(rows: list[list[tuple[float, str]]], conf: float = 100.0, merge: bool = False) -> DocumentText:
    """A page of rows, each a list of (x, text) segments as a text layer splits them at tab gaps;
    `merge` puts a row's segments into one line, as OCR may read two columns."""
    lines = []
    for i, row in enumerate(rows):
        segments = []
        for x, text in row:
            words, left = [], x * 1000
            for w in text.split():
                words.append(Word(w, conf, left=left, top=50.0 + 20 * i, width=9.0 * len(w), height=12.0))
                left += 9.0 * len(w) + 4
            segments.append((x, words))
        if merge:
            segments = [(row[0][0], [w for _, ws in segments for w in ws])]
        lines += [Line(page=1, words=ws, y=0.05 + 0.02 * i, x=x) for x, ws in segments]
    return DocumentText(kind="pdf", pages=[PageText(1, lines, "text_layer" if conf >= 100 else "ocr")])


HEADER_BESIDE = [
    [(0.12, "No."), (0.27, ": 12/CMS/X/2026"), (0.6, "Kepada Yth.")],
    [(0.12, "Lampiran"), (0.27, ": 1 berkas"), (0.6, "Kepala Diskominfo")],
    [(0.12, "Perihal"), (0.27, ": Permohonan Kerja Sama"), (0.6, "di -")],
    [(0.28, "Publikasi Media"), (0.6, "Trenggalek")],
]


def _with_header(rows):
    top = [[(0.12, l)] for l in LETTER.splitlines()[:3]]
    rest = [[(0.12, l)] for l in LETTER.splitlines()[5:] if not l.startswith(("Kepada", "Kepala", "Blitar"))]
    return top + rows + [[(0.6, "Blitar, 3 Oktober 2026")]] + rest


def test_label_and_value_split_by_a_tab_are_joined():
    letter = extract(rows_doc(_with_header(HEADER_BESIDE)), today=TODAY)
    assert letter.nomor_surat == "12/CMS/X/2026" and letter.perihal == "Permohonan Kerja Sama Publikasi Media"
    assert not {"nomor_surat", "perihal"} & set(letter.perlu_ditinjau)


def test_addressee_column_merged_into_the_subject_line_is_cut_off():
    # OCR may read the two columns of a row as one line; the wide gap before the right column cuts it
    letter = extract(rows_doc(_with_header(HEADER_BESIDE), conf=95.0, merge=True), today=TODAY)
    assert letter.perihal == "Permohonan Kerja Sama Publikasi Media"
    assert letter.nomor_surat == "12/CMS/X/2026"


def test_wide_gap_in_the_left_column_is_not_a_column():
    # glyphs lost under a stain leave a hole inside the subject: keep the words, flag the value
    rows = [[(0.12, "Perihal : Permohonan Kerja"), (0.4, "Sama Publikasi")]]
    letter = extract(rows_doc(_with_header(HEADER_BESIDE[:2] + rows), conf=95.0, merge=True), today=TODAY)
    assert letter.perihal == "Permohonan Kerja Sama Publikasi" and "perihal" in letter.perlu_ditinjau


def test_name_taken_from_the_next_page_is_flagged():
    # "Direktur," closes page 1 and its name was unreadable: page 2's first line is not the signatory
    lines = LETTER.replace("Budi Santoso, S.Kom.\nDirektur", "Direktur,").splitlines() + ["Profil Perusahaan", "Sejarah singkat media kami."]
    cut = len(lines) - 2
    page1 = [Line(1, [Word(w, 96.0) for w in t.split()], y=0.05 + 0.045 * i, x=0.12) for i, t in enumerate(lines[:cut])]
    page2 = [Line(2, [Word(w, 96.0) for w in t.split()], y=0.08 + 0.02 * i, x=0.12) for i, t in enumerate(lines[cut:])]
    letter = extract(DocumentText(kind="png", pages=[PageText(1, page1, "ocr"), PageText(2, page2, "ocr")]), today=TODAY)
    assert letter.penandatangan is None or "penandatangan" in letter.perlu_ditinjau


def test_name_cut_to_a_stub_is_flagged():
    letter = extract(make_doc(LETTER.replace("Budi Santoso, S.Kom.", "Budi Sa")), today=TODAY)
    assert "penandatangan" in letter.perlu_ditinjau


def test_header_read_column_by_column_is_put_back_in_order():
    # OCR of a page in strips may return the labels, then "Dengan hormat", then the values
    # and the date printed beside the labels: zones must follow the printed order.
    doc = rows_doc(_with_header(HEADER_BESIDE[:3]), conf=95.0)
    lines = doc.pages[0].lines
    late = [l for l in lines if l.text.startswith(":") or l.text.startswith("Blitar,") or l.x >= 0.6]
    doc.pages[0].lines = [l for l in lines if l not in late]
    salutation = next(i for i, l in enumerate(doc.pages[0].lines) if l.text.startswith("Dengan hormat"))
    doc.pages[0].lines[salutation + 1:salutation + 1] = late
    letter = extract(doc, today=TODAY)
    assert letter.nomor_surat == "12/CMS/X/2026" and letter.perihal == "Permohonan Kerja Sama"
    assert letter.tanggal_surat == "2026-10-03"


@pytest.mark.parametrize("written, digits", [
    ("Telp/HP: 0354-599570, e-mail: info@contohnews.id", "0354599570"),  # 4-digit area code, 6-digit number
    ("Telepon: 021 7654321, e-mail: info@contohnews.id", "0217654321"),
    ("Telepon: +62 812-3456-78901, e-mail: info@contohnews.id", "0812345678901"),
])
def test_a_phone_number_comes_out_whole_never_one_digit_short(written, digits):
    text = LETTER.replace("Telepon: (0342) 801234, e-mail: info@contohnews.id", written)
    letter = extract(make_doc(text), today=TODAY)
    assert comparable("telepon", letter.telepon) == digits


MEMO = """\
PT KABAR PESISIR MEDIA
Jl. Pantai Prigi No. 3, Watulimo, Trenggalek 66382
Nomor : 07/KPM/III/2026
Perihal : Permohonan Menjadi Mitra
Kepada Yth. Kepala Dinas Komunikasi dan Informatika Kabupaten Trenggalek
Bersama ini kami sampaikan profil perusahaan kami untuk dipertimbangkan.
Hormat kami,
Andi Wijaya
Direktur
"""


@pytest.mark.parametrize("text, verdict", [
    (LETTER, "ya"),
    (MEMO, "mungkin"),  # a request in few words (its subject half under a receipt stamp): flagged, not refused
    # a request in other words: "kemitraan publikasi", "mitra publikasi", a "media daring"
    ("PT BROMO SELATAN INTI MEDIA\nPerihal : Penawaran Kemitraan Publikasi Tahun Anggaran 2026\n"
     "Kami selaku pengelola media daring Bromo Selatan ingin menjalin kemitraan sebagai mitra publikasi.\n"
     "Demikian surat permohonan ini kami sampaikan.", "ya"),
    ("PEMERINTAH DESA SUMBER\nUndangan rapat koordinasi\nDengan hormat, kami mengundang Bapak/Ibu hadir pada rapat desa.", "bukan"),
    ("SMP NEGERI 1 TRENGGALEK\nPemberitahuan libur semester\nDiberitahukan kepada orang tua siswa bahwa kegiatan belajar libur.", "bukan"),
    ("PT PLN (PERSERO)\nTagihan rekening listrik bulan Maret\nMohon pembayaran dilakukan sebelum tanggal 20.", "bukan"),
])
def test_a_letter_that_may_be_a_request_is_never_refused(text, verdict):
    assert request_verdict(make_doc(text)) == verdict


def _named_by_domain(domain: str) -> str:
    return (LETTER.replace("selaku pengelola media online contohnews.id", f"selaku pengelola {domain}")
            .replace("CV MEDIA CONTOH SEJAHTERA\n", f"{domain.upper()}\nCV MEDIA CONTOH SEJAHTERA\n")
            .replace("www.contohnews.id", f"www.{domain}"))


def test_a_medium_named_by_its_domain_is_online_without_review():
    letter = extract(make_doc(_named_by_domain("contohnews.id")), today=TODAY)
    assert letter.nama_media.lower() == "contohnews.id" and letter.jenis_media == "online"
    assert "jenis_media" not in letter.perlu_ditinjau


def test_a_medium_named_by_a_broadcasters_domain_is_a_broadcaster():
    letter = extract(make_doc(_named_by_domain("contohkota.fm")), today=TODAY)
    assert letter.jenis_media == "radio" and "jenis_media" not in letter.perlu_ditinjau


def test_an_editors_name_wrapped_in_the_prose_is_not_contradicted_by_its_first_line():
    text = LETTER.replace("Pemimpin Redaksi kami,\nSri Wahyuni, M.Si., telah", "Pemimpin Redaksi kami, Sri\nWahyuni, M.Si., telah")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.pemimpin_redaksi == "Sri Wahyuni, M.Si." and "pemimpin_redaksi" not in reasons, reasons


def test_a_group_website_one_letter_off_the_company_initials_is_flagged():
    text = LETTER.replace("www.contohnews.id", "www.mcggroup.co.id").replace("media online contohnews.id", "media online Kabar Contoh")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert "alamat situs hampir sama dengan singkatan nama perusahaan (salah baca?)" in reasons.get("website", [])


def test_a_group_website_spelling_the_company_initials_is_not_flagged():
    text = LETTER.replace("www.contohnews.id", "www.mcsgroup.co.id").replace("media online contohnews.id", "media online Kabar Contoh")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert "website" not in reasons, reasons


def test_a_position_cut_to_its_head_word_is_flagged():
    text = LETTER.replace("Budi Santoso, S.Kom.\nDirektur", "Budi Santoso, S.Kom.\nPemimpin")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert "jabatan tampak tidak lengkap" in reasons.get("jabatan_penandatangan", [])


def test_a_head_word_that_is_a_position_of_its_own_is_not_flagged():
    text = LETTER.replace("Budi Santoso, S.Kom.\nDirektur", "Budi Santoso, S.Kom.\nPimpinan")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.jabatan_penandatangan == "Pimpinan" and "jabatan_penandatangan" not in reasons, reasons


def test_an_editor_mentioned_but_unreadable_points_at_the_mention():
    # the clerk's crop, and where a second look reads again, is the sentence naming the editor
    damaged = LETTER.replace("Pemimpin Redaksi kami,\nSri Wahyuni, M.Si., telah", "Redaksi kami dipimpin oleh\n—~ ~:: ,, telah")
    letter, bukti = extract_with_evidence(make_doc(damaged), today=TODAY)
    assert letter.pemimpin_redaksi is None and "pemimpin_redaksi" in letter.perlu_ditinjau
    assert bukti["pemimpin_redaksi"]["alasan"] == ["disebut di surat tetapi nilainya tidak terbaca"]
    [place] = bukti["pemimpin_redaksi"]["tempat"]
    assert "Redaksi kami dipimpin" in place["teks"]


def ocr_doc(text: str) -> DocumentText:
    """make_doc, with every line marked as Tesseract's reading (as the reader marks them)."""
    doc = make_doc(text)
    for line in doc.pages[0].lines:
        line.engine = "tesseract"
    return doc


def test_an_ocr_email_with_an_l_beside_a_digit_is_flagged():
    misread = LETTER.replace("info@contohnews.id", "contohnewsl6@gmail.com")
    letter, reasons = extract_with_reasons(ocr_doc(misread), today=TODAY)
    assert letter.email == "contohnewsl6@gmail.com" and "email" in letter.perlu_ditinjau
    assert any("angka 1" in r for r in reasons["email"])
    # the same characters in a PDF's text layer are exact: nothing to check
    assert "email" not in extract(make_doc(misread), today=TODAY).perlu_ditinjau
    # an l that ends a word of the media's name is that word's
    assert "email" not in extract(ocr_doc(LETTER.replace("info@contohnews.id", "contohnewsjurnal75@gmail.com")
                                          .replace("media online contohnews.id", "media online Contohnews Jurnal")),
                                  today=TODAY).perlu_ditinjau
    # digits beside other letters are how addresses are written
    assert "email" not in extract(ocr_doc(LETTER.replace("info@contohnews.id", "contohnews16@gmail.com")),
                                  today=TODAY).perlu_ditinjau


def test_an_rt_number_with_letters_in_it_is_flagged():
    misread = LETTER.replace("Km. 5, Desa Sumber", "Km. 5, RT OU/RW 05, Desa Sumber")
    assert "alamat" in flags(misread)
    assert "alamat" not in flags(LETTER.replace("Km. 5, Desa Sumber", "Km. 5, RT 01/RW 05, Desa Sumber"))


def test_an_ocr_address_whose_l_of_jl_was_lost_is_put_right_and_flagged():
    damaged = LETTER.replace("Jalan Raya Contoh Km. 5", "J. Raya Contoh Km. 5")
    letter, reasons = extract_with_reasons(ocr_doc(damaged), today=TODAY)
    assert letter.alamat.startswith("Jl. Raya Contoh Km. 5")
    assert any("'J.'" in r for r in reasons["alamat"])
    # a text layer's "J." is what is printed
    assert extract(make_doc(damaged), today=TODAY).alamat.startswith("J. Raya")


def test_a_name_whose_q_ocr_read_as_g_is_put_right_and_flagged():
    misread = LETTER.replace("Sri Wahyuni, M.Si.", "Rina Baihagi, M.Si.")
    letter, reasons = extract_with_reasons(ocr_doc(misread), today=TODAY)
    assert letter.pemimpin_redaksi == "Rina Baihaqi, M.Si."
    assert any("huruf q terbaca g" in r for r in reasons["pemimpin_redaksi"])
    # names that are spelt with a g stay as they are
    plain = LETTER.replace("Sri Wahyuni, M.Si.", "Agil Gunawan, M.Si.")
    letter, reasons = extract_with_reasons(ocr_doc(plain), today=TODAY)
    assert letter.pemimpin_redaksi == "Agil Gunawan, M.Si." and "pemimpin_redaksi" not in reasons


def test_a_mobile_number_of_thirteen_digits_is_no_trace_of_an_nib():
    # "menghubungi Ir. Wahyu (0822058406907)": 13 digits, but a phone; the letter states no NIB
    text = LETTER.replace(" NIB 9120001234567 dan", "").replace(
        "Hormat kami,", "Untuk koordinasi dapat menghubungi Ir. Wahyu (0822058406907).\nHormat kami,")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.nib is None and "nib" not in reasons
    # a bare NIB-shaped number still is one
    text = LETTER.replace("NIB 9120001234567", "Nomor 9120001234567")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.nib is None and reasons["nib"] == ["disebut di surat tetapi nilainya tidak terbaca"]


def test_a_website_printed_with_a_space_after_www_is_the_website():
    text = LETTER.replace("www.contohnews.id", "www. contohnews.id")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.website == "www.contohnews.id" and "website" not in reasons


def test_a_doubled_tahun_in_an_sk_number_is_one():
    text = LETTER.replace("AHU-0012345.AH.01.01.Tahun 2021", "AHU-0012345.AH.01.01.Tahun Tahun 2021")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.sk_kemenkumham == "AHU-0012345.AH.01.01.Tahun 2021" and "sk_kemenkumham" not in reasons


def test_a_website_whose_scheme_was_cut_at_the_page_edge_is_kept_and_checked():
    # a shifted photocopy cut the first letters of "https://" off the side band
    text = LETTER.replace("www.contohnews.id", "\nWebsite:\nttps://contohnews.id")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.website == "https://contohnews.id" and reasons["website"] == ["awal alamat situs terpotong"]


def test_a_damaged_dewan_pers_row_in_a_list_run_into_prose_is_still_a_trace():
    # the identity list came out as one sentence; its UKW item must not hide the status row
    listed = ("data kami: 1. Nama Media : contohnews.id 2. Verifikasi Dewan 7 sverifikasi Administratif Pers "
              "3. Pemimpin Redaksi : Sri Wahyuni, M.Si. 4. UKW Pemimpin Redaksi : Utama")
    text = LETTER.replace("contohnews.id telah terverifikasi faktual oleh Dewan Pers. Pemimpin Redaksi kami,\n"
                          "Sri Wahyuni, M.Si., telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.\n", listed + "\n")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.status_dewan_pers is None
    assert reasons["status_dewan_pers"] == ["disebut di surat tetapi nilainya tidak terbaca"]


def test_a_free_mailbox_domain_with_a_misread_letter_is_checked():
    text = LETTER.replace("info@contohnews.id", "contohnews@vahoo.com")
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.email == "contohnews@vahoo.com"
    assert "domain e-mail mirip 'yahoo.com' (salah baca?)" in reasons["email"]
    fine, reasons = extract_with_reasons(make_doc(LETTER.replace("info@contohnews.id", "contohnews@yahoo.com")), today=TODAY)
    assert "email" not in reasons


def test_an_ocr_house_number_read_as_letters_is_checked():
    damaged = LETTER.replace("Jalan Raya Contoh Km. 5", "Jalan Raya Contoh No. LISA")
    letter, reasons = extract_with_reasons(ocr_doc(damaged), today=TODAY)
    assert "No. LISA" in letter.alamat and "nomor rumah pada alamat terbaca sebagai huruf" in reasons["alamat"]
    fine, reasons = extract_with_reasons(ocr_doc(LETTER.replace("Jalan Raya Contoh Km. 5", "Jalan Raya Contoh No. 115A")), today=TODAY)
    assert "alamat" not in reasons


def test_a_table_read_label_column_first_keeps_the_trace_of_its_dewan_pers_row():
    # "Verifikasi Dewan Pers" and "Kompetensi Pemimpin" labels, then both values: one run of text
    rows = ("Verifikasi Dewan,Pers\nKompetensi Pemimpin\n: Belum terverlfikasl\n: UKW Madya\n")
    text = LETTER.replace("contohnews.id telah terverifikasi faktual oleh Dewan Pers. Pemimpin Redaksi kami,\n"
                          "Sri Wahyuni, M.Si., telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang Utama.\n", rows)
    letter, reasons = extract_with_reasons(make_doc(text), today=TODAY)
    assert letter.status_dewan_pers is None and "status_dewan_pers" in reasons


def test_an_address_one_lookalike_glyph_from_the_website_is_flagged():
    # a photocopy: "wlgm" read "wigm"; the website spells the company's initials right
    def letter_with(email: str):
        text = LETTER.replace("CV MEDIA CONTOH SEJAHTERA", "PT Wilis Lumajang Global Media") \
                     .replace("info@contohnews.id, www.contohnews.id", f"{email}, www.wlgmgroup.co.id")
        return extract_with_reasons(make_doc(text), today=TODAY)
    misread, reasons = letter_with("wigm.kantor@gmail.com")
    assert misread.email == "wigm.kantor@gmail.com" and "email" in misread.perlu_ditinjau
    assert any("'wlgm'" in r for r in reasons["email"])
    right, reasons = letter_with("wlgm.kantor@gmail.com")
    assert not any("salah baca" in r for r in reasons.get("email", []))


def test_a_usual_mailbox_name_that_lost_its_first_letters_is_flagged():
    for cut_off in ("daksi@", "ing@"):  # from "redaksi@", "marketing@"
        cut = extract(make_doc(LETTER.replace("info@", cut_off)), today=TODAY)
        assert "email" in cut.perlu_ditinjau, cut_off
    whole = extract(make_doc(LETTER.replace("info@contohnews.id", "redaksi@contohnews.id")), today=TODAY)
    assert "email" not in whole.perlu_ditinjau


def test_a_lone_number_read_before_the_media_name_is_flagged():
    from pipeline.extract import misreads
    from pipeline.extract.found import Found, Place

    def read_by_ocr(value: str) -> Found:
        line = Line(page=1, words=[Word(w, 95.0) for w in value.split()], y=0.1, x=0.1, engine="tesseract")
        return Found(value, 95.0, "kop", places=[Place(1, (0.0, 0.0, 1.0, 1.0), line)])
    stray, whole = read_by_ocr("1 merapipagi.co.id"), read_by_ocr("merapipagi.co.id")
    misreads.stray_number(stray, "nama media")
    misreads.stray_number(whole, "nama media")
    assert stray.reasons == ["angka lepas di depan nama media"] and whole.reasons == []


def test_a_lone_number_where_the_media_is_named_is_no_media_name():
    text = LETTER.replace("pengelola media online contohnews.id", "pengelola media online 1 contohnews.id")
    letter = extract(make_doc(text), today=TODAY)
    assert letter.nama_media != "1" and "nama_media" in letter.perlu_ditinjau
