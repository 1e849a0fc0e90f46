"""`kerjasama extract FILE --json` on broken and hostile inputs (CONTRACT.md, Commands).

A file that cannot be read as a letter makes the command fail cleanly: non-zero exit,
exactly one Indonesian line on stderr, nothing on stdout, never a traceback.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.models import FIELD_NAMES

BAD = Path(__file__).parent.parent / "fixtures" / "bad"


def extract(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(path), "--json"],
        capture_output=True, text=True, timeout=60,
    )


def assert_clean_failure(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "name, says",
    [
        ("kosong.pdf", "kosong"),
        ("terpotong.pdf", "PDF rusak atau terpotong"),
        ("terkunci.pdf", "PDF terkunci kata sandi"),
        ("surat.docx", "dokumen Word (.docx)"),
        ("teks_bernama.jpg", "berkas bernama .jpg tetapi isinya teks biasa"),
        ("bom_dekompresi.png", "terlalu besar"),
        ("terpotong.jpg", "rusak atau terpotong"),
        # A blank scan is a valid image but not a letter: nothing to extract.
        ("halaman_kosong.png", "kosong"),
        # A real letter, read fine, but an invitation to a meeting, not a media request.
        ("bukan_permohonan.png", "bukan surat permohonan kerja sama media"),
    ],
)
def test_bad_input_fails_with_one_line(name, says):
    line = assert_clean_failure(extract(BAD / name))
    assert says in line


def test_word_document_named_pdf_fails_saying_the_name_lies(tmp_path):
    lying = shutil.copy(BAD / "surat.docx", tmp_path / "surat.pdf")
    line = assert_clean_failure(extract(Path(lying)))
    assert "berkas bernama .pdf tetapi isinya dokumen Word (.docx)" in line


def test_missing_file_fails_with_one_line(tmp_path):
    assert_clean_failure(extract(tmp_path / "tidak_ada.pdf"))


def test_png_named_pdf_is_read_as_the_png_it_is():
    result = extract(BAD / "png_bernama.pdf")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    fields = json.loads(result.stdout)
    assert set(FIELD_NAMES) <= set(fields)
    assert fields["nomor_surat"] == "012/MCT/XI/2026"
