"""The one wrapper around LibreOffice, which makes PDF copies of the documents.

`find()` is the one lookup (the doctor's `probe()` and `to_pdf()` both use it): `soffice`
or `libreoffice` on PATH, then the usual install folders on Linux and Windows. `probe()`
adds the version (`soffice --version`) and checks it against MINIMUM_VERSION; `to_pdf()`
runs the conversion through `tools.process` (hard timeout, process-group kill). LibreOffice
is optional: without it the .docx documents are still written, only the PDF is skipped.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
from pathlib import Path

from pipeline.core.errors import KerjasamaError, ToolMissing
from pipeline.tools import process
from pipeline.tools.probe import ToolProbe, at_least

# 7.x is what current office PCs ship (Debian 12: 7.4, Ubuntu 22.04: 7.3); older ones were
# never checked against the templates' tables and tick boxes.
MINIMUM_VERSION = "7.0"
PROBE_TIMEOUT = 30.0  # seconds; `--version` starts no document, but a cold disk is slow
PDF_TIMEOUT = 120.0  # seconds; a first LibreOffice start on a slow PC takes a while
COMMANDS = ("soffice", "libreoffice")
INSTALL = "sudo apt-get install libreoffice-writer"


def install_locations() -> list[str]:
    """Where LibreOffice is installed when it is not on PATH (newest /opt version first)."""
    if os.name == "nt":
        folders = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
        folders = [f for f in folders if f] or [r"C:\Program Files"]
        return [os.path.join(f, "LibreOffice", "program", "soffice.exe") for f in folders]
    return ["/usr/lib/libreoffice/program/soffice", "/usr/lib64/libreoffice/program/soffice",
            *sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True),
            "/snap/bin/libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]


def find() -> str | None:
    """The LibreOffice program to run, or None when it is not installed."""
    for name in COMMANDS:
        path = shutil.which(name)
        if path:
            return path
    return next((p for p in install_locations() if os.path.isfile(p) and os.access(p, os.X_OK)), None)


def read_version(path: str) -> str | None:
    """'7.4.7.2' from `soffice --version` ("LibreOffice 7.4.7.2 40(Build:2)")."""
    # On Windows soffice.exe is a GUI program that prints nothing; soffice.com beside it
    # is the console twin that does.
    console = Path(path).with_suffix(".com")
    exe = str(console) if os.name == "nt" and console.is_file() else path
    done = process.run([exe, "--version"], timeout=PROBE_TIMEOUT)
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    m = re.search(r"(?:LibreOffice|soffice)\S*\s+v?(\d+(?:\.\d+)+)", text, re.IGNORECASE)
    return m.group(1) if m else None


def probe() -> ToolProbe:
    """Where LibreOffice is and whether its version is >= MINIMUM_VERSION (converts nothing)."""
    path = find()
    base = {"name": "LibreOffice", "minimum": MINIMUM_VERSION, "path": path}
    if path is None:
        return ToolProbe(found=False, message=f"LibreOffice tidak ditemukan. Pasang: {INSTALL}", **base)
    try:
        version = read_version(path)
    except (OSError, process.ProcessTimeout) as exc:
        return ToolProbe(found=False, message=f"LibreOffice di {path} tidak dapat dijalankan ({exc})", **base)
    if not at_least(version, MINIMUM_VERSION):
        message = f"LibreOffice {version or '(versi tidak terbaca)'} terlalu lama, minimal {MINIMUM_VERSION}"
        return ToolProbe(found=True, version=version, message=message, **base)
    return ToolProbe(found=True, version=version, ok=True, message=f"LibreOffice {version} di {path}", **base)


def to_pdf(docx: Path, out_dir: Path, timeout: float = PDF_TIMEOUT) -> Path:
    """Convert `docx` to `out_dir/<stem>.pdf` and return that path.

    Raises ToolMissing when LibreOffice is not installed, KerjasamaError when it fails or
    runs past `timeout` seconds (its whole process group is killed then).
    """
    exe = find()
    if exe is None:
        raise ToolMissing(f"LibreOffice tidak ditemukan. Pasang: {INSTALL}", code="libreoffice_missing")
    docx, out_dir = Path(docx), Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="kerjasama-lo-") as profile:
        # A private profile: a LibreOffice already open on the office PC would otherwise
        # swallow the request (or lock the profile) and no PDF would appear.
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
        try:
            done = process.run(cmd, timeout=timeout)
        except process.ProcessTimeout as exc:
            raise KerjasamaError(f"Konversi PDF {docx.name} melebihi {timeout:g} detik", code="pdf_timeout") from exc
        except OSError as exc:  # found, but cannot be started (permissions, broken install)
            raise KerjasamaError(f"Konversi PDF {docx.name} gagal: {exc}", code="pdf_failed") from exc
    made = out_dir / f"{docx.stem}.pdf"
    if done.returncode != 0 or not made.exists():
        detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:200]
        raise KerjasamaError(f"Konversi PDF {docx.name} gagal: {detail or done.returncode}", code="pdf_failed")
    return made
