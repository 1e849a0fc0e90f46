"""`kerjasama service print | install`: a systemd unit that runs `kerjasama watch` for good.

The unit runs as its own system user (`kerjasama` by default), restarts on failure, names
ROOT in `KERJASAMA_ROOT` and stops with SIGTERM, which `watch` handles by finishing the file
in hand. Secrets (the SMTP password, GOOGLE_APPLICATION_CREDENTIALS) belong in the optional
`EnvironmentFile`, readable by root only, never in the unit or the YAML.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.core import fileops as F
from pipeline.core.errors import KerjasamaError
from pipeline.tools import systemd

UNIT_NAME = "kerjasama.service"
ENV_FILE = "/etc/kerjasama/kerjasama.env"
STOP_SECONDS = 120  # a letter being read when the stop comes is finished first


def quoted(value: str) -> str:
    """One systemd word: quoted, with backslashes, quotes and specifiers escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


def exec_start(root: Path) -> str:
    script = Path(sys.executable).parent / "kerjasama"
    program = [str(script)] if script.is_file() else [sys.executable, "-m", "pipeline"]
    return " ".join(quoted(a) for a in [*program, "watch", "--root", str(root)])


def unit_text(root: Path, *, user: str = "kerjasama") -> str:
    root = Path(os.path.abspath(root))
    lines = [
        "[Unit]",
        "Description=kerjasama: SOP 7.1 Kerja Sama Media Massa (memantau masuk/ dan agenda)",
        "Wants=network-online.target",
        "After=network-online.target remote-fs.target",
        "",
        "[Service]",
        "Type=simple",
        f"User={user}",
        f"Group={user}",
        f"Environment={quoted(f'KERJASAMA_ROOT={root}')}",
        "Environment=PYTHONUNBUFFERED=1",
        f"EnvironmentFile=-{ENV_FILE}",
        f"ExecStart={exec_start(root)}",
        "Restart=on-failure",
        "RestartSec=10",
        "KillSignal=SIGTERM",
        "KillMode=mixed",
        f"TimeoutStopSec={STOP_SECONDS}",
        "UMask=0002",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
    ]
    return "\n".join(lines) + "\n"


def run_service(args: argparse.Namespace) -> int:
    root = Path(args.root)
    text = unit_text(root, user=args.user)
    if args.action == "print":
        print(text, end="")
        return 0
    return install(root, text, user=args.user)


def install(root: Path, text: str, *, user: str) -> int:
    why = systemd.probe()
    if why:
        raise KerjasamaError(f"Layanan tidak dapat dipasang: {why}", code="no_systemd")
    if getattr(os, "geteuid", lambda: 0)() != 0:
        raise KerjasamaError("Pasang layanan sebagai root: `sudo .venv/bin/kerjasama service install`.",
                             code="not_root")
    if not root.is_dir():
        raise KerjasamaError(f"Folder bersama {root} tidak ada; jalankan `kerjasama init --root {root}` dulu.",
                             code="bad_root")
    if not systemd.user_exists(user):
        done = systemd.create_system_user(user)
        if not done.ok:
            raise KerjasamaError(f"Pengguna sistem '{user}' tidak dapat dibuat: {done.output}", code="service")
        print(f"Pengguna sistem '{user}' dibuat.")
    target = systemd.UNIT_DIR / UNIT_NAME
    F.write_atomic(target, text.encode("utf-8"))
    print(f"Unit ditulis: {target}")
    checked = systemd.verify(target)
    if checked is not None and not checked.ok:
        print(f"kerjasama: peringatan: systemd-analyze verify: {checked.output}", file=sys.stderr)
    for step in (systemd.daemon_reload(), systemd.enable_now(UNIT_NAME)):
        if not step.ok:
            raise KerjasamaError(f"systemctl gagal: {step.output}", code="service")
    print(f"Layanan {UNIT_NAME} aktif dan berjalan saat mesin dinyalakan. Lihat: systemctl status {UNIT_NAME}; "
          f"log: {root / '.kerjasama' / 'log' / 'kerjasama.log'}")
    print(f"Pastikan pengguna '{user}' dapat menulis {root} (mis. `sudo chown -R {user}: {root}` atau lewat grup).")
    return 0
