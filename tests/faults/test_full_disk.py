"""ROOT on a nearly full filesystem (issue 12): a small tmpfs mounted as ROOT, a real `kerjasama
watch`, and a filler file that takes the last byte at different moments of a registration:
before the letter is read, while its reading is stashed, while its case folder is written,
and once the letter has been moved (the journal and the agenda save are left).

While the disk is full: watch stays alive and says "Ruang disk penuh ..." naming ROOT once per
episode, not on every retry and not as a traceback; nothing is half-written (no temporary file
left, agenda.xlsx opens); each input is in masuk/ or where the journal says; nothing goes to
karantina/ (the letter is not at fault). Once the filler is deleted, everything completes: one
agenda row per letter, every input kept exactly once, agenda numbers 1..N.

Part of `make test-faults` (marker `faults`). Mounting needs root (CI runs as root); the test
is skipped, saying why, where it is not allowed.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Callable, Iterator

import openpyxl
import pytest

from fault_util import REPO, SAMPLES, init_root, write_config
from pipeline.agenda import open_agenda

pytestmark = pytest.mark.faults

SIZE = "16m"
RESCAN = 2.0
INTAKE = (f"stability_seconds: 0.3\ncheck_interval_seconds: 0.1\nrescan_interval_seconds: {RESCAN}\n"
          "agenda_retry_seconds: 0.5\n")
FULL = "Ruang disk penuh"
AGAIN = "Ruang disk cukup lagi"


@pytest.fixture
def small_root(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "root"
    root.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(root)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs as ROOT here (needs root): {done.stderr.strip()}")
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root)], capture_output=True)


class Filler:
    """One file that takes every free byte of ROOT's filesystem, and gives them back."""

    def __init__(self, root: Path) -> None:
        self.path = root / "pengisi.bin"  # at ROOT's top, where the pipeline looks at nothing

    def fill(self) -> None:
        with open(self.path, "ab", buffering=0) as fh:
            for block in (1 << 16, 1 << 12, 1 << 9):
                while True:
                    try:
                        fh.write(b"\0" * block)
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC, exc
                        break

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journal_rows(root: Path, sql: str, *, closed: bool = False) -> list[tuple]:
    """`closed`: no process has the journal open (read without making a WAL index on the full disk)."""
    how = "immutable=1" if closed else "mode=ro"
    db = sqlite3.connect(f"file:{root / '.kerjasama' / 'journal.sqlite3'}?{how}", uri=True, timeout=10)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def settled(root: Path, letters: int) -> bool:
    if any((root / "masuk").iterdir()):
        return False
    try:
        states = [s for (s,) in journal_rows(root, "SELECT state FROM inputs")]
        waiting = journal_rows(root, "SELECT count(*) FROM outbox WHERE state != 'selesai'")[0][0]
    except sqlite3.Error:
        return False
    return len(states) == letters and set(states) == {"terdaftar"} and waiting == 0


