"""The one wrapper around systemd (systemctl, systemd-analyze) and the system user of the service.

`probe()` says whether this machine runs systemd at all, apart from any call. The calls go
through `tools.process` with explicit time limits; each returns what the program said, so the
caller can tell the office what to do when it refused.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipeline.tools import process

TIMEOUT = 60.0  # seconds; `enable --now` starts the service and waits for it
UNIT_DIR = Path("/etc/systemd/system")


@dataclass(frozen=True)
class Result:
    ok: bool
    output: str


def probe() -> str | None:
    """None when systemd runs this machine and systemctl is installed; else why not (Indonesian)."""
    if os.name != "posix":
        return "systemd hanya ada di Linux; di Windows pakai Task Scheduler (lihat README)."
    if shutil.which("systemctl") is None:
        return "systemctl tidak ditemukan: mesin ini tidak memakai systemd."
    if not Path("/run/systemd/system").is_dir():
        return "systemd tidak berjalan di mesin ini (mis. di dalam kontainer)."
    return None


def _run(*args: str) -> Result:
    try:
        done = process.run(list(args), timeout=TIMEOUT)
    except OSError as exc:
        return Result(False, f"{args[0]} tidak dapat dijalankan: {exc.strerror or exc}")
    except process.ProcessTimeout:
        return Result(False, f"{args[0]} tidak selesai dalam {TIMEOUT:g} detik")
    text = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
    return Result(done.returncode == 0, text)


def verify(unit_file: Path) -> Result | None:
    """`systemd-analyze verify` on a unit file; None where the tool is not installed."""
    tool = shutil.which("systemd-analyze")
    return None if tool is None else _run(tool, "verify", str(unit_file))


def daemon_reload() -> Result:
    return _run("systemctl", "daemon-reload")


def enable_now(unit: str) -> Result:
    return _run("systemctl", "enable", "--now", unit)


def user_exists(name: str) -> bool:
    try:
        import pwd  # POSIX only: imported here, never at module import (Windows)
    except ImportError:
        return False
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def create_system_user(name: str) -> Result:
    """A system user without a login shell or password, for the service to run as."""
    tool = shutil.which("useradd") or "/usr/sbin/useradd"
    nologin = shutil.which("nologin") or "/usr/sbin/nologin"
    return _run(tool, "--system", "--user-group", "--no-create-home", "--shell", nologin, name)
