"""SOP step 1 at scale: twenty letters of mixed formats dropped at once into masuk/
while `kerjasama watch` runs, with the native observer and with the polling one."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from pipeline.agenda import open_agenda

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"
REPO = Path(__file__).resolve().parents[2]


def twenty_letters(folder: Path) -> list[Path]:
    """The 16 sample letters plus 4 re-scans of some of them (same letter, other bytes)."""
    folder.mkdir()
    files = []
    for f in sorted(SAMPLES.iterdir()):
        if f.suffix != ".json" and f.name.startswith("surat_"):
            files.append(Path(shutil.copy(f, folder / f.name)))
    for name, fmt, suffix in [
        ("surat_07_lenteranusantara-or-id.png", "JPEG", ".jpg"),
        ("surat_09_kabardesa-id.png", "TIFF", ".tif"),
        ("surat_10_mata-kota-tv.jpg", "PNG", ".png"),
        ("surat_13_teropongselatan-com.png", "JPEG", ".jpeg"),
    ]:
        with Image.open(SAMPLES / name) as im:
            target = folder / f"pindaian-ulang-{Path(name).stem}{suffix}"
            im.convert("L").save(target, fmt, dpi=im.info.get("dpi", (200, 200)))
            files.append(target)
    assert len(files) == 20
    return files


def config_dir(tmp: Path, polling: str) -> Path:
    shipped = yaml.safe_load((REPO / "config" / "intake.yaml").read_text(encoding="utf-8"))
    shipped.update(stability_seconds=1, check_interval_seconds=0.2, polling=polling, polling_interval_seconds=0.5)
    folder = tmp / "config"
    folder.mkdir()
    (folder / "intake.yaml").write_text(yaml.safe_dump(shipped), encoding="utf-8")
    return folder


@pytest.mark.parametrize("polling", ["off", "on"])
def test_twenty_letters_dropped_at_once_give_a_row_and_folder_per_letter(tmp_path: Path, polling: str):
    root = tmp_path / "root"
    letters = twenty_letters(tmp_path / "surat")
    env = dict(os.environ, KERJASAMA_CONFIG_DIR=str(config_dir(tmp_path, polling)))
    subprocess.run([sys.executable, "-m", "pipeline", "init", "--root", str(root)], check=True, env=env, timeout=60)
    watcher = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2)  # the observer is up
        for f in letters:  # "at once": as fast as the copy goes
            shutil.copyfile(f, root / "masuk" / f.name)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if not any((root / "masuk").iterdir()) and len(open_agenda(root).read_rows()) == 16:
                break
            time.sleep(1)
    finally:
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=120)
    assert watcher.returncode == 0, err
    assert list((root / "masuk").iterdir()) == []
    rows = open_agenda(root).read_rows()
    assert len(rows) == 16  # the 4 rescans get no row of their own
    case_folders = [p for p in (root / "01-tercatat").iterdir() if p.is_dir()]
    assert len(case_folders) == 16
    # Every dropped letter is in exactly one case folder under its own name; each rescan beside
    # the letter it is a scan of, as pindaian-ulang-2.*, named in that letter's row.
    originals = {f.name for f in letters if not f.name.startswith("pindaian-ulang-")}
    filed = sorted(p.name for folder in case_folders for p in folder.iterdir() if p.name in originals)
    assert filed == sorted(originals)
    for f in letters:
        if f.name.startswith("pindaian-ulang-"):
            original = f.name.removeprefix("pindaian-ulang-").rsplit(".", 1)[0]
            (folder,) = [c for c in case_folders if any(p.stem == original for p in c.iterdir())]
            (attached,) = [p for p in folder.iterdir() if p.name.startswith("pindaian-ulang-2")]
            assert attached.read_bytes() == f.read_bytes()
    attached_rows = [r for r in rows.values() if "pindaian-ulang-2" in (r.get("Pesan Sistem") or "")]
    assert len(attached_rows) == 4
