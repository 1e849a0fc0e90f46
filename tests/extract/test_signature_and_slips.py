"""Signature blocks as media companies really sign, and the OCR slips that are known by their
shape: each is either put right (and confirmed by another fact of the letter) or flagged."""
from __future__ import annotations

from pipeline.core.models import DocumentText, Line, PageText, Word
from pipeline.extract import extract_with_reasons
from tests.extract.test_layouts import CLOSE, HEAD, PAGE_W, TODAY, read


def ocr_doc(rows: list[tuple[int, float, float, str]], conf: float = 92.0) -> DocumentText:
    """The same rows as a scan would give them: OCR confidences below a text layer's 100."""
    lines = []
    for page, x, y, text in sorted(rows, key=lambda r: (r[0], r[2], r[1])):
        words, left = [], x * PAGE_W
        for w in text.split():
            words.append(Word(w, conf, left=left, top=y * 842, width=6.0 * len(w), height=10.0))
            left += 6.0 * len(w) + 4.0
        lines.append(Line(page=page, words=words, y=y, x=x))
    return DocumentText(kind="png", pages=[PageText(1, lines, "ocr")])


def with_header(nomor: str, perihal: str = "Permohonan Kerja Sama Publikasi") -> list[tuple]:
    rows = [r for r in HEAD if not r[3].startswith(("Nomor", "Perihal"))]
    return rows + [(1, 0.12, 0.12, f"Nomor {nomor}"), (1, 0.12, 0.14, f"Perihal {perihal}")]


def signed(*lines: str) -> list[tuple]:
    return [(1, 0.55, 0.70, "Hormat kami,")] + [(1, 0.55, 0.72 + 0.02 * i, t) for i, t in enumerate(lines)]


def test_a_position_not_in_the_list_is_still_read_as_the_position():
    letter, _ = read(HEAD + signed("PT Kabar Lestari Nusantara", "Krisna Setiawan, S.H., M.H.", "Ketua Pengurus"))
    assert letter.penandatangan == "Krisna Setiawan, S.H., M.H."
    assert letter.jabatan_penandatangan == "Ketua Pengurus"
    assert not {"penandatangan", "jabatan_penandatangan"} & set(letter.perlu_ditinjau)


def test_the_medium_named_under_the_company_is_not_the_signatory():
    letter, _ = read(HEAD + signed("Mitra Blitar FM", "Andi Wahyudi", "Pimpinan"))
    assert letter.penandatangan == "Andi Wahyudi" and letter.jabatan_penandatangan == "Pimpinan"


def test_titles_wrapped_onto_the_next_line_stay_with_the_name():
    letter, _ = read(HEAD + signed("PT Kabar Lestari Nusantara", "Dr. Yusuf Santoso,", "S.Psi.", "General Manager"))
    assert letter.penandatangan == "Dr. Yusuf Santoso, S.Psi."
    assert "penandatangan" not in letter.perlu_ditinjau


def test_a_single_name_closed_by_titles_is_whole_but_a_bare_one_on_a_scan_is_checked():
    whole, _ = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", "Drs. Zainal, M.M.", "Direktur")), today=TODAY)
    assert whole.penandatangan == "Drs. Zainal, M.M." and "penandatangan" not in whole.perlu_ditinjau
    bare, _ = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", "Zainal", "Direktur")), today=TODAY)
    assert "penandatangan" in bare.perlu_ditinjau


def test_a_bare_single_name_printed_in_a_text_layer_is_whole():
    letter, reasons = read(HEAD + signed("PT Kabar Lestari Nusantara", "Suyitno", "Ketua"))
    assert letter.penandatangan == "Suyitno" and "penandatangan" not in letter.perlu_ditinjau, reasons.get("penandatangan")


def assert_signed_as_printed(*names: str) -> None:
    """Each name, signed under the company, is the signatory as printed and needs no review."""
    for name in names:
        letter, reasons = read(HEAD + signed("PT Kabar Lestari Nusantara", name, "Direktur"))
        assert letter.penandatangan == name and "penandatangan" not in letter.perlu_ditinjau, (name, reasons.get("penandatangan"))


