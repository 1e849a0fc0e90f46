"""Standard times applied to case histories: due times, overdue flags, per-step report."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from pipeline.core import settings as config

from pipeline.policy import sop
from pipeline.steps.report import format_table, report, save_chart
from pipeline.policy.sla import StatusEvent, agenda_cells, case_states, completed_steps, format_duration

M = timedelta(minutes=1)


def history(case: str, start: datetime, steps: list[tuple[str, timedelta]]) -> list[StatusEvent]:
    """Events for one case: each status set `delta` after the previous one."""
    events, old, at = [], None, start
    for status, delta in steps:
        at = at + delta
        events.append(StatusEvent(case, old, status, at))
        old = status
    return events


RECEIVED = {
    "001/2026": datetime(2026, 11, 2, 8, 0),
    "002/2026": datetime(2026, 11, 2, 9, 0),
    "003/2026": datetime(2026, 11, 9, 8, 0),
}
NOW = datetime(2026, 11, 11, 8, 0)


def events() -> list[StatusEvent]:
    evs = history("001/2026", RECEIVED["001/2026"], [
        ("Tercatat", 4 * M), ("Didisposisi", 26 * M), ("Diverifikasi", 30 * 60 * M), ("Diteliti", 10 * M),
        ("Disetujui", 20 * M), ("Diproses", 2 * M), ("Selesai", 19 * 60 * M),
    ])
    evs += history("002/2026", RECEIVED["002/2026"], [
        ("Tercatat", 6 * M), ("Didisposisi", 10 * M), ("Diverifikasi", 3 * 1440 * M), ("diteliti ", 20 * M),
        ("Ditolak", 10 * M),
    ])
    evs += history("003/2026", RECEIVED["003/2026"], [("Tercatat", 2 * M), ("Didisposisi", 10 * M)])
    evs += history("004/2026", datetime(2026, 11, 10, 10, 0), [("Tercatat", 0 * M)])  # receipt time unknown
    # Someone re-typed the same status later: not a new step.
    evs.append(StatusEvent("003/2026", "Didisposisi", "Didisposisi", datetime(2026, 11, 10, 8, 0)))
    random.Random(7).shuffle(evs)  # the journal order must not matter
    return evs


@pytest.fixture(scope="module")
def rows():
    return report(events(), NOW, received=RECEIVED)


def test_counts_medians_and_over_standard_per_step(rows):
    got = [(r.number, r.count, r.median, r.standard, r.over_standard) for r in rows]
    assert got == [
        (1, 3, 4 * M, 5 * M, 1),
        (2, 3, 10 * M, 15 * M, 1),
        (3, 2, timedelta(hours=51), timedelta(days=2), 1),
        (4, 2, 15 * M, 15 * M, 1),
        (5, 2, 15 * M, 15 * M, 1),
        (6, 1, 2 * M, 3 * M, 0),
        (7, 1, timedelta(hours=19), timedelta(days=1), 0),
    ]


def test_waiting_and_overdue_cases_per_step(rows):
    assert {r.number: r.waiting for r in rows if r.waiting} == {2: ("004/2026",), 3: ("003/2026",)}
    assert {r.number: r.overdue for r in rows if r.overdue} == {2: ("004/2026",)}


def test_case_states_due_times_and_overdue():
    states = case_states(events(), NOW)
    c3, c4 = states["003/2026"], states["004/2026"]
    assert (c3.status, c3.step.number, c3.due, c3.overdue) == ("Didisposisi", 3, datetime(2026, 11, 11, 8, 12), False)
    assert c3.entered_at == datetime(2026, 11, 9, 8, 12)  # the re-typed status did not restart the clock
    assert (c4.status, c4.step.number, c4.due, c4.overdue) == ("Tercatat", 2, datetime(2026, 11, 10, 10, 15), True)
    assert c4.late_by == timedelta(hours=21, minutes=45)
    done = states["001/2026"]
    assert (done.status, done.step, done.due, done.overdue) == ("Selesai", None, None, False)
    assert states["002/2026"].status == "Ditolak"


def test_overdue_flips_exactly_after_the_due_time():
    evs = history("009/2026", datetime(2026, 11, 2, 8, 0), [("Tercatat", 0 * M), ("Didisposisi", 10 * M)])
    due = datetime(2026, 11, 4, 8, 10)
    assert not case_states(evs, due)["009/2026"].overdue
    assert case_states(evs, due + timedelta(seconds=1))["009/2026"].overdue


def test_step_timings_for_one_case():
    done = [d for d in completed_steps(events(), received=RECEIVED) if d.agenda_no == "002/2026"]
    assert [(d.step.number, d.taken, d.over_standard) for d in done] == [
        (1, 6 * M, True), (2, 10 * M, False), (3, timedelta(days=3), True), (4, 20 * M, True), (5, 10 * M, False),
    ]


def test_without_receipt_times_step_one_is_not_measured():
    rows = report(events(), NOW)
    assert rows[0].count == 0 and rows[0].median is None
    assert rows[1].count == 3


def test_working_days_basis_does_not_count_the_weekend():
    cfg = dict(config.load("sop"), time_basis="working_days")
    working = sop.load(cfg)
    friday = datetime(2026, 11, 6, 12, 0)
    evs = history("010/2026", friday, [("Tercatat", 0 * M), ("Didisposisi", 10 * M), ("Diverifikasi", 3 * 1440 * M)])
    (step3,) = [d for d in completed_steps(evs, working) if d.step.number == 3]
    assert step3.taken == timedelta(days=1)  # Friday 12:10 -> Monday 12:10: 12 h + 12 h of working days
    assert not step3.over_standard


def test_table(rows):
    table = format_table(rows)
    lines = table.splitlines()
    assert lines[0].split() == ["Langkah", "Pelaksana", "Selesai", "Median", "Standar", ">", "Standar", "Menunggu",
                                "Terlambat"]
    assert lines[2].split() == ["1", "Fungsional", "3", "4", "menit", "5", "menit", "1", "0", "0"]
    assert "Kepala Dinas → Sekretaris → Kepala Bidang" in lines[3]
    assert "2 hari 3 jam" in lines[4] and "2 hari" in lines[4]
    assert table.endswith("Kasus terlambat (melewati waktu standar):\n  langkah 2: 004/2026")


def test_table_of_an_empty_history():
    table = format_table(report([], NOW))
    assert "Terlambat:" not in table and len(table.splitlines()) == 9


def test_chart_is_a_png(tmp_path, rows):
    out = save_chart(rows, tmp_path / "laporan" / "sla.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_chart_with_no_data_still_renders(tmp_path):
    assert save_chart(report([], NOW), tmp_path / "kosong.png").stat().st_size > 0


@pytest.mark.parametrize("d, text", [(timedelta(0), "0 menit"), (5 * M, "5 menit"), (timedelta(hours=19), "19 jam"),
                                     (timedelta(hours=51), "2 hari 3 jam"), (timedelta(days=2, minutes=1), "2 hari"),
                                     (timedelta(hours=1, minutes=30), "1 jam 30 menit"), (None, "-")])
def test_format_duration(d, text):
    assert format_duration(d) == text


def test_agenda_cells():
    states = case_states(events(), NOW)
    assert agenda_cells(states["004/2026"]) == {
        "Tahap": "Langkah 2 (Kepala Dinas → Sekretaris → Kepala Bidang)",
        "Tenggat": "2026-11-10 10:15",
        "Terlambat": "Ya, lewat 21 jam 45 menit",
    }
    assert agenda_cells(states["003/2026"])["Terlambat"] == "Tidak"
    assert agenda_cells(states["001/2026"]) == {"Tahap": "Selesai (arsip)", "Tenggat": "", "Terlambat": ""}


def test_chart_is_linear_labelled_and_names_its_period(tmp_path, rows):
    from PIL import Image

    from pipeline.steps.report import _unit, period_text

    assert _unit(rows)[0] in ("jam", "hari")
    period = period_text(datetime(2026, 11, 1, tzinfo=NOW.tzinfo), NOW)
    assert period.startswith("1 November 2026 – ")
    out = save_chart(rows, tmp_path / "sla.png", period=period)
    assert Image.open(out).size == (1000, 500)
