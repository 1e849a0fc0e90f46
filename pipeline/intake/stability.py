"""Deciding when a file in the inbox is complete.

A scanner, a copy from a phone or a copy over a network share writes a file in pieces;
there is no portable "closed" notification. Like paperless-ngx's consumer, we take a
file only after its size and modification time have stayed the same for a while.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable


class Verdict(str, Enum):
    STABLE = "stable"  # unchanged for long enough: take it
    WAITING = "waiting"  # new or still changing
    GONE = "gone"  # vanished (moved away, or renamed by the program writing it)


@dataclass
class _Seen:
    signature: tuple[int, int]
    since: float


class StabilityTracker:
    """Remembers each path's (size, mtime) and when it last changed."""

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = float(seconds)
        self._clock = clock
        self._seen: dict[Path, _Seen] = {}

    def check(self, path: Path) -> Verdict:
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            self._seen.pop(path, None)
            return Verdict.GONE
        signature = (st.st_size, st.st_mtime_ns)
        now = self._clock()
        seen = self._seen.get(path)
        if seen is None or seen.signature != signature:
            self._seen[path] = _Seen(signature, now)
            return Verdict.WAITING  # even with a zero wait: a file must be seen unchanged twice
        return Verdict.STABLE if now - seen.since >= self.seconds else Verdict.WAITING

    def unchanged_for(self, path: Path) -> float:
        """Seconds since `path` was last seen changing (0 if never seen)."""
        seen = self._seen.get(path)
        return self._clock() - seen.since if seen else 0.0

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)

    def __contains__(self, path: Path) -> bool:
        return path in self._seen

    def __len__(self) -> int:
        return len(self._seen)
