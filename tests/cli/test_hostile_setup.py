"""A hostile shared folder (issue 11, cases 8 and 9): karantina/ or a stage folder that is a
symlink leading out of ROOT, and a Google key clerks could copy. Refused with one line."""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline.agenda import open_agenda

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
sys.path.insert(0, str(BAD))
import make_bad as M  # noqa: E402
from runner import cfg, cli, config_dir, root, wait_for, Watch  # noqa: E402,F401 (fixtures)

COMMANDS = [["ingest"], ["init"], ["sync"], ["watch"]]


def link_out(root: Path, folder: str, outside: Path) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    (root / folder).rmdir()
    (root / folder).symlink_to(outside, target_is_directory=True)


def one_line_refusal(run, *words: str) -> None:
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    for w in words:
        assert w in line, line


@pytest.mark.parametrize("folder", ["karantina", "01-tercatat"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_linked_quarantine_or_stage_folder_is_refused(tmp_path: Path, root: Path, cfg: Path, folder: str,
                                                        command: list[str]) -> None:
    outside = tmp_path / "di-luar"
    link_out(root, folder, outside)
    M.drop(root / "masuk", b"kosong.pdf", b"")  # would be quarantined
    M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())  # would get a case folder
    run = cli(root, *command, cfg=cfg, timeout=120)
    one_line_refusal(run, folder, "tautan")
    assert sorted(os.listdir(root / "masuk")) == ["kosong.pdf", "surat.pdf"]
    assert list(outside.iterdir()) == []


def test_a_stage_folder_linked_while_watching_sends_nothing_out(tmp_path: Path, root: Path, cfg: Path) -> None:
    outside = tmp_path / "di-luar"
    with Watch(root, cfg) as w:
        link_out(root, "01-tercatat", outside)
        M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())
        wait_for(lambda: refusals(root), what="refusal logged")
        assert w.alive() and os.listdir(root / "masuk") == ["surat.pdf"] and list(outside.iterdir()) == []
        (root / "01-tercatat").unlink()
        (root / "01-tercatat").mkdir()  # fixed: taken on the next rescan
        wait_for(lambda: len(open_agenda(root).read_rows()) == 1, what="registered after the fix")
    assert w.returncode == 0, w.err
    assert "tautan" in w.out
    assert list(outside.iterdir()) == []


def refusals(root: Path) -> list[str]:
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    try:
        found = db.execute("SELECT details FROM events WHERE what = 'galat_pemrosesan'").fetchall()
    finally:
        db.close()
    return [d for (d,) in found if "tautan" in d]


def sheets_config(tmp_path: Path, key: Path) -> Path:
    return config_dir(tmp_path, agenda=f"backend: google_sheets\ngoogle_sheets:\n  spreadsheet: abc\n"
                                       f"  credentials_file: {key}\n")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_google_key_inside_root_is_refused(tmp_path: Path, command: list[str]) -> None:
    root = tmp_path / "root"
    (root / "rahasia").mkdir(parents=True)
    key = root / "rahasia" / "kunci.json"
    key.write_text("{}", encoding="utf-8")
    key.chmod(0o600)
    run = cli(root, *command, cfg=sheets_config(tmp_path, key), timeout=120)
    one_line_refusal(run, str(key), "folder bersama", "Pindahkan")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="permission bits are checked on Linux")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_google_key_others_can_read_is_refused(tmp_path: Path, command: list[str]) -> None:
    root = tmp_path / "root"
    key = tmp_path / "rumah" / "kunci.json"
    key.parent.mkdir()
    key.write_text("{}", encoding="utf-8")
    key.chmod(0o644)
    run = cli(root, *command, cfg=sheets_config(tmp_path, key), timeout=120)
    one_line_refusal(run, f"chmod 600 {key}")
    key.chmod(0o600)  # fixed: this refusal is gone (the fake key then fails on its own merits)
    run = cli(root, *command, cfg=sheets_config(tmp_path, key), timeout=120)
    assert "chmod 600" not in run.stderr and "Traceback" not in run.stderr
