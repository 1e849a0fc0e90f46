"""Reading text by what a file is: each input kind the clerk may drop."""
import shutil
from pathlib import Path

from pipeline.read.document import read_document

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


def test_a_born_digital_pdf_is_read_from_its_text_layer_without_ocr():
    result = read_document(SAMPLES / "surat_01_arjunakanal-com.pdf")
    assert [p.source for p in result.doc.pages] == ["text_layer"]
    assert "118/AKI-MKT/XII/2026" in result.doc.text
    assert all(w.conf == 100 for line in result.doc.lines for w in line.words)


def test_an_image_only_pdf_is_rendered_and_ocrd():
    result = read_document(SAMPLES / "surat_04_rembugwarga-id.pdf")
    assert [p.source for p in result.doc.pages] == ["ocr"]
    assert "Perihal" in result.doc.text
    confs = [w.conf for line in result.doc.lines for w in line.words]
    assert confs and 0 <= min(confs) <= max(confs) <= 100


def test_a_png_scan_is_ocrd():
    result = read_document(SAMPLES / "surat_09_kabardesa-id.png")
    assert result.doc.kind == "png"
    assert "Dewan Pers" in result.doc.text


def test_a_phone_photo_jpeg_is_ocrd():
    result = read_document(SAMPLES / "surat_10_mata-kota-tv.jpg")
    assert result.doc.kind == "jpeg"
    assert "Hormat kami" in result.doc.text


def test_every_page_of_a_multipage_tiff_is_read_in_order():
    result = read_document(SAMPLES / "surat_15_suarajatim-id.tif")
    assert [p.number for p in result.doc.pages] == [1, 2]
    assert all(p.lines for p in result.doc.pages)


def test_a_file_is_read_by_its_bytes_not_its_name(tmp_path):
    lying = tmp_path / "surat.pdf"
    shutil.copy(SAMPLES / "surat_09_kabardesa-id.png", lying)
    result = read_document(lying)
    assert result.doc.kind == "png"
    assert "Dewan Pers" in result.doc.text


def test_a_scan_gets_a_searchable_pdf_from_the_same_ocr_pass():
    result = read_document(SAMPLES / "surat_15_suarajatim-id.tif", want_pdf=True)
    import pdfplumber, io

    with pdfplumber.open(io.BytesIO(result.searchable_pdf)) as pdf:
        assert len(pdf.pages) == 2
        assert "Dewan Pers" in "".join(p.extract_text() or "" for p in pdf.pages)


def _two_page_letter(path: Path, *, picture_on_page_2: bool = False) -> Path:
    """A born-digital letter whose second page holds only the closing and the signatory."""
    import numpy as np
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    body = ("Dengan hormat, bersama surat ini kami mengajukan permohonan kerja sama publikasi "
            "media dengan Dinas Komunikasi dan Informatika Kabupaten Trenggalek. ") * 3
    for i in range(0, len(body), 90):
        c.drawString(60, 760 - 16 * (i // 90), body[i:i + 90])
    c.showPage()
    for i, text in enumerate(["Hormat kami,", "PT Sinar Pantura Visual", "Heru Baihaqi, S.T.", "Direktur"]):
        c.drawString(340, 760 - 18 * i, text)
    if picture_on_page_2:  # a scan pasted in: what is on it only OCR can read
        scan = path.with_suffix(".png")
        Image.fromarray(np.full((200, 400), 200, np.uint8)).save(scan)
        c.drawImage(str(scan), 60, 300, 400, 200)
    c.showPage()
    c.save()
    return path


def test_a_short_last_page_of_a_born_digital_letter_is_read_from_its_text_layer(tmp_path):
    doc = read_document(_two_page_letter(tmp_path / "surat.pdf")).doc
    assert [p.source for p in doc.pages] == ["text_layer", "text_layer"]
    assert "Heru Baihaqi, S.T." in [line.text for line in doc.pages[1].lines]  # exact, not an OCR guess


def test_a_short_page_with_a_picture_on_it_is_ocrd(tmp_path):
    doc = read_document(_two_page_letter(tmp_path / "surat.pdf", picture_on_page_2=True)).doc
    assert [p.source for p in doc.pages] == ["text_layer", "ocr"]
