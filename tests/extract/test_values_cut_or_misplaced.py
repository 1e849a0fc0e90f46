"""Values that OCR cut at their start or that a list put out of place, as a fresh corpus
showed them: each is read from its own place, or flagged, never taken silently."""
from __future__ import annotations

from tests.extract.test_layouts import CLOSE, HEAD, kv, read
from tests.extract.test_signature_and_slips import ocr_doc
from pipeline.core.models import DocumentText, PageText
from pipeline.extract import extract_with_reasons
from pipeline.extract.rows import rows
from tests.extract.test_layouts import TODAY


def _with_mail(address: str) -> list[tuple]:
    return [r for r in HEAD if not r[3].startswith("Telepon")] + [(1, 0.12, 0.08, f"Telepon: (0342) 801234, e-mail: {address}")]


def test_an_address_that_lost_its_first_letters_is_flagged():
    for address in ("abarlestari77@gmail.com", "kabarlestari 1 @yahoo.com"):
        letter, reasons = read(_with_mail(address) + CLOSE)
        assert "email" in letter.perlu_ditinjau, (address, letter.email)
        assert any("awal" in r for r in reasons["email"]), reasons["email"]


def test_an_address_made_of_whole_name_words_is_not_taken_for_a_cut_one():
    for address in ("kabarlestari77@gmail.com", "lestari.news@gmail.com", "redaksi@kabarlestari.id"):
        letter, reasons = read(_with_mail(address) + CLOSE)
        assert not any("awal" in r for r in reasons.get("email", [])), (address, reasons)


def test_a_contact_persons_number_at_the_top_of_the_second_page_is_not_the_companys():
    head = [r for r in HEAD if not r[3].startswith("Telepon")]
    listed = kv(1, 0.40, "No. Telp/HP", "0354-850601")
    page2 = [(2, 0.18, 0.08, "Untuk koordinasi lebih lanjut, Bapak/Ibu dapat menghubungi Cahyo Utomo"),
             (2, 0.13, 0.10, "(+6285610734702).")]
    letter, reasons = read(head + listed + CLOSE + page2)
    assert letter.telepon == "0354-850601", (letter.telepon, reasons["telepon"])


def test_a_list_whose_values_a_photo_gives_before_its_labels_is_read_row_by_row():
    # the photo's slight tilt puts each value a hair above its label: the reader lists it first
    rows = [(1, 0.37, 0.4815, ": Dr. Bambang Ika Haryanto, S.Sos."), (1, 0.14, 0.482, "9. Pemimpin Redaksi"),
            (1, 0.37, 0.4975, ": Wartawan Madya"), (1, 0.14, 0.498, "10. Kompetensi Pemimpin"),
            (1, 0.16, 0.513, "Redaksi"),
            (1, 0.18, 0.536, "Adapun bentuk kerja sama yang kami tawarkan meliputi advertorial.")]
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + rows + CLOSE), today=TODAY)
    assert letter.pemimpin_redaksi == "Dr. Bambang Ika Haryanto, S.Sos.", reasons["pemimpin_redaksi"]


def test_a_level_or_a_sentence_after_the_editors_label_is_no_name():
    for after in ("Wartawan Madya", "Adapun kerja sama yang kami tawarkan meliputi advertorial."):
        rows = [(1, 0.14, 0.50, "Pemimpin Redaksi kami"), (1, 0.14, 0.52, after)]
        letter, _ = read(HEAD + rows + CLOSE)
        assert letter.pemimpin_redaksi is None or "pemimpin_redaksi" in letter.perlu_ditinjau, (after, letter.pemimpin_redaksi)
        assert letter.pemimpin_redaksi not in ("Wartawan Madya", "Adapun"), after


def test_a_fax_number_taken_because_the_phone_label_was_misread_is_flagged():
    head = [r for r in HEAD if not r[3].startswith("Telepon")]
    head += [(1, 0.12, 0.08, "Kn 6415780"), (1, 0.12, 0.09, "Fax. 021-52774687"), (1, 0.12, 0.10, "E-mail: info@kabarlestari.id")]
    letter, reasons = read(head + CLOSE)
    assert letter.telepon is None or "telepon" in letter.perlu_ditinjau, letter.telepon


