"""Injected failures: error statuses, slow responses, dropped connections, outages."""
from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class Fault:
    status: int | None = None        # answer this HTTP status with Google's error body
    times: int = 1                   # how many matching requests it hits
    path_contains: str | None = None
    method: str | None = None
    timeout: bool = False            # hold the response past the client's timeout, then drop it
    apply: bool = False              # with timeout/status: the request IS applied first
    down: bool = False               # reset the connection without answering
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.times > self.hits
                and (self.path_contains is None or self.path_contains in path)
                and (self.method is None or self.method.upper() == method))


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._rules: list[Fault] = []

    def add(self, status: int | None = None, times: int = 1, path_contains: str | None = None,
            method: str | None = None, timeout: bool = False, apply: bool = False,
            down: bool = False) -> Fault:
        if status is None and not timeout and not down:
            raise ValueError("a fault needs status=, timeout=True or down=True")
        rule = Fault(status, times, path_contains, method, timeout, apply, down)
        with self._lock:
            self._rules.append(rule)
        return rule

    def take(self, method: str, path: str) -> Fault | None:
        """The first live rule matching this request, counted as hit."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    rule.hits += 1
                    return rule
        return None

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def pending(self) -> list[Fault]:
        with self._lock:
            return [r for r in self._rules if r.hits < r.times]