def test_names_written_the_regions_ways_are_names():
    # Minang "Dt." (Datuk), Palembang "Kgs." (Kemas), Balinese "I", Batak "Br." (boru)
    assert_signed_as_printed("Rahmat Hidayat Dt. Rajo Mudo", "Kgs. M. Ridho Fikri", "I Gusti Ngurah Putu Wiradarma, S.H.",
                             "Rosdiana Br. Tarigan, S.Sos.", "Drs. Ec. Gunawan Santoso")


def test_titles_of_islamic_universities_are_known_titles():
    assert_signed_as_printed("Moh. Hasyim Asy'ari, S.Pd.I.", "H. Muhammad Ridwan, S.Ag., M.Pd.I.", "Nur Aini Fitriyah, S.Sos.I.")


def test_the_dot_between_address_and_phone_in_a_letterhead_is_no_part_of_the_address():
    head = [(1, 0.12, 0.04, "PT Kabar Lestari Nusantara"),
            (1, 0.12, 0.06, "Jl. Raya Puputan No. 88, Renon, Kota Denpasar 80235 · Telp. (0361) 226688 · info@kabarlestari.id")]
    letter, reasons = read(head + [r for r in HEAD if r[2] >= 0.12] + CLOSE)
    assert letter.alamat == "Jl. Raya Puputan No. 88, Renon, Kota Denpasar 80235", reasons.get("alamat")
    assert "alamat" not in letter.perlu_ditinjau


def test_closings_of_other_wordings_open_the_signature_block():
    for closing in ("Best regards,", "Om Shanti Shanti Shanti Om,", "Salam dan hormat kami,", "Salam hangat,"):
        close = [(1, 0.55, 0.70, closing), (1, 0.55, 0.72, "PT Kabar Lestari Nusantara"),
                 (1, 0.55, 0.78, "Drs. I Ketut Gede Arsana, M.Si."), (1, 0.55, 0.80, "Pemimpin Umum")]
        letter, reasons = read(HEAD + close)
        assert letter.penandatangan == "Drs. I Ketut Gede Arsana, M.Si.", (closing, reasons.get("penandatangan"))
        assert letter.jabatan_penandatangan == "Pemimpin Umum", (closing, reasons.get("jabatan_penandatangan"))


def test_positions_written_in_english_or_for_a_foundations_board_are_positions():
    for position in ("Business Development Manager", "Corporate Secretary", "Ketua Pembina"):
        letter, reasons = read(HEAD + signed("PT Kabar Lestari Nusantara", "Christy Natalia Wuisan, S.E., M.M.", position))
        assert letter.penandatangan == "Christy Natalia Wuisan, S.E., M.M.", (position, reasons.get("penandatangan"))
        assert letter.jabatan_penandatangan == position, (position, reasons.get("jabatan_penandatangan"))


def test_honorifics_and_initials_of_many_regions_open_a_name():
    assert_signed_as_printed("Pdt. Markus Lokobal, S.Th.", "Hi. Abdullah Sangaji, S.E.", "Dr. K.H. Abdul Rahman Pabbicara, Lc., M.A.",
                             "R. Ay. Sekar Kinanthi Hadiningrat, S.E., M.B.A.", "T. Rizal Fahlevi, S.Sos.")


def test_of_two_signatories_side_by_side_the_companys_head_signs_with_his_own_position():
    for left, right in ((("Syarif Alkadrie, S.H.", "Pemimpin Redaksi"), ("Drs. H. Gusti Hardiansyah, M.M.", "Direktur")),
                        (("Drs. H. Gusti Hardiansyah, M.M.", "Direktur"), ("Syarif Alkadrie, S.H.", "Pemimpin Redaksi"))):
        close = [(1, 0.45, 0.70, "Hormat kami,"), (1, 0.40, 0.72, "PT Kabar Lestari Nusantara"),
                 (1, 0.15, 0.78, left[0]), (1, 0.60, 0.78, right[0]), (1, 0.20, 0.80, left[1]), (1, 0.66, 0.80, right[1])]
        letter, reasons = read(HEAD + close)
        assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Drs. H. Gusti Hardiansyah, M.M.", "Direktur"), reasons
        assert letter.pemimpin_redaksi != "Drs. H. Gusti Hardiansyah, M.M."


