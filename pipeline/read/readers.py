"""How many letters are being read on this machine right now.

Every reading of a letter holds one of these machine-wide slots (`tools/slots.py`: lock files
the operating system frees when their holder dies). A reading that is about to spread a few
small reads over the cores asks how many letters share them: alone, it takes every core; in
a burst, the other letters keep the cores busy, and a second process would only pay for one
more start of its engine (Tesseract 0.3 s, RapidOCR 0.65 s of CPU).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from pipeline.tools import slots

READERS, MAX_READERS = "pembaca", 64


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """Count this letter's reading among the machine's while the block runs (never waits)."""
    with slots.slot(READERS, MAX_READERS, wait=0):
        yield


def processes() -> int:
    """The processes a reading may spread a few small reads over: the cores, shared among
    the letters being read now. The grouping of reads never changes what is read in them."""
    return max(1, slots.cores() // max(1, slots.held(READERS, MAX_READERS)))
