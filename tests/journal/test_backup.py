"""`kerjasama backup` / `restore --dari`: consistent dated copies of the journal and the agenda
in ROOT/.kerjasama/cadangan/, the last N kept, and a copy put back only after it is checked."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from pipeline import cli
from pipeline.core import fileops as F
from pipeline.core.paths import RootPaths
from pipeline.journal import backup as B
from workflow_util import PDF1, clone, register, rows


@pytest.fixture(scope="module")
def registered(tmp_path_factory) -> tuple[Path, str]:
    template = tmp_path_factory.mktemp("terdaftar") / "root"
    (no,) = register(template, PDF1)
    return template, no


def cases(journal: Path) -> list[str]:
    db = sqlite3.connect(journal)
    try:
        return [r[0] for r in db.execute("SELECT agenda_no FROM cases")]
    finally:
        db.close()


def copies(root: Path, prefix: str) -> list[Path]:
    return sorted(B.backup_dir(root).glob(f"{prefix}*"))


def test_backup_then_restore_brings_the_journal_and_agenda_back(registered, tmp_path, capsys):
    template, no = registered
    root = clone(template, tmp_path / "root")
    assert cli.main(["backup", "--root", str(root)]) == 0
    (journal_copy,) = copies(root, B.JOURNAL_PREFIX)
    (agenda_copy,) = copies(root, B.AGENDA_PREFIX)
    assert cases(journal_copy) == [no] and agenda_copy.suffix == ".xlsx"
    assert str(journal_copy) in capsys.readouterr().out

    # Disaster: the journal loses its case, the workbook is overwritten with an empty one.
    db = sqlite3.connect(RootPaths(root).journal_file)
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("DELETE FROM cases")
    db.commit()
    db.close()
    wb = openpyxl.Workbook()
    wb.active.title = "Agenda"
    wb.active.append(["No. Agenda"])
    wb.save(root / "agenda.xlsx")
    assert no not in rows(root)

    assert cli.main(["restore", "--dari", str(journal_copy), "--root", str(root)]) == 0
    assert cli.main(["restore", "--dari", str(agenda_copy), "--root", str(root)]) == 0
    assert cases(RootPaths(root).journal_file) == [no]
    assert no in rows(root)
    out = capsys.readouterr().out
    assert "Jurnal dipulihkan" in out and "Agenda dipulihkan" in out
    # What was there before the restore is kept too.
    assert [p for p in copies(root, B.JOURNAL_PREFIX) if "sebelum-pulih" in p.name]
    assert [p for p in copies(root, B.AGENDA_PREFIX) if "sebelum-pulih" in p.name]


def test_the_journal_copy_is_consistent_while_a_writer_holds_a_transaction(registered, tmp_path):
    template, no = registered
    root = clone(template, tmp_path / "root")
    writer = sqlite3.connect(RootPaths(root).journal_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO events(at, actor, what) VALUES ('2026-01-01', 'uji', 'belum_disimpan')")
    try:
        written = B.backup(root, datetime(2026, 12, 2, 7, 0))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    journal_copy = next(p for p in written if p.name.startswith(B.JOURNAL_PREFIX))
    checked = B.check_journal_copy(journal_copy)
    assert checked.kind == "jurnal"
    db = sqlite3.connect(journal_copy)
    assert db.execute("SELECT count(*) FROM events WHERE what = 'belum_disimpan'").fetchone()[0] == 0
    db.close()


def test_only_the_newest_copies_are_kept(registered, tmp_path):
    template, _ = registered
    root = clone(template, tmp_path / "root")
    start = datetime(2026, 12, 1, 7, 0)
    for day in range(4):
        B.backup(root, start + timedelta(days=day), keep=2)
    assert [p.name for p in copies(root, B.JOURNAL_PREFIX)] == ["jurnal-20261203-070000.sqlite3",
                                                                  "jurnal-20261204-070000.sqlite3"]
    assert len(copies(root, B.AGENDA_PREFIX)) == 2


@pytest.mark.parametrize("content", [b"bukan cadangan", b"SQLite format 3\x00" + b"\x00" * 200])
def test_restore_refuses_a_file_that_is_not_a_sound_backup(registered, tmp_path, capsys, content):
    template, no = registered
    root = clone(template, tmp_path / "root")
    before = RootPaths(root).journal_file.read_bytes()
    bad = tmp_path / "cadangan.bin"
    bad.write_bytes(content)
    assert cli.main(["restore", "--dari", str(bad), "--root", str(root)]) == 2
    assert "kerjasama:" in capsys.readouterr().err
    assert RootPaths(root).journal_file.read_bytes() == before


def test_restore_refuses_a_workbook_without_the_agenda(registered, tmp_path, capsys):
    template, no = registered
    root = clone(template, tmp_path / "root")
    other = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(other)
    assert cli.main(["restore", "--dari", str(other), "--root", str(root)]) == 2
    assert "Agenda" in capsys.readouterr().err and no in rows(root)


def test_restore_waits_for_the_watcher_to_stop(registered, tmp_path, capsys):
    template, _ = registered
    root = clone(template, tmp_path / "root")
    B.backup(root, datetime(2026, 12, 2, 7, 0))
    (journal_copy,) = copies(root, B.JOURNAL_PREFIX)
    with F.locked(RootPaths(root).worker_lock, wait=0):  # as `kerjasama watch` holds it
        assert cli.main(["restore", "--dari", str(journal_copy), "--root", str(root)]) == 2
    assert "sedang diproses" in capsys.readouterr().err