def test_a_position_wrapped_over_two_lines_is_one_position():
    letter, reasons = read(HEAD + signed("CV Lentera Desa Media", "Wahyu Tri Handoko, S.Pd.", "Pemimpin Redaksi merangkap", "Direktur"))
    assert letter.jabatan_penandatangan == "Pemimpin Redaksi merangkap Direktur", reasons.get("jabatan_penandatangan")


def test_a_roman_month_read_with_a_one_is_put_right_and_trusted_only_when_the_date_agrees():
    october, _ = extract_with_reasons(ocr_doc(with_header(": 12/KLN/X1/2026") + CLOSE), today=TODAY)
    assert october.nomor_surat == "12/KLN/XI/2026"
    assert "nomor_surat" in october.perlu_ditinjau  # dated 3 Oktober: XI does not confirm the repair
    rows = [r for r in with_header(": 12/KLN/X1/2026") if "Oktober" not in r[3]] + [(1, 0.60, 0.12, "Blitar, 3 November 2026")]
    november, _ = extract_with_reasons(ocr_doc(rows + CLOSE), today=TODAY)
    assert november.nomor_surat == "12/KLN/XI/2026" and "nomor_surat" not in november.perlu_ditinjau


def test_a_slash_read_as_I_before_the_month_is_put_right_and_confirmed_by_the_date():
    letter, _ = extract_with_reasons(ocr_doc(with_header(": 12/KLNIX/2026") + CLOSE), today=TODAY)
    assert letter.nomor_surat == "12/KLN/X/2026"
    assert "nomor_surat" not in letter.perlu_ditinjau  # X = Oktober, the month of the letter date


def test_the_colon_read_as_a_one_is_not_part_of_the_number():
    letter, _ = extract_with_reasons(ocr_doc(with_header("1: 12/KLN/X/2026") + CLOSE), today=TODAY)
    assert letter.nomor_surat == "12/KLN/X/2026"


def test_a_number_whose_year_was_cut_is_flagged():
    letter, _ = extract_with_reasons(ocr_doc(with_header(": 12/KLN/X/2") + CLOSE), today=TODAY)
    assert "nomor_surat" in letter.perlu_ditinjau


def test_a_subject_cut_under_a_stamp_is_flagged_and_a_stray_mark_is_dropped():
    cut, _ = extract_with_reasons(ocr_doc(with_header(": 12/KLN/X/2026", ": Perm") + CLOSE), today=TODAY)
    assert "perihal" in cut.perlu_ditinjau
    marked, _ = extract_with_reasons(ocr_doc(with_header(": 12/KLN/X/2026", "! Permohonan Kerja Sama Publikasi") + CLOSE), today=TODAY)
    assert marked.perihal == "Permohonan Kerja Sama Publikasi"


def test_an_npwp_is_never_taken_for_the_phone_number():
    head = [r for r in HEAD if not r[3].startswith("Telepon")]
    body = [(1, 0.12, 0.30, "NPWP 0918.1059.4093.8000, telepon kantor 0342-801234.")]
    letter, _ = read(head + body + CLOSE)
    assert letter.telepon == "0342-801234"


def test_an_address_wrapped_inside_a_part_is_joined_without_a_comma():
    head = [r for r in HEAD if not r[3].startswith("Jalan")]
    head += [(1, 0.12, 0.06, "Jl. Imam Bonjol No. 117B, Desa Mangli, Kec."),
             (1, 0.12, 0.07, "Kaliwates, Kabupaten Jember 68141")]
    letter, _ = read(head + CLOSE)
    assert letter.alamat == "Jl. Imam Bonjol No. 117B, Desa Mangli, Kec. Kaliwates, Kabupaten Jember 68141"
    assert "alamat" not in letter.perlu_ditinjau


def test_a_house_number_on_the_next_line_goes_on_its_street():
    from pipeline.extract.letterhead import join_address
    assert join_address("Perum Griya Permata Blok C", "No. 235B, Kelurahan Mangundikaran") == \
        "Perum Griya Permata Blok C No. 235B, Kelurahan Mangundikaran"
    assert join_address("Jl. Mawar No. 5", "Kelurahan Ngetal") == "Jl. Mawar No. 5, Kelurahan Ngetal"


