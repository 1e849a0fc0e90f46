"""Labels as companies really write them, from letters laid out unlike the samples: the
short forms, a label naming itself twice, a remark in brackets after a value."""
from __future__ import annotations

from tests.extract.test_layouts import CLOSE, HEAD, kv, read


def test_the_editor_under_a_short_or_doubled_label_is_read():
    for label in ("9. Pemred", "Pimpinan Redaksi", "Pemimpin Redaksi (Pemred)", "Pemimpin Redaksi/Penanggung Jawab"):
        letter, reasons = read(HEAD + kv(1, 0.40, label, "Rizky Pratama Nugroho") + CLOSE)
        assert letter.pemimpin_redaksi == "Rizky Pratama Nugroho", (label, reasons["pemimpin_redaksi"])


def test_an_editor_with_his_level_in_brackets_after_the_name_is_read_with_it():
    # on an attached profile: a table row, where the name must fill the rest of its row
    page2 = [(2, 0.40, 0.08, "Lampiran: Profil Perusahaan"),
             (2, 0.12, 0.20, "Pemimpin Redaksi"), (2, 0.40, 0.20, "Drs. Hendro Wibisono, M.M. (UKW Utama)")]
    letter, reasons = read(HEAD + CLOSE + page2)
    assert letter.pemimpin_redaksi == "Drs. Hendro Wibisono, M.M.", reasons["pemimpin_redaksi"]
    assert letter.ukw_utama is True, reasons["ukw_utama"]


def test_a_media_name_under_a_doubled_label_is_the_value_after_both():
    for label in ("Nama Media/Brand", "2. Nama Media / Brand"):
        letter, reasons = read(HEAD + kv(1, 0.40, label, "Wengker Pos") + CLOSE)
        assert letter.nama_media == "Wengker Pos", (label, letter.nama_media, reasons["nama_media"])


def test_an_address_in_a_right_hand_contact_block_skips_the_brand_beside_it():
    # the brand stands left of the contact block, between the address's two lines in reading order
    head = [(1, 0.54, 0.057, "Jl. Hayam Wuruk No. 27, Dandangan, Kota Kediri, Jawa"),
            (1, 0.20, 0.063, "lintasjatim.id"),
            (1, 0.82, 0.069, "Timur 64121"),
            (1, 0.74, 0.081, "HP/WA 0812-3344-5566"),
            (1, 0.20, 0.087, "CV Lintas Jatim Mandiri")]
    rest = [r for r in HEAD if r[2] >= 0.12]
    letter, reasons = read(head + rest + CLOSE)
    assert letter.alamat == "Jl. Hayam Wuruk No. 27, Dandangan, Kota Kediri, Jawa Timur 64121", reasons["alamat"]


def test_a_foundations_deed_in_its_letterhead_is_read_past_the_notarys_titles():
    head = [(1, 0.12, 0.02, "YAYASAN CAHAYA INSAN MEDIA"),
            (1, 0.12, 0.03, "Akta Notaris Moh. Syaiful Anam, S.H., M.Kn. Nomor 8 Tanggal 25 Juli 2018")]
    letter, reasons = read(head + HEAD + CLOSE)
    assert letter.nomor_akta == "8", reasons["nomor_akta"]


def test_a_deed_named_in_the_letterhead_without_a_readable_number_goes_to_review():
    head = [(1, 0.12, 0.02, "YAYASAN CAHAYA INSAN MEDIA"), (1, 0.12, 0.03, "Akta Notaris Moh. Syaiful Anam, S.H., M.Kn.")]
    letter, reasons = read(head + HEAD + CLOSE)
    assert letter.nomor_akta is None and "nomor_akta" in letter.perlu_ditinjau, reasons["nomor_akta"]


def _body_only() -> list[tuple]:
    return [r for r in HEAD if not r[3].startswith("Blitar,")]


