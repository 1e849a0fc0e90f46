"""Google Sheets unreachable, hanging, answering 429 and 503 for a stretch each, through a running
`kerjasama watch` (a real process) while letters arrive; then Google is back (issue 12).

The Sheets API is the local stand-in (tests/sheets_standin) in this test process: gspread's
own code talks to it over HTTP. Afterwards every registered letter has exactly one agenda row,
in order of registration, nothing waits in the outbox, the one status change typed meanwhile
was applied once (one Riwayat row, even though Google took an append and lost the answer),
watch is still running and its log says the agenda was unreachable and later caught up.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from fault_util import REPO, SAMPLES, Watcher, query, registered, wait_until, waiting_rows, write_config
from sheets_standin import SheetsStandIn

pytestmark = pytest.mark.faults

SA = "kerjasama@diskominfo-tgl.iam.gserviceaccount.com"
PHASE_SECONDS = 15.0  # four faults: about a minute in all (CI's budget)
PAUSE_SECONDS = 2.0
MAX_ATTEMPTS = 3
INTAKE = ("stability_seconds: 0.3\ncheck_interval_seconds: 0.1\nrescan_interval_seconds: 3\n"
          "agenda_retry_seconds: 0.5\nagenda_poll_seconds: 1\npdf_copies: false\n")
LETTERS = sorted(SAMPLES.glob("*.pdf"))
FOREVER = 10 ** 6


@pytest.fixture
def api():
    """The stand-in; whatever a test leaves (stopped, faults, outage), it is cleared and stopped."""
    standin = SheetsStandIn(hold_seconds=4.0).start()  # holds longer than the client's 1.5 s timeout
    try:
        yield standin
    finally:
        standin.reset_faults()
        standin.stop()


def _office(api: SheetsStandIn, tmp: Path, pause_seconds: float = PAUSE_SECONDS) -> tuple[str, dict[str, str]]:
    key = api.service_account_key(tmp, email=SA)
    sid = api.create_spreadsheet("Agenda Kerja Sama Media", sheets=("Agenda",))
    api.share(sid, SA, role="writer")
    cfg = yaml.safe_load((REPO / "config" / "agenda.yaml").read_text(encoding="utf-8"))
    cfg["backend"] = "google_sheets"
    cfg["google_sheets"].update({
        "spreadsheet": sid, "credentials_file": str(key), "api_base_url": api.base_url,
        "connect_timeout_seconds": 1.0, "timeout_seconds": 1.5, "max_attempts": MAX_ATTEMPTS,
        "backoff_seconds": 0.2, "max_backoff_seconds": 1.0, "pause_seconds": pause_seconds})
    env = write_config(tmp / "config", agenda=yaml.safe_dump(cfg, allow_unicode=True), intake=INTAKE)
    return sid, env


def _drop(root: Path, letters: list[Path]) -> None:
    for letter in letters:
        shutil.copyfile(letter, root / "masuk" / letter.name)


def _sheet_keys(api: SheetsStandIn, sid: str, sheet: str = "Agenda", col: int = 0) -> list[str]:
    return [r[col] for r in api.values(sid, sheet)[1:] if len(r) > col and r[col]]


def _row(api: SheetsStandIn, sid: str, no: str) -> dict[str, str]:
    grid = api.values(sid, "Agenda")
    return next(dict(zip(grid[0], r)) for r in grid[1:] if r and r[0] == no)


def _type_status(api: SheetsStandIn, sid: str, no: str, status: str) -> None:
    """An official types a status in the browser."""
    def edit(grid):
        col = grid[0].index("Status")
        next(r for r in grid[1:] if r and r[0] == no)[col] = status
    api.person_edits(sid, "Agenda", edit)


def test_watch_rides_out_google_failing_and_catches_up_once_in_order(api: SheetsStandIn, tmp_path: Path) -> None:
    sid, env = _office(api, tmp_path)
    root = tmp_path / "root"
    watcher = Watcher(root, env, tmp_path / "watch.log")
    init = subprocess.run([sys.executable, "-m", "pipeline", "init", "--root", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert init.returncode == 0, init.stdout + init.stderr
    watcher.start()
    try:
        # Healthy: the first letter is registered and its row written; an official moves it on,
        # and Google takes the Riwayat append but the answer never comes back (then it works).
        _drop(root, LETTERS[:1])
        wait_until("the first row in the agenda", lambda: len(_sheet_keys(api, sid)) == 1, alive=watcher)
        (first,) = registered(root)
        lost_answer = api.faults.add(timeout=True, apply=True, path_contains=":append", times=1)
        _type_status(api, sid, first, "Didisposisi")
        wait_until("the status change applied", lambda: query(root, "SELECT status FROM cases WHERE agenda_no = ?",
                                                               first) == [("Didisposisi",)], alive=watcher)
        wait_until("the Riwayat append tried", lambda: lost_answer.hits == 1, alive=watcher)

        letters = iter(LETTERS[1:])
        counted: dict[str, int] = {}
        for name, start_fault in [("mati", lambda: api.stop()),
                                  ("macet", lambda: api.faults.add(timeout=True, times=FOREVER)),
                                  ("macet-sesudah-ditulis", lambda: api.faults.add(timeout=True, apply=True,
                                                                                   method="POST", times=FOREVER)),
                                  ("429", lambda: api.faults.add(status=429, times=FOREVER)),
                                  ("503", lambda: api.faults.add(status=503, apply=True, method="POST", times=FOREVER))]:
            half = name.startswith("macet")  # the two hanging kinds share one stretch
            before, began = len(api.requests), time.monotonic()
            expected = len(registered(root)) + 1
            start_fault()
            _drop(root, [next(letters)])
            # The letter is registered during the fault; the fault lasts its stretch (the stretch is
            # what is tested, so this sleep is not synchronisation).
            wait_until(f"a letter registered while Google is '{name}'", lambda: len(registered(root)) >= expected,
                       alive=watcher)
            time.sleep(max(0.0, began + PHASE_SECONDS / (2 if half else 1) - time.monotonic()))
            counted[name] = len(api.requests) - before
            _no_storm(name, counted[name], time.monotonic() - began)
            api.reset_faults()
            api.start()
        _drop(root, list(letters)[:2])  # Google is back: and more letters arrive

        def caught_up() -> bool:
            numbers = registered(root)
            return (not any((root / "masuk").iterdir()) and len(numbers) == len(LETTERS[:8])
                    and waiting_rows(root) == 0 and len(_sheet_keys(api, sid)) == len(numbers))
        wait_until("every row written after the outage", caught_up, alive=watcher)
        wait_until("Pesan Sistem of the moved case", lambda: "Didisposisi" in _row(api, sid, first)["Pesan Sistem"],
                   alive=watcher)
        assert watcher.alive()
        assert watcher.stop() == 0
    finally:
        if watcher.alive():
            watcher.kill()

    numbers = registered(root)
    assert _sheet_keys(api, sid) == numbers, "each letter one row, in order of registration"
    history = api.values(sid, "Riwayat")
    events = [r[0] for r in history[1:]]
    assert sorted(events) == sorted(set(events)), f"a Riwayat row written twice: {history}"
    moves = [r for r in history[1:] if len(r) > 5 and r[3] == first and r[5] == "Didisposisi"]
    assert len(moves) == 1, f"Riwayat rows for one status change: {history}"
    assert query(root, "SELECT new_status, state FROM transitions") == [("Didisposisi", "selesai")]
    log = watcher.output()
    assert "baris agenda menunggu" in log and "Google Sheets" in log, log[-3000:]
    assert "Agenda sudah bisa ditulis lagi" in log.split("baris agenda menunggu", 1)[1], log[-3000:]


def _no_storm(name: str, sent: int, seconds: float) -> None:
    """While Google fails, each give-up (at most MAX_ATTEMPTS requests) is followed by a pause."""
    bound = (seconds / PAUSE_SECONDS + 2) * MAX_ATTEMPTS * 2  # x2: token refreshes and one in flight
    assert sent <= bound, f"{sent} requests in {seconds:.0f} s while Google was '{name}' (retry storm)"


def test_rows_waiting_for_google_are_written_in_order_when_only_some_writes_fail(api: SheetsStandIn,
                                                                                 tmp_path: Path) -> None:
    """Two rows wait; Google then fails the batch and the first single write, and takes the next:
    the second row must not be written above the first (nor the queue be retried row by row)."""
    sid, env = _office(api, tmp_path, pause_seconds=0)
    root = tmp_path / "root"

    def ingest() -> str:
        done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--root", str(root)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    init = subprocess.run([sys.executable, "-m", "pipeline", "init", "--root", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert init.returncode == 0, init.stdout + init.stderr
    api.stop()
    _drop(root, LETTERS[:2])
    assert "2 baris agenda menunggu" in ingest()
    api.start()
    api.faults.add(status=503, method="POST", path_contains="values:batchUpdate", times=2 * MAX_ATTEMPTS)
    ingest()
    ingest()
    numbers = registered(root)
    assert len(numbers) == 2 and waiting_rows(root) == 0
    assert _sheet_keys(api, sid) == numbers, "rows in order of registration"
