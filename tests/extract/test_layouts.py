"""Letters laid out unlike the samples: values in lists, tables, footers and attached pages.

Each test builds a DocumentText from text lines with positions (page, x, y as page
fractions; word boxes in points), one scenario per behaviour.
"""
import datetime as dt

from pipeline.extract import extract, extract_with_reasons
from pipeline.core.models import DocumentText, Line, PageText, Word

TODAY = dt.date(2026, 11, 26)
PAGE_W = 595.0  # points: word boxes are in page units, Line.x in fractions of the width

HEAD = [
    (1, 0.12, 0.04, "PT Kabar Lestari Nusantara"),
    (1, 0.12, 0.06, "Jalan Raya Contoh No. 5, Desa Sumber, Kabupaten Blitar 66171"),
    (1, 0.12, 0.08, "Telepon: (0342) 801234, e-mail: info@kabarlestari.id"),
    (1, 0.12, 0.12, "Nomor : 12/KLN/X/2026"),
    (1, 0.12, 0.14, "Perihal : Permohonan Kerja Sama Publikasi"),
    (1, 0.60, 0.12, "Blitar, 3 Oktober 2026"),
    (1, 0.12, 0.18, "Kepada Yth."),
    (1, 0.12, 0.20, "Kepala Dinas Komunikasi dan Informatika"),
    (1, 0.12, 0.24, "Dengan hormat,"),
    (1, 0.12, 0.26, "Kami dari PT Kabar Lestari Nusantara selaku pengelola media online kabarlestari.id"),
    (1, 0.12, 0.28, "bermaksud mengajukan permohonan kerja sama publikasi."),
]
CLOSE = [
    (1, 0.55, 0.70, "Hormat kami,"),
    (1, 0.55, 0.72, "PT Kabar Lestari Nusantara"),
    (1, 0.55, 0.78, "Budi Santoso, S.Kom."),
    (1, 0.55, 0.80, "Direktur"),
]


def _line(page: int, x: float, y: float, text: str) -> Line:
    words, left = [], x * PAGE_W
    for w in text.split():
        words.append(Word(w, 100.0, left=left, top=y * 842, width=6.0 * len(w), height=10.0))
        left += 6.0 * len(w) + 4.0
    return Line(page=page, words=words, y=y, x=x)


def make_doc(rows: list[tuple[int, float, float, str]]) -> DocumentText:
    lines = [_line(*r) for r in sorted(rows, key=lambda r: (r[0], r[2], r[1]))]
    pages = sorted({l.page for l in lines})
    return DocumentText(kind="pdf", pages=[PageText(p, [l for l in lines if l.page == p], "text_layer") for p in pages])


def read(rows):
    return extract_with_reasons(make_doc(rows), today=TODAY)


def kv(page: int, y: float, label: str, value: str, x_value: float = 0.40) -> list[tuple]:
    """A "Label : value" row printed as two cells: the label and, further right, ": value"."""
    return [(page, 0.12, y, label), (page, x_value, y, ": " + value)]


def test_identity_data_only_on_an_attached_page_is_read():
    attached = [(2, 0.43, 0.08, "LAMPIRAN")]
    attached += kv(2, 0.20, "1. NIB", "9120001234567")
    attached += kv(2, 0.22, "2. NPWP", "01.234.567.8-901.000")
    attached += kv(2, 0.24, "3. SK Kemenkumham", "AHU-0012345.AH.01.01.Tahun 2021")
    attached += kv(2, 0.26, "4. Verifikasi Dewan Pers", "Terverifikasi Faktual")
    attached += kv(2, 0.28, "5. Pemimpin Redaksi", "Sri Wahyuni, M.Si.")
    attached += kv(2, 0.30, "6. Sertifikat UKW Pemred", "Jenjang Utama")
    letter, reasons = read(HEAD + CLOSE + attached)
    assert letter.nib == "9120001234567" and letter.npwp == "012345678901000"
    assert letter.sk_kemenkumham.startswith("AHU-0012345") and letter.status_dewan_pers == "terverifikasi_faktual"
    assert letter.pemimpin_redaksi == "Sri Wahyuni, M.Si." and letter.ukw_utama is True
    assert not {"nib", "npwp", "status_dewan_pers", "pemimpin_redaksi"} & set(letter.perlu_ditinjau)


