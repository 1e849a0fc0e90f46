"""sniff: decompression bombs refused before decoding; active content and polyglots named."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.core.errors import InputRejected
from pipeline.core.models import Sniffed
from pipeline.sniff import inspect_pdf
from pipeline.sniff.notes import file_notes, stored_name
from pipeline.sniff.pdf_streams import active_names, scan_pdf_bytes

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
sys.path.insert(0, str(BAD))
import make_bad as M  # noqa: E402

LIMITS = {"max_bytes": 104857600, "max_pages": 20, "max_pixels_per_page": 60000000, "render_dpi": 300,
          "max_decoded_stream_bytes": 8 << 20, "max_decoded_bytes": 16 << 20}


def test_double_flate_bomb_is_refused_by_inspect_pdf(tmp_path: Path) -> None:
    p = tmp_path / "bom.pdf"
    p.write_bytes(M.double_flate_pdf(64))
    with pytest.raises(InputRejected) as info:
        inspect_pdf(p, LIMITS)
    assert info.value.code == "pdf_bomb" and "\n" not in info.value.message


def test_many_small_streams_count_towards_the_total() -> None:
    body = M.double_flate_pdf(6)  # 6 MiB: under the per-stream cap
    with pytest.raises(InputRejected):
        scan_pdf_bytes(body * 3, max_stream_bytes=8 << 20, max_total_bytes=16 << 20)


@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.stem[:8])
def test_the_sample_letters_pass_and_carry_no_active_content(pdf: Path) -> None:
    scan = scan_pdf_bytes(pdf.read_bytes(), max_stream_bytes=256 << 20, max_total_bytes=512 << 20)
    assert scan.active == set()


def test_escaped_names_are_still_recognised() -> None:
    assert active_names(b"<< /S /J#61vaScript /JS (x) >>") == {"JavaScript"}
    assert active_names(b"/Type /EmbeddedFile") == {"berkas tersemat"}
    assert active_names(b"/Font /F1 /Length 4") == set()


def test_notes_name_the_polyglot_and_the_lying_extension(tmp_path: Path) -> None:
    p = tmp_path / "surat.pdf.exe"
    p.write_bytes(M.polyglot_exe_pdf())
    notes = file_notes(p, Sniffed(path=str(p), kind="pdf", size=p.stat().st_size), LIMITS)
    assert any(".exe" in n for n in notes) and any("poliglot" in n for n in notes)


def test_stored_names_take_the_real_extension() -> None:
    assert stored_name("surat.pdf.exe", "pdf") == "surat.pdf"
    assert stored_name("surat.html", "pdf") == "surat.pdf"
    assert stored_name("foto.JPEG", "jpeg") == "foto.JPEG"
    assert stored_name("pindai.png", "jpeg") == "pindai.jpg"