def test_a_letter_closed_with_wassalamualaikum_then_hormat_kami_is_signed_under_both():
    close = [(1, 0.12, 0.66, "Wassalamu'alaikum Warahmatullahi Wabarakatuh."),
             (1, 0.55, 0.70, "Hormat kami,"), (1, 0.55, 0.72, "Pengurus Yayasan Cahaya Insan Media"),
             (1, 0.55, 0.74, "Ketua Yayasan,"), (1, 0.55, 0.80, "KH. Abdul Hamid Baidlowi, Lc., M.A.")]
    letter, reasons = read(HEAD + close)
    assert letter.penandatangan == "KH. Abdul Hamid Baidlowi, Lc., M.A.", reasons.get("penandatangan")


def test_a_letter_dated_and_placed_above_its_signature_in_two_rows_is_read():
    close = [(1, 0.55, 0.66, "Dikeluarkan di : Medan"), (1, 0.55, 0.68, "Pada tanggal : 12 Februari 2025"),
             (1, 0.55, 0.70, "PT Kabar Lestari Nusantara"), (1, 0.55, 0.72, "Direktur Utama,"),
             (1, 0.55, 0.78, "Ir. Benget Hutapea")]
    letter, reasons = read(_body_only() + close)
    assert letter.tanggal_surat == "2025-02-12", reasons.get("tanggal_surat")
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Ir. Benget Hutapea", "Direktur Utama"), reasons


def _rest_of_letter() -> list[tuple]:
    # the header, body and signature of HEAD/CLOSE, without a brand in the prose
    body = [(1, 0.12, 0.12, "Nomor : 12/KLN/X/2026"), (1, 0.12, 0.14, "Perihal : Permohonan Kerja Sama Publikasi"),
            (1, 0.60, 0.12, "Blitar, 3 Oktober 2026"), (1, 0.12, 0.18, "Kepada Yth."),
            (1, 0.12, 0.20, "Kepala Dinas Komunikasi dan Informatika"), (1, 0.12, 0.24, "Dengan hormat,"),
            (1, 0.12, 0.26, "Dengan ini kami mengajukan permohonan kerja sama publikasi dengan Bapak.")]
    return body + CLOSE


def test_a_brand_left_of_a_contact_block_read_before_it_is_the_brand():
    head = [(1, 0.78, 0.027, "Telepon (0341) 408812"), (1, 0.10, 0.034, "GEMILANG TV"),
            (1, 0.72, 0.055, "Surel: marketing@gemilangtv.co.id"), (1, 0.10, 0.072, "PT Kabar Lestari Nusantara"),
            (1, 0.10, 0.090, "Kantor: Jl. Soekarno Hatta No. 9, Lowokwaru, Kota Malang 65141")]
    letter, reasons = read(head + _rest_of_letter())
    assert (letter.nama_media, letter.jenis_media) == ("GEMILANG TV", "televisi"), reasons.get("nama_media")


def test_a_stacked_radio_logo_gives_the_whole_brand():
    head = [(1, 0.13, 0.053, "RADIO"), (1, 0.45, 0.058, "PT Kabar Lestari Nusantara"), (1, 0.13, 0.071, "SUARA WILIS"),
            (1, 0.45, 0.074, "Kantor: Jl. Soekarno-Hatta No. 56, Trenggalek 66315"), (1, 0.13, 0.100, "98.7 FM"),
            (1, 0.45, 0.100, "Telp. (0355) 792987")]
    letter, reasons = read(head + _rest_of_letter())
    assert letter.nama_media == "RADIO SUARA WILIS 98.7 FM", reasons.get("nama_media")


def test_a_masthead_column_of_the_newsroom_is_no_brand():
    head = [(1, 0.10, 0.03, "SUSUNAN REDAKSI"), (1, 0.10, 0.05, "H. Abdul Rochim"), (1, 0.10, 0.06, "Pemimpin Redaksi"),
            (1, 0.40, 0.03, "MINGGUAN WARTA PANTURA"), (1, 0.40, 0.05, "Diterbitkan oleh PT Kabar Lestari Nusantara"),
            (1, 0.40, 0.07, "Jl. Raya Pantura No. 5, Tuban 62311")]
    letter, reasons = read(head + _rest_of_letter())
    assert letter.nama_media == "MINGGUAN WARTA PANTURA", reasons.get("nama_media")


