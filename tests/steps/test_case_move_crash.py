"""A status change moves the case folder to its new stage folder. With that stage folder on
another filesystem (a mounted share) the move is a copy, a rename and a removal: kill the
real `kerjasama sync` inside each of them, restart it, and check that the case folder is in
exactly one place with all its files and the status is applied, as without the crash; and
that nothing is ever deleted that is not provably copied."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from pipeline.core import foldermove
from workflow_util import PDF1, case, clone, db, mark, rows, status_events, sync_process

STAGE = "02-disposisi"  # the stage folder of 'Didisposisi' (config/sop.yaml)


def files_of(folder: Path) -> dict[str, int]:
    """Every entry of a folder (hidden ones too) with its size."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*")}


def end_state(root: Path, no: str) -> dict:
    status, folder = case(root, no)
    journal = db(root)
    return {
        "case": (status, folder),
        "events": status_events(root, no),
        "open": journal.execute("SELECT count(*) FROM transitions WHERE state != 'selesai'").fetchone()[0],
        "stages": {d.name: sorted(p.name for p in d.iterdir()) for d in root.iterdir()
                   if d.is_dir() and d.name[:2].isdigit()},
        "names": sorted(files_of(root / folder)),
        "status_cell": rows(root)[no]["Status"],
        "pesan": rows(root)[no]["Pesan Sistem"],
    }


@pytest.fixture(scope="module")
def reference(registered, tmp_path_factory) -> dict:
    """The same change on one filesystem, uninterrupted."""
    template, no = registered
    root = clone(template, tmp_path_factory.mktemp("referensi") / "root")
    assert mark(root, no, "Didisposisi") == 0
    assert sync_process(root).returncode == 0
    return end_state(root, no)


def letter_hash(folder: Path) -> str:
    return hashlib.sha256((folder / PDF1.name).read_bytes()).hexdigest()


@pytest.mark.parametrize("point", [None, "during_case_copy", "mid_case_move", "during_case_remove"])
def test_case_move_across_filesystems_resumes(registered, reference, tmp_path, tmpfs, point):
    template, no = registered
    root = clone(template, tmp_path / "root")
    old_folder = root / case(root, no)[1]
    before = files_of(old_folder)
    tmpfs(root / STAGE)
    assert mark(root, no, "Didisposisi") == 0
    if point:
        crashed = sync_process(root, crash_at=point)
        assert crashed.returncode == 137, (point, crashed.stderr)
        assert old_folder.is_dir()  # nothing is lost at the crash: the source is still there, or the full copy
        if point == "mid_case_move":
            assert files_of(root / STAGE / old_folder.name).keys() >= before.keys()
    done = sync_process(root)
    assert done.returncode == 0, done.stderr
    got = end_state(root, no)
    assert got == reference
    assert got["case"] == ("Didisposisi", f"{STAGE}/{old_folder.name}")
    new_folder = root / STAGE / old_folder.name
    assert not old_folder.exists() and os.listdir(old_folder.parent) == []
    assert os.listdir(root / STAGE) == [old_folder.name]  # no hidden copy left beside it
    assert files_of(new_folder).keys() >= before.keys()  # every file of the case (the documents rewritten)
    assert letter_hash(new_folder) == hashlib.sha256(PDF1.read_bytes()).hexdigest()
    assert sync_process(root).returncode == 0 and end_state(root, no) == reference  # a third run changes nothing


def test_file_added_to_the_old_folder_after_the_crash_is_never_deleted(registered, tmp_path, tmpfs):
    """Both folders after the crash, and someone saved a file into the old one meanwhile: the
    old folder is no longer provably a copy, so nothing is removed and the officials are told."""
    template, no = registered
    root = clone(template, tmp_path / "root")
    old_folder = root / case(root, no)[1]
    tmpfs(root / STAGE)
    assert mark(root, no, "Didisposisi") == 0
    assert sync_process(root, crash_at="mid_case_move").returncode == 137
    (old_folder / "catatan_pejabat.txt").write_text("tambahan setelah pindah\n", encoding="utf-8")
    assert sync_process(root).returncode == 0
    assert (old_folder / "catatan_pejabat.txt").read_text(encoding="utf-8") == "tambahan setelah pindah\n"
    new_folder = root / STAGE / old_folder.name
    assert letter_hash(old_folder) == letter_hash(new_folder)
    assert case(root, no)[0] == "Tercatat"
    assert "dua tempat" in rows(root)[no]["Pesan Sistem"]
    # The official moves the extra file over, as the message says: the next sync finishes the move.
    shutil.move(old_folder / "catatan_pejabat.txt", new_folder / "catatan_pejabat.txt")
    assert sync_process(root).returncode == 0
    assert case(root, no) == ("Didisposisi", f"{STAGE}/{old_folder.name}")
    assert not old_folder.exists() and (new_folder / "catatan_pejabat.txt").is_file()


def test_hidden_copy_that_is_not_ours_is_kept(tmp_path, tmpfs):
    """A stale hidden copy beside the target is removed only when it is provably a partial copy
    of the intact source; one holding anything else is left alone."""
    source = tmp_path / "01-tercatat" / "perkara"
    source.mkdir(parents=True)
    (source / PDF1.name).write_bytes(PDF1.read_bytes())
    stage = tmpfs(tmp_path / STAGE)
    ours = stage / ".perkara.0123456789ab.tmp"
    ours.mkdir()
    (ours / PDF1.name).write_bytes(PDF1.read_bytes()[:500])  # killed while copying this file
    foreign = stage / ".perkara.ba9876543210.tmp"
    foreign.mkdir()
    (foreign / "surat.pdf").write_bytes(b"lain isinya")
    assert foldermove.move_dir(source, stage / "perkara")
    assert not source.exists() and letter_hash(stage / "perkara") == hashlib.sha256(PDF1.read_bytes()).hexdigest()
    assert sorted(p.name for p in stage.iterdir()) == [foreign.name, "perkara"]
    assert (foreign / "surat.pdf").read_bytes() == b"lain isinya"
