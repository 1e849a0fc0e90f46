"""A letter read alone spreads a second engine's few reads over every core; while another
letter is read on the machine (a burst), those cores are busy, and one process reads them
without paying for a second start of its engine."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.read import readers
from pipeline.tools import slots

from workflow_util import REPO

OTHER_LETTER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from pipeline.tools import slots
    slots.BASE = Path(sys.argv[1])
    from pipeline.read import readers
    with readers.reading():
        print("membaca", flush=True)
        time.sleep(30)
""")


@pytest.fixture
def two_cores(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(slots, "BASE", tmp_path)
    monkeypatch.setattr(slots, "cores", lambda: 2)
    return tmp_path


def test_a_letter_read_alone_uses_every_core(two_cores):
    with readers.reading():
        assert readers.processes() == 2


def test_beside_another_letters_reading_one_process_is_used(two_cores):
    other = subprocess.Popen([sys.executable, "-c", OTHER_LETTER, str(two_cores)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "membaca"
        with readers.reading():
            assert readers.processes() == 1
    finally:
        other.kill()
        other.wait(10)
    with readers.reading():
        assert readers.processes() == 2  # the other reading ended: its slot is free