def test_the_offices_own_address_in_a_printed_email_is_not_the_senders():
    head = [(1, 0.10, 0.02, "Gmail - Penawaran Kerja Sama"), (1, 0.10, 0.04, "Dari: Kabar Celebes <marketing@kabarcelebes.com>"),
            (1, 0.10, 0.05, "Kepada: diskominfo.trenggalek@gmail.com"),
            (1, 0.10, 0.97, "https://mail.google.com/mail/u/0/#inbox")]
    letter, reasons = read(head + _rest_of_letter())
    assert letter.email == "marketing@kabarcelebes.com", reasons.get("email")
    assert letter.website is None or "google" not in letter.website


def test_a_date_after_its_place_and_the_word_tanggal_is_read():
    rows = [r if not r[3].startswith("Blitar,") else (1, 0.60, 0.12, "Blitar, tanggal 3 Oktober 2026") for r in HEAD]
    letter, reasons = read(rows + CLOSE)
    assert letter.tanggal_surat == "2026-10-03", reasons.get("tanggal_surat")


def test_a_phone_with_its_extension_keeps_it():
    rows = [r if not r[3].startswith("Telepon") else (1, 0.12, 0.08, "Telp. (0561) 734512 ext. 12, e-mail: info@kabarlestari.id")
            for r in HEAD]
    letter, reasons = read(rows + CLOSE)
    assert letter.telepon == "(0561) 734512 ext. 12", reasons.get("telepon")


def test_a_letter_signed_on_behalf_gives_the_signatorys_own_position():
    close = [(1, 0.55, 0.80, "Hormat kami,"), (1, 0.55, 0.82, "PT Kabar Lestari Nusantara"),
             (1, 0.55, 0.84, "a.n. Direktur Utama"), (1, 0.55, 0.90, "Hendra Gunawan Lim"), (1, 0.55, 0.92, "Station Manager")]
    letter, reasons = read(HEAD + close)
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Hendra Gunawan Lim", "Station Manager"), reasons


def test_a_memo_title_is_no_brand():
    head = [(1, 0.40, 0.03, "M E M O"), (1, 0.12, 0.05, "Dari : MalukuNow.id"), (1, 0.12, 0.06, "Kepada : Kepala Dinas Kominfo")]
    letter, reasons = read(head + _rest_of_letter())
    assert letter.nama_media != "M E M O", reasons.get("nama_media")


def test_a_label_wrapped_in_its_cell_still_names_the_value_beside_it():
    rows = [(1, 0.12, 0.601, "Penanggung Jawab /"), (1, 0.34, 0.601, ": Ni Luh Made Sukasih, S.Sos."),
            (1, 0.12, 0.618, "Pemimpin Redaksi"), (1, 0.12, 0.639, "Kompetensi"), (1, 0.34, 0.639, ": Utama")]
    page2 = [(2, r[1], r[2], r[3]) for r in rows]
    letter, reasons = read(HEAD + CLOSE + [(2, 0.40, 0.08, "Lampiran: Data Perusahaan")] + page2)
    assert letter.pemimpin_redaksi == "Ni Luh Made Sukasih, S.Sos.", reasons.get("pemimpin_redaksi")


def test_a_wrapped_label_on_a_row_read_as_one_line_does_not_take_the_next_sentence():
    # a text layer gives the label, its ':' and the value as one line; the label's rest is under it
    rows = [(1, 0.12, 0.601, "Penanggung Jawab / : Rosdiana Br. Tarigan, S.Sos. (UKW Utama)"),
            (1, 0.12, 0.618, "Pemimpin Redaksi"),
            (1, 0.12, 0.640, "Bentuk kerja sama yang kami tawarkan antara lain:")]
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.pemimpin_redaksi == "Rosdiana Br. Tarigan, S.Sos.", reasons.get("pemimpin_redaksi")


def test_a_forms_nomor_induk_row_is_the_nib_but_a_persons_is_not():
    letter, reasons = read(HEAD + kv(1, 0.40, "Nomor Induk", "9120203456781") + CLOSE)
    assert letter.nib == "9120203456781", reasons.get("nib")
    letter, reasons = read(HEAD + kv(1, 0.40, "Nomor Induk Kependudukan", "3571012345678901") + CLOSE)
    assert letter.nib is None and "nib" not in letter.perlu_ditinjau, reasons.get("nib")


