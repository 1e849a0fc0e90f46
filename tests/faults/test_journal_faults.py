"""The journal locked by another process, and a damaged journal (issue 12), with real processes.

- locked: another process holds an EXCLUSIVE transaction on ROOT/.kerjasama/journal.sqlite3 for
  longer than the busy timeout (30 s): `ingest` says so in one Indonesian line and exits non-zero
  (the letter stays in masuk/); `watch` says it once, waits and registers the letter afterwards.
- damaged: pages overwritten with garbage, or the file cut short (to nothing, or to half): every
  command says the journal is damaged and names `kerjasama restore --dari` with the newest backup;
  nothing is written over it (a fresh journal would hand out agenda numbers again from 1);
  `kerjasama doctor` reports SQLite's integrity check.
- restoring that backup: the next letter continues the numbering.

Part of `make test-faults` (marker `faults`).
"""
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

from pipeline.agenda import open_agenda

pytestmark = pytest.mark.faults

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
SAMPLES = TESTS / "fixtures" / "samples"
LETTERS = ["surat_01_arjunakanal-com.pdf", "surat_02_koran-harian-cempaka-pos.pdf",
           "surat_03_gaungwilis-id.pdf", "surat_04_rembugwarga-id.pdf"]
NEXT = "surat_05_radio-swara-trenggalek-98-7-.pdf"
INTAKE = "stability_seconds: 0.3\ncheck_interval_seconds: 0.1\nrescan_interval_seconds: 2\nagenda_retry_seconds: 0.5\n"
BUSY_TIMEOUT = 30  # schema.connect's timeout: the lock below is held for longer than this


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text(INTAKE, encoding="utf-8")
    out = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    out.pop("KERJASAMA_CRASH_AT", None)
    return out


def kerjasama(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def journal_file(root: Path) -> Path:
    return root / ".kerjasama" / "journal.sqlite3"


def drop(root: Path, *names: str) -> None:
    for name in names:
        shutil.copyfile(SAMPLES / name, root / "masuk" / name)


def serials(root: Path) -> list[int]:
    db = sqlite3.connect(f"file:{journal_file(root)}?mode=ro", uri=True, timeout=10)
    try:
        return sorted(s for (s,) in db.execute("SELECT serial FROM cases"))
    finally:
        db.close()


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.fixture
def registered(tmp_path: Path, env: dict[str, str]) -> Path:
    """A ROOT with three registered letters and one backup of it (`kerjasama backup`)."""
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    drop(root, *LETTERS[:3])
    done = kerjasama(env, "ingest", "--root", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert serials(root) == [1, 2, 3]
    made = kerjasama(env, "backup", "--root", str(root))
    assert made.returncode == 0, made.stdout + made.stderr
    return root


class Holder:
    """Another process holding an EXCLUSIVE transaction on the journal until told to let go."""

    def __init__(self, path: Path) -> None:
        code = ("import sqlite3, sys\n"
                f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
                "db.execute('BEGIN EXCLUSIVE')\n"
                "db.execute(\"INSERT INTO marks(name, value) VALUES ('uji_kunci', 'x')\")\n"
                "print('terkunci', flush=True)\n"
                "sys.stdin.readline()\n"
                "db.execute('ROLLBACK')\n")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        assert self.proc.stdout.readline().strip() == "terkunci"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


def wait_for(what, *, guard: float = 600, why: str = "") -> None:
    deadline = time.monotonic() + guard  # a guard against a hang, not a measured limit
    while not what():
        assert time.monotonic() < deadline, why
        time.sleep(0.2)


# ---------------------------------------------------------------------------- locked


def test_a_locked_journal_stops_ingest_with_one_line_and_the_letter_waits(registered: Path, env) -> None:
    root = registered
    drop(root, LETTERS[3])
    holder = Holder(journal_file(root))
    try:
        started = time.monotonic()
        result = kerjasama(env, "ingest", "--root", str(root))
        held_for = time.monotonic() - started
    finally:
        holder.release()
    assert held_for >= BUSY_TIMEOUT - 1  # it did wait the busy timeout before giving up
    no_traceback(result)
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if "dikunci" in ln]
    assert len(lines) == 1, result.stderr
    assert str(journal_file(root)) in lines[0]
    assert (root / "masuk" / LETTERS[3]).is_file()
    assert serials(root) == [1, 2, 3]

    again = kerjasama(env, "ingest", "--root", str(root))  # the lock is gone: it goes on
    assert again.returncode == 0, again.stdout + again.stderr
    assert serials(root) == [1, 2, 3, 4]
    assert not any((root / "masuk").iterdir())


def test_watch_waits_for_a_locked_journal_and_goes_on(registered: Path, env, tmp_path: Path) -> None:
    root = registered
    log = tmp_path / "watch.log"
    holder = Holder(journal_file(root))
    with log.open("wb") as out:
        watch = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                                 stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        drop(root, LETTERS[3])
        wait_for(lambda: "dikunci" in log.read_text(errors="replace") or watch.poll() is not None,
                 why="watch never said the journal is locked")
        assert watch.poll() is None, log.read_text(errors="replace")
        holder.release()
        wait_for(lambda: not any((root / "masuk").iterdir()) or watch.poll() is not None,
                 why="the letter was never taken once the lock was gone")
        wait_for(lambda: len(open_agenda(root).read_rows()) == 4 or watch.poll() is not None, why="no agenda row")
        assert watch.poll() is None, log.read_text(errors="replace")
        os.killpg(watch.pid, signal.SIGTERM)
        assert watch.wait(timeout=120) == 0
    finally:
        holder.release()
        if watch.poll() is None:
            os.killpg(watch.pid, signal.SIGKILL)
            watch.wait(timeout=30)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    assert sum("dikunci" in ln for ln in text.splitlines()) == 1, text  # said once, not on every retry
    assert serials(root) == [1, 2, 3, 4]


# ---------------------------------------------------------------------------- damaged


def garbage_pages(path: Path) -> None:
    """Overwrite pages 2-4 (the schema's and tables' first pages) with garbage; the header stays."""
    with open(path, "r+b") as fh:
        fh.seek(4096)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(3 * 4096)))