def test_a_phone_and_fax_line_gives_the_phone_unflagged():
    head = [r for r in HEAD if not r[3].startswith("Telepon")]
    head += [(1, 0.12, 0.08, "Telp. (021) 6415780, Fax. 021-52774687"), (1, 0.12, 0.10, "E-mail: info@kabarlestari.id")]
    letter, reasons = read(head + CLOSE)
    assert letter.telepon == "(021) 6415780" and "telepon" not in letter.perlu_ditinjau, reasons.get("telepon")


def test_a_contact_persons_number_stays_his_when_ocr_gives_the_sentence_out_of_order():
    head = [r for r in HEAD if not r[3].startswith("Telepon")] + [(1, 0.12, 0.08, "E-mail: info@kabarlestari.id")]
    body = [(1, 0.17, 0.625, "Untuk koordinasi lebih lanjut,"), (1, 0.48, 0.6255, "Bapak/Ibu dapat menghubungi"),
            (1, 0.12, 0.64, "(0851.1767.5827).")]
    doc = ocr_doc(head + body + CLOSE)
    lines = doc.pages[0].lines
    piece = next(l for l in lines if l.text.startswith("Bapak/Ibu"))
    lines.remove(piece)  # the reader gave the sentence's right-hand piece after the line below it
    lines.insert(lines.index(next(l for l in lines if l.text.startswith("(0851"))) + 1, piece)
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    assert letter.telepon is None or "telepon" in letter.perlu_ditinjau, (letter.telepon, reasons.get("telepon"))


def _subject(perihal: str) -> list[tuple]:
    return [r for r in HEAD if not r[3].startswith("Perihal")] + [(1, 0.12, 0.14, f"Perihal : {perihal}")]


def test_a_subject_whose_last_word_lost_its_end_is_flagged():
    letter, reasons = read(_subject("Permohonan Kerja Sama Pemberit") + CLOSE)
    assert "perihal" in letter.perlu_ditinjau, reasons.get("perihal")


def test_a_subject_ending_in_a_whole_short_word_is_not_taken_for_a_cut_one():
    for perihal in ("Permohonan Kerja Sama Publikasi Media Sosial", "Permohonan Kerja Sama Informasi Publik"):
        letter, reasons = read(_subject(perihal) + CLOSE)
        assert "perihal" not in letter.perlu_ditinjau, (perihal, reasons.get("perihal"))


def test_an_editor_named_in_the_masthead_is_read():
    # (as mastheads print it: the staff in one line)
    head = HEAD[:3] + [(1, 0.12, 0.09, "Pemimpin Redaksi: Sri Wahyuni, M.Si. Redaktur Pelaksana: Budi Santoso")] + HEAD[3:]
    letter, reasons = read(head + CLOSE)
    assert letter.pemimpin_redaksi == "Sri Wahyuni, M.Si.", reasons.get("pemimpin_redaksi")


def _with_site_line(line: str) -> list[tuple]:
    return [r for r in HEAD if not r[3].startswith("Telepon")] + [(1, 0.12, 0.08, line)]


def test_a_website_whose_label_separator_was_misread_is_read():
    letter, reasons = read(_with_site_line("Telepon: (0342) 801234, e-mail: info@kabarlestari.id, laman-kabarlestari.id.")
                           + CLOSE)
    assert letter.website == "kabarlestari.id", (letter.website, reasons["website"])


def test_a_website_label_cut_at_the_page_edge_still_gives_the_site():
    letter, reasons = read(_with_site_line("bsite: kabarlestari.id") + CLOSE)
    assert letter.website == "kabarlestari.id", (letter.website, reasons["website"])


def test_a_website_label_with_an_unreadable_value_goes_to_review():
    letter, reasons = read(_with_site_line("Telepon: (0342) 801234, Laman: #/ ~ ,") + CLOSE)
    assert letter.website is None and "website" in letter.perlu_ditinjau, reasons["website"]


def test_a_letter_that_calls_itself_a_news_site_has_no_website_to_review():
    rows = [r for r in HEAD] + [(1, 0.12, 0.30, "Kami adalah situs berita daring yang terbit sejak 2019.")]
    letter, reasons = read(rows + CLOSE)
    assert "website" not in letter.perlu_ditinjau, reasons["website"]


