"""`kerjasama service print | install`: the systemd unit that runs `kerjasama watch`."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from pipeline import cli
from pipeline.tools import systemd


def unit(capsys, *args: str) -> str:
    assert cli.main(["service", "print", *args]) == 0
    return capsys.readouterr().out


def test_the_unit_runs_watch_on_root_as_its_own_user_and_restarts_on_failure(tmp_path, capsys):
    root = tmp_path / "folder bersama"
    text = unit(capsys, "--root", str(root))
    lines = text.splitlines()
    assert "User=kerjasama" in lines and "Group=kerjasama" in lines
    assert "Restart=on-failure" in lines and "KillSignal=SIGTERM" in lines
    assert f'Environment="KERJASAMA_ROOT={root}"' in lines
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    assert f'"watch" "--root" "{root}"' in exec_start
    assert "WantedBy=multi-user.target" in lines
    assert "password" not in text.lower()  # secrets go in the EnvironmentFile only


def test_the_unit_passes_systemd_analyze_verify(tmp_path, capsys):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze tidak terpasang")
    root = tmp_path / "a b%c"
    root.mkdir()
    path = tmp_path / "kerjasama.service"
    path.write_text(unit(capsys, "--root", str(root), "--user", "kerjasama"), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Unknown" not in done.stderr and "Invalid" not in done.stderr, done.stderr


def test_install_says_why_it_cannot_where_systemd_does_not_run(tmp_path, capsys):
    why = systemd.probe()
    if why is None:
        pytest.skip("systemd berjalan di sini: memasang layanan sungguhan tidak diuji")
    assert cli.main(["service", "install", "--root", str(tmp_path)]) == 2
    assert why in capsys.readouterr().err