def test_a_value_wrapped_in_its_cell_is_joined_to_its_row():
    attached = kv(2, 0.20, "4. Akta Pendirian", "Nomor 54, 19 Agustus 2006, Notaris")
    attached += [(2, 0.41, 0.218, "Dra. Suharto Gunawan, S.H., M.Kn.")]
    attached += kv(2, 0.24, "5. Pemimpin Redaksi", "Andi Wijaya")
    attached += kv(2, 0.26, "6. Kompetensi Pemimpin Redaksi", "Belum mengikuti UKW")
    letter = extract(make_doc(HEAD + CLOSE + attached), today=TODAY)
    assert letter.nomor_akta == "54"
    # the next row's label is not glued onto the name
    assert letter.pemimpin_redaksi == "Andi Wijaya"


def test_belum_mengikuti_ukw_is_false_even_with_a_level_word_later():
    body = [(1, 0.12, 0.30, "Pemimpin Redaksi kami, Andi Wijaya, belum mengikuti UKW; sertifikat Harian Utama menyusul.")]
    letter = extract(make_doc(HEAD + body + CLOSE), today=TODAY)
    assert letter.ukw_utama is False


def test_website_outside_the_letterhead_is_found():
    body = [(1, 0.12, 0.30, "Kantor kami dapat dikunjungi melalui laman kabarlestari.id setiap saat.")]
    letter = extract(make_doc(HEAD + body + CLOSE), today=TODAY)
    assert letter.website == "kabarlestari.id"


def test_website_from_a_label_in_a_list_is_found():
    rows = HEAD + kv(1, 0.32, "Website", "www.kabarlestari.id") + CLOSE
    assert extract(make_doc(rows), today=TODAY).website == "www.kabarlestari.id"


def test_contacts_in_a_footer_letterhead_are_read():
    head = [r for r in HEAD if r[2] >= 0.12]  # nothing at the top but the header block
    footer = [(1, 0.20, 0.93, "Jl. Merdeka No. 12, Kota Kediri 64121"),
              (1, 0.20, 0.95, "Telp. 0354-599570 | E-mail: redaksi@kabarlestari.id")]
    letter, reasons = read(head + CLOSE + footer)
    assert letter.alamat == "Jl. Merdeka No. 12, Kota Kediri 64121"
    assert letter.telepon == "0354-599570" and letter.email == "redaksi@kabarlestari.id"
    assert not {"alamat", "telepon", "email"} & set(letter.perlu_ditinjau)


def test_a_footer_letterhead_is_read_even_when_the_body_runs_on_to_the_next_page():
    head = [r for r in HEAD if r[2] >= 0.12]
    prose = [(1, 0.12, 0.30 + 0.02 * i, "Kami sampaikan rincian kerja sama publikasi yang kami tawarkan berikut ini.")
             for i in range(12)]
    footer = [(1, 0.25, 0.91, "PT Kabar Lestari Nusantara"),
              (1, 0.25, 0.93, "Jl. Merdeka No. 12, Kota Kediri 64121"),
              (1, 0.25, 0.95, "Telp. 0354-599570 | E-mail: redaksi@kabarlestari.id")]
    page2 = [(2, 0.12, 0.08, "Demikian permohonan ini kami sampaikan."),
             *[(2, x, y - 0.62, t) for _, x, y, t in CLOSE]]
    letter, reasons = read(head + prose + footer + page2)
    assert letter.alamat == "Jl. Merdeka No. 12, Kota Kediri 64121"
    assert letter.telepon == "0354-599570" and letter.email == "redaksi@kabarlestari.id"
    assert not {"alamat", "telepon", "email"} & set(letter.perlu_ditinjau), reasons


