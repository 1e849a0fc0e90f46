"""The agenda on Google Sheets: real gspread over HTTP against the local Sheets stand-in.

No network: `google_sheets.api_base_url` points gspread's session at the stand-in, whose
service-account key has the stand-in as token_uri. Time is simulated: the back-off sleeps
are recorded, not slept.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from pipeline import cli
from pipeline import register as I
from pipeline.agenda import KEY, AgendaWrite, open_agenda
from pipeline.agenda.gsheets import client as sheets_http
from pipeline.agenda.gsheets.client import AgendaAccessError, AgendaUnavailable
from sheets_standin import SheetsStandIn

REPO = Path(__file__).resolve().parents[2]
SA = "kerjasama@diskominfo-tgl.iam.gserviceaccount.com"
KADIS = "kadis@trenggalekkab.go.id"
VERIFIKATOR = "verifikator@trenggalekkab.go.id"


@dataclass
class Office:
    api: SheetsStandIn
    sid: str
    root: Path
    key: Path
    config_dir: Path
    sleeps: list[float]
    now: list[float]

    def advance(self, seconds: float) -> None:
        """Simulated time passes, for the pipeline's back-off/pause and the stand-in's outages."""
        self.now[0] += seconds
        self.api.advance(seconds)

    def agenda(self):
        return open_agenda(self.root)

    def sheets_requests(self, since: int = 0):
        return [r for r in self.api.requests[since:] if r.path.startswith("/v4/")]

    def writes(self, since: int = 0):
        return [r for r in self.sheets_requests(since) if r.method != "GET"]

    def reads(self, since: int = 0):
        return [r for r in self.sheets_requests(since) if r.method == "GET"]

    def row(self, agenda_no: str, sheet: str = "Agenda") -> dict[str, str]:
        grid = self.api.values(self.sid, sheet)
        headers = grid[0]
        (found,) = [r for r in grid[1:] if r and r[0] == agenda_no]
        return dict(zip(headers, found))

    def person_types(self, sheet: str, agenda_no: str, cells: dict[str, object]) -> None:
        """What an official does in the browser: type into the case's row (as typed, USER_ENTERED)."""
        def edit(grid):
            headers = list(grid[0])
            (row,) = [r for r in grid[1:] if r and r[0] == agenda_no]
            for header, value in cells.items():
                col = headers.index(header)
                while len(row) <= col:
                    row.append("")
                row[col] = str(value)
        self.api.person_edits(self.sid, sheet, edit)


@pytest.fixture(scope="module")
def standin():
    with SheetsStandIn(hold_seconds=3.0) as api:
        yield api


@pytest.fixture(autouse=True)
def _no_fault_outlives_its_test(standin):
    """The stand-in is shared by the module: a test that fails before clearing its 503s or
    outage must not fail the next one."""
    yield
    standin.reset_faults()


def make_office(api: SheetsStandIn, tmp_path: Path, monkeypatch, *, share: str | None = "writer",
                roles: dict | None = None, rows: int = 1000, **overrides) -> Office:
    """An office on the stand-in, with the config's own timeouts (30 s, connect 5 s).

    Short timeouts fail on a busy machine (CI beside other jobs); only the tests where the
    stand-in holds a response need them, and they take `impatient_office`. Back-off sleeps
    are simulated, so the retries cost no time.
    """
    key = api.service_account_key(tmp_path, email=SA)
    sid = api.create_spreadsheet("Agenda Kerja Sama Media", sheets=("Agenda",), rows=rows)
    if share:
        api.share(sid, SA, role=share)
    cfg = yaml.safe_load((REPO / "config" / "agenda.yaml").read_text(encoding="utf-8"))
    cfg["backend"] = "google_sheets"
    gs = cfg["google_sheets"]
    gs.update({"spreadsheet": f"https://docs.google.com/spreadsheets/d/{sid}/edit#gid=0",
               "credentials_file": str(key), "api_base_url": api.base_url,
               "backoff_seconds": 0.5, "max_backoff_seconds": 8, "max_attempts": 4, **overrides})
    gs["roles"].update(roles if roles is not None else {"pejabat": [KADIS], "verifikator": [VERIFIKATOR]})
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "agenda.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(config_dir))
    sleeps: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:  # simulated time: recorded, not slept
        sleeps.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(sheets_http, "sleep", sleep)
    monkeypatch.setattr(sheets_http, "clock", lambda: now[0])
    root = tmp_path / "root"
    return Office(api, sid, root, key, config_dir, sleeps, now)


@pytest.fixture
def office(standin, tmp_path, monkeypatch) -> Office:
    o = make_office(standin, tmp_path, monkeypatch)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    return o


