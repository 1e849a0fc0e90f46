"""`kerjasama watch` SIGKILLed (its whole process group: reader children too) at random moments
while about forty files arrive, restarted each time. Afterwards every input is kept exactly
once, in a case folder or in karantina/ with its reason, and each registered letter has one
agenda row. And `kerjasama sync` SIGKILLed while it applies a batch of status changes officials
typed (several cases, several statuses, some illegal), restarted: each legal change is applied
exactly once, as in the same office synced without kills (journal transitions, Riwayat rows,
documents), and nothing is left half-done.

Part of `make test-faults` (marker `faults`, deselected by `make test`). The moments come from
a seeded random generator: KERJASAMA_FAULT_SEED=<n> replays a run; the seed is in every
failure message.
"""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import openpyxl
import pytest

import workflow_util as wu
from fault_util import Watcher, kerjasama, seeded, write_config
from pipeline.agenda import open_agenda

pytestmark = pytest.mark.faults

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
SAMPLES = TESTS / "fixtures" / "samples"
BAD = TESTS / "fixtures" / "bad"
KILLS = 10
# Short waits so the burst moves; the rescan is left at a few seconds (a restart scans anyway).
# More read attempts than kills: a restart resumes the letter it was reading first, so a run
# of quick kills can interrupt one slow letter three times, and the three-strikes rule
# (tested in tests/register/test_crash_resume.py) would then quarantine it for the kills.
INTAKE = ("stability_seconds: 0.3\ncheck_interval_seconds: 0.1\nrescan_interval_seconds: 3\nagenda_retry_seconds: 0.5\n"
          f"max_read_attempts: {KILLS + 1}\n")