def test_contacts_in_a_table_without_separators_are_read_with_their_wrapped_cells():
    head = [r for r in HEAD if r[2] >= 0.12]
    table = [(1, 0.12, 0.32, "Kontak perusahaan:"),
             (1, 0.12, 0.34, "Alamat"), (1, 0.35, 0.34, "Jl. Merdeka No. 12, Kelurahan Bandar"),
             (1, 0.35, 0.355, "Lor, Kota Kediri 64121"),
             (1, 0.12, 0.37, "Telepon"), (1, 0.35, 0.37, "0354-599570"),
             (1, 0.12, 0.39, "E-mail"), (1, 0.35, 0.39, "redaksi@kabarlestari.id")]
    letter, reasons = read(head + table + CLOSE)
    assert letter.alamat == "Jl. Merdeka No. 12, Kelurahan Bandar Lor, Kota Kediri 64121"
    assert letter.telepon == "0354-599570" and letter.email == "redaksi@kabarlestari.id"
    assert not {"alamat", "telepon", "email"} & set(letter.perlu_ditinjau), reasons


def test_a_labelled_office_number_in_prose_is_taken_and_the_contact_persons_is_not():
    head = [r for r in HEAD if r[2] >= 0.12]
    body = [(1, 0.12, 0.30, "Kantor kami telepon 0342-801234; untuk koordinasi hubungi Sdr. Made (0812-3456-7890).")]
    letter = extract(make_doc(head + body + CLOSE), today=TODAY)
    assert letter.telepon == "0342-801234" and "telepon" not in letter.perlu_ditinjau


def test_only_a_contact_persons_number_in_prose_is_flagged():
    head = [r for r in HEAD if r[2] >= 0.12]
    body = [(1, 0.12, 0.30, "Untuk koordinasi lebih lanjut dapat menghubungi Sdr. Made (0812-3456-7890).")]
    letter = extract(make_doc(head + body + CLOSE), today=TODAY)
    assert letter.telepon is None or "telepon" in letter.perlu_ditinjau


def test_two_unlabelled_numbers_in_prose_are_flagged():
    head = [r for r in HEAD if r[2] >= 0.12]
    body = [(1, 0.12, 0.30, "Kami dapat dihubungi di 0342-801234 atau 0812-3456-7890 setiap hari kerja.")]
    letter = extract(make_doc(head + body + CLOSE), today=TODAY)
    assert letter.telepon and "telepon" in letter.perlu_ditinjau


def test_required_contact_not_found_is_flagged_not_silently_empty():
    head = [r for r in HEAD if r[2] >= 0.12]
    letter, reasons = read(head + CLOSE)
    assert letter.telepon is None and "telepon" in letter.perlu_ditinjau


def test_identity_label_with_unreadable_value_on_attached_page_is_flagged():
    attached = [(2, 0.43, 0.08, "LAMPIRAN")] + kv(2, 0.20, "1. NPWP", "(menyusul)")
    letter = extract(make_doc(HEAD + CLOSE + attached), today=TODAY)
    assert letter.npwp is None and "npwp" in letter.perlu_ditinjau


def test_list_of_enclosures_is_no_trace_of_a_missing_value():
    attached = [(2, 0.12, 0.10, "DAFTAR DOKUMEN PENDUKUNG"), (2, 0.12, 0.12, "1. Sertifikat UKW Pemimpin Redaksi")]
    letter = extract(make_doc(HEAD + CLOSE + attached), today=TODAY)
    assert "ukw_utama" not in letter.perlu_ditinjau and "pemimpin_redaksi" not in letter.perlu_ditinjau