def cut_to_half(path: Path) -> None:
    os.truncate(path, os.path.getsize(path) // 2)


def cut_to_nothing(path: Path) -> None:
    os.truncate(path, 0)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", [garbage_pages, cut_to_half, cut_to_nothing], ids=lambda f: f.__name__)
def test_every_command_says_the_journal_is_damaged_and_names_the_newest_backup(registered: Path, env, damage) -> None:
    root = registered
    path = journal_file(root)
    damage(path)
    before = sha(path)
    (newest,) = sorted((root / ".kerjasama" / "cadangan").glob("jurnal-*.sqlite3"))
    drop(root, LETTERS[3])
    for command in (["ingest"], ["status"], ["sync"], ["watch"]):
        result = kerjasama(env, *command, "--root", str(root), timeout=120)
        no_traceback(result)
        assert result.returncode != 0, (command, result.stdout, result.stderr)
        said = result.stderr.strip().splitlines()
        assert len(said) == 1 and "rusak" in said[0], (command, result.stderr)
        assert f"kerjasama restore --dari {newest}" in said[0], (command, said)
        assert sha(path) == before, f"{command}: the damaged journal was written to"
    assert (root / "masuk" / LETTERS[3]).is_file()

    doctor = kerjasama(env, "doctor", "--root", str(root), timeout=120)
    no_traceback(doctor)
    assert doctor.returncode == 1
    (line,) = [ln for ln in doctor.stdout.splitlines() if " jurnal:" in ln]
    assert line.startswith("GAGAL") and "rusak" in line and f"kerjasama restore --dari {newest}" in line, line
    assert sha(path) == before


def test_doctor_reports_the_integrity_check_of_a_sound_journal(registered: Path, env) -> None:
    doctor = kerjasama(env, "doctor", "--root", str(registered), timeout=120)
    (line,) = [ln for ln in doctor.stdout.splitlines() if " jurnal:" in ln]
    assert line.startswith("OK") and "integrity_check" in line and "3 perkara" in line, line


@pytest.mark.parametrize("damage", [garbage_pages, cut_to_nothing], ids=lambda f: f.__name__)
def test_restoring_the_backup_lets_the_next_letter_continue_the_numbering(registered: Path, env, damage) -> None:
    root = registered
    drop(root, LETTERS[3])  # registered after the backup: its number is in the agenda, not in the copy
    after = kerjasama(env, "ingest", "--root", str(root))
    assert after.returncode == 0 and "004/KSM/" in after.stdout, after.stdout + after.stderr
    damage(journal_file(root))
    (newest,) = sorted((root / ".kerjasama" / "cadangan").glob("jurnal-*.sqlite3"))
    restored = kerjasama(env, "restore", "--dari", str(newest), "--root", str(root))
    no_traceback(restored)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    kept = sorted((root / ".kerjasama" / "cadangan").glob("jurnal-*-rusak.sqlite3"))
    assert len(kept) == 1, "the damaged journal is kept aside, not thrown away"

    drop(root, NEXT)
    result = kerjasama(env, "ingest", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "005/KSM/" in result.stdout, result.stdout  # not 004 again
    assert serials(root) == [1, 2, 3, 5]
    rows = open_agenda(root).read_rows()
    assert sorted(k.split("/")[0] for k in rows) == ["001", "002", "003", "004", "005"], sorted(rows)