@pytest.fixture
def impatient_office(standin, tmp_path, monkeypatch) -> Office:
    """Short timeouts, for the tests where the stand-in holds a response (it gives up after 3 s).

    `init` runs under the ordinary timeouts: set-up is not what these tests are about, and
    on a busy machine it can take longer than 0.5 s. Only then does the office switch to a
    config folder with the short timeouts (a new folder, so no cached settings are reused).
    """
    o = make_office(standin, tmp_path, monkeypatch)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    cfg = yaml.safe_load((o.config_dir / "agenda.yaml").read_text(encoding="utf-8"))
    cfg["google_sheets"]["timeout_seconds"] = 0.5
    impatient = tmp_path / "config-impatient"
    impatient.mkdir()
    (impatient / "agenda.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(impatient))
    o.config_dir = impatient
    return o


def letter_row(no: str, **cells: str) -> dict[str, str]:
    return {KEY: no, "Tanggal Terima": "2026-11-02 08:00", "Status": "Tercatat", **cells}


# --- init ------------------------------------------------------------------------------------


def test_init_sets_up_the_sheet_and_running_it_twice_changes_nothing(standin, tmp_path, monkeypatch, capsys):
    o = make_office(standin, tmp_path, monkeypatch)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    assert "Google Sheets" in capsys.readouterr().out
    sheet = standin.sheet(o.sid, "Agenda")
    headers = standin.values(o.sid, "Agenda")[0]
    assert headers[:3] == ["No. Agenda", "Tanggal Terima", "Nomor Surat"] and "Pesan Sistem" in headers
    assert sheet["frozenRowCount"] == 1
    col = {h: chr(ord("A") + i) if i < 26 else "A" + chr(ord("A") + i - 26) for i, h in enumerate(headers)}
    (status_rule,) = [v for v in sheet["dataValidations"] if v["range"].startswith(col["Status"] + "2:")]
    assert [x["userEnteredValue"] for x in status_rule["rule"]["condition"]["values"]][:2] == ["Tercatat",
                                                                                               "Didisposisi"]
    text_ranges = [f["range"] for f in sheet["formats"] if f["format"].get("numberFormat", {}).get("type") == "TEXT"]
    assert any(r.startswith(col["NPWP"] + "2:") for r in text_ranges)
    ranges = {p["description"]: p for p in sheet["protectedRanges"]}
    by_column = {}
    for p in sheet["protectedRanges"]:
        for name in p["description"].removeprefix("kerjasama:").split(", "):
            by_column[name] = p["editors"]["users"]
    assert set(by_column["Pesan Sistem"]) == {SA} and set(by_column["No. Agenda"]) == {SA}
    assert set(by_column["Status"]) == {SA, KADIS, VERIFIKATOR}
    assert "Perusahaan" not in by_column  # no clerk e-mail configured: the clerk's corrections stay open
    assert any(d.startswith("kerjasama:judul:") for d in ranges)
    evaluasi = standin.sheet(o.sid, "Evaluasi")
    assert evaluasi["frozenRowCount"] == 1 and evaluasi["dataValidations"]

    before = len(standin.requests)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    assert o.writes(before) == [] and len(o.reads(before)) == 2
    assert standin.sheet(o.sid, "Agenda")["protectedRanges"] == sheet["protectedRanges"]
    for seed in ("1", "2"):  # another process (other hash seed, other set order): still nothing to change
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "pipeline", "init", "--root", str(o.root)], env=env, cwd=REPO,
                       check=True, capture_output=True, timeout=60)
    assert o.writes(before) == []


def test_only_the_service_account_can_write_pipeline_columns(office):
    office.agenda().apply([AgendaWrite("tambah", "001/KSM/2026", letter_row("001/KSM/2026"))])
    model = office.api.spreadsheet(office.sid)
    agenda = model.by_title("Agenda")
    headers = office.api.values(office.sid, "Agenda")[0]
    assert not model.may_edit(KADIS, agenda, 1, headers.index("Pesan Sistem"))
    assert model.may_edit(KADIS, agenda, 1, headers.index("Status"))
    assert not model.may_edit("orang.lain@example.com", agenda, 1, headers.index("Status"))
    assert model.may_edit(SA, agenda, 1, headers.index("Pesan Sistem"))