def test_a_table_rows_bare_number_does_not_hide_its_label():
    page2 = [(2, 0.40, 0.08, "Lampiran: Data Perusahaan"), (2, 0.10, 0.20, "2 Nama Media"), (2, 0.40, 0.20, "Tabloid Cenderawasih"),
             (2, 0.10, 0.22, "3 Jenis Media"), (2, 0.40, 0.22, "Media Cetak")]
    letter, reasons = read(HEAD[:3] + _rest_of_letter() + page2)
    assert (letter.nama_media, letter.jenis_media) == ("Tabloid Cenderawasih", "cetak"), reasons


def test_a_publisher_row_names_the_company_not_the_brand():
    # a scan's list flowed into the body's prose: "Penerbit :" labels the company
    from pipeline.extract import body
    from pipeline.extract.rows import document_rows
    from tests.extract.test_layouts import make_doc

    rows = [(1, 0.12, 0.30, "Penerbit : PT Siger Lampung Media Nama Media/Brand : SigerNews.co.id")]
    assert body.media_intro(document_rows(make_doc(rows).lines)) is None
    prose = [(1, 0.12, 0.30, "Kami selaku penerbit Tabloid Siger Lampung bermaksud mengajukan kerja sama.")]
    found = body.media_intro(document_rows(make_doc(prose).lines))
    assert found is not None and found[0].value == "Tabloid Siger Lampung"


def _body(*sentences: str) -> list[tuple]:
    head = [r for r in HEAD if not r[3].startswith(("Kami dari", "bermaksud"))]
    return head + [(1, 0.12, 0.26 + 0.02 * i, s) for i, s in enumerate(sentences)]


def test_the_kind_the_prose_says_the_medium_is_is_its_kind():
    letter, reasons = read(_body("Kabar Lestari adalah media siber yang dikelola oleh PT Kabar Lestari Nusantara,",
                                 "dengan ini kami mengajukan permohonan kerja sama publikasi.") + CLOSE)
    assert letter.jenis_media == "online" and "jenis_media" not in letter.perlu_ditinjau, reasons.get("jenis_media")
    letter, reasons = read(_body("Mingguan Kabar Lestari merupakan surat kabar mingguan di Blitar.",
                                 "Kami mengajukan permohonan kerja sama publikasi.") + CLOSE)
    assert letter.jenis_media == "cetak", reasons.get("jenis_media")


def test_prose_naming_two_kinds_for_the_medium_is_reviewed():
    letter, reasons = read(_body("Kabar Lestari adalah media siber di Blitar.", "Kabar Lestari merupakan radio swasta.",
                                 "Kami mengajukan permohonan kerja sama publikasi.") + CLOSE)
    assert "jenis_media" in letter.perlu_ditinjau, reasons.get("jenis_media")


def test_a_category_row_states_the_kind():
    letter, reasons = read(_body("Kami mengajukan permohonan kerja sama publikasi.") + kv(1, 0.40, "Kategori", "Media Siber (Online)") + CLOSE)
    assert letter.jenis_media == "online", reasons.get("jenis_media")


def test_a_minister_of_justice_approval_before_ahu_numbers_is_the_sk():
    for sk in ("C-08124 HT.01.01.TH.2003", "C2-02311 HT.01.01.TH.2000", "W10-00982 HT.01.01-TH.2007"):
        letter, reasons = read(HEAD + kv(1, 0.40, "6. Pengesahan Menteri Kehakiman RI", sk) + CLOSE)
        assert letter.sk_kemenkumham == sk and "sk_kemenkumham" not in letter.perlu_ditinjau, (sk, reasons.get("sk_kemenkumham"))


