"""What the fault tests share: `kerjasama watch`/`sync` as real processes, the journal read-only,
and a poll-until that reports what it waited for."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
SAMPLES = TESTS / "fixtures" / "samples"
GUARD_SECONDS = 600.0  # a guard against a hang, never a measured limit


class Watcher:
    """`kerjasama <command>` in its own process group, so a kill takes its reader children too."""

    def __init__(self, root: Path, env: dict[str, str], log: Path, command: str = "watch") -> None:
        self.root, self.env, self.log, self.command = root, env, log, command
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "pipeline", self.command, "--root", str(self.root)],
                                         cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

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

    def wait(self) -> int:
        return self.proc.wait(timeout=GUARD_SECONDS)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


def journal(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{root / '.kerjasama' / 'journal.sqlite3'}?mode=ro", uri=True, timeout=10)


def query(root: Path, sql: str, *args: object) -> list[tuple]:
    """Rows of a read-only query; [] while the journal does not exist yet or is busy."""
    try:
        db = journal(root)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []


def registered(root: Path) -> list[str]:
    """Agenda numbers handed out, in order of registration."""
    return [no for (no,) in query(root, "SELECT agenda_no FROM cases ORDER BY serial")]


def finished(root: Path) -> int:
    """Letters fully registered: numbered, filed and their agenda row queued."""
    got = query(root, "SELECT count(*) FROM inputs WHERE state = 'terdaftar'")
    return got[0][0] if got else -1


def waiting_rows(root: Path) -> int:
    got = query(root, "SELECT count(*) FROM outbox WHERE state != 'selesai'")
    return got[0][0] if got else -1


def wait_until(what: str, ok: Callable[[], bool], *, alive: Watcher | None = None, step: float = 0.2) -> None:
    """Poll `ok` until it holds; fail (with the watcher's log) if the watcher ends or the guard passes."""
    deadline = time.monotonic() + GUARD_SECONDS
    while not ok():
        if alive is not None:
            assert alive.alive(), f"watch ended while waiting for {what}: {alive.output()[-3000:]}"
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(step)


def write_config(folder: Path, **files: str) -> dict[str, str]:
    """A config folder with the given YAML files; the environment that points `kerjasama` at it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(folder)}
    env.pop("KERJASAMA_CRASH_AT", None)
    return env


def kerjasama(env: dict[str, str], *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """One `kerjasama` command as its own process, run to its end."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def init_root(root: Path, env: dict[str, str]) -> None:
    done = kerjasama(env, "init", "--root", str(root), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def seeded() -> tuple[random.Random, str]:
    """The random moments of a fault test, and the words that replay them (KERJASAMA_FAULT_SEED=<n>)."""
    seed = int(os.environ.get("KERJASAMA_FAULT_SEED") or random.randrange(1 << 30))
    return random.Random(seed), f"KERJASAMA_FAULT_SEED={seed}"