def test_co_signer_beside_the_signature_is_not_the_signatory():
    close = [
        (1, 0.12, 0.70, "Mengetahui,"), (1, 0.55, 0.70, "Hormat kami,"),
        (1, 0.55, 0.72, "PT Kabar Lestari Nusantara"),
        (1, 0.12, 0.78, "Arief Fauzi, S.Hum."), (1, 0.55, 0.78, "Budi Santoso, S.Kom."),
        (1, 0.12, 0.80, "Pemimpin Redaksi"), (1, 0.55, 0.80, "Direktur"),
    ]
    letter = extract(make_doc(HEAD + close), today=TODAY)
    assert letter.penandatangan == "Budi Santoso, S.Kom." and letter.jabatan_penandatangan == "Direktur"


def test_digit_lookalike_word_after_the_label_is_not_the_number():
    body = [(1, 0.12, 0.30, "Perusahaan kami memiliki NIB (OSS) 9120001234567 yang masih berlaku.")]
    letter = extract(make_doc(HEAD + body + CLOSE), today=TODAY)
    assert letter.nib == "9120001234567"


def test_media_name_and_kind_from_a_profile_list():
    rows = HEAD[:9] + [(1, 0.12, 0.26, "Bersama surat ini kami mengajukan permohonan kerja sama publikasi.")]
    rows += kv(1, 0.30, "1. Nama Media", "Kabar Lestari") + kv(1, 0.32, "2. Jenis Media", "Portal berita online")
    letter = extract(make_doc(rows + CLOSE), today=TODAY)
    assert letter.nama_media == "Kabar Lestari" and letter.jenis_media == "online"


def test_a_side_band_cell_on_the_same_baseline_is_not_part_of_the_value():
    rows = HEAD + kv(1, 0.30, "2. Nama Media", "Kabar Lestari") + [(1, 0.80, 0.302, "66171")] + CLOSE
    assert extract(make_doc(rows), today=TODAY).nama_media == "Kabar Lestari"


def test_a_phone_number_is_never_read_from_the_middle_of_a_longer_one():
    head = [r for r in HEAD if r[2] >= 0.12]
    footer = [(1, 0.20, 0.95, "Hubungi kami: 897-0608-56418")]
    letter = extract(make_doc(head + CLOSE + footer), today=TODAY)
    assert letter.telepon != "0608-56418"


def test_a_deed_number_on_the_attached_page_is_not_a_second_letter_number():
    attached = [(2, 0.12, 0.10, "Nomor : 12/KLN/X/2026")] + kv(2, 0.20, "4. Akta Notaris", "Nomor 5, 13 Oktober 2014, Notaris Endang")
    letter = extract(make_doc(HEAD + CLOSE + attached), today=TODAY)
    assert letter.nomor_surat == "12/KLN/X/2026" and "nomor_surat" not in letter.perlu_ditinjau


def test_editor_row_lost_but_signed_as_pemimpin_redaksi_is_inferred_and_flagged():
    close = CLOSE[:3] + [(1, 0.55, 0.80, "Pemimpin Redaksi")]
    letter, reasons = read(HEAD + close)
    assert letter.pemimpin_redaksi == "Budi Santoso, S.Kom." and "pemimpin_redaksi" in letter.perlu_ditinjau


def test_prose_line_above_the_marker_is_not_a_co_signer_column():
    close = [(1, 0.12, 0.685, "Atas perhatian Bapak/Ibu kami ucapkan terima kasih.")] + CLOSE
    letter = extract(make_doc(HEAD + close), today=TODAY)
    assert letter.penandatangan == "Budi Santoso, S.Kom." and letter.jabatan_penandatangan == "Direktur"


