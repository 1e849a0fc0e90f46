"""Standard times on a real case history made with known timestamps: the journal's events,
the agenda's Tahap/Tenggat/Terlambat, `kerjasama status` and `kerjasama report` agree."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pipeline import cli
from pipeline import register as I
from pipeline import journal as J
from pipeline.journal import clock as journal_clock
from pipeline.cli.intake import status_rows
from pipeline.steps.report import report
from pipeline.steps.sync import status_events
from workflow_util import PDF1, PDF2, PDF3, answers, mark, register, rows, sync, type_cells

WIB = ZoneInfo("Asia/Jakarta")
T0 = datetime(2026, 11, 2, 8, 0, tzinfo=WIB)
M, H, D = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)


class Clock:
    def __init__(self) -> None:
        self.t = T0


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(journal_clock, "now_iso", lambda: c.t.astimezone(timezone.utc).isoformat(timespec="seconds"))
    monkeypatch.setattr(I.IntakeSettings, "now", lambda self: c.t)
    return c


def test_report_matches_the_journal_on_a_known_history(tmp_path, clock, capsys):
    root = tmp_path / "root"
    a, b, c = register(root, PDF1, PDF2, PDF3)
    plan = [  # (minutes after T0, case, status); A is approved, B rejected, C left waiting
        (10 * M, a, "Didisposisi"), (20 * M, b, "Didisposisi"),
        (10 * M + 30 * H, a, "Diverifikasi"), (20 * M + 30 * H, a, "Diteliti"), (40 * M + 30 * H, a, "Disetujui"),
        (42 * M + 30 * H, a, "Diproses"), (20 * M + 3 * D, b, "Diverifikasi"), (40 * M + 3 * D, b, "Diteliti"),
        (50 * M + 3 * D, b, "Ditolak"), (42 * M + 49 * H, a, "Selesai"),
    ]
    for offset, no, status in sorted(plan, key=lambda p: p[0]):
        clock.t = T0 + offset
        if status == "Diverifikasi":
            type_cells(root, "Evaluasi", no, answers())
        if status == "Diproses":
            type_cells(root, "Agenda", no, {"Nilai Kerja Sama": "5.000.000", "Jangka Waktu": "12 bulan"})
        assert mark(root, no, status) == 0
        assert [x.new for x in sync(root).applied] == [status]
    clock.t = T0 + 4 * D
    sync(root)

    with J.Journal.open(root) as journal:
        events, received = status_events(journal)
    assert sorted((e.agenda_no, e.new, e.at) for e in events if e.agenda_no == b) == sorted(
        [(b, "Tercatat", T0)] + [(b, s, T0 + o) for o, n, s in plan if n == b])
    got = [(r.number, r.count, r.median, r.over_standard, r.waiting, r.overdue)
           for r in report(events, clock.t, received=received)]
    assert got == [
        (1, 3, 0 * M, 0, (), ()),
        (2, 2, 15 * M, 1, (c,), (c,)),
        (3, 2, 51 * H, 1, (), ()),
        (4, 2, 15 * M, 1, (), ()),
        (5, 2, 15 * M, 1, (), ()),
        (6, 1, 2 * M, 0, (), ()),
        (7, 1, 19 * H, 0, (), ()),
    ]

    # the agenda and `kerjasama status` show each case's due time and lateness
    agenda = rows(root)
    assert (agenda[c]["Tahap"], agenda[c]["Tenggat"], agenda[c]["Terlambat"]) == (
        "Langkah 2 (Kepala Dinas → Sekretaris → Kepala Bidang)", "2026-11-02 08:15", "Ya")
    assert agenda[a]["Tahap"] == "Selesai (arsip)" and agenda[a]["Terlambat"] == ""
    status = {r["no_agenda"]: r for r in status_rows(root)}
    assert status[c]["terlambat"] is True and status[c]["tenggat"].startswith("2026-11-02T08:15")
    assert status[a]["terlambat"] is None and status[b]["status"] == "Ditolak"

    # `kerjasama report`: the table and the chart under ROOT/laporan/
    capsys.readouterr()
    assert cli.main(["report", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "3        Fungsional" in out and "2 hari 3 jam" in out
    assert f"langkah 2: {c}" in out
    chart = root / "laporan" / "waktu-layanan-2026-11-06.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_status_shows_due_time_and_flips_to_overdue(tmp_path, clock, capsys):
    root = tmp_path / "root"
    (no,) = register(root, PDF1)
    clock.t = T0 + 14 * M
    sync(root)
    assert rows(root)[no]["Terlambat"] == "Tidak"
    assert cli.main(["status", "--root", str(root)]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert "2026-11-02 08:15" in line and line.rstrip().endswith("tidak")
    clock.t = T0 + 16 * M
    sync(root)
    assert rows(root)[no]["Terlambat"] == "Ya"
    assert cli.main(["status", "--root", str(root)]) == 0
    assert capsys.readouterr().out.splitlines()[1].rstrip().endswith("ya")
