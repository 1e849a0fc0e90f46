"""Standard times (Mutu Baku) of SOP 7.1 applied to the cases' status history.

Input is the list of applied status changes (agenda_no, old, new, at) — the journal's
record. A case's history is read in time order; the step that set status S took from
the moment the previous status was entered (step 1: from the letter's receipt, when
known) until S was set. See `pipeline.policy.sop.model` for the timing model.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable, Mapping

from pipeline.policy import sop as sop_mod
from pipeline.policy.sop import Sop, Step


@dataclass(frozen=True)
class StatusEvent:
    agenda_no: str
    old: str | None  # None for the registration (Tercatat)
    new: str
    at: datetime


@dataclass(frozen=True)
class CaseSla:
    """Where a case stands now: its status, the step it waits for and that step's due time."""

    agenda_no: str
    status: str
    entered_at: datetime
    step: Step | None  # None once the status is final
    due: datetime | None
    overdue: bool
    late_by: timedelta  # how far past `due` (zero when not overdue)


@dataclass(frozen=True)
class StepDone:
    agenda_no: str
    step: Step
    started: datetime
    ended: datetime
    taken: timedelta  # in the SOP's time basis (calendar or working days)

    @property
    def over_standard(self) -> bool:
        return self.taken > self.step.standard


def _histories(events: Iterable[StatusEvent], sop: Sop) -> dict[str, list[tuple[str, datetime]]]:
    """Per case, the statuses actually entered, in time order (unknown names and repeats dropped)."""
    by_case: dict[str, list[StatusEvent]] = defaultdict(list)
    for e in events:
        by_case[str(e.agenda_no)].append(e)
    out: dict[str, list[tuple[str, datetime]]] = {}
    for case, evs in by_case.items():
        entered: list[tuple[str, datetime]] = []
        for e in sorted(evs, key=lambda x: x.at):  # stable: same-time events keep journal order
            name = sop.canonical(e.new)
            if name and (not entered or entered[-1][0] != name):
                entered.append((name, e.at))
        if entered:
            out[case] = entered
    return out


def case_states(events: Iterable[StatusEvent], now: datetime, sop: Sop | None = None) -> dict[str, CaseSla]:
    """{agenda_no: CaseSla} for every case in the history."""
    sop = sop or sop_mod.load()
    states = {}
    for case, entered in _histories(events, sop).items():
        status, at = entered[-1]
        due = sop.due_time(status, at)
        late = now - due if due is not None and now > due else timedelta(0)
        states[case] = CaseSla(case, status, at, sop.pending_step(status), due, late > timedelta(0), late)
    return states


def completed_steps(events: Iterable[StatusEvent], sop: Sop | None = None,
                    received: Mapping[str, datetime] | None = None) -> list[StepDone]:
    """Every finished step of every case with the time it took."""
    sop = sop or sop_mod.load()
    received = received or {}
    done = []
    for case, entered in _histories(events, sop).items():
        previous = [(None, received.get(case))] + entered[:-1]
        for (_, started), (status, ended) in zip(previous, entered):
            if started is None:  # step 1 without a receipt time, or a history that starts mid-way
                continue
            done.append(StepDone(case, sop.step_setting(status), started, ended, sop.clock.elapsed(started, ended)))
    return done


# --- for people -------------------------------------------------------------------------------


def format_duration(d: timedelta | None) -> str:
    """timedelta(days=2, hours=3) -> '2 hari 3 jam' (two largest units, rounded to minutes)."""
    if d is None:
        return "-"
    minutes = round(d.total_seconds() / 60)
    if minutes <= 0:
        return "0 menit" if d.total_seconds() >= 0 else "-" + format_duration(-d)
    parts = [(minutes // 1440, "hari"), (minutes % 1440 // 60, "jam"), (minutes % 60, "menit")]
    first = next(i for i, (n, _) in enumerate(parts) if n)
    return " ".join(f"{n} {unit}" for n, unit in parts[first:first + 2] if n)  # e.g. never "2 hari 1 menit"


def format_time(t: datetime | None) -> str:
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M")


def agenda_cells(state: CaseSla, *, detail: bool = True) -> dict[str, str]:
    """The agenda's Tahap / Tenggat / Terlambat cells for a case.

    `detail=False` writes a plain "Ya" when overdue: the sync writes a cell only when its
    text changes, and "lewat N menit" would change (and rewrite the workbook) every minute.
    """
    if state.step is None:
        return {"Tahap": f"{state.status} (arsip)", "Tenggat": "", "Terlambat": ""}
    stage = f"Langkah {state.step.number} ({' → '.join(state.step.actors)})"
    late = "Tidak" if not state.overdue else f"Ya, lewat {format_duration(state.late_by)}" if detail else "Ya"
    return {"Tahap": stage, "Tenggat": format_time(state.due), "Terlambat": late}