def _titled(*title_lines: str, website: str = "www.kabarlestari.id") -> list[tuple]:
    """A letterhead with title lines above the company, its website, and prose naming no brand."""
    top = [(1, 0.30, 0.02 + 0.015 * i, t) for i, t in enumerate(title_lines)]
    contacts = [(1, 0.12, 0.06, "PT Kabar Lestari Nusantara"),
                (1, 0.12, 0.075, "Jalan Raya Contoh No. 5, Desa Sumber, Kabupaten Blitar 66171"),
                (1, 0.12, 0.09, f"Telepon: (0342) 801234, website: {website}")]
    body = [r for r in HEAD if r[2] >= 0.12 and "kabarlestari.id" not in r[3]]
    body.append((1, 0.12, 0.26, "Kami dari PT Kabar Lestari Nusantara mengajukan permohonan kerja sama publikasi."))
    return top + contacts + body + CLOSE


def test_a_broadcasters_category_line_is_not_its_brand():
    letter, reasons = read(_titled("LEMBAGA PENYIARAN SWASTA", "KABAR LESTARI"))
    assert letter.nama_media == "KABAR LESTARI"


def test_a_slogan_in_quotes_is_not_the_brand():
    letter, reasons = read(_titled('"Tajam, Terpercaya, Berimbang"', "Kabar Lestari"))
    assert letter.nama_media == "Kabar Lestari"


def test_a_title_brand_the_website_spells_is_trusted():
    letter, reasons = read(_titled("Kabar Lestari"))
    assert letter.nama_media == "Kabar Lestari" and "nama_media" not in letter.perlu_ditinjau, reasons


def test_a_title_brand_sharing_only_one_word_with_the_website_is_flagged():
    letter, reasons = read(_titled("Kabar Lestari", website="www.kabarlestarijatim.id"))
    assert "nama media hanya dari judul kop surat" in reasons.get("nama_media", [])


def test_a_frequency_under_the_title_belongs_to_the_brand():
    letter, reasons = read(_titled("LEMBAGA PENYIARAN SWASTA", "RADIO KABAR LESTARI", "101.7 FM"))
    assert letter.nama_media == "RADIO KABAR LESTARI 101.7 FM"


def test_a_competence_row_whose_label_wraps_gives_the_editors_ukw_level():
    rows = kv(1, 0.34, "8. Pemimpin Redaksi", "Budi Santoso, S.Kom.") + kv(1, 0.36, "9. Kompetensi", "Jenjang Utama No.")
    rows += [(1, 0.12, 0.375, "Pemimpin Redaksi"), (1, 0.40, 0.375, "6253-IJTI/WU/DP/X/2020")]
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.ukw_utama is True and "ukw_utama" not in reasons, reasons


def test_contacts_stated_once_in_the_body_prose_are_not_flagged():
    """No contacts in the letterhead; the body says them once, by their labels, over wrapped
    lines, with OCR's "#" for "+" before the number and spaces around the "@"."""
    head = [HEAD[0]] + HEAD[3:10] + [
        (1, 0.12, 0.28, "bermaksud mengajukan permohonan kerja sama publikasi. Kantor kami beralamat di"),
        (1, 0.12, 0.30, "{street} Mawar Gg. III No. 115, RT 05/RW 11, Kel. Ngetal, Kec. Pogalan, Kabupaten"),
        (1, 0.12, 0.32, "Trenggalek 66322, telepon #62 355 604276, e-mail panjiwarga @outlook.com."),
    ]
    for street in ("Jl.", "JI."):  # "JI.": OCR's I for the l, put right in the value
        letter, reasons = read([(p, x, y, t.format(street=street)) for p, x, y, t in head] + CLOSE)
        assert letter.alamat.startswith("Jl. Mawar Gg. III No. 115") and letter.alamat.endswith("66322")
        assert letter.telepon.replace(" ", "").endswith("62355604276") and letter.email == "panjiwarga@outlook.com"
        assert not {"alamat", "telepon", "email"} & set(letter.perlu_ditinjau), (street, reasons)