def wait_for(what: Callable[[], bool], why: str, alive: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 600  # a guard against a hang, not a measured limit
    while not what():
        assert alive.poll() is None, f"watch ended: {log.read_text(errors='replace')[-3000:]}"
        assert time.monotonic() < deadline, f"{why}: {log.read_text(errors='replace')[-3000:]}"
        time.sleep(0.005)


def temp_leftovers(root: Path) -> list[Path]:
    """Files written under a temporary name and never renamed (fileops' hidden names)."""
    return [p for p in root.rglob(".*") if p.is_file() and (p.name.endswith((".tmp", ".part")) or ".tmp-" in p.name)]


def assert_nothing_half_written(root: Path, *, closed: bool = False) -> None:
    assert temp_leftovers(root) == []
    wb = openpyxl.load_workbook(root / "agenda.xlsx", read_only=True)  # a whole workbook, not a cut one
    wb.close()
    assert not (root / "karantina").exists() or list((root / "karantina").iterdir()) == []
    for case in (root / "01-tercatat").iterdir() if (root / "01-tercatat").is_dir() else []:
        for p in case.iterdir():  # whatever is there is whole
            if p.suffix == ".json":
                json.loads(p.read_text(encoding="utf-8"))
            elif p.suffix == ".docx":
                with zipfile.ZipFile(p) as z:
                    assert z.testzip() is None, p
            elif p.name.endswith(".ocr.pdf"):
                assert p.read_bytes().rstrip().endswith(b"%%EOF"), p
    inputs = journal_rows(root, "SELECT state, source_path, target_path FROM inputs", closed=closed)
    for state, source, target in inputs:
        if state in ("baru", "membaca", "bernomor", "berkas_ditulis"):
            assert (root / source).is_file(), (state, source)
        elif state == "memindah":
            assert (root / source).is_file() or (root / target).is_file(), (state, source, target)
        else:
            assert (root / target).is_file(), (state, target)


def stash_written(root: Path) -> bool:
    stash = root / ".kerjasama" / "kerja"
    return stash.is_dir() and any(p.is_dir() and any(p.iterdir()) for p in stash.iterdir())


def new_case_folder(count: int) -> Callable[[Path], bool]:
    return lambda root: len(list((root / "01-tercatat").iterdir())) > count


def test_a_full_disk_is_said_once_nothing_is_half_written_and_all_resumes(small_root: Path, tmp_path: Path) -> None:
    root = small_root
    env = write_config(tmp_path / "config", intake=INTAKE)
    init_root(root, env)
    # (letter, the moment the last byte goes): the png has a searchable PDF made of it.
    episodes: list[tuple[str, Callable[[Path], bool]]] = [
        ("surat_01_arjunakanal-com.pdf", lambda r: True),                    # before it is read
        ("surat_09_kabardesa-id.png", stash_written),                        # its reading half-stashed
        ("surat_02_koran-harian-cempaka-pos.pdf", new_case_folder(2)),       # its case folder half-written
        ("surat_03_gaungwilis-id.pdf", lambda r: not any((r / "masuk").iterdir())),  # moved: journal, agenda
    ]
    filler = Filler(root)
    log = tmp_path / "watch.log"  # outside the small disk: the console must show everything
    with log.open("wb") as out:
        watch = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                                 stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: "Memantau" in log.read_text(errors="replace"), "watch did not start", watch, log)
        for n, (name, moment) in enumerate(episodes, start=1):
            said = log.read_text(errors="replace").count(FULL)
            shutil.copyfile(SAMPLES / name, root / "masuk" / name)
            wait_for(lambda: moment(root) or settled(root, n), f"{name}: the moment never came", watch, log)
            filler.fill()
            wait_for(lambda: log.read_text(errors="replace").count(FULL) > said or settled(root, n),
                     f"{name}: the full disk was never said", watch, log)
            # The disk stays full over several rescans: retries happen (silently) meanwhile.
            time.sleep(3 * RESCAN)
            assert watch.poll() is None, log.read_text(errors="replace")
            assert log.read_text(errors="replace").count(FULL) <= said + 1, "said again on a retry"
            assert_nothing_half_written(root)
            filler.remove()
            wait_for(lambda: settled(root, n), f"{name}: not finished once there was room", watch, log)
            wait_for(lambda: (lambda t: t.count(AGAIN) == t.count(FULL))(log.read_text(errors="replace")),
                     f"{name}: the end of the full disk was never said", watch, log)
        os.killpg(watch.pid, signal.SIGTERM)
        assert watch.wait(timeout=120) == 0
    finally:
        if watch.poll() is None:
            os.killpg(watch.pid, signal.SIGKILL)
            watch.wait(timeout=30)
        filler.remove()

    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    full_lines = [ln for ln in text.splitlines() if FULL in ln]
    assert 2 <= len(full_lines) <= len(episodes), text  # once per episode (the last ones may finish first)
    assert all(str(root) in ln and "Kosongkan" in ln for ln in full_lines), full_lines
    assert text.count(AGAIN) == len(full_lines), text  # and once when it is over

    assert_nothing_half_written(root)
    kept = [p for p in (root / "01-tercatat").rglob("*") if p.is_file()]
    for name, _ in episodes:
        copies = [p for p in kept if sha(p) == sha(SAMPLES / name)]
        assert len(copies) == 1, (name, copies)
    assert sorted(s for (s,) in journal_rows(root, "SELECT serial FROM cases")) == list(range(1, len(episodes) + 1))
    rows = open_agenda(root).read_rows()
    assert len(rows) == len(episodes), sorted(rows)


def test_ingest_on_a_full_disk_says_so_once_and_the_next_run_registers(small_root: Path, tmp_path: Path) -> None:
    root = small_root
    env = write_config(tmp_path / "config", intake=INTAKE)

    def ingest(command: str = "ingest") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipeline", command, "--root", str(root)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=300)

    first = ingest("init")  # the tree, the journal and the agenda, while there is room
    assert first.returncode == 0, first.stdout + first.stderr
    names = ["surat_01_arjunakanal-com.pdf", "surat_09_kabardesa-id.png"]
    for name in names:
        shutil.copyfile(SAMPLES / name, root / "masuk" / name)
    filler = Filler(root)
    filler.fill()
    try:
        full = ingest()
        assert "Traceback" not in full.stdout + full.stderr, full.stdout + full.stderr
        assert full.returncode != 0
        said = [ln for ln in (full.stdout + full.stderr).splitlines() if FULL in ln]
        assert len(said) == 1 and str(root) in said[0], full.stdout + full.stderr
        assert sorted(p.name for p in (root / "masuk").iterdir()) == sorted(names)
        assert_nothing_half_written(root, closed=True)
    finally:
        filler.remove()
    again = ingest()
    assert again.returncode == 0, again.stdout + again.stderr
    assert not any((root / "masuk").iterdir())
    assert sorted(s for (s,) in journal_rows(root, "SELECT serial FROM cases")) == [1, 2]
    assert len(open_agenda(root).read_rows()) == 2
