"""Contacts where a letter puts them: beside a branch office's, under the signature, in a side band."""
from __future__ import annotations

from tests.extract.test_layouts import CLOSE, HEAD, kv, read

BODY = [r for r in HEAD if r[2] >= 0.12]  # number, date, addressee and prose; no letterhead


def test_a_footer_with_head_office_and_branch_side_by_side_gives_the_head_office():
    footer = [(1, 0.09, 0.919, "Kantor Pusat"), (1, 0.50, 0.919, "Perwakilan Jawa Timur"),
              (1, 0.09, 0.931, "Jl. Jend. Sudirman No. 399,"), (1, 0.50, 0.931, "Jl. Soekarno-Hatta No. 14,"),
              (1, 0.09, 0.942, "Kota Pekanbaru 28282"), (1, 0.50, 0.942, "Kab. Trenggalek 66315")]
    letter, reasons = read([(1, 0.12, 0.04, "PT Kabar Lestari Nusantara")] + BODY + CLOSE + footer)
    assert letter.alamat == "Jl. Jend. Sudirman No. 399, Kota Pekanbaru 28282", reasons.get("alamat")


def test_a_branch_office_row_is_not_the_senders_address():
    rows = kv(1, 0.40, "Kantor Cabang", "Jl. Hayam Wuruk No. 71, Kec. Mojoroto, Kota Kediri 64112")
    letter, reasons = read(HEAD + rows + CLOSE)
    assert letter.alamat.startswith("Jalan Raya Contoh No. 5"), reasons.get("alamat")


def test_only_a_branch_office_address_is_reviewed():
    rows = kv(1, 0.40, "Kantor Perwakilan", "Jl. Hayam Wuruk No. 71, Kec. Mojoroto, Kota Kediri 64112")
    letter, reasons = read([(1, 0.12, 0.04, "PT Kabar Lestari Nusantara")] + BODY + rows + CLOSE)
    assert letter.alamat.startswith("Jl. Hayam Wuruk") and "alamat" in letter.perlu_ditinjau, reasons.get("alamat")


def _two_offices(branch: list[tuple]) -> list[tuple]:
    head = [(1, 0.30, 0.02, "HARIAN RADAR BRANTAS"), (1, 0.08, 0.04, "KANTOR REDAKSI:"),
            (1, 0.08, 0.055, "Jl. Panglima Sudirman No. 56,"), (1, 0.08, 0.07, "Kabupaten Tulungagung 66212"),
            (1, 0.08, 0.085, "Telp. (0355) 321 440")]
    return head + branch + BODY + CLOSE


def test_a_branch_offices_phone_in_its_own_column_is_not_the_senders():
    branch = [(1, 0.55, 0.04, "PERWAKILAN / BIRO:"), (1, 0.55, 0.055, "Jl. Basuki Rahmat No. 105, Surabaya."),
              (1, 0.55, 0.07, "Telp. (031) 534 8810")]
    letter, reasons = read(_two_offices(branch))
    assert letter.telepon == "(0355) 321 440", reasons.get("telepon")


def test_a_line_labelled_by_a_branch_keeps_its_phone_and_wrapped_rest_to_itself():
    branch = [(1, 0.55, 0.04, "Biro Trenggalek: Jl. Soekarno-Hatta No. 27, Kel."),
              (1, 0.55, 0.055, "Sumbergedong, Trenggalek. Telp. (0355) 791 552")]
    letter, reasons = read(_two_offices(branch))
    assert letter.telepon == "(0355) 321 440", reasons.get("telepon")
    assert letter.alamat.startswith("Jl. Panglima Sudirman"), reasons.get("alamat")


def _kop(*contact_lines: str) -> list[tuple]:
    head = [(1, 0.12, 0.02, "SUARA TANAH MERAH"), (1, 0.12, 0.035, "PT Kabar Lestari Nusantara"),
            (1, 0.12, 0.05, "Jl. Raya Contoh No. 5, Kabupaten Blitar 66171")]
    return head + [(1, 0.12, 0.065 + 0.015 * i, t) for i, t in enumerate(contact_lines)]