def test_a_list_whose_labels_were_read_apart_from_their_values_gives_no_word_for_the_deed_number():
    # OCR read the list's label column, then its value column: "Akta Pendirian" is followed
    # by the next label, "Nomor Induk Berusaha", whose "Induk" is no deed number (the values
    # stand a little lower than their labels, so the rows are not joined)
    prose = [(1, 0.12, 0.30, "Sebagai gambaran, data perusahaan kami adalah sebagai berikut:")]
    labels = [(1, 0.12, 0.32, "- Akta Pendirian"), (1, 0.12, 0.34, "- Nomor Induk Berusaha (NIB)")]
    values = [(1, 0.40, 0.326, ": No. 16 tanggal 15 Mei 2013, Notaris Drs. Purnomo Utomo, S.H."), (1, 0.40, 0.346, ": 9120001234567")]
    rows = sorted(HEAD + prose, key=lambda r: (r[2], r[1])) + labels + values + CLOSE  # in OCR's reading order
    doc = DocumentText(kind="pdf", pages=[PageText(1, [_line(*r) for r in rows], "text_layer")])
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    assert letter.nomor_akta == "16" and letter.nib == "9120001234567"
    assert not {"nomor_akta", "nib"} & set(letter.perlu_ditinjau), reasons


def test_an_address_word_with_one_letter_misread_is_flagged():
    for street, flagged in (("Ruko Mutiara Square No. 23", False), ("Ruko Mutiara Sguare No. 23", True)):
        head = [r for r in HEAD if not r[3].startswith("Jalan")] + [(1, 0.12, 0.06, f"{street}, Kota Surabaya 60292")]
        letter, reasons = read(head + CLOSE)
        assert letter.alamat == f"{street}, Kota Surabaya 60292"
        assert ("alamat" in letter.perlu_ditinjau) is flagged, (street, reasons)


def test_an_address_wrapped_over_three_lines_of_its_cell_keeps_its_postcode():
    head = [HEAD[0]] + HEAD[3:]
    listed = kv(1, 0.40, "Alamat", "Jl. Dr. Soetomo No. 132, Kelurahan Kolpajung,")
    listed += [(1, 0.41, 0.415, "Kec. Pamekasan, Kabupaten Pamekasan, Jawa Timur"), (1, 0.41, 0.43, "69330")]
    listed += kv(1, 0.45, "Telepon", "(0324) 801234")
    letter, reasons = read(head + listed + CLOSE)
    assert letter.alamat == "Jl. Dr. Soetomo No. 132, Kelurahan Kolpajung, Kec. Pamekasan, Kabupaten Pamekasan, Jawa Timur 69330"
    assert "alamat" not in letter.perlu_ditinjau, reasons


def test_a_label_cell_left_of_indented_paragraphs_is_no_side_band():
    # "Hal" printed as a cell of its own; the paragraphs' first lines and the list's values
    # start further right than the labels: the labels are still in the text column
    head = [r for r in HEAD if not r[3].startswith(("Perihal", "Kami dari", "bermaksud"))]
    head += [(1, 0.12, 0.14, "Hal"), (1, 0.19, 0.14, ": Penawaran Kerja Sama Iklan"), (1, 0.12, 0.21, "di -")]
    prose = [(1, 0.17, 0.26 + 0.02 * i, "Kami dari PT Kabar Lestari Nusantara selaku pengelola media online kabarlestari.id")
             for i in range(4)]
    prose += [(1, 0.12, 0.36, "NIB"), (1, 0.38, 0.36, ": 9120001234567 yang diterbitkan oleh Lembaga OSS pada tahun 2021")]
    prose += [(1, 0.38, 0.38 + 0.02 * i, ": keterangan lain tentang perusahaan kami yang cukup panjang") for i in range(4)]
    letter, reasons = read(head + prose + CLOSE)
    assert letter.perihal == "Penawaran Kerja Sama Iklan", reasons