def test_a_full_sheet_gets_more_rows_with_the_dropdown(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch, rows=3)
    assert cli.main(["init", "--root", str(o.root)]) == 0
    rows = [letter_row(f"00{i}/KSM/2026") for i in range(1, 6)]
    o.agenda().apply([AgendaWrite("tambah", r[KEY], r) for r in rows])
    assert sorted(o.agenda().read_rows()) == [r[KEY] for r in rows]
    sheet = standin.sheet(o.sid, "Agenda")
    assert sheet["rowCount"] >= 1003
    headers = standin.values(o.sid, "Agenda")[0]
    status_col = chr(ord("A") + headers.index("Status"))
    assert any(v["range"] == f"{status_col}2:{status_col}{sheet['rowCount']}" for v in sheet["dataValidations"])


# --- values -----------------------------------------------------------------------------------


FORMULAS = ['=IMPORTXML("http://evil.example/x","//a")', "+62 812-0000", "-5+5", "@SUM(A1)",
            '=HYPERLINK("http://evil.example","klik")']


def test_formula_like_names_stay_text_and_leading_zeros_survive(office):
    agenda = office.agenda()
    rows = [letter_row(f"00{i}/KSM/2026", Perusahaan=name, NPWP="012345678901000", Telepon="0355791234",
                       NIB="0120000000001") for i, name in enumerate(FORMULAS, start=1)]
    before = len(office.api.requests)
    agenda.apply([AgendaWrite("tambah", r[KEY], r) for r in rows])
    got = agenda.read_rows()
    for r in rows:
        shown = got[r[KEY]]
        assert (shown["Perusahaan"], shown["NPWP"], shown["Telepon"], shown["NIB"]) == (
            r["Perusahaan"], "012345678901000", "0355791234", "0120000000001")
    headers = office.api.values(office.sid, "Agenda")[0]
    col = chr(ord("A") + headers.index("Perusahaan"))
    cell = office.api.cell(office.sid, "Agenda", f"{col}2")
    assert cell["userEnteredValue"] == {"stringValue": FORMULAS[0]}  # never a formula
    (write,) = office.writes(before)
    assert write.body["valueInputOption"] == "RAW"
    assert all(r.body.get("valueInputOption") != "USER_ENTERED" for r in office.writes())
    read = office.reads(before)[0]
    assert read.query["valueRenderOption"] == "FORMATTED_VALUE"


def test_a_person_typed_npwp_in_a_text_column_keeps_its_zero(office):
    office.agenda().apply([AgendaWrite("tambah", "001/KSM/2026", letter_row("001/KSM/2026"))])
    office.person_types("Agenda", "001/KSM/2026", {"NPWP": "012345678901000", "Nilai Kerja Sama": "5000000"})
    row = office.agenda().read_rows()["001/KSM/2026"]
    assert row["NPWP"] == "012345678901000" and row["Nilai Kerja Sama"] == "5000000"


# --- exactly once, sorting, retries -------------------------------------------------------------


def test_a_write_that_timed_out_but_succeeded_is_not_doubled(impatient_office):
    office = impatient_office
    agenda = office.agenda()
    office.api.faults.add(timeout=True, apply=True, times=1, path_contains="values:batchUpdate")
    office.api.faults.add(down=True, times=10, path_contains="values:batchUpdate")
    row = letter_row("001/KSM/2026", Perusahaan="PT Satu")
    with pytest.raises(AgendaUnavailable):
        agenda.apply([AgendaWrite("tambah", row[KEY], row)])
    office.api.faults.clear()
    office.advance(60)
    office.person_types("Agenda", "001/KSM/2026", {"Status": "Didisposisi"})  # an official acts meanwhile
    agenda.apply([AgendaWrite("tambah", row[KEY], row)])  # the outbox retries
    keys = [r[0] for r in office.api.values(office.sid, "Agenda")[1:]]
    assert keys == ["001/KSM/2026"]
    assert office.row("001/KSM/2026")["Status"] == "Didisposisi"  # not overwritten by the retry


def _reverse_rows(grid):
    grid[1:] = list(reversed(grid[1:]))


