"""What a person reads from the command line is Indonesian: help, argument errors, a wrong --root."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def kerjasama(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [["--help"], ["mark", "--help"], ["buku-agenda", "--help"], ["sync", "-h"]])
def test_help_is_indonesian(args):
    result = kerjasama(*args)
    assert result.returncode == 0
    for english in ("usage:", "show this help message", "positional arguments", "options:"):
        assert english not in result.stdout
    assert result.stdout.startswith("Penggunaan: kerjasama") and "tampilkan bantuan ini lalu keluar" in result.stdout


@pytest.mark.parametrize("args, says", [
    (["mark"], "argumen wajib belum diberikan: NO_AGENDA, STATUS"),
    (["terbang"], "pilihan 'terbang' tidak dikenal"),
    (["status", "--semua"], "argumen tidak dikenal: --semua"),
    (["mark", "1", "Didisposisi", "--catatan"], "argumen --catatan memerlukan satu nilai"),
])
def test_argument_errors_are_one_indonesian_line(args, says):
    result = kerjasama(*args)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert says in line and "error" not in line and line.startswith("kerjasama")


def test_status_on_a_missing_root_fails_with_one_line(tmp_path: Path):
    result = kerjasama("status", "--root", str(tmp_path / "tidak-ada"))
    assert result.returncode != 0 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "tidak ada" in line and "--root" in line


def test_status_on_an_empty_root_still_says_no_letters(tmp_path: Path):
    result = kerjasama("status", "--root", str(tmp_path))
    assert result.returncode == 0 and "Belum ada surat" in result.stdout