def test_the_newsroom_named_in_passing_is_no_trace_of_an_editor_but_an_empty_editor_row_is():
    passing = [(1, 0.12, 0.30, "Data legalitas perusahaan dan redaksi kami sampaikan dalam lampiran surat ini.")]
    letter, reasons = read(HEAD + passing + CLOSE)
    assert letter.pemimpin_redaksi is None and "pemimpin_redaksi" not in letter.perlu_ditinjau, reasons
    # on the attached page the editor's row kept its label, its value cell was not read
    attached = [(2, 0.43, 0.08, "LAMPIRAN")] + kv(2, 0.20, "1. NIB", "9120001234567") + [(2, 0.12, 0.22, "2. Pemimpin Redaksi")]
    letter, reasons = read(HEAD + passing + CLOSE + attached)
    assert letter.pemimpin_redaksi is None and "pemimpin_redaksi" in letter.perlu_ditinjau
    # ... but a list of enclosures that names the editor's certificate states no editor row
    enclosures = [(2, 0.43, 0.08, "LAMPIRAN"), (2, 0.12, 0.20, "1. Akta Pendirian"), (2, 0.12, 0.22, "2. Sertifikat UKW Pemimpin Redaksi")]
    letter, reasons = read(HEAD + passing + CLOSE + enclosures)
    assert "pemimpin_redaksi" not in letter.perlu_ditinjau, reasons


def test_a_title_brand_the_companys_own_mail_domain_spells_is_trusted():
    for mail, trusted in (("redaksi@suaratulungagung.tv", True), ("suaratulungagung@gmail.com", False)):
        rows = [(p, x, y, t.replace("website: www.kabarlestari.id", f"e-mail: {mail}")) for p, x, y, t in _titled("Suara Tulungagung")]
        letter, reasons = read(rows)
        assert letter.nama_media == "Suara Tulungagung" and letter.email == mail
        assert ("nama_media" not in letter.perlu_ditinjau) is trusted, (mail, reasons)


def test_a_subject_wrapped_back_under_its_label_is_read_whole_and_checked():
    rows = [r for r in HEAD if not r[3].startswith("Perihal")]
    rows += [(1, 0.12, 0.14, "Perihal : Permohonan Kerja Sama Publikasi dan Penyebarluasan Informasi"),
             (1, 0.12, 0.156, "Pembangunan Daerah")]
    letter, reasons = read(rows + CLOSE)
    assert letter.perihal == "Permohonan Kerja Sama Publikasi dan Penyebarluasan Informasi Pembangunan Daerah"
    assert "perihal" in letter.perlu_ditinjau


def test_the_addressee_right_under_the_subject_is_not_part_of_it():
    rows = [r for r in HEAD if not r[3].startswith(("Perihal", "Kepada"))]
    rows += [(1, 0.12, 0.14, "Perihal : Permohonan Kerja Sama Publikasi"), (1, 0.12, 0.156, "Kepada Yth.")]
    letter, reasons = read(rows + CLOSE)
    assert letter.perihal == "Permohonan Kerja Sama Publikasi" and "perihal" not in reasons


def test_a_speck_read_between_the_subject_lines_does_not_cut_the_subject():
    rows = [r for r in HEAD if not r[3].startswith("Perihal")]
    rows += [(1, 0.12, 0.14, "Perihal : Penawaran Kerja Sama Penayangan Iklan Layanan"),
             (1, 0.80, 0.148, "4"),  # a dot of noise far right, read as a row of its own
             (1, 0.225, 0.156, "Masyarakat")]
    letter, reasons = read(rows + CLOSE)
    assert letter.perihal == "Penawaran Kerja Sama Penayangan Iklan Layanan Masyarakat"


def test_a_list_run_into_one_line_ends_the_company_name_at_the_next_item():
    rows = HEAD + [(1, 0.12, 0.30, "1. Nama Badan Usaha : CV Cakrawala Tapalkuda Grafika 2. Nama Media : Kabar Lestari")] + CLOSE
    letter, _ = read([r for r in rows if "PT Kabar Lestari" not in r[3]])
    assert letter.nama_perusahaan == "CV Cakrawala Tapalkuda Grafika"


