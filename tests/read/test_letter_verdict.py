"""A letter that may be a media request is read and flagged; one that clearly is not is refused."""
from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.core.errors import InputRejected
from pipeline.read.letter import read_letter

MEMO = [
    "PT KABAR PESISIR MEDIA",
    "Jl. Pantai Prigi No. 3, Watulimo, Trenggalek 66382",
    "Nomor : 07/KPM/III/2026",
    "Perihal : Permohonan Menjadi Mitra",
    "Kepada Yth. Kepala Dinas Komunikasi dan Informatika Kabupaten Trenggalek",
    "Bersama ini kami sampaikan profil perusahaan kami untuk dipertimbangkan.",
    "Hormat kami,",
    "Andi Wijaya",
    "Direktur",
]
BILL = ["PT PLN (PERSERO)", "Tagihan rekening listrik bulan Maret 2026",
        "Mohon pembayaran dilakukan sebelum tanggal 20 Maret 2026."]


def text_pdf(path, lines):
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 22
    c.save()
    return path


def test_a_request_in_few_words_is_registered_with_its_subject_flagged(tmp_path):
    reading = read_letter(text_pdf(tmp_path / "memo.pdf", MEMO))
    assert reading.letter.nomor_surat == "07/KPM/III/2026"
    assert "perihal" in reading.letter.perlu_ditinjau


def test_a_bill_is_refused_as_no_request(tmp_path):
    with pytest.raises(InputRejected) as err:
        read_letter(text_pdf(tmp_path / "tagihan.pdf", BILL))
    assert err.value.code == "not_a_request"


OFFER = [
    "PT RADIO SUARA WILIS TRENGGALEK",
    "Jl. Soekarno-Hatta No. 56, Sumbergedong, Trenggalek 66315",
    "Nomor : 021/SW-FM/DIR/III/2025",
    "Prihal : Penawaran Kerja Sama Penyiaran Iklan Layanan Masyarakat",
    "Kepada Yth. Kepala Dinas Komunikasi dan Informatika Kabupaten Trenggalek",
    "Radio Suara Wilis 98.7 FM menawarkan kerja sama penyiaran iklan layanan masyarakat.",
    "Hormat kami,",
    "Sri Wahyuningsih, S.E.",
    "Direktur",
]
PRINTER_OFFER = ["CV CETAK JAYA", "Penawaran harga cetak brosur dan spanduk",
                 "Kami menawarkan harga khusus untuk pesanan di atas 500 lembar."]


def test_a_radio_offering_a_partnership_is_a_request_with_its_misspelt_subject_read(tmp_path):
    reading = read_letter(text_pdf(tmp_path / "penawaran.pdf", OFFER))
    assert reading.letter.perihal == "Penawaran Kerja Sama Penyiaran Iklan Layanan Masyarakat"
    assert "perihal" not in reading.letter.perlu_ditinjau, reading.bukti["perihal"]


def test_a_printers_price_offer_is_still_refused(tmp_path):
    with pytest.raises(InputRejected) as err:
        read_letter(text_pdf(tmp_path / "harga.pdf", PRINTER_OFFER))
    assert err.value.code == "not_a_request"