def test_a_person_sorting_between_read_and_write_never_moves_a_status_to_another_case(office):
    agenda = office.agenda()
    rows = [letter_row(f"00{i}/KSM/2026", Perusahaan=f"PT {i}", **{"Pesan Sistem": f"pesan {i}"})
            for i in (1, 2, 3)]
    agenda.apply([AgendaWrite("tambah", r[KEY], r) for r in rows])
    office.person_types("Agenda", "001/KSM/2026", {"Status": "didisposisi"})
    office.api.before_next_write(lambda api: api.person_edits(office.sid, "Agenda", _reverse_rows))
    before = len(office.api.requests)
    agenda.apply([AgendaWrite("ubah", "001/KSM/2026", {KEY: "001/KSM/2026", "Pesan Sistem": "diterapkan 1"},
                              status="Didisposisi", status_if="didisposisi"),
                  AgendaWrite("ubah", "003/KSM/2026", {KEY: "003/KSM/2026", "Tahap": "tahap 3"})])
    assert len(office.writes(before)) == 2  # the write found other cases in its rows: put right at once
    keys = [r[0] for r in office.api.values(office.sid, "Agenda")[1:]]
    assert keys == ["003/KSM/2026", "002/KSM/2026", "001/KSM/2026"]  # the person's order stays
    one, two, three = (office.row(f"00{i}/KSM/2026") for i in (1, 2, 3))
    assert (one["Status"], one["Pesan Sistem"]) == ("Didisposisi", "diterapkan 1")
    assert (three["Status"], three["Pesan Sistem"], three["Tahap"]) == ("Tercatat", "pesan 3", "tahap 3")
    assert (two["Status"], two["Pesan Sistem"], two["Tahap"]) == ("Tercatat", "pesan 2", "")
    assert one["Tahap"] == "" and one["Perusahaan"] == "PT 1" and three["Perusahaan"] == "PT 3"


def test_429_is_retried_with_jittered_back_off_and_then_given_up(office):
    agenda = office.agenda()
    office.api.faults.add(status=429, times=2, path_contains="values:batchUpdate")
    before = len(office.api.requests)
    agenda.apply([AgendaWrite("tambah", "001/KSM/2026", letter_row("001/KSM/2026"))])
    assert len(office.writes(before)) == 3 and len(office.sleeps) == 2
    assert 0 <= office.sleeps[0] <= 0.5 and 0 <= office.sleeps[1] <= 1.0  # full jitter under the cap
    office.api.faults.add(status=503, times=50)
    before = len(office.api.requests)
    with pytest.raises(AgendaUnavailable) as err:
        agenda.read_rows()
    assert len(office.sheets_requests(before)) == 4  # bounded: max_attempts
    assert "dicoba lagi" in err.value.message
    office.api.faults.clear()
    with pytest.raises(AgendaUnavailable):
        agenda.read_rows()  # paused after giving up: fails at once
    assert len(office.sheets_requests(before)) == 4
    office.advance(60)
    assert agenda.read_rows() != {}


def test_a_hung_request_times_out(impatient_office):
    office = impatient_office
    agenda = office.agenda()
    office.api.faults.add(timeout=True, times=10, path_contains="values:batchGet")
    with pytest.raises(AgendaUnavailable):
        agenda.read_rows()
    office.api.faults.clear()
    office.advance(60)
    assert agenda.read_rows() == {}


def test_an_expired_token_is_renewed_without_a_failure(office):
    agenda = office.agenda()
    assert agenda.read_rows() == {}
    office.api.expire_tokens()
    assert agenda.read_rows() == {}


# --- errors people must fix ----------------------------------------------------------------------


def test_not_shared_and_read_only_are_named_with_their_fix(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch, share=None)
    with pytest.raises(AgendaAccessError) as err:
        o.agenda().read_rows()
    assert SA in err.value.message and "Editor" in err.value.message
    standin.share(o.sid, SA, role="reader")
    with pytest.raises(AgendaAccessError) as err:
        o.agenda().ensure()
    assert err.value.code == "agenda_read_only" and SA in err.value.message


def google_error(code: int, status: str, message: str):
    """gspread's APIError for an answer with Google's error body."""
    import requests
    from gspread.exceptions import APIError

    response = requests.Response()
    response.status_code = code
    response._content = json.dumps({"error": {"code": code, "status": status, "message": message}}).encode()
    return APIError(response)


def test_api_disabled_is_recognised():
    error = google_error(403, "PERMISSION_DENIED",
                         "Google Sheets API has not been used in project 123 before or it is disabled.")
    exc = sheets_http._api_error(error, "membaca agenda", SA)
    assert exc.code == "agenda_api_disabled" and "Google Sheets API" in exc.message


def test_a_write_into_a_protected_range_names_the_fix():
    # Google answers such a write with 400 INVALID_ARGUMENT (not 403) and this message.
    error = google_error(400, "INVALID_ARGUMENT", "You are trying to edit a protected cell or object. Please "
                         "contact the spreadsheet owner to remove protection if you need to edit.")
    exc = sheets_http._api_error(error, "menulis agenda", SA)
    assert exc.code == "agenda_protected" and "kerjasama init" in exc.message


# --- doctor ------------------------------------------------------------------------------------------


def _doctor_lines(root: Path) -> list[str]:
    from pipeline.cli.doctor import check_agenda

    return [c.line() for c in check_agenda(root)]