def test_two_blocks_that_ocr_joined_into_one_line_each_are_parted():
    rows = [(1, 0.12, 0.70, "Mengetahui,                                      Hormat kami,"),
            (1, 0.12, 0.72, "Redaksi                                          PT Kabar Lestari Nusantara"),
            (1, 0.12, 0.78, "Didik Utomo, S.Sos.                              Lina Cahyono, S.I.Kom."),
            (1, 0.12, 0.80, "Pemimpin Redaksi                                 Direktur")]
    doc = ocr_doc(HEAD)
    # each row is one OCR line whose two halves stand apart by a wide gap at the same place
    for page, x, y, text in rows:
        left, right = text.split("  ", 1)[0], text.rsplit("  ", 1)[-1].strip()
        words, pos = [], x * PAGE_W
        for w in left.split():
            words.append(Word(w, 92.0, left=pos, top=y * 842, width=6.0 * len(w), height=10.0)); pos += 6.0 * len(w) + 4.0
        pos = 0.55 * PAGE_W
        for w in right.split():
            words.append(Word(w, 92.0, left=pos, top=y * 842, width=6.0 * len(w), height=10.0)); pos += 6.0 * len(w) + 4.0
        doc.pages[0].lines.append(Line(page=1, words=words, y=y, x=x))
    letter, _ = extract_with_reasons(doc, today=TODAY)
    assert letter.penandatangan == "Lina Cahyono, S.I.Kom." and letter.jabatan_penandatangan == "Direktur"


def test_a_joined_line_is_parted_where_the_right_hand_blocks_own_line_starts():
    # a photocopy: "Hormat kami," and the right-hand name lost under the stamp; "Redaksi" and
    # the company read as one line; the right-hand position read apart, the left one in full
    def line(y: float, *parts: tuple[float, str]) -> Line:
        words = []
        for x, text in parts:
            pos = x * PAGE_W
            for w in text.split():
                words.append(Word(w, 92.0, left=pos, top=y * 842, width=6.0 * len(w), height=10.0)); pos += 6.0 * len(w) + 4.0
        return Line(page=1, words=words, y=y, x=parts[0][0])
    doc = ocr_doc(HEAD)
    doc.pages[0].lines += [line(0.70, (0.12, "Mengetahui,")),
                           line(0.72, (0.12, "Redaksi"), (0.55, "PT Kabar Lestari Nusantara")),
                           line(0.78, (0.12, "Didik Utomo, S.Sos.")),
                           line(0.795, (0.55, "Dgelrur Utama")),
                           line(0.80, (0.12, "Pemimpin Redaksi"))]
    letter, _ = extract_with_reasons(doc, today=TODAY)
    # the co-signer's position at the left is not the signatory's: what was not read is checked
    assert letter.jabatan_penandatangan != "Pemimpin Redaksi"
    assert {"penandatangan", "jabatan_penandatangan"} <= set(letter.perlu_ditinjau)


def test_the_rest_of_the_subjects_last_word_read_apart_is_joined_or_flagged():
    # a speck or a stamp's edge parts the last word: its rest is a segment of its own on the row
    rows = with_header("12/KLN/X/2026", "Permohonan Kerjasama Publik") + [(1, 0.49, 0.14, "asi")]
    letter, reasons = extract_with_reasons(ocr_doc(rows + CLOSE), today=TODAY)
    assert letter.perihal == "Permohonan Kerjasama Publikasi", reasons.get("perihal")
    rows = with_header("12/KLN/X/2026", "Permohonan Kerja Sama") + [(1, 0.46, 0.14, "emberitaan")]
    letter, reasons = extract_with_reasons(ocr_doc(rows + CLOSE), today=TODAY)
    assert "perihal" in letter.perlu_ditinjau and any("emberitaan" in r for r in reasons["perihal"])


def test_ji_at_the_start_of_a_street_is_jl():
    for street in ("JI.", "Ji.", "J1."):  # the l read as I, i or 1
        head = [r for r in HEAD if not r[3].startswith("Jalan")] + [(1, 0.12, 0.06, f"{street} Mawar Gg. III No. 132A, Kota Probolinggo 67219")]
        letter, _ = read(head + CLOSE)
        assert letter.alamat == "Jl. Mawar Gg. III No. 132A, Kota Probolinggo 67219", street


