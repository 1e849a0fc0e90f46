"""SOP 7.1 as data: statuses, legal transitions, steps, actors, standard times, folders.

Timing model: the step that *sets* status S runs from the moment the case entered the
status before S (step 1: from the moment the letter was received) until S is set.
So a case sitting in status P is waiting for the step that sets P's next statuses, and
is due at `entered_at(P) + standard(that step)`.

Standard times are counted in calendar time by default — the SOP form states plain
durations and the office's working hours vary (Friday, Ramadan). `time_basis:
working_days` skips weekends and listed holidays as whole days instead
(`pipeline.policy.workdays`).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.core.text import normalize
from pipeline.policy.workdays import Clock

MAX_SHOWN = 60  # characters of typed text quoted back in a message


@dataclass(frozen=True)
class Status:
    name: str
    folder: str  # relative to ROOT, '/'-separated
    final: bool
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    actors: tuple[str, ...]
    standard: timedelta
    sets: tuple[str, ...]
    output: str


@dataclass(frozen=True)
class Transition:
    """A legal request: `status` (canonical spelling) may be applied to the case."""

    current: str
    status: str
    step: Step

    @property
    def changed(self) -> bool:
        # Re-typing the current status is legal but nothing to do.
        return self.status != self.current


@dataclass(frozen=True)
class Refusal:
    """A request that must not be applied; `message` is for Pesan Sistem."""

    current: str
    requested: str  # as typed (trimmed)
    legal: tuple[str, ...]  # the legal next statuses from `current`
    message: str
    code: str  # "empty" | "unknown_status" | "unknown_current" | "final" | "illegal"


@dataclass(frozen=True)
class Sop:
    initial: str
    statuses: dict[str, Status]  # in SOP order
    transitions: dict[str, tuple[str, ...]]
    steps: tuple[Step, ...]
    clock: Clock
    documents: dict[str, dict]  # per-document settings (e.g. the contract number pattern)

    @property
    def status_names(self) -> tuple[str, ...]:
        return tuple(self.statuses)

    def canonical(self, text: object) -> str | None:
        """The configured spelling of a status typed by a person ("  DIVERIFIKASI\u00a0"), or None."""
        key = normalize(text)
        for name in self.statuses:
            if normalize(name) == key:
                return name
        return None

    def next_statuses(self, current: str) -> list[str]:
        name = self.canonical(current)
        return list(self.transitions.get(name, ())) if name else []

    def is_final(self, status: str) -> bool:
        name = self.canonical(status)
        return bool(name) and self.statuses[name].final

    def folder(self, status: str, year: int | None = None) -> str:
        """The status's stage folder (relative to ROOT); `{year}` becomes the case's year."""
        folder = self.statuses[self._known(status)].folder
        return folder.replace("{year}", str(year)) if year is not None else folder

    def step_setting(self, status: str) -> Step:
        """The step whose outcome is `status`."""
        name = self._known(status)
        return next(s for s in self.steps if name in s.sets)

    def pending_step(self, status: str) -> Step | None:
        """The step a case in `status` is waiting for (None once final)."""
        nxt = self.transitions.get(self._known(status), ())
        return self.step_setting(nxt[0]) if nxt else None

    def step(self, number: int) -> Step:
        return next(s for s in self.steps if s.number == number)

    def step_documents(self, number: int) -> tuple[str, ...]:
        """Documents generated when the step completes (those of the statuses it sets)."""
        return tuple(d for name in self.step(number).sets for d in self.statuses[name].documents)

    def due_time(self, status: str, entered_at: datetime) -> datetime | None:
        """When the step following `status` should be done; None for a final status."""
        step = self.pending_step(status)
        return None if step is None else self.clock.add(entered_at, step.standard)

    def is_overdue(self, status: str, entered_at: datetime, now: datetime) -> bool:
        due = self.due_time(status, entered_at)
        return due is not None and now > due

    def check_transition(self, current: str, requested: object) -> Transition | Refusal:
        typed = shown(requested)
        cur = self.canonical(current)
        if cur is None:
            return Refusal(str(current), typed, (), f"Status saat ini '{shown(current)}' tidak dikenal "
                           f"dalam SOP; periksa config/sop.yaml. {self._valid_list()}", "unknown_current")
        legal = tuple(self.transitions.get(cur, ()))
        if not typed:
            return Refusal(cur, typed, legal, f"Status kosong tidak dapat diterapkan; {_hint(cur, legal)} "
                           f"{self._valid_list()}", "empty")
        want = self.canonical(requested)
        if want is None:
            return Refusal(cur, typed, legal, f"Status '{typed}' tidak dikenal; {_hint(cur, legal)} "
                           f"{self._valid_list()}", "unknown_status")
        if want == cur:
            return Transition(cur, want, self.step_setting(want))
        if not legal:
            return Refusal(cur, typed, legal, f"Status '{want}' tidak dapat diterapkan: kasus sudah berstatus "
                           f"akhir '{cur}' dan tidak dapat diubah lagi.", "final")
        if want not in legal:
            return Refusal(cur, typed, legal, f"Status '{want}' tidak dapat diterapkan: {_hint(cur, legal)}",
                           "illegal")
        return Transition(cur, want, self.step_setting(want))

    def contract_number(self, serial: object, year: int) -> str:
        pattern = str((self.documents.get("perjanjian_kerja_sama") or {}).get("nomor", "{serial}/{year}"))
        shown_serial = str(serial).strip() if serial not in (None, "") else "......."
        return pattern.replace("{serial}", shown_serial).replace("{year}", str(year))

    def _valid_list(self) -> str:
        return "Daftar status: " + ", ".join(f"'{s}'" for s in self.statuses) + "."

    def _known(self, status: str) -> str:
        name = self.canonical(status)
        if name is None:
            raise KeyError(f"status tidak dikenal: {status!r}")
        return name


def shown(text: object) -> str:
    """Typed text made safe and short enough to quote back in one line (not a comparison key)."""
    text = "" if text is None else str(text)
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _hint(current: str, legal: tuple[str, ...]) -> str:
    if not legal:
        return f"kasus sudah berstatus akhir '{current}'."
    return f"dari '{current}' status berikutnya yang sah hanya {_or_list(legal)}."


def _or_list(names: tuple[str, ...]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " atau " + quoted[-1]