def test_doctor_names_the_fix_for_each_failure(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch, share=None)
    lines = _doctor_lines(o.root)
    assert any(line.startswith("GAGAL") and SA in line and "Editor" in line for line in lines), lines
    standin.share(o.sid, SA, role="reader")
    assert cli.main(["init", "--root", str(o.root)]) != 0
    standin.share(o.sid, SA, role="writer")
    assert cli.main(["init", "--root", str(o.root)]) == 0
    standin.share(o.sid, SA, role="reader")
    lines = _doctor_lines(o.root)
    assert any(line.startswith("GAGAL") and "hak ubah" in line and "Editor" in line for line in lines), lines
    standin.share(o.sid, SA, role="writer")
    lines = _doctor_lines(o.root)
    assert any(line.startswith("OK") and "hak ubah" in line for line in lines), lines
    assert not any(line.startswith("GAGAL") for line in lines), lines
    o.key.unlink()
    lines = _doctor_lines(o.root)
    assert any(line.startswith("GAGAL") and str(o.key) in line and "Google Cloud Console" in line for line in lines)


def test_doctor_without_any_key_configured(standin, tmp_path, monkeypatch):
    o = make_office(standin, tmp_path, monkeypatch, credentials_file=None)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    lines = _doctor_lines(o.root)
    assert any("GOOGLE_APPLICATION_CREDENTIALS" in line for line in lines), lines
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(o.key))
    assert any(line.startswith("OK") and "kunci akun layanan" in line for line in _doctor_lines(o.root))


# --- the outbox during an outage -------------------------------------------------------------------


def test_outage_keeps_writes_in_the_outbox_and_applies_them_once_in_order(office, monkeypatch):
    ix = I.Intake.open(office.root)
    try:
        rows = [letter_row(f"00{i}/KSM/2026", Perusahaan=f"PT {i}") for i in (1, 2)]
        office.api.outage(True)  # connections reset
        for r in rows:
            ix.journal.enqueue("tambah_baris", r[KEY], r)
        ix.journal.enqueue("ubah_baris", "001/KSM/2026", {KEY: "001/KSM/2026", "Pesan Sistem": "kedua"})
        before = len(office.api.requests)
        assert I.flush_outbox(ix) == 3
        assert len(office.sheets_requests(before)) == 4  # bounded: max_attempts, with jittered waits
        assert I.flush_outbox(ix) == 3
        assert len(office.sheets_requests(before)) == 4  # paused: no request at all, the worker goes on
        office.advance(61)
        office.api.outage(600, status=503)  # then ten minutes of 503s, on simulated time
        assert I.flush_outbox(ix) == 3
        assert len(office.sheets_requests(before)) == 8
        office.advance(601)
        assert I.flush_outbox(ix) == 0
        assert [r[0] for r in office.api.values(office.sid, "Agenda")[1:]] == ["001/KSM/2026", "002/KSM/2026"]
        assert office.row("001/KSM/2026")["Pesan Sistem"] == "kedua"
        assert I.flush_outbox(ix) == 0 and ix.journal.pending_outbox() == []
    finally:
        office.api.outage(False)
        ix.close()


def test_when_the_answer_does_not_show_the_key_a_read_checks_the_rows(office, monkeypatch):
    from pipeline.agenda.gsheets import write as gsheets_write

    monkeypatch.setattr(gsheets_write, "_key_in", lambda resp, grid: None)
    agenda = office.agenda()
    rows = [letter_row(f"00{i}/KSM/2026", **{"Pesan Sistem": f"pesan {i}"}) for i in (1, 2)]
    agenda.apply([AgendaWrite("tambah", r[KEY], r) for r in rows])
    office.api.before_next_write(lambda api: api.person_edits(office.sid, "Agenda", _reverse_rows))
    agenda.apply([AgendaWrite("ubah", "001/KSM/2026", {KEY: "001/KSM/2026", "Pesan Sistem": "baru 1"})])
    assert office.row("001/KSM/2026")["Pesan Sistem"] == "baru 1"
    assert office.row("002/KSM/2026")["Pesan Sistem"] == "pesan 2"


def test_watch_starts_during_an_outage_but_init_says_it_failed(office):
    from pipeline.cli import intake as intake_cli

    ix = I.Intake.open(office.root)
    office.api.outage(True)
    try:
        shown = intake_cli._ensure_agenda(ix, outage_ok=True)
        assert "Google Sheets" in shown and "dicoba lagi" in shown
        assert cli.main(["init", "--root", str(office.root)]) != 0
    finally:
        office.api.outage(False)
        ix.close()