def test_the_next_sentence_is_not_part_of_the_editors_name():
    body = [(1, 0.12, 0.30, "Pemimpin Redaksi kami adalah Dewi Syahputra Adapun bentuk kerja sama yang kami tawarkan")]
    letter, _ = read(HEAD + body + CLOSE)
    assert letter.pemimpin_redaksi == "Dewi Syahputra"


def test_a_subject_run_together_or_made_of_unknown_words_is_flagged():
    for subject in (": PendwaraniKemitraamPublikasi Tahun Anggaran 2025", ": Si Tahi n Anggaran 2025"):
        letter, _ = extract_with_reasons(ocr_doc(with_header(": 12/KLN/X/2026", subject) + CLOSE), today=TODAY)
        assert "perihal" in letter.perlu_ditinjau, subject


def test_a_company_name_wrapped_in_the_signature_column_agrees_with_the_body():
    letter, _ = read(HEAD + signed("PT Kabar Lestari", "Nusantara", "Budi Santoso, S.Kom.", "Direktur"))
    assert letter.nama_perusahaan == "PT Kabar Lestari Nusantara" and "nama_perusahaan" not in letter.perlu_ditinjau


def test_an_editor_trace_is_no_e_mail_address():
    body = [(1, 0.12, 0.30, "Informasi lebih lanjut dapat dikirim ke redaksi@kabarlestari.id.")]
    letter, _ = read(HEAD + body + CLOSE)
    assert letter.pemimpin_redaksi is None and "pemimpin_redaksi" not in letter.perlu_ditinjau


def test_a_value_the_two_ocr_engines_read_differently_is_flagged_with_both_readings():
    doc = ocr_doc(with_header(": 12/KLN/X/2026") + CLOSE)
    line = next(l for l in doc.pages[0].lines if l.text.startswith("Nomor"))
    w = line.words[-1]
    line.words[-1] = Word(w.text, w.conf, w.left, w.top, w.width, w.height, alt="12/KLN/X/2028")
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    assert "nomor_surat" in letter.perlu_ditinjau
    assert any("dua mesin OCR" in r and "12/KLN/X/2028" in r for r in reasons["nomor_surat"])


def read_twice(doc: DocumentText, starts: str, alt: str | None, k: int = -1) -> DocumentText:
    """The k-th word of the line starting with `starts` as the second OCR engine read it."""
    line = next(l for l in doc.pages[0].lines if l.text.startswith(starts))
    w = line.words[k]
    line.words[k] = Word(w.text, w.conf, w.left, w.top, w.width, w.height, alt=alt)
    return doc


def _nomor_read_twice(nomor: str, alt: str) -> DocumentText:
    # no letter date: only the second engine can confirm a repaired month
    return read_twice(ocr_doc([r for r in with_header(nomor) if not r[3].startswith("Blitar,")] + CLOSE), "Nomor", alt)


def test_an_engine_disagreement_that_the_numbers_own_repair_settles_is_no_doubt():
    # Tesseract "X1", the second engine "XI": the Roman month is the same, and the second
    # engine's reading confirms the repair where no letter date can
    letter, reasons = extract_with_reasons(_nomor_read_twice(": 12/KLN/X1/2026", "12/KLN/XI/2026"), today=TODAY)
    assert letter.nomor_surat == "12/KLN/XI/2026"
    assert "nomor_surat" not in letter.perlu_ditinjau, reasons


def test_a_repaired_month_the_second_engine_reads_otherwise_stays_flagged():
    letter, reasons = extract_with_reasons(_nomor_read_twice(": 12/KLN/X1/2026", "12/KLN/X/2026"), today=TODAY)
    assert "nomor_surat" in letter.perlu_ditinjau
    assert any("dua mesin OCR" in r for r in reasons["nomor_surat"])