TERMINAL = {"terdaftar", "dikarantina", "terlampir"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _inputs(tmp: Path, rng: random.Random) -> list[tuple[str, Path]]:
    """(name in masuk/, source file): letters, byte-identical copies under other names, hostile files."""
    letters = sorted(SAMPLES.glob("*.pdf")) + [SAMPLES / "surat_09_kabardesa-id.png"]
    out = [(p.name, p) for p in letters]
    out += [(f"salinan-{p.stem}{p.suffix}", p) for p in letters]
    out += [(f"salinan-kedua-{p.stem}{p.suffix}", p) for p in sorted(SAMPLES.glob("*.pdf"))]
    hostile = sorted(p for p in BAD.iterdir() if p.is_file() and p.suffix != ".py") if BAD.is_dir() else []
    out += [(p.name, p) for p in hostile]
    made = tmp / "buatan"
    made.mkdir()
    for name, data in [("kosong.jpg", b""), ("acak.pdf", rng.randbytes(3000)), ("catatan.txt", b"bukan surat\n"),
                       ("potongan.png", (SAMPLES / "surat_09_kabardesa-id.png").read_bytes()[:2048]),
                       ("rusak.tif", b"II*\x00" + rng.randbytes(500)), ("rusak.jpg", b"\xff\xd8\xff" + rng.randbytes(500))]:
        (made / name).write_bytes(data)
        out.append((name, made / name))
    # A rescan: the same letter scanned again (other bytes); attached to its case, no row of its own.
    from PIL import Image
    with Image.open(SAMPLES / "surat_09_kabardesa-id.png") as im:
        im.convert("RGB").save(made / "pindai-lagi-kabardesa.jpg", quality=90)
    out.append(("pindai-lagi-kabardesa.jpg", made / "pindai-lagi-kabardesa.jpg"))
    return out


def _journal(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{root / '.kerjasama' / 'journal.sqlite3'}?mode=ro", uri=True, timeout=10)


def _settled(root: Path, expected: int) -> bool:
    """Every input taken and finished, nothing left in the inbox, no agenda write waiting."""
    if any((root / "masuk").iterdir()):
        return False
    try:
        db = _journal(root)
        try:
            states = [s for (s,) in db.execute("SELECT state FROM inputs")]
            waiting = db.execute("SELECT count(*) FROM outbox WHERE state != 'selesai'").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return len(states) >= expected and set(states) <= TERMINAL and waiting == 0


def test_watch_killed_during_a_burst_keeps_every_input_once(tmp_path: Path) -> None:
    rng, why = seeded()
    env = write_config(tmp_path / "config", intake=INTAKE)
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    inputs = _inputs(tmp_path, rng)
    rng.shuffle(inputs)
    gaps = [rng.uniform(0.05, 0.6) for _ in inputs]     # all drawn up front: a seed replays the run
    kills = [rng.uniform(0.3, 4.0) for _ in range(KILLS)]

    def feed() -> None:                      # a scanner and a clerk dropping files, as they come
        for (name, source), gap in zip(inputs, gaps):
            shutil.copyfile(source, root / "masuk" / name)
            time.sleep(gap)
    feeder = threading.Thread(target=feed, daemon=True)
    watcher = Watcher(root, env, tmp_path / "watch.log")
    watcher.start()
    feeder.start()
    try:
        for pause in kills:
            time.sleep(pause)
            watcher.kill()
            watcher.start()
        feeder.join(timeout=120)
        deadline = time.monotonic() + 900        # a guard against a hang, not a measured limit
        while not _settled(root, len(inputs)):
            assert watcher.proc.poll() is None, f"{why}: watch ended: {(tmp_path / 'watch.log').read_text()[-2000:]}"
            assert time.monotonic() < deadline, f"{why}: the burst never settled"
            time.sleep(0.5)
        assert watcher.stop() == 0, why
    finally:
        if watcher.proc and watcher.proc.poll() is None:
            watcher.kill()
    _assert_each_input_once(root, inputs, why)


def _assert_each_input_once(root: Path, inputs: list[tuple[str, Path]], why: str) -> None:
    """Counted by content (a file may be kept under a corrected name): as many kept copies of
    each content as inputs carried it; a quarantined one beside its reason; one case per letter."""
    assert list((root / "masuk").iterdir()) == [], why
    tercatat, quarantine = root / "01-tercatat", root / "karantina"
    cases = sorted(p for p in tercatat.iterdir()) if tercatat.exists() else []
    dropped: dict[str, list[str]] = {}
    for name, source in inputs:
        dropped.setdefault(_sha(source), []).append(name)
    kept: dict[str, list[Path]] = {}
    for folder in [*cases, quarantine]:
        for p in sorted(folder.iterdir()) if folder.exists() else []:
            if p.is_file() and not p.name.endswith(".alasan.txt") and _sha(p) in dropped:
                kept.setdefault(_sha(p), []).append(p)
    for digest, names in dropped.items():
        assert len(kept.get(digest, [])) == len(names), f"{why}: {names} kept as {kept.get(digest)}"
    registered: dict[str, list[Path]] = {}
    attached: list[Path] = []
    for digest, paths in kept.items():
        for p in paths:
            if p.parent == quarantine:
                reason = p.with_name(p.name + ".alasan.txt")
                assert reason.is_file() and reason.read_text(encoding="utf-8").strip(), f"{why}: {p.name} has no reason"
            elif p.name.startswith("pindaian-ulang-"):
                attached.append(p)
            else:
                registered.setdefault(digest, []).append(p)
    assert all(len(v) == 1 for v in registered.values()), f"{why}: a letter registered twice: {registered}"
    assert len(attached) == 1, f"{why}: the rescan (or its original, if it came first) attached: {attached}"
    assert len(cases) == len(registered), f"{why}: {len(cases)} case folders for {len(registered)} letters"
    reasons = sorted(quarantine.glob("*.alasan.txt")) if quarantine.exists() else []
    assert len(reasons) == sum(len(v) for v in kept.values()) - len(registered) - len(attached), f"{why}: stray reasons"
    rows = open_agenda(root).read_rows()
    assert len(rows) == len(registered), f"{why}: {sorted(rows)} for {len(registered)} letters"
    db = _journal(root)
    try:
        states = [s for (s,) in db.execute("SELECT state FROM inputs")]
        assert set(states) <= TERMINAL, f"{why}: {states}"
        assert states.count("terdaftar") == len(registered), why
        assert states.count("terlampir") == len(attached), why
        serials = sorted(s for (s,) in db.execute("SELECT serial FROM cases"))
        assert serials == list(range(1, len(registered) + 1)), f"{why}: agenda numbers {serials}"
        assert sorted(rows) == sorted(a for (a,) in db.execute("SELECT agenda_no FROM cases")), why
    finally:
        db.close()
    # Every sample letter the office sent is among the registered letters (none lost to the kills).
    letters = {_sha(p) for p in SAMPLES.glob("*.pdf")}
    assert letters <= set(registered), f"{why}: letters not registered: {len(letters - set(registered))}"


# ---- killed while a batch of status changes is applied (issue 12) ------------------------------

SYNC_KILLS = 6
SYNC_INTAKE = "stability_seconds: 0\ncheck_interval_seconds: 0.1\npdf_copies: false\n"


def _type_round(root: Path, numbers: list[str], round_no: int) -> None:
    """What officials type between two syncs: several cases, several statuses, one illegal."""
    if round_no == 1:
        for no in numbers[:4]:
            wu.type_cells(root, "Agenda", no, {"Status": "Didisposisi", "Catatan": f"disposisi {no}"})
        wu.type_cells(root, "Agenda", numbers[4], {"Status": "Selesai"})  # skips the SOP: refused
    else:
        for no in numbers[:2]:
            wu.type_cells(root, "Evaluasi", no, wu.answers())
            wu.type_cells(root, "Agenda", no, {"Status": "Diverifikasi"})
        wu.type_cells(root, "Agenda", numbers[2], {"Status": "Tercatat"})  # backwards: refused
        wu.type_cells(root, "Agenda", numbers[4], {"Status": "Didisposisi"})  # now legal


def _outcome(root: Path) -> dict[str, object]:
    """What a sync leaves, without times and actors: cases, their files, transitions, history."""
    db = _journal(root)
    try:
        cases = db.execute("SELECT agenda_no, status, folder FROM cases ORDER BY serial").fetchall()
        transitions = db.execute("SELECT agenda_no, old_status, new_status, state FROM transitions ORDER BY id"
                                 ).fetchall()
        moves = db.execute("SELECT agenda_no, details FROM events WHERE what = 'status_diubah' ORDER BY id").fetchall()
        waiting = db.execute("SELECT count(*) FROM outbox WHERE state != 'selesai'").fetchone()[0]
    finally:
        db.close()

    ws = openpyxl.load_workbook(root / "agenda.xlsx", read_only=True)["Riwayat"]
    history = [r for r in ws.iter_rows(min_row=2, values_only=True) if r and r[0] is not None]
    files = {no: sorted(p.name for p in (root / folder).iterdir() if not _temp(p.name)) for no, _, folder in cases}
    temps = sorted(f"{folder}/{p.name}" for _, _, folder in cases for p in (root / folder).iterdir() if _temp(p.name))
    return {"cases": sorted(cases), "files": files, "transitions": sorted(transitions),
            "moves": sorted((no, json.loads(d)["lama"], json.loads(d)["baru"]) for no, d in moves),
            "history_ids": [r[0] for r in history],
            "history": sorted((r[3], r[4] or "", r[5]) for r in history if r[4]),
            "waiting": waiting, "temps": temps}


def _temp(name: str) -> bool:
    """A temporary file of an atomic write (`fileops.temp_name`): `.<name>.<12 hex>.tmp`."""
    return name.startswith(".") and name.endswith(".tmp")


def test_sync_killed_while_applying_status_changes_applies_each_once(tmp_path: Path) -> None:
    rng, why = seeded()
    env = write_config(tmp_path / "config", intake=SYNC_INTAKE)
    root, control = tmp_path / "root", tmp_path / "control"
    (root / "masuk").mkdir(parents=True)
    for letter in sorted(SAMPLES.glob("*.pdf"))[:5]:
        shutil.copyfile(letter, root / "masuk" / letter.name)
    done = kerjasama(env, "ingest", "--root", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    numbers = [no for (no,) in _journal(root).execute("SELECT agenda_no FROM cases ORDER BY serial")]
    assert len(numbers) == 5
    shutil.copytree(root, control)  # the same office, synced without kills
    for round_no in (1, 2):
        for office in (root, control):
            _type_round(office, numbers, round_no)
        kerjasama(env, "sync", "--root", str(control))
        sync = Watcher(root, env, tmp_path / f"sync-{round_no}.log", command="sync")
        killed = 0
        for k in range(SYNC_KILLS):
            sync.start()
            try:
                # The first kill comes before a sync could finish (its start-up alone takes longer),
                # so every round tests at least one; the others fall anywhere in the run.
                sync.proc.wait(timeout=rng.uniform(0.05, 0.5) if k == 0 else rng.uniform(0.3, 3.0))
            except subprocess.TimeoutExpired:
                sync.kill()
                killed += 1
        assert killed, f"{why}: every sync finished before its kill; nothing was tested"
        finished = kerjasama(env, "sync", "--root", str(root))  # restarted, left to finish
        assert "Traceback" not in finished.stderr, f"{why}: {finished.stderr[-2000:]}"
        kerjasama(env, "sync", "--root", str(root))  # and once more: nothing left to do
        kerjasama(env, "sync", "--root", str(control))
        got, want = _outcome(root), _outcome(control)
        assert got["waiting"] == 0 and want["waiting"] == 0, why
        assert sorted(got["history_ids"]) == sorted(set(got["history_ids"])), f"{why}: a Riwayat row twice"
        for key in ("cases", "files", "transitions", "moves", "history"):
            assert got[key] == want[key], f"{why}: round {round_no}, {key}: {got[key]} != {want[key]}"
        assert all(state == "selesai" for *_, state in got["transitions"]), f"{why}: a change left open"
        # A kill inside an atomic document write leaves its temporary file; the restarted
        # sync writes the document again but must not leave the old half-written one behind.
        assert got["temps"] == [], f"{why}: half-written temporary files left in case folders: {got['temps']}"
    applied = {(no, old, new) for no, old, new, _ in _outcome(root)["transitions"]}
    assert {(no, "Tercatat", "Didisposisi") for no in numbers[:5]} <= applied, why
    assert {(no, "Didisposisi", "Diverifikasi") for no in numbers[:2]} <= applied, why
