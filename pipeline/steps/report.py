"""Per-step report of SOP 7.1: how long each step really takes against its standard time.

`report(events, now)` gives one row per step; `format_table` prints it for a terminal;
`save_chart` draws median time vs standard as a PNG (matplotlib, no display needed).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable, Mapping

from pipeline.core.errors import KerjasamaError
from pipeline.documents.render import BULAN
from pipeline.policy import sop as sop_mod
from pipeline.policy.sla import StatusEvent, case_states, completed_steps, format_duration
from pipeline.policy.sop import Sop


@dataclass(frozen=True)
class StepRow:
    number: int
    name: str
    actors: tuple[str, ...]
    standard: timedelta
    count: int  # times the step was completed
    median: timedelta | None  # median time taken (None when never completed)
    over_standard: int  # completions that took longer than the standard
    waiting: tuple[str, ...]  # cases now waiting for this step
    overdue: tuple[str, ...]  # of those, the ones past their due time


def report(events: Iterable[StatusEvent], now: datetime, *, sop: Sop | None = None,
           received: Mapping[str, datetime] | None = None) -> list[StepRow]:
    sop = sop or sop_mod.load()
    events = list(events)
    done = completed_steps(events, sop, received)
    states = case_states(events, now, sop)
    rows = []
    for step in sop.steps:
        taken = [d.taken for d in done if d.step.number == step.number]
        waiting = sorted(s.agenda_no for s in states.values() if s.step and s.step.number == step.number)
        overdue = sorted(s.agenda_no for s in states.values() if s.overdue and s.step.number == step.number)
        median = timedelta(seconds=statistics.median(t.total_seconds() for t in taken)) if taken else None
        rows.append(StepRow(step.number, step.name, step.actors, step.standard, len(taken), median,
                            sum(t > step.standard for t in taken), tuple(waiting), tuple(overdue)))
    return rows


HEADERS = ("Langkah", "Pelaksana", "Selesai", "Median", "Standar", "> Standar", "Menunggu", "Terlambat")


def _cells(row: StepRow) -> tuple[str, ...]:
    return (str(row.number), " → ".join(row.actors), str(row.count), format_duration(row.median),
            format_duration(row.standard), str(row.over_standard), str(len(row.waiting)), str(len(row.overdue)))


def format_table(rows: list[StepRow]) -> str:
    """A plain-text table (monospace) followed by the overdue cases, if any."""
    body = [HEADERS] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in body) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    late = [f"  langkah {r.number}: {', '.join(r.overdue)}" for r in rows if r.overdue]
    if late:
        lines += ["", "Kasus terlambat (melewati waktu standar):", *late]
    return "\n".join(lines)


def _unit(rows: list[StepRow]) -> tuple[str, float]:
    """Hours, or days when a bar would pass three days: ('jam', 3600) or ('hari', 86400)."""
    longest = max([r.standard.total_seconds() for r in rows] +
                  [r.median.total_seconds() for r in rows if r.median is not None] + [0])
    return ("hari", 86400.0) if longest > 3 * 86400 else ("jam", 3600.0)


def period_text(start: datetime | None, end: datetime) -> str:
    """'1 November 2026 – 6 November 2026' (or 's.d. 6 November 2026' with no start)."""
    def day(d: datetime) -> str:
        return f"{d.day} {BULAN[d.month - 1]} {d.year}"
    return f"{day(start)} – {day(end)}" if start is not None else f"s.d. {day(end)}"


def save_chart(rows: list[StepRow], path: Path, *, period: str | None = None) -> Path:
    """PNG bar chart: median time taken vs SOP standard per step, on a linear axis (hours or
    days); each bar is labelled with its duration, so a 5-minute step still reads."""
    try:  # imported here: slow, optional, and only the chart needs it
        import matplotlib

        matplotlib.use("Agg")  # no display on the server
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise KerjasamaError("matplotlib belum terpasang; grafik tidak dapat dibuat", code="tool_missing") from exc
    unit, seconds = _unit(rows)
    xs = list(range(len(rows)))
    standard = [r.standard.total_seconds() / seconds for r in rows]
    # nan leaves a gap for a step never completed; a median of zero is drawn as zero.
    median = [r.median.total_seconds() / seconds if r.median is not None else float("nan") for r in rows]
    fig, ax = plt.subplots(figsize=(10, 5), dpi=100)
    try:
        bars_std = ax.bar([x - 0.2 for x in xs], standard, width=0.4, label="Standar SOP", color="#9e9e9e")
        bars_med = ax.bar([x + 0.2 for x in xs], median, width=0.4, label="Median realisasi", color="#1565c0")
        ax.bar_label(bars_std, labels=[format_duration(r.standard) for r in rows], fontsize=7, padding=2)
        ax.bar_label(bars_med, labels=[format_duration(r.median) if r.median is not None else "belum ada"
                                       for r in rows], fontsize=7, padding=2)
        ax.set_ylim(bottom=0)
        ax.margins(y=0.15)
        ax.set_xticks(xs, [f"{r.number}\n{r.actors[0] if r.actors else ''}" for r in rows], fontsize=8)
        ax.set_xlabel("Langkah SOP dan pelaksana")
        ax.set_ylabel(unit)
        title = "SOP 7.1 Kerja Sama Media Massa: waktu median per langkah dibanding standar"
        ax.set_title(f"{title}\nPeriode {period}" if period else title, fontsize=11)
        ax.legend()
        fig.tight_layout()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path
