"""Freed memory goes back to the system between the stages of a reading (core/heap.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.core import heap

CHILD = r"""
import sys
import numpy as np
from pipeline.core import heap

def rss_mb():
    with open("/proc/self/status") as status:
        return int(status.read().split("VmRSS:")[1].split()[0]) / 1024

# 100 MB in blocks below malloc's mmap threshold, so they come from the heap; the last one
# stays alive and pins the heap's top, as a reader's page images and results do.
blocks = [np.ones(100_000, np.uint8) for _ in range(1000)]
keep = blocks[-1]
del blocks
before = rss_mb()
returned = heap.give_back()
print(before, rss_mb(), returned)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_a_reader_gives_back_what_it_freed():
    # In a fresh process: what the test run itself holds does not blur the figures.
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, check=True)
    before, after, returned = done.stdout.split()
    assert returned == "True"
    assert float(before) - float(after) > 60  # of the 100 MB freed


def test_elsewhere_nothing_is_done(monkeypatch):
    heap._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "win32")
    try:
        assert heap.give_back() is False
    finally:
        heap._malloc_trim.cache_clear()
