"""The watcher: observers feed a single worker; files are taken once, complete."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline import register as I
from pipeline.agenda import open_agenda
from pipeline.core.fileops import network_filesystem
from pipeline.intake.rules import NameRules
from pipeline.intake.watcher import watch
from pipeline.intake.worker import InboxWorker

LETTERS = Path(__file__).parent.parent / "fixtures" / "samples"
# The born-digital letters: read from their text layer, so bulk tests stay fast.
PDFS = [LETTERS / n for n in ("surat_01_arjunakanal-com.pdf", "surat_02_koran-harian-cempaka-pos.pdf", "surat_03_gaungwilis-id.pdf")]
PNG = LETTERS / "surat_09_kabardesa-id.png"
REPO = Path(__file__).resolve().parents[2]


# The periodic rescan is pushed far beyond any wait of these tests, so a file that arrives
# after start-up is only found through the file-system notifications (inotify or the polling
# observer): switch those off and the tests fail, as they must.
NO_RESCAN = 3600.0
# The office config the `kerjasama watch` processes below read, for the same reason.
NO_RESCAN_YAML = f"rescan_interval_seconds: {NO_RESCAN:g}\n"


def settings(**over) -> I.IntakeSettings:
    base = dict(stability_seconds=0.5, check_interval_seconds=0.1, rescan_interval_seconds=NO_RESCAN,
                polling_interval_seconds=0.2, agenda_retry_seconds=0.5)
    return I.IntakeSettings(**{**base, **over})


def wait_for(cond, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("batas waktu habis")
        time.sleep(0.1)


class Running:
    """`watch()` in a thread, as `kerjasama watch` runs it; its own journal connection."""

    def __init__(self, root: Path, s: I.IntakeSettings) -> None:
        self.root, self.settings = root, s
        self.stop = threading.Event()
        self.outcomes: list[I.Outcome] = []
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        ix = I.Intake.open(self.root, self.settings)
        try:
            watch(ix, self.stop, report=self.outcomes.append, log=lambda m: None)
        except BaseException as exc:  # surfaced by the test
            self.errors.append(exc)
        finally:
            ix.close()

    def __enter__(self) -> "Running":
        (self.root / "masuk").mkdir(parents=True, exist_ok=True)
        self.thread.start()
        time.sleep(0.5)  # observer started
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "watcher did not stop"
        assert not self.errors, self.errors


def rows(root: Path) -> dict:
    return open_agenda(root).read_rows()


@pytest.mark.parametrize("polling", ["off", "on"])
def test_batch_dropped_at_once_gives_one_row_and_folder_each(tmp_path: Path, polling: str) -> None:
    root = tmp_path / "root"
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4 bukan pdf")
    files = [*PDFS, PNG, bad] if polling == "off" else [*PDFS, bad]
    with Running(root, settings(polling=polling)) as w:
        for f in files:
            shutil.copyfile(f, root / "masuk" / f.name)
        wait_for(lambda: len(w.outcomes) == len(files))
        wait_for(lambda: len(rows(root)) == len(files) - 1, timeout=10)
    assert sorted(o.kind for o in w.outcomes) == ["dikarantina"] + ["terdaftar"] * (len(files) - 1)
    assert list((root / "masuk").iterdir()) == []
    assert len([p for p in (root / "01-tercatat").iterdir()]) == len(files) - 1
    assert (root / "karantina" / "rusak.pdf.alasan.txt").is_file()


def test_slowly_written_file_is_taken_once_and_complete(tmp_path: Path) -> None:
    root = tmp_path / "root"
    data = PDFS[0].read_bytes()
    chunks = [data[i:i + len(data) // 6 + 1] for i in range(0, len(data), len(data) // 6 + 1)]
    # Chunks 0.2 s apart against a 4 s window: only a stall of the writer twenty times
    # longer than its gaps could look like a finished file (the window's logic itself is
    # tested on a simulated clock in test_stability.py).
    with Running(root, settings(stability_seconds=4.0)) as w:
        with open(root / "masuk" / "lambat.pdf", "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
                fh.flush()
                time.sleep(0.2)
                assert w.outcomes == []     # never taken while still being written
        wait_for(lambda: len(w.outcomes) >= 1)
        time.sleep(1.5)  # would a second (or partial) take happen?
    assert [o.kind for o in w.outcomes] == ["terdaftar"]
    (folder,) = (root / "01-tercatat").iterdir()
    assert hashlib.sha256((folder / "lambat.pdf").read_bytes()).digest() == hashlib.sha256(data).digest()
    assert not (root / "karantina").exists() or list((root / "karantina").iterdir()) == []


def test_partial_download_is_taken_after_rename(tmp_path: Path) -> None:
    root = tmp_path / "root"
    with Running(root, settings()) as w:
        part = root / "masuk" / "surat.pdf.crdownload"
        shutil.copyfile(PDFS[0], part)
        time.sleep(1.5)
        assert w.outcomes == [] and part.exists()
        part.rename(root / "masuk" / "surat.pdf")
        wait_for(lambda: len(w.outcomes) == 1)
    assert w.outcomes[0].kind == "terdaftar"


def test_temp_lock_hidden_and_system_files_are_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "root"
    names = ["~$surat.docx", ".~lock.agenda.xlsx#", "._surat.pdf", ".DS_Store", "Thumbs.db", "desktop.ini",
             "unduh.part", "x.tmp", ".tersembunyi.pdf"]
    (root / "masuk").mkdir(parents=True)
    for n in names:
        (root / "masuk" / n).write_bytes(b"x")
    ix = I.Intake.open(root, settings(stability_seconds=0))
    try:
        worker = InboxWorker(ix, log=lambda m: None)
        assert worker.run_until_empty(5) == 0
        assert sorted(p.name for p in (root / "masuk").iterdir()) == sorted(names)
        assert ix.journal.inputs() == []
    finally:
        ix.close()


def test_name_rules_from_config() -> None:
    rules = NameRules.from_settings(I.load_settings())
    assert rules.skip("THUMBS.DB") and rules.skip("~$Agenda.xlsx") and rules.skip(".~lock.agenda.xlsx#")
    assert rules.in_progress("scan.PDF.part") and not rules.in_progress("surat.pdf")
    assert not rules.skip("surat_01.pdf") and not rules.skip("Surat Permohonan (2).jpg")


def test_local_disk_is_not_a_network_share(tmp_path: Path) -> None:
    assert network_filesystem(tmp_path) is False


def test_files_present_at_start_are_taken(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    shutil.copyfile(PDFS[0], root / "masuk" / "sudah-ada.pdf")
    with Running(root, settings()) as w:
        wait_for(lambda: len(w.outcomes) == 1)
    assert w.outcomes[0].kind == "terdaftar"


def test_periodic_rescan_catches_what_no_event_reported(tmp_path: Path) -> None:
    """The worker alone, with no observer at all: only the rescan can find the file."""
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    outcomes: list[I.Outcome] = []
    stop = threading.Event()

    def work() -> None:  # the journal connection belongs to the worker's thread
        ix = I.Intake.open(root, settings(rescan_interval_seconds=0.5))
        try:
            InboxWorker(ix, report=outcomes.append, log=lambda m: None).run_forever(stop)
        finally:
            ix.close()

    thread = threading.Thread(target=work, daemon=True)
    try:
        thread.start()
        time.sleep(0.5)
        shutil.copyfile(PDFS[1], root / "masuk" / "tanpa-notifikasi.pdf")
        wait_for(lambda: len(outcomes) == 1, timeout=30)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert outcomes[0].kind == "terdaftar"


def test_watch_command_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text("stability_seconds: 0.3\ncheck_interval_seconds: 0.1\n" + NO_RESCAN_YAML, encoding="utf-8")
    root = tmp_path / "root"
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert "masuk" in first
        shutil.copyfile(PDFS[0], root / "masuk" / "surat.pdf")
        wait_for(lambda: len(list((root / "masuk").iterdir())) == 0, timeout=30)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Pemantauan dihentikan" in out and "TERCATAT" in out
    assert "Traceback" not in err


def test_second_worker_on_same_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text("check_interval_seconds: 0.1\n" + NO_RESCAN_YAML, encoding="utf-8")
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    first = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "masuk" in first.stdout.readline()
        second = subprocess.run([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 2 and "sedang diproses" in second.stderr
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=30)
    assert first.returncode == 0


def test_rows_appear_once_the_agenda_is_closed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    open_agenda(root).ensure()
    lock = root / "~$agenda.xlsx"
    lock.write_bytes(b"pegawai")
    with Running(root, settings()) as w:
        shutil.copyfile(PDFS[0], root / "masuk" / "surat.pdf")
        wait_for(lambda: len(w.outcomes) == 1)
        time.sleep(1.0)  # a couple of retries while Excel holds the file
        assert rows(root) == {}
        assert list((root / "masuk").iterdir()) == []  # registration did not wait for the agenda
        lock.unlink()
        wait_for(lambda: len(rows(root)) == 1, timeout=15)


def test_sigterm_during_ocr_finishes_the_letter_in_hand(tmp_path: Path) -> None:
    import sqlite3

    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text("stability_seconds: 0.2\ncheck_interval_seconds: 0.05\n" + NO_RESCAN_YAML, encoding="utf-8")
    root = tmp_path / "root"
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "masuk" in proc.stdout.readline()
        shutil.copyfile(PNG, root / "masuk" / PNG.name)
        shutil.copyfile(PDFS[0], root / "masuk" / "nanti.pdf")
        journal = root / ".kerjasama" / "journal.sqlite3"
        wait_for(lambda: sqlite3.connect(journal).execute(
            "SELECT 1 FROM events WHERE what = 'mulai_membaca'").fetchone() is not None, timeout=30)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out.count("TERCATAT") >= 1 and "Pemantauan dihentikan" in out
    left = sorted(p.name for p in (root / "masuk").iterdir())
    assert len(left) + out.count("TERCATAT") == 2  # each letter either registered or untouched
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    unfinished = db.execute("SELECT count(*) FROM inputs WHERE state NOT IN ('terdaftar', 'dikarantina')").fetchone()
    assert unfinished == (0,)


def test_network_shares_are_recognised() -> None:
    mounts = ("/dev/vda / ext4 rw 0 0\n"
              "//nas/kantor /mnt/kantor cifs rw 0 0\n"
              "nas:/surat /srv/surat\\040masuk nfs4 rw 0 0\n")
    assert network_filesystem(Path("/mnt/kantor/kerjasama/masuk"), mounts)
    assert network_filesystem(Path("/srv/surat masuk/masuk"), mounts)
    assert not network_filesystem(Path("/mnt/kantorlain/masuk"), mounts)
    assert not network_filesystem(Path("/home/tu/masuk"), mounts)


def test_polling_observer_takes_a_folder_moved_in(tmp_path: Path) -> None:
    root = tmp_path / "root"
    staging = tmp_path / "staging" / "kiriman"
    staging.mkdir(parents=True)
    for f in PDFS[:2]:
        shutil.copyfile(f, staging / f.name)
    with Running(root, settings(polling="on")) as w:
        os.rename(staging, root / "masuk" / "kiriman")
        wait_for(lambda: len(w.outcomes) == 2)
        wait_for(lambda: not (root / "masuk" / "kiriman").exists(), timeout=10)
    assert [o.kind for o in w.outcomes] == ["terdaftar", "terdaftar"]
    assert list((root / "masuk").iterdir()) == []
