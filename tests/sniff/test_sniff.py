"""What a dropped file is, and whether it is safe to read (pipeline/sniff.py).

Fixtures in tests/fixtures/bad/ are made by make_bad_fixtures.py there; anything that
only needs a tweaked limit is built in tmp_path.
"""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from pipeline.core.errors import InputRejected
from pipeline.sniff import check_input, extension_mismatch, inspect_image, inspect_pdf, sniff

BAD = Path(__file__).parent.parent / "fixtures" / "bad"
LIMITS = {
    "max_bytes": 104857600,
    "max_pages": 20,
    "max_pixels_per_page": 60000000,
    "render_dpi": 300,
}


def limits(**changes) -> dict:
    return {**LIMITS, **changes}


def rejected(call, *args) -> InputRejected:
    with pytest.raises(InputRejected) as info:
        call(*args)
    assert "\n" not in info.value.message, "messages are one line"
    return info.value


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdf_of(tmp_path: Path, pages: int = 1, resolution: float = 100.0) -> Path:
    """A PDF of blank A4-ish pages (page size in points = pixels * 72 / resolution)."""
    images = [Image.new("L", (827, 1170), 255) for _ in range(pages)]
    path = tmp_path / "surat.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=resolution)
    return path


def tiff_of(tmp_path: Path, frames: int) -> Path:
    images = [Image.new("1", (100, 140), 1) for _ in range(frames)]
    path = tmp_path / "pindaian.tif"
    images[0].save(path, save_all=True, append_images=images[1:], compression="group4", dpi=(300, 300))
    return path


# ---------------------------------------------------------------------------- sniff


def test_zero_byte_file_is_rejected_as_empty():
    err = rejected(sniff, BAD / "kosong.pdf", LIMITS)
    assert err.code == "empty"
    assert "kosong" in err.message


def test_file_over_the_byte_limit_is_rejected_before_reading():
    err = rejected(sniff, BAD / "halaman_kosong.png", limits(max_bytes=1000))
    assert err.code == "too_large"
    assert "terlalu besar" in err.message


def test_word_document_is_named_in_the_rejection():
    err = rejected(sniff, BAD / "surat.docx", LIMITS)
    assert err.code == "unsupported"
    assert "dokumen Word (.docx)" in err.message
    assert "bernama" not in err.message  # its name is honest


def test_word_document_named_pdf_says_the_name_lies(tmp_path):
    lying = shutil.copy(BAD / "surat.docx", tmp_path / "surat.pdf")
    err = rejected(sniff, lying, LIMITS)
    assert "berkas bernama .pdf tetapi isinya dokumen Word (.docx)" in err.message


