"""A row lost to a person's stale save of agenda.xlsx is restored from the journal."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.agenda import open_agenda
from pipeline.steps.restore_rows import RESTORED_NOTE

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


def kerjasama(*args: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args, "--root", str(root)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


def test_rows_wiped_by_a_stale_save_come_back_with_a_note(tmp_path):
    root = tmp_path / "root"
    assert kerjasama("init", root=root).returncode == 0
    shutil.copy(SAMPLES / "surat_01_arjunakanal-com.pdf", root / "masuk")
    assert kerjasama("ingest", root=root).returncode == 0
    stale = tmp_path / "agenda-lama.xlsx"
    shutil.copy(root / "agenda.xlsx", stale)  # an official opens the agenda now ...
    shutil.copy(SAMPLES / "surat_02_koran-harian-cempaka-pos.pdf", root / "masuk")
    shutil.copy(SAMPLES / "surat_03_gaungwilis-id.pdf", root / "masuk")
    assert kerjasama("ingest", root=root).returncode == 0
    assert len(open_agenda(root).read_rows()) == 3
    shutil.copy(stale, root / "agenda.xlsx")  # ... and saves the old copy over the new one
    assert len(open_agenda(root).read_rows()) == 1

    result = kerjasama("sync", root=root)
    assert result.returncode == 0, result.stderr
    rows = open_agenda(root).read_rows()
    assert len(rows) == 3
    restored = [r for r in rows.values() if r.get("Pesan Sistem") == RESTORED_NOTE]
    assert sorted(r["Perusahaan"] for r in restored) == ["CV Gaung Wilis Kreasi", "PT Cempaka Pos Mandiri"]
    assert all(r["Status"] == "Tercatat" for r in restored)

    again = kerjasama("sync", root=root)  # nothing lost any more: nothing restored twice
    assert again.returncode == 0 and len(open_agenda(root).read_rows()) == 3