def test_a_bare_domain_among_the_contacts_that_is_the_mail_domain_is_the_website():
    letter, reasons = read(_kop("Telp. 0821-9811-4433 | E-mail: redaksi@suaratanahmerah.com | suaratanahmerah.com") + BODY + CLOSE)
    assert letter.website == "suaratanahmerah.com" and "website" not in letter.perlu_ditinjau, reasons.get("website")
    letter, reasons = read(_kop("Telp. 0821-9811-4433", "redaksi@suaratanahmerah.com", "suaratanahmerah.com") + BODY + CLOSE)
    assert letter.website == "suaratanahmerah.com", reasons.get("website")


def test_a_free_mailbox_domain_or_a_title_line_is_no_website():
    # the "@" of "redaksi@gmail.com" lost; a medium named by its domain in its title prints no website
    letter, reasons = read(_kop("Telp. 0821-9811-4433 | E-mail: redaksi gmail.com") + BODY + CLOSE)
    assert letter.website is None, reasons.get("website")
    head = [(1, 0.30, 0.02, "KABARLESTARI.ID @")] + [r for r in HEAD if r[2] >= 0.04]
    letter, reasons = read(head + CLOSE)
    assert letter.website is None, reasons.get("website")


def test_an_email_read_with_spaces_around_its_at_gives_no_website():
    letter, reasons = read(_kop("Telp. 0821-9811-4433", "marketing @ suaratanahmerah.com") + BODY + CLOSE)
    assert letter.website is None, reasons.get("website")


def test_a_printed_emails_signature_block_gives_the_companys_contacts():
    close = [(1, 0.12, 0.60, "Salam,"), (1, 0.12, 0.62, "Muhammad Aidil Fitri, S.Sos."), (1, 0.12, 0.64, "Pemimpin Redaksi"),
             (1, 0.12, 0.66, "--"), (1, 0.12, 0.68, "PT Borneo Kini Media"),
             (1, 0.12, 0.70, "Jl. Juanda No. 8 Blok C, Kota Samarinda 75124"), (1, 0.12, 0.72, "Telp. 0541-7271180"),
             (1, 0.12, 0.74, "redaksi@borneokini.com")]
    letter, reasons = read(BODY + close)
    assert letter.alamat == "Jl. Juanda No. 8 Blok C, Kota Samarinda 75124", reasons.get("alamat")
    assert letter.telepon == "0541-7271180" and letter.email == "redaksi@borneokini.com", reasons


def test_a_contact_person_under_the_signature_is_not_the_companys_phone():
    close = CLOSE + [(1, 0.12, 0.84, "Narahubung: Sdri. Rina (0812-3456-7890)")]
    letter, reasons = read([(1, 0.12, 0.04, "PT Kabar Lestari Nusantara")] + BODY + close)
    assert letter.telepon != "0812-3456-7890", reasons.get("telepon")


def test_a_bulleted_list_of_company_data_is_read():
    rows = [(1, 0.14, 0.40, "- Nama Media: BorneoKini.com"), (1, 0.14, 0.42, "- Jenis Media: Media online")]
    letter, reasons = read(BODY + rows + CLOSE)
    assert letter.nama_media == "BorneoKini.com" and letter.jenis_media == "online", reasons


def test_a_web_mail_footer_misread_is_not_the_companys_website():
    # a printed e-mail's footer URL with "mail." misread: no media company's site is Google's
    head = [r for r in HEAD if not r[3].startswith("Telepon")] + [(1, 0.12, 0.08, "Telepon: (0342) 801234")]
    footer = [(1, 0.05, 0.97, "https://wail .google.com/mail/u/0/?ik=4f2a9c1d7e&view=pt 1/1")]
    letter, reasons = read(head + CLOSE + footer)
    assert letter.website is None or "google" not in letter.website, reasons.get("website")
