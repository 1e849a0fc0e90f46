"""The pipeline's own Google Sheets traffic under Google's rules, as the strict stand-in
enforces them: no unknown request field anywhere, and the per-minute quota met with back-off
and the outbox, never with a lost or doubled row."""
from __future__ import annotations

import pytest

from pipeline import cli
from pipeline import register as I
from pipeline.agenda import KEY, AgendaWrite
from pipeline.agenda.gsheets import client as sheets_http
from sheets_standin import ProtectedEdit, SheetsStandIn
from test_agenda_gsheets import KADIS, letter_row, make_office


@pytest.fixture(scope="module")
def standin():
    with SheetsStandIn(hold_seconds=3.0) as api:
        yield api


@pytest.fixture(autouse=True)
def _no_fault_outlives_its_test(standin):
    yield
    standin.reset_faults()


def test_init_and_a_working_day_send_only_fields_google_knows(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch)
    before = len(standin.requests)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    agenda = o.agenda()
    rows = [letter_row(f"00{i}/KSM/2026", Perusahaan=f"PT {i}") for i in (1, 2)]
    agenda.apply([AgendaWrite("tambah", r[KEY], r) for r in rows])
    o.person_types("Agenda", "001/KSM/2026", {"Status": "didisposisi"})
    agenda.apply([AgendaWrite("ubah", "001/KSM/2026", {KEY: "001/KSM/2026", "Pesan Sistem": "diterapkan"},
                              status="Didisposisi", status_if="didisposisi")])
    assert sorted(agenda.read_rows()) == ["001/KSM/2026", "002/KSM/2026"]
    sent = o.sheets_requests(before)
    assert {r.method for r in sent} >= {"GET", "POST"}
    refused = [(r.method, r.path, r.status) for r in sent if r.status != 200]
    assert refused == []          # an unknown field would be a 400 "Unknown name ..."
    assert o.row("001/KSM/2026")["Status"] == "Didisposisi"


def test_quota_429s_are_backed_off_and_every_row_lands_once_in_order(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch)
    assert cli.main(["init", "--root", str(o.root)]) == 0

    def sleep(seconds: float) -> None:       # the back-off's waits pass on both simulated clocks
        o.sleeps.append(seconds)
        o.advance(seconds)
    monkeypatch.setattr(sheets_http, "sleep", sleep)
    standin.quota.set(read=4, write=2)       # per user and minute: a busy morning meets it
    keys = [f"{i:03d}/KSM/2026" for i in range(1, 9)]
    ix = I.Intake.open(o.root)
    try:
        for n, key in enumerate(keys):      # letters arrive, the worker flushes after each
            ix.journal.enqueue("tambah_baris", key, letter_row(key, Perusahaan=f"PT {n}"))
            I.flush_outbox(ix)
            o.advance(5)
        for _ in range(30):                 # then the watcher's loop goes on, minute after minute
            if not ix.journal.pending_outbox():
                break
            o.advance(61)
            I.flush_outbox(ix)
        assert ix.journal.pending_outbox() == []
    finally:
        ix.close()
    assert standin.quota.refused > 0 and o.sleeps         # the quota was met and backed off from
    assert any(r.status == 429 for r in o.sheets_requests())
    assert [row[0] for row in standin.values(o.sid, "Agenda")[1:]] == keys   # once each, in order
    assert o.row("004/KSM/2026")["Perusahaan"] == "PT 3"
    o.person_types("Agenda", "004/KSM/2026", {"Status": "Didisposisi"})
    standin.quota.reset()
    assert o.agenda().read_rows()["004/KSM/2026"]["Status"] == "Didisposisi"


def test_an_official_can_type_a_status_but_not_into_the_pipelines_columns(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    standin.share(o.sid, KADIS, role="writer")
    o.agenda().apply([AgendaWrite("tambah", "001/KSM/2026", letter_row("001/KSM/2026", Perusahaan="PT Satu"))])

    def types(header: str, text: str):
        def edit(grid):
            col = grid[0].index(header)
            row = grid[1]
            row.extend([""] * (col + 1 - len(row)))
            row[col] = text
        return edit
    with pytest.raises(ProtectedEdit):           # set up by `init`: only the service account writes it
        standin.person_edits(o.sid, "Agenda", types("Pesan Sistem", "diubah tangan"), user=KADIS)
    with pytest.raises(ProtectedEdit):
        standin.person_deletes_rows(o.sid, "Agenda", row=2, user=KADIS)
    standin.person_edits(o.sid, "Agenda", types("Status", "Didisposisi"), user=KADIS)
    row = o.agenda().read_rows()["001/KSM/2026"]
    assert row["Status"] == "Didisposisi" and row["Pesan Sistem"] != "diubah tangan"
    assert row["Perusahaan"] == "PT Satu"
