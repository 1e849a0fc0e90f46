"""A letter is read in a child process: a file that takes too long cannot hang the caller."""
import subprocess
import sys
from pathlib import Path

import yaml

from pipeline.read.isolated import read_letter_isolated

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


def test_extract_gives_up_at_the_document_time_limit_with_one_line(tmp_path):
    limits = yaml.safe_load((REPO / "config" / "limits.yaml").read_text(encoding="utf-8"))
    limits["seconds_per_document"] = 0.3  # far less than OCR of a scanned page takes
    (tmp_path / "limits.yaml").write_text(yaml.safe_dump(limits), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(SAMPLES / "surat_08_menaksopalnews-com.png"), "--json"],
        capture_output=True, text=True, timeout=60, env={"KERJASAMA_CONFIG_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0 and result.stdout == ""
    assert "batas waktu" in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    # The document's own limit ended it (not a page's OCR limit, not the guard above): its value is named.
    assert "batas waktu 0.3 detik" in result.stderr and "halaman" not in result.stderr


def test_a_reading_comes_back_whole_from_the_child():
    reading = read_letter_isolated(SAMPLES / "surat_01_arjunakanal-com.pdf", timeout=60, context="forkserver")
    assert reading.letter.nomor_surat == "118/AKI-MKT/XII/2026"
    assert reading.doc.pages[0].source == "text_layer"


def test_a_refusal_keeps_its_reason_across_the_process_boundary():
    bad = Path(__file__).parent.parent / "fixtures" / "bad" / "terkunci.pdf"
    try:
        read_letter_isolated(bad, timeout=60, context="fork")
    except Exception as exc:  # noqa: BLE001
        assert type(exc).__name__ == "InputRejected" and exc.code == "pdf_encrypted"
    else:
        raise AssertionError("a locked PDF was read")


def test_a_letter_that_takes_too_long_is_quarantined_and_the_next_one_registered(tmp_path):
    limits = yaml.safe_load((REPO / "config" / "limits.yaml").read_text(encoding="utf-8"))
    limits["seconds_per_document"] = 5  # ample for the text-layer PDF, even on a busy machine
    config = tmp_path / "config"
    config.mkdir()
    (config / "limits.yaml").write_text(yaml.safe_dump(limits), encoding="utf-8")
    intake = yaml.safe_load((REPO / "config" / "intake.yaml").read_text(encoding="utf-8"))
    intake["stability_seconds"] = 0.5
    (config / "intake.yaml").write_text(yaml.safe_dump(intake), encoding="utf-8")
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    for name in ("surat_08_menaksopalnews-com.png", "surat_01_arjunakanal-com.pdf"):
        (root / "masuk" / name).write_bytes((SAMPLES / name).read_bytes())
    # The scan's reader child hangs (the crash seam), so only the time limit can end it.
    env = {"KERJASAMA_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin",
           "KERJASAMA_CRASH_AT": "in_reader:hang:surat_08_*"}
    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--root", str(root)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    reason = (root / "karantina" / "surat_08_menaksopalnews-com.png.alasan.txt").read_text(encoding="utf-8")
    assert "batas waktu" in reason
    assert (root / "karantina" / "surat_08_menaksopalnews-com.png").is_file()
    assert list((root / "masuk").iterdir()) == []
    assert any(p.name == "surat_01_arjunakanal-com.pdf" for p in (root / "01-tercatat").rglob("*.pdf"))


def test_a_reading_ended_at_its_time_limit_leaves_nothing_in_the_temp_folder(tmp_path):
    limits = yaml.safe_load((REPO / "config" / "limits.yaml").read_text(encoding="utf-8"))
    limits["seconds_per_document"] = 3
    (tmp_path / "limits.yaml").write_text(yaml.safe_dump(limits), encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    # The reader hangs once OCR has made its temporary folder: only the time limit can end it,
    # and the killed child cannot clean up after itself.
    env = {"KERJASAMA_CONFIG_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "TMPDIR": str(temp),
           "KERJASAMA_CRASH_AT": "during_ocr:hang"}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(SAMPLES / "surat_08_menaksopalnews-com.png"), "--json"],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode != 0 and "batas waktu 3 detik" in result.stderr
    # The machine-wide slots (tools/slots.py) stay: a folder of lock files, one per reading
    # that ran at once, that the next reading on the machine uses again.
    left = [p.name for p in temp.iterdir() if p.name.startswith("kerjasama-") and not p.name.startswith("kerjasama-slot-")]
    assert left == []


def test_scratch_left_by_a_killed_watcher_is_removed_by_the_next_reading_but_a_fresh_one_kept(tmp_path):
    import os
    import time
    temp = tmp_path / "tmp"
    old, fresh = temp / "kerjasama-baca-lama", temp / "kerjasama-baca-baru"
    for folder in (old, fresh):
        (folder / "kerjasama-pages-x").mkdir(parents=True)
    day_and_more = time.time() - 25 * 3600
    os.utime(old, (day_and_more, day_and_more))
    env = {"PATH": "/usr/bin:/bin", "TMPDIR": str(temp)}
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(SAMPLES / "surat_01_arjunakanal-com.pdf")],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert not old.exists() and fresh.is_dir()


PARENT = r"""
import sys
from pathlib import Path
from pipeline.read.isolated import read_letter_checked
checked = read_letter_checked(Path(sys.argv[1]), timeout=120, context="forkserver")
heavy = sorted(m for m in ("cv2", "pytesseract", "pdfplumber", "pypdfium2", "pipeline.read.letter") if m in sys.modules)
print(checked.reading.letter.nomor_surat, ",".join(heavy) or "-")
"""


def test_the_process_that_receives_a_reading_never_loads_the_ocr_libraries():
    # The watcher runs all day on the office PC: its memory is its own, the readers' come and go.
    scan = SAMPLES / "surat_08_menaksopalnews-com.png"
    done = subprocess.run([sys.executable, "-c", PARENT, str(scan)], capture_output=True, text=True, timeout=180,
                          cwd=REPO, check=True)
    number, heavy = done.stdout.split()
    assert number.count("/") >= 3 and heavy == "-"
