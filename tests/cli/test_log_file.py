"""ROOT/.kerjasama/log/kerjasama.log: the lines the commands print, warnings and errors with
their reason, rotated by size with a configured number of files kept."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workflow_util import PDF1, REPO


def run(root: Path, config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KERJASAMA_CRASH_AT"}
    env["KERJASAMA_CONFIG_DIR"] = str(config)
    return subprocess.run([sys.executable, "-m", "pipeline", *args, "--root", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=180)


def log_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / ".kerjasama" / "log").iterdir())


def test_the_log_holds_registrations_and_quarantine_reasons(tmp_path):
    root, config = tmp_path / "root", tmp_path / "office"
    config.mkdir()
    (config / "intake.yaml").write_text("stability_seconds: 0\n", encoding="utf-8")
    assert run(root, config, "init").returncode == 0
    (root / "masuk" / PDF1.name).write_bytes(PDF1.read_bytes())
    (root / "masuk" / "surat.pdf").write_bytes(b"PK\x03\x04 ini dokumen Word, bukan surat")
    done = run(root, config, "ingest")
    assert done.returncode == 0, done.stderr
    log = (root / ".kerjasama" / "log" / "kerjasama.log").read_text(encoding="utf-8")
    assert "INFO" in log and f"← {PDF1.name}" in log and "TERCATAT" in log
    quarantined = next(line for line in log.splitlines() if "KARANTINA" in line)
    assert "surat.pdf" in quarantined and len(quarantined.split("surat.pdf: ", 1)[1]) > 10  # with its reason
    # An error that stops a command is logged with its reason too (here: ROOT is busy).
    busy = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                             "from pipeline.core import fileops as F\nwith F.locked(Path(sys.argv[1]), wait=0):\n"
                             "    print('ok', flush=True); time.sleep(60)", str(root / ".kerjasama" / "pekerja.lock")],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert busy.stdout.readline().strip() == "ok"
        refused = run(root, config, "watch")  # gives up at once (sync would wait 30 s)
    finally:
        busy.kill()
        busy.wait()
    assert refused.returncode == 2
    log = (root / ".kerjasama" / "log" / "kerjasama.log").read_text(encoding="utf-8")
    assert any("ERROR" in line and "sedang diproses" in line for line in log.splitlines())


def test_the_log_is_rotated_and_only_the_configured_files_are_kept(tmp_path):
    root, config = tmp_path / "root", tmp_path / "office"
    config.mkdir()
    (config / "operations.yaml").write_text("log:\n  max_bytes: 300\n  keep_files: 2\n", encoding="utf-8")
    for _ in range(6):
        assert run(root, config, "init").returncode == 0
    assert log_files(root) == ["kerjasama.log", "kerjasama.log.1", "kerjasama.log.2"]
    text = "".join((root / ".kerjasama" / "log" / n).read_text(encoding="utf-8") for n in log_files(root))
    assert "Folder bersama siap" in text