def test_a_free_mailbox_misspelling_the_sites_name_is_flagged():
    line = "Telepon: (0342) 801234, e-mail: abarlestarimedia@gmail.com, website: www.kabarlestari.id"
    letter, reasons = read(_with_site_line(line) + CLOSE)
    assert "email" in letter.perlu_ditinjau, (letter.email, reasons["email"])
    for address in ("kabarlestarimedia@gmail.com", "redaksi.kabarlestari@gmail.com", "tvkabarlestari@gmail.com",
                    "kabarlestar.redaksi@gmail.com", "kabar.lestari@gmail.com"):  # the last: the site without its "i" (as "lenterarakyat" for lenterarakyattv)
        line = f"Telepon: (0342) 801234, e-mail: {address}, website: www.kabarlestari.id"
        letter, reasons = read(_with_site_line(line) + CLOSE)
        assert not any("situs" in r for r in reasons.get("email", [])), (address, reasons)


def _in_reading_order(rows: list[tuple]) -> DocumentText:
    """A scan's lines in the order given (the reader's blocks), not sorted top to bottom."""
    doc = ocr_doc(rows)
    by_text = {(line.page, line.y, line.x): line for line in doc.pages[0].lines}
    lines = [by_text[(page, y, x)] for page, x, y, _ in rows]
    return DocumentText(kind="png", pages=[PageText(p, [line for line in lines if line.page == p], "ocr")
                                           for p in sorted({line.page for line in lines})])


def test_an_attached_list_read_label_column_first_then_value_column_is_read_row_by_row():
    # A scan's reader may give an attached page's list as two blocks: every label, then every
    # value. Each value still belongs to the label on its baseline, however far back it is.
    items = [("Nama Badan Usaha", "PT Kabar Lestari Nusantara"), ("Nama Media", "kabarlestari.id"),
             ("Akta Notaris", "Nomor 48 tanggal 18 September 2008, Notaris Ahmad Dian Zulkarnain, S.H."),
             ("SK Kemenkumham", "AHU-7693560.AH.01.01.Tahun 2008"), ("Nomor Induk Berusaha (NIB)", "8047705819121"),
             ("NPWP", "0911 6583 8012 1000"), ("Verifikasi Dewan Pers", "Terverifikasi Faktual"),
             ("Pemimpin Redaksi", "Ir. Ahmad Effendi, S.Sos."), ("Kompetensi Pemimpin Redaksi", "UKW Utama")]
    ys = [0.20 + 0.017 * i for i in range(len(items))]
    page2 = [(2, 0.43, 0.08, "LAMPIRAN")]
    page2 += [(2, 0.13, y, label) for (label, _), y in zip(items, ys)]
    page2 += [(2, 0.40, y + 0.001, ": " + value) for (_, value), y in zip(items, ys)]
    letter, reasons = extract_with_reasons(_in_reading_order(HEAD + CLOSE + page2), today=TODAY)
    assert (letter.npwp, letter.nib, letter.nomor_akta) == ("0911658380121000", "8047705819121", "48"), reasons
    assert letter.sk_kemenkumham == "AHU-7693560.AH.01.01.Tahun 2008"
    assert letter.status_dewan_pers == "terverifikasi_faktual"
    assert (letter.pemimpin_redaksi, letter.ukw_utama) == ("Ir. Ahmad Effendi, S.Sos.", True), reasons["pemimpin_redaksi"]


def test_a_value_whose_colon_the_scan_lost_is_its_own_rows_not_the_row_above():
    # The same two blocks, but the scan lost the ':' of most values. A value cell just under
    # the one above, in its column, looks like that value wrapped; the label waiting on its
    # baseline says it is the next row's.
    items = [("1. Nama Badan Usaha", ": PT Kabar Lestari Nusantara"), ("2. Nama Media", ": kabarlestari.id"),
             ("3. Jenis Media", "Media online"), ("4. Alamat Redaksi", "Jl. Panglima Sudirman No. 12, Kota Manado"),
             ("", "95114"), ("5. Telepon", "(0431) 862315"), ("6. Email", "redaksi@kabarlestari.id"),
             ("7. Website", "www.kabarlestari.id"), ("8. NPWP", "09.116.583.8-012.000"), ("9. NIB", "8047705819121"),
             ("10. Pemimpin Redaksi", "Ir. Ahmad Effendi, S.Sos."), ("11. Redaktur Pelaksana", "Wulan Sari")]
    ys = [0.20 + 0.018 * i for i in range(len(items))]
    page2 = [(2, 0.43, 0.08, "LAMPIRAN")]
    page2 += [(2, 0.13, y, label) for (label, _), y in zip(items, ys) if label]
    page2 += [(2, 0.33 if value.startswith(":") else 0.345, y + 0.001, value) for (_, value), y in zip(items, ys)]
    doc = _in_reading_order(page2)
    merged = [line.text for line in rows(doc.pages[0].lines)]
    assert "3. Jenis Media Media online" in merged, merged
    assert "4. Alamat Redaksi Jl. Panglima Sudirman No. 12, Kota Manado 95114" in merged, merged
    assert "5. Telepon (0431) 862315" in merged, merged
    assert "2. Nama Media : kabarlestari.id" in merged, merged