def test_engines_that_differ_only_on_the_label_glued_to_the_number_agree_on_the_number():
    # "Nomor:12/…" read as one word; the second engine saw "Yomor!|12/…": the number is the same
    doc = ocr_doc(with_header("") + CLOSE)
    line = next(l for l in doc.pages[0].lines if l.text.startswith("Nomor"))
    w = line.words[0]
    line.words[:] = [Word("Nomor:12/KLN/X/2026", w.conf, w.left, w.top, 120.0, w.height, alt="Yomor!|12/KLN/X/2026")]
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    assert letter.nomor_surat == "12/KLN/X/2026"
    assert "nomor_surat" not in letter.perlu_ditinjau, reasons


def test_a_month_name_one_engine_misread_and_the_other_read_right_is_the_date():
    doc = ocr_doc([r for r in HEAD if not r[3].startswith("Blitar,")] + [(1, 0.60, 0.12, "Blitar, 3 Oktobcr 2026")] + CLOSE)
    doc = read_twice(doc, "Blitar,", "Oktober", k=2)
    letter, reasons = extract_with_reasons(doc, today=TODAY)
    assert str(letter.tanggal_surat) == "2026-10-03"
    assert "tanggal_surat" not in letter.perlu_ditinjau, reasons


def _mail_read_doubtfully(address: str) -> DocumentText:
    """The letterhead's e-mail split at its '@' by OCR, both parts read with low confidence."""
    head = [r for r in HEAD if not r[3].startswith("Telepon")] + [(1, 0.12, 0.08, f"Telepon: (0342) 801234, e-mail: {address}")]
    doc = ocr_doc(head + CLOSE)
    line = next(l for l in doc.pages[0].lines if l.text.startswith("Telepon"))
    for k in (-2, -1):
        w = line.words[k]
        line.words[k] = Word(w.text, 40.0, w.left, w.top, w.width, w.height)
    return doc


def test_an_address_spelled_by_the_media_name_and_a_mailbox_word_needs_no_review():
    letter, reasons = extract_with_reasons(_mail_read_doubtfully("redaksi @kabarlestari.id"), today=TODAY)
    assert letter.email == "redaksi@kabarlestari.id"
    assert "email" not in letter.perlu_ditinjau, reasons


def test_a_doubtful_address_the_letter_does_not_spell_is_reviewed():
    for address in ("redaksl @kabarlestari.id", "redaksi @kabarlestarl.id", "kabarlestari @gmai1.com"):
        letter, reasons = extract_with_reasons(_mail_read_doubtfully(address), today=TODAY)
        assert "email" in letter.perlu_ditinjau, address
        assert any("keyakinan OCR rendah" in r for r in reasons["email"]), address


def test_specks_before_the_letter_number_are_not_part_of_it():
    for nomor in (": > 208/NMN-DIR/X/2026", ": _ : 208/NMN-DIR/X/2026"):
        letter, reasons = extract_with_reasons(ocr_doc(with_header(nomor) + CLOSE), today=TODAY)
        assert letter.nomor_surat == "208/NMN-DIR/X/2026", nomor
        assert "nomor_surat" not in letter.perlu_ditinjau, (nomor, reasons)


