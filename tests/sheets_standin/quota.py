"""Per-user, per-minute request quotas: Google answers 429 RESOURCE_EXHAUSTED past them.

Google counts read and write requests apart, per user and minute (60 each by default on a
real project). The window follows the stand-in's clock, so `advance(60)` refills it
without sleeping. The stand-in's default is generous (existing tests never meet it);
a test sets a real limit with `api.quota.set(read=..., write=...)`.
"""
from __future__ import annotations

from collections import defaultdict, deque

from .errors import quota_exceeded

DEFAULT_PER_MINUTE = 6000
WINDOW_SECONDS = 60.0


class Quota:
    def __init__(self, clock, read: int = DEFAULT_PER_MINUTE, write: int = DEFAULT_PER_MINUTE):
        self._clock = clock
        self.limits = {"read": read, "write": write}
        self._used: dict[tuple[str, str], deque] = defaultdict(deque)
        self.refused = 0            # requests answered 429 by the quota (not by injected faults)

    def set(self, read: int | None = None, write: int | None = None) -> None:
        if read is not None:
            self.limits["read"] = read
        if write is not None:
            self.limits["write"] = write

    def reset(self) -> None:
        """Generous limits again and nothing used (fixtures call it after a test)."""
        self.limits = {"read": DEFAULT_PER_MINUTE, "write": DEFAULT_PER_MINUTE}
        self._used.clear()
        self.refused = 0

    def take(self, user: str, kind: str) -> None:
        """Count one request of `kind` ("read"/"write") by `user`, or raise Google's 429."""
        now = self._clock()
        used = self._used[(user, kind)]
        while used and used[0] <= now - WINDOW_SECONDS:
            used.popleft()
        if len(used) >= self.limits[kind]:
            self.refused += 1
            raise quota_exceeded(kind, self.limits[kind])
        used.append(now)
