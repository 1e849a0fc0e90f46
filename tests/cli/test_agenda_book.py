"""`kerjasama buku-agenda`: the printable agenda book of a month or a year, through real LibreOffice."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline import cli
from workflow_util import PDF1, PDF2, register, rows


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("buku") / "root"
    register(root, PDF1, PDF2)
    return root


def pdf_text(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def test_month_book_lists_the_letters_received_then(root, capsys):
    got = rows(root)
    month = next(iter(got.values()))["Tanggal Terima"][:7]
    assert cli.main(["buku-agenda", "--bulan", month, "--root", str(root)]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed == root / "laporan" / f"buku-agenda-{month}.pdf" and printed.is_file()
    pages = pdf_text(printed)
    assert len(pages) == 1
    assert "BUKU AGENDA SURAT MASUK" in pages[0] and f"{len(got)} surat" in pages[0]
    for no, row in got.items():
        assert no in pages[0] and row["Status"] in pages[0]


def test_other_year_is_an_empty_book(root, capsys):
    assert cli.main(["buku-agenda", "--tahun", "1999", "--root", str(root)]) == 0
    pages = pdf_text(Path(capsys.readouterr().out.strip()))
    assert "Tahun 1999" in pages[0] and "0 surat" in pages[0]


@pytest.mark.parametrize("args, says", [(["--bulan", "2026-13"], "TAHUN-BULAN"), (["--tahun", "26"], "empat angka"),
                                        ([], "salah satu argumen ini wajib")])
def test_bad_period_fails_with_one_indonesian_line(root, args, says):
    result = subprocess.run([sys.executable, "-m", "pipeline", "buku-agenda", *args, "--root", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert says in line