def _signed_with_title(title: str, alt: str | None) -> DocumentText:
    return read_twice(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", f"Budi Santoso, {title}", "Direktur")), "Budi", alt)


def test_a_title_with_its_i_read_as_l_is_put_right_and_confirmed_by_the_second_engine():
    letter, reasons = extract_with_reasons(_signed_with_title("S.l.Kom.", "S.I.Kom."), today=TODAY)
    assert letter.penandatangan == "Budi Santoso, S.I.Kom."
    assert "penandatangan" not in letter.perlu_ditinjau, reasons


def test_a_title_put_right_without_a_second_reading_is_checked():
    for alt in (None, "S.1.Kom."):
        letter, reasons = extract_with_reasons(_signed_with_title("M.1.Kom.", alt), today=TODAY)
        assert letter.penandatangan == "Budi Santoso, M.I.Kom.", alt
        assert "penandatangan" in letter.perlu_ditinjau, alt


def test_a_comma_read_as_a_full_stop_around_titles_is_put_right():
    for printed, name in (("Ir, Zainal Prasetyo, S.T.", "Ir. Zainal Prasetyo, S.T."),
                          ("Muhammad Wawan Suharjo, S.E.. M.M.", "Muhammad Wawan Suharjo, S.E., M.M.")):
        letter, reasons = read(HEAD + signed("PT Kabar Lestari Nusantara", printed, "Direktur"))
        assert letter.penandatangan == name
        assert "penandatangan" not in letter.perlu_ditinjau, (printed, reasons)


def test_a_position_line_damaged_by_the_stamp_is_the_position_not_the_name():
    # the stamp left debris before the position and hid the name: "6) Pimpinan", "SA Birektur"
    for printed, position in (("6) Pimpinan", "Pimpinan"), ("SA Birektur", "Direktur"), ("Pigapinan", "Pimpinan")):
        letter, _ = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", printed)), today=TODAY)
        assert letter.jabatan_penandatangan == position, printed
        assert "jabatan_penandatangan" in letter.perlu_ditinjau
        assert letter.penandatangan != printed and "penandatangan" in letter.perlu_ditinjau


def test_a_name_after_the_marks_of_a_stamp_is_taken_from_its_honorific_and_checked():
    for printed, name in (("slop Ir. Yanuar Purnomo, S.Sos.", "Ir. Yanuar Purnomo, S.Sos."), ("a| Siti Baihaqi, S.Psi.", "Siti Baihaqi, S.Psi.")):
        letter, reasons = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", printed, "Direktur")), today=TODAY)
        assert letter.penandatangan == name, printed
        assert "coretan sebelum nama (cap atau tanda tangan?)" in reasons["penandatangan"]


def test_a_scribble_above_the_name_does_not_hide_the_name_and_its_own_position():
    # "Pengurus" heads the block, the signature's strokes read as letters, then the name and
    # the signatory's own position under it
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + signed("Pengurus", "ANANN—-", "Suprapto", "Ketua")), today=TODAY)
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Suprapto", "Ketua"), reasons
    # a position above the signature stands when nothing is printed under the name
    letter, _ = extract_with_reasons(ocr_doc(HEAD + signed("Direktur", "Budi Santoso, S.Kom.", "NIK 3504012345")), today=TODAY)
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Budi Santoso, S.Kom.", "Direktur")
    # a scribble with no name under it is still the only reading, and flagged
    letter, _ = extract_with_reasons(ocr_doc(HEAD + signed("Direktur", "ANANN—-")), today=TODAY)
    assert "penandatangan" in letter.perlu_ditinjau


def test_the_page_footer_under_an_unread_signature_is_no_signatory():
    footer = [(1, 0.10, 0.93, "Jl. Pejanggik No. 77, Kota Mataram 83121"), (1, 0.10, 0.95, "Telp. 0370-6178890"),
              (1, 0.10, 0.97, "Instagram @kabarlestari")]
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara") + footer), today=TODAY)
    assert letter.penandatangan is None and "penandatangan" in letter.perlu_ditinjau, letter.penandatangan
    # "Wa" opens a Buton name as it labels a WhatsApp number: the name is no contact line
    letter, _ = extract_with_reasons(ocr_doc(HEAD + signed("Hj. Wa Ode Nurhaya, S.E.", "Direktur") + footer), today=TODAY)
    assert letter.penandatangan == "Hj. Wa Ode Nurhaya, S.E."


def test_a_disposition_scribbled_beside_the_block_is_no_co_signer():
    block = [(1, 0.08, 0.70, "Salam hangat,"), (1, 0.08, 0.76, "Budi Santoso, S.Kom."), (1, 0.60, 0.76, "cek legalitas"),
             (1, 0.08, 0.78, "Pemimpin Redaksi"), (1, 0.60, 0.78, "DP & UKW. Lapor")]
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + block), today=TODAY)
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Budi Santoso, S.Kom.", "Pemimpin Redaksi"), reasons


def test_a_block_whose_closing_the_stamp_hid_is_found_by_its_company_line_and_checked():
    # "Hormat kami," read as "Il. al k..." under the stamp's ring; strokes read under the name
    block = [(1, 0.55, 0.69, "Il. al k..."), (1, 0.55, 0.71, "PT Kabar Lestari Nusantara"),
             (1, 0.55, 0.80, "Dr. H. Abdul Karim, M.Si."), (1, 0.55, 0.82, "1). kt.tt> a")]
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + block), today=TODAY)
    assert letter.penandatangan == "Dr. H. Abdul Karim, M.Si.", reasons.get("penandatangan")
    assert any("salam penutup tidak terbaca" in r for r in reasons["penandatangan"])


