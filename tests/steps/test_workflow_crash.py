"""Kill the real `kerjasama sync` at every seam of a status change, restart it, and check the
end state equals an uninterrupted run: the case in its new stage folder exactly once, one
event, one contract serial, the agenda and the Evaluasi sheet written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workflow_util import (
    REPO, case, clone, db, mark, rows, sheet_row, status_events, sync_process, tree, type_cells, walk,
)


def end_state(root: Path, no: str) -> dict:
    journal = db(root)
    return {
        "case": case(root, no),
        "events": status_events(root, no),
        "open": journal.execute("SELECT count(*) FROM transitions WHERE state != 'selesai'").fetchone()[0],
        "outbox": journal.execute("SELECT count(*) FROM outbox WHERE state != 'selesai'").fetchone()[0],
        "contracts": journal.execute("SELECT agenda_no, serial FROM contracts").fetchall(),
        "tree": tree(root),
        "row": {k: rows(root)[no][k] for k in ("Status", "Tahap", "Hasil Evaluasi", "Nomor Perjanjian")},
        "pesan": rows(root)[no]["Pesan Sistem"].split(". Berikutnya")[0],
    }


def prepare(root: Path, no: str, to: str) -> None:
    """Bring the case just before `to` and type `to` into the agenda."""
    before = {"Didisposisi": "Tercatat", "Diproses": "Disetujui", "Selesai": "Diproses"}[to]
    if before != "Tercatat":
        walk(root, no, before)
    if to == "Diproses":
        type_cells(root, "Agenda", no, {"Nilai Kerja Sama": "7.500.000", "Jangka Waktu": "6 bulan"})
    assert mark(root, no, to) == 0


POINTS = ["after_transition_begin", "after_step_documents", "after_case_move", "after_agenda_write"]


@pytest.mark.parametrize("to", ["Didisposisi", "Diproses"])
def test_crash_at_every_seam_resumes_to_the_same_state(registered, tmp_path, to):
    template, no = registered
    reference = clone(template, tmp_path / "referensi")
    prepare(reference, no, to)
    assert sync_process(reference).returncode == 0
    want = end_state(reference, no)
    assert want["case"][0] == to and want["open"] == 0 and want["outbox"] == 0
    for point in POINTS:
        root = clone(template, tmp_path / point)
        prepare(root, no, to)
        crashed = sync_process(root, crash_at=point)
        assert crashed.returncode == 137, (point, crashed.stderr)
        if point == "after_case_move":  # the folder moved, the journal not yet written
            status, folder = case(root, no)
            assert status != to and not (root / folder).exists()
        done = sync_process(root)
        assert done.returncode == 0, (point, done.stderr)
        got = end_state(root, no)
        assert got == want, point
        if point == "after_case_move":  # and a third run changes nothing
            assert sync_process(root).returncode == 0 and end_state(root, no) == want
    if to == "Didisposisi":
        assert sheet_row(root, "Evaluasi", no)["Badan Hukum PT"] == "Ya"
    if to == "Diproses":
        assert want["contracts"] == [(no, 1)] and (root / want["case"][1] / "perjanjian_kerja_sama.docx").is_file()


def test_watch_applies_status_changes_from_the_agenda(registered, tmp_path):
    import signal
    import time

    template, no = registered
    root = clone(template, tmp_path / "root")
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text("agenda_poll_seconds: 0.2\ncheck_interval_seconds: 0.05\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KERJASAMA_CRASH_AT"}
    env["KERJASAMA_CONFIG_DIR"] = str(cfg)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert mark(root, no, "Didisposisi", catatan="lewat watch") == 0  # while watch runs
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and case(root, no)[0] != "Didisposisi":
            time.sleep(0.1)
        assert case(root, no)[0] == "Didisposisi"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "diterapkan" not in rows(root)[no]["Pesan Sistem"]:
            time.sleep(0.1)
        assert "Status 'Didisposisi' diterapkan" in rows(root)[no]["Pesan Sistem"]
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert f"DITERAPKAN {no}: Tercatat → Didisposisi" in out
