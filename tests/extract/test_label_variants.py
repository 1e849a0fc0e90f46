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