def test_a_photocopys_list_row_with_its_separator_misread_still_gives_its_value():
    rows = [(1, 0.12, 0.40, "6. NPWP - 1 31.552.880.1-913.000"),
            (1, 0.12, 0.42, "11. Pemimpin Redaksi - : Lalu.Ahmad Zaini, S.Pd. (Wartawan Muda)")]
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + rows + CLOSE), today=TODAY)
    assert letter.npwp == "315528801913000" and "npwp" in letter.perlu_ditinjau, (letter.npwp, reasons.get("npwp"))
    assert letter.pemimpin_redaksi == "Lalu Ahmad Zaini, S.Pd." and "pemimpin_redaksi" in letter.perlu_ditinjau, reasons.get("pemimpin_redaksi")
    assert letter.ukw_utama is False


def test_an_unreadable_closing_above_a_copies_list_still_gives_the_block():
    # "Hormat kami," read as "Hontaukami,"; the copies list fills the page's last lines
    block = [(1, 0.55, 0.66, "Hontaukami,"), (1, 0.55, 0.68, "PT Kabar Lestari Nusantara"), (1, 0.52, 0.71, "Sh"),
             (1, 0.55, 0.72, "POS"), (1, 0.55, 0.75, "Drs. H. Syamsul Hadi"), (1, 0.55, 0.77, "Retua BA"),
             (1, 0.12, 0.80, "Tembusan:"), (1, 0.13, 0.82, "1. Dewan Pengawas Koperasi"), (1, 0.13, 0.84, "2. Arsip"),
             (1, 0.13, 0.86, "3. Bagian Iklan"), (1, 0.13, 0.88, "4. Bagian Keuangan")]
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + block), today=TODAY)
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Drs. H. Syamsul Hadi", "Ketua"), reasons
    assert "penandatangan" in letter.perlu_ditinjau and "jabatan_penandatangan" in letter.perlu_ditinjau


def test_the_letterhead_motto_printed_below_the_block_is_no_signatory():
    letter, _ = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", "Direktur", '"Tajam, Terpercaya, Berimbang"')), today=TODAY)
    assert letter.penandatangan is None and "penandatangan" in letter.perlu_ditinjau


def test_a_given_name_written_short_stays_inside_the_name():
    # "Moh." is Mohammad: its full stop ends neither the signatory's nor the editor's name
    letter, reasons = read(HEAD + signed("PT Kabar Lestari Nusantara", "Dr. Moh. Haryanto, S.H.", "Direktur"))
    assert letter.penandatangan == "Dr. Moh. Haryanto, S.H." and "penandatangan" not in reasons
    rows = HEAD + [(1, 0.12, 0.30, "Pemimpin Redaksi kami, Ir. Achmad Moh. Kurniawan, S.Sos., telah bersertifikat.")] + CLOSE
    letter, _ = read(rows)
    assert letter.pemimpin_redaksi == "Ir. Achmad Moh. Kurniawan, S.Sos."


def test_a_name_run_into_the_stamp_text_is_checked():
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", "CEMPAKEko Suharjo, S.H., M.H.", "Direktur")), today=TODAY)
    assert "penanda tangan: nama tampak tergabung dengan teks lain" in reasons["penandatangan"]


def test_a_scan_signed_only_by_a_secretary_is_checked_for_the_head_beside_him():
    # the Ketua's half of a two-signatory block was under the stamp: only the secretary was read
    letter, reasons = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", "Ni Luh Putu Ayu Sriani, S.E.", "Sekretaris")), today=TODAY)
    assert {"penandatangan", "jabatan_penandatangan"} <= set(letter.perlu_ditinjau), reasons.get("penandatangan")
    letter, _ = extract_with_reasons(ocr_doc(HEAD + signed("PT Kabar Lestari Nusantara", "Budi Santoso, S.Kom.", "Direktur")), today=TODAY)
    assert "penandatangan" not in letter.perlu_ditinjau
