"""Running an external program with a hard time limit: the one way `pipeline.tools` does it.

The program gets its own process group (a new session on POSIX), so that on timeout the
whole group is killed: LibreOffice's launcher leaves a `soffice.bin` child behind, and a
plain `proc.kill()` would orphan it. On Windows there are no process groups to kill;
the program itself is killed instead.
"""
from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

POSIX = os.name == "posix"
# After the kill: how long to wait for the pipes to close (a grandchild that left the
# group could hold them open forever).
REAP_SECONDS = 5.0


@dataclass(frozen=True)
class Completed:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes


class ProcessTimeout(subprocess.TimeoutExpired):
    """The program ran past its time limit; its process group was killed."""

    def __str__(self) -> str:
        return f"{self.cmd[0]} did not finish within {self.timeout:g} s; its process group was killed"


def run(
    args: Sequence[str | os.PathLike],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike | None = None,
) -> Completed:
    """Run `args` to completion within `timeout` seconds and return its exit code and output.

    `env` holds overrides laid over the current environment (passing a whole environment
    works too). The return code is not checked: each wrapper knows what its program's
    codes mean. Raises ProcessTimeout when time runs out (the group is killed first), and
    OSError (FileNotFoundError) when the program cannot be started.
    """
    argv = tuple(os.fspath(a) for a in args)
    environment = {**os.environ, **env} if env is not None else None
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=cwd,
        start_new_session=POSIX,
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stdout, stderr = _kill(proc)
        raise ProcessTimeout(argv, timeout, stdout, stderr) from None
    except BaseException:  # e.g. KeyboardInterrupt: leave no program running behind us
        _kill(proc)
        raise
    return Completed(argv, proc.returncode, stdout, stderr)


def _kill(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    """Kill the program's whole group and reap it; what it wrote so far."""
    if POSIX:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group is already gone
    else:
        proc.kill()
    try:
        return proc.communicate(timeout=REAP_SECONDS)
    except subprocess.TimeoutExpired:
        for pipe in (proc.stdout, proc.stderr):
            if pipe:
                pipe.close()
        proc.wait()
        return b"", b""