def test_a_stray_one_before_the_subject_is_no_part_of_it():
    rows = [r for r in HEAD if not r[3].startswith("Perihal")] + [(1, 0.12, 0.14, "Perihal : 1 Permohonan Kerja Sama Pemberitaan")]
    letter, _ = read(rows + CLOSE)
    assert letter.perihal == "Permohonan Kerja Sama Pemberitaan"


def test_a_subject_in_capitals_with_an_unknown_lower_case_word_is_checked():
    rows = [r for r in HEAD if not r[3].startswith("Perihal")] + [(1, 0.12, 0.14, "Perihal : Permohonan Kerja Sama Pem beritaangi")]
    letter, reasons = read(rows + CLOSE)
    assert "perihal tampak terpotong atau rusak" in reasons["perihal"]
    rows = [r for r in HEAD if not r[3].startswith("Perihal")] + [(1, 0.12, 0.14, "Perihal : Permohonan kerja sama publikasi dan pemberitaan")]
    letter, reasons = read(rows + CLOSE)
    assert "perihal" not in reasons  # written in lower case throughout, as some offices do


def test_a_fax_number_on_the_line_of_a_site_is_not_taken_for_the_phone():
    # the "https://" of the site made that prose line look like a "Label : value" row
    rows = [r for r in HEAD if not r[3].startswith("Telepon")] + [
        (1, 0.12, 0.30, "Kantor kami beralamat di Jl. Supriyadi No. 231, Kabupaten Ponorogo 63450, telepon 0352 881255, faksimile"),
        (1, 0.12, 0.32, "(0352) 5120846, e-mail jtd.redaksi@gmail.com, laman https://www.jagadterkini.web.id/.")]
    letter, _ = read(rows + CLOSE)
    assert letter.telepon == "0352 881255"


def test_a_damaged_competence_row_of_the_editor_still_names_the_level():
    rows = HEAD + [(1, 0.12, 0.30, "Pemimpin Redaksi : Didik Santoso, S.E."),
                   (1, 0.12, 0.32, "Kompetensi Pemimpith : UK Madya")] + CLOSE
    letter, _ = read(rows)
    assert letter.ukw_utama is False


def test_a_side_band_line_ocr_joined_to_the_prose_beside_it_stays_in_the_address():
    # The letterhead is a band down the right edge; OCR read one of its address lines and the
    # prose line on the same baseline as one line.
    band = [(1, 0.78, 0.10, "PT Kabar Lestari Nusantara"), (1, 0.78, 0.12, "Perum Griya Permata Blok C"),
            (1, 0.78, 0.14, "No. 235B, Kelurahan"), (1, 0.78, 0.16, "Mangundikaran"),
            (1, 0.78, 0.20, "Kabupaten Nganjuk 64429"), (1, 0.78, 0.22, "Telp/HP: (0358) 743090")]
    head = [(1, 0.12, 0.10, "Nomor : 12/KLN/X/2026"), (1, 0.12, 0.12, "Perihal : Permohonan Kerja Sama Publikasi"),
            (1, 0.12, 0.14, "Kepada Yth. Kepala Dinas Komunikasi dan Informatika"), (1, 0.12, 0.16, "Dengan hormat,")]
    prose = [(1, 0.12, 0.24 + 0.02 * i, "Kami dari PT Kabar Lestari selaku pengelola media") for i in range(3)]
    doc = make_doc(band + head + prose + CLOSE)
    joined = _line(1, 0.12, 0.18, "Kabupaten Trenggalek.")
    joined.words += _line(1, 0.78, 0.18, "Kecamatan Nganjuk,").words
    doc.pages[0].lines.insert(next(i for i, l in enumerate(doc.pages[0].lines) if l.y > 0.18), joined)
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    assert letter.alamat == ("Perum Griya Permata Blok C No. 235B, Kelurahan Mangundikaran, Kecamatan Nganjuk, "
                             "Kabupaten Nganjuk 64429"), reasons.get("alamat")
