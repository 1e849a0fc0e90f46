"""Machine-wide slots for a heavy program: readers in other processes wait their turn, a killed
holder frees its slot, and a slot that cannot be kept never stops the work."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.tools import slots

from workflow_util import REPO

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from pipeline.tools import slots
    slots.BASE = Path(sys.argv[1])
    with slots.slot("uji", 1, wait=30) as number:
        print(number, flush=True)
        time.sleep(float(sys.argv[2]))
""")


def holder(base: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the only slot of "uji" and keeps it `seconds`."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(base), str(seconds)], cwd=REPO,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "0"  # it holds the slot now
    return proc


@pytest.fixture
def base(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(slots, "BASE", tmp_path)
    return tmp_path


def test_a_second_reader_waits_until_the_slot_is_free(base):
    other = holder(base, 1.5)
    started = time.monotonic()
    with slots.slot("uji", 1, wait=30) as number:
        waited = time.monotonic() - started
        assert number == 0
    assert waited >= 1.0  # the other process kept it 1.5 s after it said it held it
    other.wait(10)


def test_with_two_slots_two_readers_run_at_once(base):
    other = holder(base, 30)
    try:
        with slots.slot("uji", 2, wait=0) as number:
            assert number == 1
    finally:
        other.kill()
        other.wait(10)


def test_a_killed_holder_frees_its_slot(base):
    other = holder(base, 300)
    with slots.slot("uji", 1, wait=0) as number:
        assert number is None  # taken: with no wait allowed, the block runs without a slot
    os.kill(other.pid, signal.SIGKILL)
    other.wait(10)
    started = time.monotonic()
    with slots.slot("uji", 1, wait=30) as number:
        assert number == 0
    assert time.monotonic() - started < 5


def test_no_place_for_the_slots_runs_at_once_without_one(tmp_path, monkeypatch):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    monkeypatch.setattr(slots, "BASE", blocker)  # a file where the folder should be made
    started = time.monotonic()
    with slots.slot("uji", 1, wait=30) as number:
        assert number is None
    assert time.monotonic() - started < 1


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to make another user's folder")
def test_someone_elses_folder_of_that_name_is_not_used(base):
    folder = base / f"kerjasama-slot-{os.getuid()}-uji"
    folder.mkdir()
    os.chown(folder, 12345, 12345)
    with slots.slot("uji", 1, wait=30) as number:
        assert number is None
    assert list(folder.iterdir()) == []


def test_an_error_in_the_block_frees_the_slot(base):
    with pytest.raises(RuntimeError):
        with slots.slot("uji", 1, wait=0) as number:
            assert number == 0
            raise RuntimeError("pembacaan gagal")
    with slots.slot("uji", 1, wait=0) as number:
        assert number == 0


def test_a_second_engine_reading_waits_while_every_core_has_one(base, monkeypatch):
    """Two letters read at once start no more RapidOCR processes than the machine has cores."""
    import cv2
    import numpy as np

    from pipeline.tools import rapidocr

    monkeypatch.setattr(slots, "cores", lambda: 1)
    holder_code = HOLDER.replace('"uji"', '"rapidocr"')
    other = subprocess.Popen([sys.executable, "-c", holder_code, str(base), "3"], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "0"
    started = time.monotonic()
    image = np.full((150, 900), 255, np.uint8)
    cv2.putText(image, "Kabupaten Trenggalek", (40, 90), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3, cv2.LINE_AA)
    cv2.imwrite(str(base / "baris.png"), image)
    lines = rapidocr.read_image(base / "baris.png", timeout=120)
    assert time.monotonic() - started >= 2  # it waited for the other reading's slot ...
    assert other.wait(10) == 0
    assert any("Trenggalek" in line.text for line in lines)  # ... and then read as usual


def test_the_slots_held_by_other_processes_are_counted(base):
    assert slots.held("uji", 4) == 0
    other = holder(base, 30)
    try:
        assert slots.held("uji", 4) == 1
        with slots.slot("uji", 4, wait=0):
            assert slots.held("uji", 4) == 2  # this process's own slot counts too
        assert slots.held("uji", 4) == 1
    finally:
        other.kill()
        other.wait(10)
    assert slots.held("uji", 4) == 0  # the killed holder's slot is free again
    folder = base / f"kerjasama-slot-{os.getuid()}-uji"
    assert sorted(p.name for p in folder.iterdir()) == ["0.lock", "1.lock"]  # counting made no slot files