def test_the_founding_sk_is_taken_over_a_deed_of_changes_one():
    rows = kv(1, 0.40, "Akta Perubahan", "Nomor 31 tanggal 8 Januari 2021 (SK AHU-AH.01.03-0017742 Tahun 2021)")
    rows += kv(1, 0.42, "SK Kemenkumham", "AHU-15523.AH.01.01.Tahun 2009")
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.sk_kemenkumham == "AHU-15523.AH.01.01.Tahun 2009", reasons.get("sk_kemenkumham")
    letter, reasons = read(HEAD + kv(1, 0.40, "SK Kemenkumham", "AHU-AH.01.10-18842 Tahun 2016") + CLOSE)
    assert letter.sk_kemenkumham == "AHU-AH.01.10-18842 Tahun 2016" and "sk_kemenkumham" not in letter.perlu_ditinjau


def test_a_kop_title_naming_the_kind_beside_the_brand_gives_the_brand():
    for title in ("Media Online · kabarlestari.id", "Portal Berita Online | kabarlestari.id", "Media Siber • kabarlestari.id"):
        head = [(1, 0.30, 0.02, "CV KABAR LESTARI NUSANTARA"), (1, 0.30, 0.035, title)]
        rest = [r for r in HEAD if r[2] >= 0.06 and not r[3].startswith(("Kami dari", "bermaksud"))]
        letter, reasons = read(head + rest + [(1, 0.12, 0.26, "Kami mengajukan permohonan kerja sama publikasi.")] + CLOSE)
        assert letter.nama_media == "kabarlestari.id", (title, reasons.get("nama_media"))
        assert letter.jenis_media == "online", (title, reasons.get("jenis_media"))


def test_a_number_stops_before_the_next_list_items_number_and_a_bar_between_values():
    rows = [(1, 0.12, 0.40, "Data perusahaan kami sebagai berikut:"), (1, 0.12, 0.42, "7. NPWP: 83.144.209.5-311.000"),
            (1, 0.12, 0.44, "8. NIB: 1205240091836"), (1, 0.12, 0.46, "9. Status Dewan Pers: Belum terverifikasi")]
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.npwp == "831442095311000" and letter.nib == "1205240091836", (reasons.get("npwp"), reasons.get("nib"))
    letter, reasons = read(HEAD + [(1, 0.12, 0.42, "NPWP 02.773.098.1-821.000 | NIB 8120114023957")] + CLOSE)
    assert letter.npwp == "027730981821000" and letter.nib == "8120114023957", (reasons.get("npwp"), reasons.get("nib"))


def test_a_company_named_at_a_sentences_end_does_not_take_the_next_sentence():
    from pipeline.extract.body import companies
    from pipeline.extract.text import flow
    from tests.extract.test_layouts import make_doc
    doc = make_doc([(1, 0.12, 0.30, "Harian Kabar dikelola oleh PT Radar Brantas Intermedia."),
                    (1, 0.12, 0.32, "Harian Radar Brantas terbit setiap hari."), (1, 0.12, 0.34, "Anggota PT Sinar Tbk. Jakarta")])
    assert [c.value for c in companies(flow(doc.lines))] == ["PT Radar Brantas Intermedia", "PT Sinar Tbk. Jakarta"]


def test_a_mention_run_on_into_the_next_line_does_not_make_the_name_look_cut():
    rows = [(1, 0.12, 0.30, "Kami dari PT Kabar Lestari Nusantara"), (1, 0.12, 0.32, "IG @kabarlestari")]
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.nama_perusahaan == "PT Kabar Lestari Nusantara" and "nama_perusahaan" not in letter.perlu_ditinjau, \
        reasons.get("nama_perusahaan")


def test_a_kop_title_read_with_its_kind_run_on_after_the_domain_gives_the_domain():
    for title in ("kabarlestari.id Media online", "kabarlestari.id Media siber / online"):
        head = [(1, 0.30, 0.02, "CV KABAR LESTARI NUSANTARA"), (1, 0.30, 0.035, title)]
        rest = [r for r in HEAD if r[2] >= 0.06 and not r[3].startswith(("Kami dari", "bermaksud"))]
        letter, reasons = read(head + rest + [(1, 0.12, 0.26, "Kami mengajukan permohonan kerja sama publikasi.")] + CLOSE)
        assert letter.nama_media == "kabarlestari.id", (title, reasons.get("nama_media"))
