"""`kerjasama watch` SIGKILLed (its whole process group: reader children too) at random moments
while about forty files arrive, restarted each time. Afterwards every input is kept exactly
once, in a case folder or in karantina/ with its reason, and each registered letter has one
agenda row.

Part of `make test-faults` (marker `faults`, deselected by `make test`). The moments come from
a seeded random generator: KERJASAMA_FAULT_SEED=<n> replays a run; the seed is in every
failure message.
"""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.agenda import open_agenda

pytestmark = pytest.mark.faults

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
SAMPLES = TESTS / "fixtures" / "samples"
BAD = TESTS / "fixtures" / "bad"
KILLS = 10
# Short waits so the burst moves; the rescan is left at a few seconds (a restart scans anyway).
INTAKE = "stability_seconds: 0.3\ncheck_interval_seconds: 0.1\nrescan_interval_seconds: 3\nagenda_retry_seconds: 0.5\n"
TERMINAL = {"terdaftar", "dikarantina"}


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
    return out


class Watcher:
    """`kerjasama watch` in its own process group, so a kill takes its reader children too."""

    def __init__(self, root: Path, env: dict[str, str], log: Path) -> None:
        self.root, self.env, self.log = root, env, log
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(self.root)],
                                         cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)

    def stop(self) -> int:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.kill()
            raise


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
    seed = int(os.environ.get("KERJASAMA_FAULT_SEED") or random.randrange(1 << 30))
    rng = random.Random(seed)
    why = f"KERJASAMA_FAULT_SEED={seed}"
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text(INTAKE, encoding="utf-8")
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    env.pop("KERJASAMA_CRASH_AT", None)
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
    for digest, paths in kept.items():
        for p in paths:
            if p.parent == quarantine:
                reason = p.with_name(p.name + ".alasan.txt")
                assert reason.is_file() and reason.read_text(encoding="utf-8").strip(), f"{why}: {p.name} has no reason"
            else:
                registered.setdefault(digest, []).append(p)
    assert all(len(v) == 1 for v in registered.values()), f"{why}: a letter registered twice: {registered}"
    assert len(cases) == len(registered), f"{why}: {len(cases)} case folders for {len(registered)} letters"
    reasons = sorted(quarantine.glob("*.alasan.txt")) if quarantine.exists() else []
    assert len(reasons) == sum(len(v) for v in kept.values()) - len(registered), f"{why}: stray reasons"
    rows = open_agenda(root).read_rows()
    assert len(rows) == len(registered), f"{why}: {sorted(rows)} for {len(registered)} letters"
    db = _journal(root)
    try:
        states = [s for (s,) in db.execute("SELECT state FROM inputs")]
        assert set(states) <= TERMINAL, f"{why}: {states}"
        assert states.count("terdaftar") == len(registered), why
        serials = sorted(s for (s,) in db.execute("SELECT serial FROM cases"))
        assert serials == list(range(1, len(registered) + 1)), f"{why}: agenda numbers {serials}"
        assert sorted(rows) == sorted(a for (a,) in db.execute("SELECT agenda_no FROM cases")), why
    finally:
        db.close()
    # Every sample letter the office sent is among the registered letters (none lost to the kills).
    letters = {_sha(p) for p in SAMPLES.glob("*.pdf")}
    assert letters <= set(registered), f"{why}: letters not registered: {len(letters - set(registered))}"