def test_a_scanned_address_spelt_otherwise_elsewhere_in_the_letter_is_flagged():
    # the letterhead's envelope icon read as a "c" glued to the mailbox; the body prints it whole
    head = [r if not r[3].startswith("Telepon") else (1, 0.12, 0.08, "Telepon: (0342) 801234, e-mail: cinfo@kabarlestari.id")
            for r in HEAD]
    body = [(1, 0.12, 0.40, "Korespondensi dapat dikirim ke Email : info@kabarlestari.id")]
    letter, reasons = extract_with_reasons(ocr_doc(head + body + CLOSE), today=TODAY)
    assert letter.email == "cinfo@kabarlestari.id" and "email" in letter.perlu_ditinjau, reasons.get("email")
    assert any("info@kabarlestari.id" in r for r in reasons["email"])
    # a text layer prints what it prints: two mailboxes are two mailboxes
    letter, reasons = read(head + body + CLOSE)
    assert not any("bagian lain" in r for r in reasons.get("email", [])), reasons.get("email")


def test_a_www_split_by_ocr_is_joined():
    line = "Telepon: (0342) 801234, e-mail: info@kabarlestari.id, ww w.kabarlestari.id"
    letter, reasons = read(_with_site_line(line) + CLOSE)
    assert letter.website == "www.kabarlestari.id", reasons.get("website")
    assert "website" not in letter.perlu_ditinjau  # the e-mail's domain and the brand confirm the repair


def test_a_scan_whose_contacts_were_not_read_has_its_missing_website_checked():
    no_contacts = [r for r in HEAD if not r[3].startswith("Telepon")]
    letter, reasons = extract_with_reasons(ocr_doc(no_contacts + CLOSE), today=TODAY)
    assert letter.website is None and "website" in letter.perlu_ditinjau, reasons
    # a text layer is read whole: a letterhead without contacts simply has none
    letter, reasons = read(no_contacts + CLOSE)
    assert "website" not in letter.perlu_ditinjau


def test_a_scan_whose_contacts_were_read_only_in_doubt_has_its_missing_website_checked():
    # the phone and the mailbox of a white-on-blue band, read but garbled ("into@betv.co.id")
    contacts = [r for r in HEAD if not r[3].startswith("Telepon")]
    letter, reasons = extract_with_reasons(ocr_doc(contacts + CLOSE + [(1, 0.05, 0.95, "Telp. 0812-3300-6187 Email: into@betv.co.id")], conf=40.0),
                                           today=TODAY)
    assert letter.telepon and letter.email and "telepon" in letter.perlu_ditinjau
    assert letter.website is None and "website" in letter.perlu_ditinjau, reasons
    # read well, a letterhead without a site simply has none
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + CLOSE), today=TODAY)
    assert letter.website is None and "website" not in letter.perlu_ditinjau, reasons.get("website")


def test_an_address_with_a_bar_read_for_a_roman_one_is_flagged():
    rows = [r if not r[3].startswith("Jalan") else (1, 0.12, 0.06, "Jl. Demang Lebar Daun, Kec. Ilir Barat |, Palembang 30137")
            for r in HEAD]
    letter, reasons = extract_with_reasons(ocr_doc(rows + CLOSE), today=TODAY)
    assert "alamat" in letter.perlu_ditinjau and any("|" in r for r in reasons["alamat"]), (letter.alamat, reasons)
