"""Hostile contents in masuk/ (issue 11, cases 2 and 5): a PDF compressed twice (a decompression
bomb), polyglots, and a PDF with JavaScript, an embedded program and a launch action."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline.agenda import open_agenda

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
sys.path.insert(0, str(BAD))
import make_bad as M  # noqa: E402
from runner import cfg, cli, config_dir, root  # noqa: E402,F401 (fixtures)


def case_folders(root: Path) -> list[Path]:
    return sorted(p for p in (root / "01-tercatat").iterdir() if p.is_dir())


def test_a_pdf_compressed_twice_is_quarantined_before_it_is_inflated(root: Path, cfg: Path) -> None:
    bomb = M.double_flate_pdf(4096)  # 4 GiB once inflated twice
    assert len(bomb) < 64 * 1024
    M.drop(root / "masuk", b"bom_ganda.pdf", bomb)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    assert (root / "karantina" / "bom_ganda.pdf").read_bytes() == bomb
    reason = (root / "karantina" / "bom_ganda.pdf.alasan.txt").read_text(encoding="utf-8")
    assert "bom dekompresi" in reason
    assert open_agenda(root).read_rows() == {} and os.listdir(root / "masuk") == []


def test_the_reader_child_runs_with_a_memory_cap(tmp_path: Path, root: Path) -> None:
    # A cap too small for any reading: the letter is refused by the child, the watcher's side unharmed.
    cfg = config_dir(tmp_path, limits="reader_memory_mb: 48\n")
    M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    reason = (root / "karantina" / "surat.pdf.alasan.txt").read_text(encoding="utf-8")
    assert "memori" in reason or "berhenti mendadak" in reason


@pytest.mark.parametrize("name, data", [(b"surat.pdf.exe", M.polyglot_exe_pdf()), (b"surat.html", M.polyglot_html_pdf())],
                         ids=["exe", "html"])
def test_a_polyglot_is_stored_as_the_pdf_it_is_with_a_warning(root: Path, cfg: Path, name: bytes, data: bytes) -> None:
    M.drop(root / "masuk", name, data)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    [folder] = case_folders(root)
    assert (folder / "surat.pdf").read_bytes() == data  # stored under what it is, not what it claims
    assert not (folder / name.decode()).exists()
    [row] = open_agenda(root).read_rows().values()
    assert "PERINGATAN" in row["Pesan Sistem"] and "poliglot" in row["Pesan Sistem"]
    warning = (folder / "PERINGATAN.txt").read_text(encoding="utf-8")
    assert name.decode() in warning and "poliglot" in warning
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    assert db.execute("SELECT original_name FROM inputs").fetchone() == (name.decode(),)


def test_javascript_embedded_files_and_launch_actions_are_noted(root: Path, cfg: Path) -> None:
    data = M.active_pdf()
    M.drop(root / "masuk", b"surat_aktif.pdf", data)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    [folder] = case_folders(root)
    assert (folder / "surat_aktif.pdf").read_bytes() == data
    [row] = open_agenda(root).read_rows().values()
    for what in ("JavaScript", "berkas tersemat", "Launch"):
        assert what in row["Pesan Sistem"], row["Pesan Sistem"]
    assert "JavaScript" in (folder / "PERINGATAN.txt").read_text(encoding="utf-8")
    data_json = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    assert data_json["peringatan"]


def test_an_ordinary_letter_carries_no_warning(root: Path, cfg: Path) -> None:
    M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())
    assert cli(root, "ingest", cfg=cfg).returncode == 0
    [folder] = case_folders(root)
    assert not (folder / "PERINGATAN.txt").exists()
    [row] = open_agenda(root).read_rows().values()
    assert "PERINGATAN" not in row["Pesan Sistem"]
