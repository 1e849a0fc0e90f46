"""Kill the real `kerjasama ingest` process at every seam, restart it, and check that the
end state is the same as without the crash: one case and one agenda row per letter, each
file in exactly one place, nothing left in the inbox, nothing lost."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.core import fileops as F
from pipeline.agenda import open_agenda

LETTERS = Path(__file__).parent.parent / "fixtures" / "samples"
PDF1 = LETTERS / "surat_01_arjunakanal-com.pdf"
PDF2 = LETTERS / "surat_02_koran-harian-cempaka-pos.pdf"
PNG = LETTERS / "surat_09_kabardesa-id.png"
REPO = Path(__file__).resolve().parents[2]

CRASH_POINTS = ["after_hash", "during_read", "after_read", "after_allocate", "after_files", "before_move", "after_move",
                "after_agenda_write"]


def ingest(root: Path, env: dict[str, str], crash_at: str | None = None) -> subprocess.CompletedProcess:
    run_env = dict(env, KERJASAMA_CRASH_AT=crash_at) if crash_at else env
    return subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--root", str(root)], cwd=REPO, env=run_env,
                          capture_output=True, text=True, timeout=180)


def drop(root: Path, *files: Path) -> dict[str, str]:
    (root / "masuk").mkdir(parents=True, exist_ok=True)
    hashes = {}
    for i, f in enumerate(files):
        target = root / "masuk" / f.name
        shutil.copyfile(f, target)
        os.utime(target, (1_700_000_000 + i, 1_700_000_000 + i))  # arrival order = argument order
        hashes[f.name] = hashlib.sha256(f.read_bytes()).hexdigest()
    return hashes


def places(root: Path, digest: str) -> list[Path]:
    """Every file under ROOT (outside the journal folder) holding exactly these bytes."""
    return [p for p in root.rglob("*") if p.is_file() and ".kerjasama" not in p.parts
            and not p.name.endswith(".alasan.txt") and F.sha256_file(p) == digest]


def assert_registered_once(root: Path, hashes: dict[str, str]) -> None:
    assert list((root / "masuk").iterdir()) == []
    rows = open_agenda(root).read_rows()
    assert len(rows) == len(hashes), rows.keys()
    folders = sorted(p for p in (root / "01-tercatat").iterdir())
    assert len(folders) == len(hashes)
    for name, digest in hashes.items():
        (where,) = places(root, digest)
        assert where.name == name and where.parent in folders
    quarantine = root / "karantina"
    assert not quarantine.exists() or list(quarantine.iterdir()) == []
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == len(hashes)
    assert db.execute("SELECT count(*) FROM outbox WHERE state != 'selesai'").fetchone()[0] == 0
    states = {s for (s,) in db.execute("SELECT state FROM inputs")}
    assert states == {"terdaftar"}
    serials = sorted(s for (s,) in db.execute("SELECT serial FROM cases"))
    assert serials == list(range(1, len(hashes) + 1))  # no number burnt by the crash
    assert list((root / ".kerjasama" / "kerja").glob("*/*")) == []


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_crash_then_restart_ends_in_the_same_state(tmp_path: Path, env: dict[str, str], point: str) -> None:
    root = tmp_path / "root"
    hashes = drop(root, PDF1, PDF2)
    crashed = ingest(root, env, crash_at=point)
    assert crashed.returncode == 137, crashed.stderr
    done = ingest(root, env)
    assert done.returncode == 0, done.stderr
    assert_registered_once(root, hashes)
    again = ingest(root, env)  # and a third run changes nothing
    assert again.returncode == 0
    assert_registered_once(root, hashes)


def test_crash_while_quarantining(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    (root / "masuk" / "catatan.txt").write_text("bukan surat", encoding="utf-8")
    assert ingest(root, env, crash_at="before_quarantine").returncode == 137
    assert ingest(root, env).returncode == 0
    assert list((root / "masuk").iterdir()) == []
    assert sorted(p.name for p in (root / "karantina").iterdir()) == ["catatan.txt", "catatan.txt.alasan.txt"]


def test_letter_that_keeps_killing_the_reader_is_quarantined(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "root"
    drop(root, PDF1)
    for _ in range(3):  # max_read_attempts
        assert ingest(root, env, crash_at="during_read").returncode == 137
    done = ingest(root, env)
    assert done.returncode == 0, done.stderr
    assert "KARANTINA" in done.stdout
    assert list((root / "masuk").iterdir()) == []
    reason = (root / "karantina" / (PDF1.name + ".alasan.txt")).read_text(encoding="utf-8")
    assert "3 kali" in reason


def test_sigkill_during_ocr(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "root"
    hashes = drop(root, PNG)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", "--root", str(root)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = root / ".kerjasama" / "journal.sqlite3"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if journal.exists():
                try:
                    hit = sqlite3.connect(journal).execute(
                        "SELECT 1 FROM events WHERE what = 'mulai_membaca'").fetchone()
                except sqlite3.OperationalError:  # schema not created yet
                    hit = None
                if hit:
                    break
            time.sleep(0.02)
        time.sleep(0.3)  # well inside Tesseract
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (root / "masuk" / PNG.name).is_file()
    done = ingest(root, env)
    assert done.returncode == 0, done.stderr
    assert_registered_once(root, hashes)


def test_move_across_filesystems_interrupted_after_copy(tmp_path: Path) -> None:
    """The copy+verify+delete path: a crash after the verified copy leaves both; finishing keeps one."""
    source = tmp_path / "masuk" / "surat.pdf"
    source.parent.mkdir()
    shutil.copyfile(PDF1, source)
    digest = F.sha256_file(source)
    target = tmp_path / "perkara" / "surat.pdf"
    target.parent.mkdir()
    F.copy_verified(source, target, digest)  # what a cross-filesystem move does first
    assert source.is_file() and target.is_file()
    assert F.finish_move(source, target, digest)
    assert not source.exists() and F.sha256_file(target) == digest
    assert F.finish_move(source, target, digest)  # idempotent
    assert not F.finish_move(tmp_path / "tidak-ada.pdf", tmp_path / "juga-tidak.pdf", digest)


def test_partial_copy_at_target_is_not_trusted(tmp_path: Path) -> None:
    source = tmp_path / "surat.pdf"
    shutil.copyfile(PDF1, source)
    digest = F.sha256_file(source)
    target = tmp_path / "perkara" / "surat.pdf"
    target.parent.mkdir()
    target.write_bytes(PDF1.read_bytes()[:100])  # torn copy from a crash mid-write
    with pytest.raises(FileExistsError):
        F.finish_move(source, target, digest)  # never overwrites; the step picks another name
    assert source.is_file()


def test_missing_tesseract_stops_with_a_message_and_costs_no_attempt(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "root"
    hashes = drop(root, PNG)
    for _ in range(4):  # more than max_read_attempts: the letter must not be blamed
        result = ingest(root, dict(env, PATH="/nonexistent"))
        assert result.returncode == 2 and "Tesseract" in result.stderr and "Traceback" not in result.stderr
    assert (root / "masuk" / PNG.name).is_file()
    done = ingest(root, env)
    assert done.returncode == 0, done.stderr
    assert_registered_once(root, hashes)


def test_file_taken_away_during_a_crash_is_recorded_not_guessed(tmp_path: Path, env: dict[str, str]) -> None:
    root = tmp_path / "root"
    hashes = drop(root, PDF1)
    assert ingest(root, env, crash_at="after_allocate").returncode == 137
    (root / "masuk" / PDF1.name).rename(tmp_path / "diambil.pdf")  # the clerk took it back meanwhile
    resumed = ingest(root, env)
    assert resumed.returncode == 0 and "HILANG" in resumed.stdout
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    assert db.execute("SELECT state FROM inputs").fetchall() == [("hilang",)]
    assert db.execute("SELECT count(*) FROM events WHERE what = 'berkas_hilang'").fetchone() == (1,)
    (tmp_path / "diambil.pdf").rename(root / "masuk" / PDF1.name)  # and brought it back
    again = ingest(root, env)
    assert again.returncode == 0 and "TERCATAT" in again.stdout  # not refused as a duplicate of the lost case
    (where,) = places(root, hashes[PDF1.name])
    assert where.parent.parent == root / "01-tercatat"
    assert len(open_agenda(root).read_rows()) == 1
    assert len(list((root / "01-tercatat").iterdir())) == 1  # no folder for the lost attempt


@pytest.fixture
def other_filesystem(tmp_path: Path):
    """A folder on another filesystem than tmp_path (tmpfs), or skip."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev or not os.access(shm, os.W_OK):
        pytest.skip("tidak ada sistem berkas kedua untuk uji pindah lintas-disk")
    import tempfile

    folder = Path(tempfile.mkdtemp(dir=shm, prefix="kerjasama-uji-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("point", [None, "mid_move"])
def test_inbox_on_another_filesystem(tmp_path: Path, env: dict[str, str], other_filesystem: Path,
                                     point: str | None) -> None:
    """masuk/ mounted from elsewhere (like a network share): copy, verify, then remove."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "masuk").symlink_to(other_filesystem)
    hashes = drop(root, PDF1, PDF2)
    if point:
        assert ingest(root, env, crash_at=point).returncode == 137
        assert (other_filesystem / PDF1.name).is_file()  # copied, source not yet removed
        assert len(places(root, hashes[PDF1.name])) == 1  # (places() does not follow the masuk link)
    done = ingest(root, env)
    assert done.returncode == 0, done.stderr
    assert list(other_filesystem.iterdir()) == []
    assert_registered_once(root, hashes)