def test_text_file_named_jpg_says_the_name_lies():
    err = rejected(sniff, BAD / "teks_bernama.jpg", LIMITS)
    assert "berkas bernama .jpg tetapi isinya teks biasa" in err.message


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in names:
            zf.writestr(name, "x")
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, data, label",
    [
        ("tabel.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]), "Excel (.xlsx)"),
        ("surat.odt", _zip(["mimetype", "content.xml", "META-INF/manifest.xml"]), "OpenDocument"),
        ("berkas.zip", _zip(["surat.pdf"]), "arsip ZIP"),
        ("surat.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + "WordDocument".encode("utf-16-le"), "Word lama (.doc)"),
        ("lama.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200, "format OLE"),
        ("surat.html", b"<!DOCTYPE html><html><body>Surat</body></html>", "halaman web (HTML)"),
        ("foto.gif", b"GIF89a" + b"\0" * 20, "gambar GIF"),
        ("foto.bmp", b"BM" + b"\0" * 12 + b"\x28" + b"\0" * 40, "gambar BMP"),
        ("foto.webp", b"RIFF\x24\0\0\0WEBPVP8 " + b"\0" * 20, "gambar WebP"),
        ("IMG_0001.HEIC", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "HEIC"),
        ("misteri.dat", bytes(range(256)) * 4, "tidak dikenali"),
    ],
)
def test_unsupported_content_is_named(tmp_path, name, data, label):
    err = rejected(sniff, write(tmp_path, name, data), LIMITS)
    assert err.code == "unsupported"
    assert label in err.message
    assert "bernama" not in err.message


def test_heic_photo_named_jpg_says_the_name_lies(tmp_path):
    path = write(tmp_path, "IMG_0001.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic")
    err = rejected(sniff, path, LIMITS)
    assert "berkas bernama .jpg tetapi isinya foto HEIC/HEIF" in err.message


def test_unknown_content_named_pdf_says_it_is_no_pdf(tmp_path):
    err = rejected(sniff, write(tmp_path, "surat.pdf", b"\x00" * 100), LIMITS)
    assert "berkas bernama .pdf tetapi isinya bukan berkas PDF" in err.message


def test_png_named_pdf_is_read_as_png_not_rejected():
    sniffed = sniff(BAD / "png_bernama.pdf", LIMITS)
    assert sniffed.kind == "png"
    assert sniffed.size == (BAD / "png_bernama.pdf").stat().st_size
    assert "bernama .pdf" in extension_mismatch(sniffed)


@pytest.mark.parametrize("fmt, kind", [("JPEG", "jpeg"), ("TIFF", "tiff"), ("PNG", "png"), ("PDF", "pdf")])
def test_supported_kinds_are_known_by_their_bytes(tmp_path, fmt, kind):
    path = tmp_path / "tanpa_ekstensi"
    Image.new("L", (10, 10), 255).save(path, format=fmt)
    sniffed = sniff(path, LIMITS)
    assert sniffed.kind == kind
    assert extension_mismatch(sniffed) is None


def test_folder_and_pipe_are_refused_without_blocking(tmp_path):
    assert rejected(sniff, tmp_path, LIMITS).code == "not_a_file"
    fifo = tmp_path / "pipa.pdf"
    os.mkfifo(fifo)
    assert rejected(sniff, fifo, LIMITS).code == "not_a_file"  # reading it would block forever


def test_missing_file_is_refused(tmp_path):
    assert rejected(sniff, tmp_path / "tidak_ada.pdf", LIMITS).code == "not_found"


# ---------------------------------------------------------------------------- PDF


def test_fixture_pdf_really_is_password_protected():
    path = str(BAD / "terkunci.pdf")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(path)
    with pytest.raises(Exception) as info:
        pdfplumber.open(path).close()
    assert "PDFPasswordIncorrect" in repr(info.value)
    with pdfplumber.open(path, password="rahasia") as pdf:
        assert pdf.pages[0].extract_text() == "Surat rahasia"


def test_encrypted_pdf_is_rejected_as_locked():
    err = rejected(inspect_pdf, BAD / "terkunci.pdf", LIMITS)
    assert err.code == "pdf_encrypted"
    assert "PDF terkunci kata sandi" in err.message


def test_pdf_restricted_only_by_owner_permissions_is_read():
    # Encrypted with an empty user password: it opens for everyone, so it is a letter
    # like any other (exported PDFs often "forbid editing" this way).
    with pdfplumber.open(BAD / "terbatas.pdf") as pdf:
        assert pdf.pages[0].extract_text() == "Surat rahasia"
    assert inspect_pdf(BAD / "terbatas.pdf", LIMITS).pages == 1

def test_truncated_pdf_is_rejected_as_broken():
    assert sniff(BAD / "terpotong.pdf", LIMITS).kind == "pdf"  # its header is fine
    err = rejected(inspect_pdf, BAD / "terpotong.pdf", LIMITS)
    assert err.code == "pdf_corrupt"
    assert "PDF rusak atau terpotong" in err.message


def test_pdf_cut_before_its_xref_is_rejected_though_pdfium_would_rebuild_it(tmp_path):
    data = pdf_of(tmp_path).read_bytes()
    cut = data[: data.rindex(b"xref")]
    assert len(pdfium.PdfDocument(cut)) == 1  # PDFium alone would read it as if whole
    err = rejected(inspect_pdf, write(tmp_path, "potong.pdf", cut), LIMITS)
    assert err.code == "pdf_corrupt"

def test_pdf_with_too_many_pages_is_rejected(tmp_path):
    err = rejected(inspect_pdf, pdf_of(tmp_path, pages=3), limits(max_pages=2))
    assert err.code == "too_many_pages"
    assert "3 halaman" in err.message


def test_pdf_page_too_large_to_render_is_rejected(tmp_path):
    # 827x1170 px at resolution 100 is an A4-sized page: ~2480x3510 px at 300 dpi (8.7 M).
    err = rejected(inspect_pdf, pdf_of(tmp_path), limits(max_pixels_per_page=5_000_000))
    assert err.code == "page_too_large"
    assert "300 dpi" in err.message


def test_good_pdf_reports_pages_and_sizes(tmp_path):
    info = inspect_pdf(pdf_of(tmp_path, pages=2), LIMITS)
    assert info.pages == 2
    width, height = info.page_sizes[0]
    assert (round(width), round(height)) == (595, 842)


# ---------------------------------------------------------------------------- images


def test_decompression_bomb_is_refused_from_its_header():
    # The header claims 100000 x 100000 px; decoding would need ~10 GB.
    err = rejected(inspect_image, BAD / "bom_dekompresi.png", LIMITS)
    assert err.code == "image_too_large"


def test_image_over_the_pixel_limit_is_refused_before_decoding():
    err = rejected(inspect_image, BAD / "halaman_kosong.png", limits(max_pixels_per_page=1_000_000))
    assert err.code == "image_too_large"
    assert "1240×1754" in err.message


def test_pillow_bomb_warning_becomes_a_rejection(monkeypatch):
    # Between Pillow's MAX_IMAGE_PIXELS and twice that, Pillow only warns: still refused.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_500_000)
    err = rejected(inspect_image, BAD / "halaman_kosong.png", LIMITS)
    assert err.code == "image_too_large"
    assert "1,5 juta piksel" in err.message  # the limit that held, not ours


def test_truncated_jpeg_is_rejected_as_broken():
    err = rejected(inspect_image, BAD / "terpotong.jpg", LIMITS)
    assert err.code == "image_corrupt"
    assert "gambar rusak atau terpotong" in err.message.lower()


def test_truncated_png_is_rejected_as_broken(tmp_path):
    data = (BAD / "png_bernama.pdf").read_bytes()
    err = rejected(inspect_image, write(tmp_path, "potong.png", data[: len(data) // 2]), LIMITS)
    assert err.code == "image_corrupt"


def test_tiff_with_too_many_frames_is_rejected(tmp_path):
    err = rejected(inspect_image, tiff_of(tmp_path, frames=3), limits(max_pages=2))
    assert err.code == "too_many_pages"


def test_multipage_tiff_reports_every_frame(tmp_path):
    info = inspect_image(tiff_of(tmp_path, frames=2), LIMITS)
    assert (info.kind, info.frames, info.sizes, info.dpi) == ("tiff", 2, ((100, 140), (100, 140)), (300.0, 300.0))


def test_blank_page_is_a_valid_image():
    # Blank is not broken: whether it holds a letter is for the reader to say.
    info = inspect_image(BAD / "halaman_kosong.png", LIMITS)
    assert (info.kind, info.frames, info.sizes) == ("png", 1, ((1240, 1754),))
    assert info.dpi is not None and round(info.dpi[0]) == 150


def test_check_input_reads_a_misnamed_png_as_an_image():
    sniffed, info = check_input(BAD / "png_bernama.pdf", LIMITS)
    assert sniffed.kind == info.kind == "png"


# ---------------------------------------------------------------------------- hostile bytes

SEEDS = [p.read_bytes()[:4096] for p in sorted(BAD.iterdir()) if p.suffix != ".py" and p.stat().st_size]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS), cut=st.integers(0, 4096), noise=st.binary(max_size=64), at=st.integers(0, 4096))
def test_mangled_files_are_accepted_or_rejected_never_crash(tmp_path, seed, cut, noise, at):
    data = seed[:cut]
    data = data[:at] + noise + data[at + len(noise):]
    path = write(tmp_path, "acak.pdf", data)
    try:
        check_input(path, LIMITS)
    except InputRejected as err:
        assert err.message and "\n" not in err.message
