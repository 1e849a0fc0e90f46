"""Kill the real `kerjasama ingest` at every seam of a quarantine, restart it, and check that
each item ends in karantina/ exactly once, with exactly one reason file, nothing left in the
inbox: for journaled inputs, and for what is not a regular file (a link, a named pipe, a
leftover folder), on one filesystem and with masuk/ mounted from another one."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[2]
NOT_A_LETTER = b"bukan surat, hanya catatan\n"


def ingest(root: Path, env: dict[str, str], crash_at: str | None = None) -> subprocess.CompletedProcess:
    run_env = dict(env, KERJASAMA_CRASH_AT=crash_at) if crash_at else env
    return subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--root", str(root)], cwd=REPO, env=run_env,
                          capture_output=True, text=True, timeout=180)


def events(root: Path, what: str) -> list[dict]:
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    return [json.loads(d) for (d,) in db.execute("SELECT details FROM events WHERE what = ? ORDER BY id", (what,))]


def crash_and_restart(root: Path, env: dict[str, str], point: str | None) -> None:
    if point:
        crashed = ingest(root, env, crash_at=point)
        assert crashed.returncode == 137, (point, crashed.stdout, crashed.stderr)
    done = ingest(root, env)
    assert done.returncode == 0, done.stderr


def assert_quarantined_once(root: Path, name: str, reason_says: str, shown: str | None = None) -> Path:
    """The item and its reason file in karantina/, nothing else anywhere, one event."""
    assert list((root / "masuk").iterdir()) == []
    assert sorted(p.name for p in (root / "karantina").iterdir()) == [name, name + ".alasan.txt"]
    reason = (root / "karantina" / (name + ".alasan.txt")).read_text(encoding="utf-8")
    assert reason_says in reason and f"Berkas   : {shown or name}" in reason
    assert [e["ke"] for e in events(root, "dikarantina")] == [f"karantina/{name}"]
    return root / "karantina" / name


# ---- journaled inputs (regular files that are not letters) ------------------------------------

@pytest.mark.parametrize("point", ["before_quarantine", "before_reason", "after_reason"])
def test_input_quarantine_resumes_from_every_seam(tmp_path: Path, env: dict[str, str], point: str) -> None:
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    (root / "masuk" / "catatan.txt").write_bytes(NOT_A_LETTER)
    crash_and_restart(root, env, point)
    kept = assert_quarantined_once(root, "catatan.txt", "Alasan")
    assert kept.read_bytes() == NOT_A_LETTER
    assert ingest(root, env).returncode == 0  # a third run changes nothing
    assert_quarantined_once(root, "catatan.txt", "Alasan")
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    assert db.execute("SELECT state FROM inputs").fetchall() == [("dikarantina",)]


def test_input_quarantine_from_another_filesystem_killed_after_the_copy(tmp_path: Path, env: dict[str, str],
                                                                        tmpfs) -> None:
    root = tmp_path / "root"
    inbox = tmpfs(root / "masuk")
    (inbox / "catatan.txt").write_bytes(NOT_A_LETTER)
    assert ingest(root, env, crash_at="mid_move").returncode == 137
    assert (inbox / "catatan.txt").is_file() and (root / "karantina" / "catatan.txt").is_file()  # both, for now
    crash_and_restart(root, env, None)
    assert assert_quarantined_once(root, "catatan.txt", "Alasan").read_bytes() == NOT_A_LETTER


# ---- what is not a regular file ----------------------------------------------------------------

def make_link(inbox: Path) -> tuple[str, Callable[[Path], None]]:
    (inbox / "tautan.pdf").symlink_to("/etc/hostname")

    def check(kept: Path) -> None:
        assert kept.is_symlink() and os.readlink(kept) == "/etc/hostname"
    return "tautan.pdf", check


def make_pipe(inbox: Path) -> tuple[str, Callable[[Path], None]]:
    os.mkfifo(inbox / "pipa")

    def check(kept: Path) -> None:
        assert stat.S_ISFIFO(kept.lstat().st_mode)
    return "pipa", check


def make_folder(inbox: Path) -> tuple[str, Callable[[Path], None]]:
    """A dropped folder holding only what is never taken: it is quarantined as it is."""
    folder = inbox / "kiriman"
    (folder / ".meta").mkdir(parents=True)
    files = {".DS_Store": os.urandom(3000), "Thumbs.db": os.urandom(70_000), ".meta/.info": b"x" * 10}
    for rel, data in files.items():
        (folder / rel).write_bytes(data)
    (folder / "pintasan").symlink_to("/etc/passwd")  # copied as a link, never followed

    def check(kept: Path) -> None:
        assert sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*")) == sorted([*files, ".meta", "pintasan"])
        for rel, data in files.items():
            assert hashlib.sha256((kept / rel).read_bytes()).digest() == hashlib.sha256(data).digest()
        assert os.readlink(kept / "pintasan") == "/etc/passwd"
    return "kiriman", check


KINDS = {"tautan": (make_link, "bukan berkas biasa"), "pipa": (make_pipe, "bukan berkas biasa"),
         "folder": (make_folder, "masih berisi")}


@pytest.mark.parametrize("point", ["before_quarantine", "before_reason", "after_reason"])
@pytest.mark.parametrize("kind", KINDS)
def test_refused_entry_resumes_from_every_seam(tmp_path: Path, env: dict[str, str], kind: str, point: str) -> None:
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    make, says = KINDS[kind]
    name, check = make(root / "masuk")
    crash_and_restart(root, env, point)
    check(assert_quarantined_once(root, name, says))
    assert ingest(root, env).returncode == 0
    check(assert_quarantined_once(root, name, says))


CROSS = [("tautan", None), ("tautan", "mid_move"), ("pipa", None), ("pipa", "mid_move"), ("folder", None),
         ("folder", "during_case_copy"), ("folder", "mid_case_move"), ("folder", "during_case_remove"),
         ("folder", "before_reason")]


@pytest.mark.parametrize(("kind", "point"), CROSS)
def test_refused_entry_from_another_filesystem(tmp_path: Path, env: dict[str, str], tmpfs, kind: str,
                                               point: str | None) -> None:
    """masuk/ is a mounted share: a rename cannot move anything out of it (EXDEV)."""
    root = tmp_path / "root"
    inbox = tmpfs(root / "masuk")
    make, says = KINDS[kind]
    name, check = make(inbox)
    crash_and_restart(root, env, point)
    check(assert_quarantined_once(root, name, says))
    assert ingest(root, env).returncode == 0
    check(assert_quarantined_once(root, name, says))


def test_folder_copy_killed_halfway_leaves_no_hidden_copy(tmp_path: Path, env: dict[str, str], tmpfs) -> None:
    root = tmp_path / "root"
    inbox = tmpfs(root / "masuk")
    name, check = make_folder(inbox)
    assert ingest(root, env, crash_at="during_case_copy").returncode == 137
    (partial,) = [p for p in (root / "karantina").iterdir()]  # our hidden partial copy, source intact
    assert partial.name.startswith(f".{name}.") and (inbox / name / "Thumbs.db").is_file()
    crash_and_restart(root, env, None)
    check(assert_quarantined_once(root, name, "masih berisi"))


def test_item_left_without_reason_gets_one_at_start(tmp_path: Path, env: dict[str, str]) -> None:
    """What an older version left after a crash between the move and the reason file."""
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    (root / "karantina").mkdir()
    (root / "karantina" / "lama.pdf").write_bytes(b"%PDF-1.4 sisa\n")
    (root / "karantina" / "lain.pdf").write_bytes(b"%PDF-1.4 lain\n")
    (root / "karantina" / "lain.pdf.alasan.txt").write_text("Alasan   : sudah ada\n", encoding="utf-8")
    crash_and_restart(root, env, None)
    reason = (root / "karantina" / "lama.pdf.alasan.txt").read_text(encoding="utf-8")
    assert "tidak tercatat" in reason and hashlib.sha256(b"%PDF-1.4 sisa\n").hexdigest() in reason
    assert (root / "karantina" / "lain.pdf.alasan.txt").read_text(encoding="utf-8") == "Alasan   : sudah ada\n"
    assert sorted(p.name for p in (root / "karantina").iterdir()) == [
        "lain.pdf", "lain.pdf.alasan.txt", "lama.pdf", "lama.pdf.alasan.txt"]
    assert [e["ke"] for e in events(root, "dikarantina")] == ["karantina/lama.pdf"]


def test_link_with_a_name_that_is_not_utf8_resumes_after_the_copy(tmp_path: Path, env: dict[str, str], tmpfs) -> None:
    """The journal keeps the source's exact bytes, so the restart finds the very entry to remove."""
    root = tmp_path / "root"
    inbox = tmpfs(root / "masuk")
    os.symlink("/etc/hostname", os.fsencode(inbox) + b"/tautan-\xff.pdf")
    crash_and_restart(root, env, "mid_move")
    kept = assert_quarantined_once(root, "tautan-_.pdf", "bukan berkas biasa", shown="tautan-\\xff.pdf")
    assert os.readlink(kept) == "/etc/hostname"
