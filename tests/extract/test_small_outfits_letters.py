"""Letters of small and regional outfits (round 3 of letters no rule was fitted to): what
they print beside the asked value, and how they print the value itself."""
from __future__ import annotations

from tests.extract.test_layouts import CLOSE, HEAD, kv, read

TOP = [r for r in HEAD if r[2] < 0.10]
REST = [r for r in HEAD if r[2] >= 0.10]


def test_a_deed_of_change_and_the_directors_own_tax_number_are_not_the_companys():
    prose = [(1, 0.12, 0.30, "Anggaran dasar terakhir diubah dengan Akta Perubahan Nomor 54 tanggal 2 Mei 2024."),
             (1, 0.12, 0.32, "NPWP pribadi Direktur: 45.112.887.3-608.000.")]
    rows = kv(2, 0.20, "NPWP", "02.778.143.6-606.000") + kv(2, 0.22, "Akta Pendirian", "No. 31 tanggal 27 September 2017")
    letter, reasons = read(HEAD + prose + CLOSE + rows)
    assert (letter.npwp, letter.nomor_akta) == ("027781436606000", "31"), reasons


def test_a_social_handle_after_the_platforms_name_is_no_e_mail():
    prose = [(1, 0.12, 0.30, "Ikuti juga kanal kami: Instagram @pjwk.media, Facebook Kabar Lestari.")]
    top = [r if not r[3].startswith("Telepon") else (1, 0.12, 0.08, "Telepon: (0342) 801234") for r in TOP]
    letter, _ = read(top + REST + prose + CLOSE)
    assert letter.email != "Instagram@pjwk.media"


def test_a_bare_site_spelling_the_brand_in_any_order_or_ending_in_co_is_the_website():
    for brand, contact, site in (
            ("Tabloid Bintang Timur", "Email: tabloid.bintangtimur@yahoo.co.id | bintangtimur-tabloid.com", "bintangtimur-tabloid.com"),
            ("Suara Dongko", "WA/HP 0812-3318-7764 • suaradongko@gmail.com • suaradongko.com", "suaradongko.com"),
            ("TapalBatas.co", "HP 0857-3101-6628 — Email: admin@tapalbatas.co | tapalbatas.co", "tapalbatas.co")):
        top = [(1, 0.30, 0.02, brand.upper()), (1, 0.12, 0.04, "CV Kabar Lestari Nusantara"),
               (1, 0.12, 0.06, "Jl. Raya Pogalan No. 45, Kab. Trenggalek 66371"), (1, 0.12, 0.08, contact)]
        prose = [(1, 0.12, 0.30, f"Kami selaku pengelola media online {brand} bermaksud bekerja sama.")]
        letter, reasons = read(top + REST[:-2] + prose + CLOSE)
        assert letter.website == site, (brand, letter.website, reasons.get("website"))


def test_a_brand_introduced_before_a_list_ends_at_its_colon():
    prose = [(1, 0.12, 0.30, "Bersama ini kami sampaikan profil PT Kabar Lestari Nusantara, penerbit/pengelola"),
             (1, 0.12, 0.32, "Rajawali TV Tulungagung:"), (1, 0.14, 0.34, "Nama Badan Usaha   PT Kabar Lestari Nusantara")]
    letter, reasons = read(TOP + REST[:-2] + prose + CLOSE)
    assert letter.nama_media == "Rajawali TV Tulungagung", reasons.get("nama_media")


def test_a_position_wrapped_inside_its_last_words_is_one_position():
    close = [(1, 0.55, 0.70, "Hormat kami,"), (1, 0.55, 0.78, "Stevanus Manoppo, S.Sos., M.I.Kom."),
             (1, 0.55, 0.80, "Pemimpin Umum merangkap Pemimpin"), (1, 0.55, 0.82, "Redaksi")]
    letter, _ = read(HEAD + close)
    assert letter.jabatan_penandatangan == "Pemimpin Umum merangkap Pemimpin Redaksi"


def test_a_letterheads_no_hp_line_is_no_letter_number():
    top = [(1, 0.12, 0.02, "TABLOID NGUDI KABAR"), (1, 0.12, 0.04, "Jl. Raya Pogalan No. 45, Desa Ngetal, Kab. Trenggalek"),
           (1, 0.12, 0.06, "No. HP 0853-3120-5567 • tabloidngudikabar@gmail.com")]
    prose = [(1, 0.12, 0.30, "Pembayaran dapat ditransfer ke rekening Bank Jatim No. 0271 0345 6623 a.n. perusahaan.")]
    letter, reasons = read(top + REST + prose + CLOSE)
    assert letter.telepon == "0853-3120-5567", reasons.get("telepon")


def test_a_tax_number_label_wrapped_under_its_value_is_read():
    rows = kv(1, 0.30, "Nomor Pokok Wajib", "0715502836653000") + [(1, 0.12, 0.31, "Pajak")]
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.npwp == "0715502836653000", reasons.get("npwp")


def test_a_surname_wrapped_in_a_narrow_signature_column_stays_in_the_name():
    close = [(1, 0.55, 0.70, "Hormat kami,"), (1, 0.55, 0.72, "PT Kabar Lestari Nusantara"),
             (1, 0.55, 0.78, "Ustadz H. Muhammad Ridwan"), (1, 0.55, 0.80, "Alatas"), (1, 0.55, 0.82, "Ketua Pengurus")]
    letter, _ = read(HEAD + close)
    assert (letter.penandatangan, letter.jabatan_penandatangan) == ("Ustadz H. Muhammad Ridwan Alatas", "Ketua Pengurus")


def test_what_the_medium_is_in_brackets_after_its_name_is_not_the_name():
    prose = [(1, 0.12, 0.30, "PT Kabar Lestari Nusantara selaku penerbit Mingguan Gelora Brantas (surat kabar mingguan,"),
             (1, 0.12, 0.32, "terbit setiap Senin) bermaksud mengajukan kerja sama.")]
    letter, reasons = read(TOP + REST[:-2] + prose + CLOSE)
    assert letter.nama_media == "Mingguan Gelora Brantas", reasons.get("nama_media")
