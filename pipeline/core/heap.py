"""Handing the memory a process has freed back to the system.

glibc's malloc keeps what a program frees for the program's own later use. After a first
reading of a scanned letter, a reader process still holds about 50 MB of freed page images
and OCR temporaries: through the second look, while RapidOCR runs beside it, and in a burst
twice over. `malloc_trim` gives it back. Elsewhere (Windows, macOS, musl) nothing is done.
"""
from __future__ import annotations

import ctypes
import sys
from functools import lru_cache
from typing import Callable, Optional


@lru_cache(maxsize=1)
def _malloc_trim() -> Optional[Callable[[int], int]]:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the interpreter already runs on
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back() -> bool:
    """Return freed heap memory to the system; whether any was returned."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
