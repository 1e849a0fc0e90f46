"""`kerjasama doctor` as the office runs it: a subprocess, one line per check, exit 0/1."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.agenda.registry import open_agenda

LEVELS = ("OK", "PERINGATAN", "GAGAL")


FILLED_OFFICE = """\
alamat: "Jl. Dr. Sutomo No. 2, Trenggalek"
kode_pos: "66311"
telepon: "(0355) 791234"
email: "diskominfo@trenggalekkab.go.id"
kepala: {jabatan: Kepala Dinas, nama: "Drs. Sutrisno, M.Si.", nip: "19700101 199003 1 001"}
anggaran: {dpa: "DPA Dinas Komunikasi dan Informatika Tahun Anggaran 2026"}
"""


def filled_office_dir() -> str:
    """An office config folder whose office.yaml is filled in (the shipped one holds dots)."""
    folder = Path(tempfile.mkdtemp(prefix="kantor-"))
    (folder / "office.yaml").write_text(FILLED_OFFICE, encoding="utf-8")
    return str(folder)


def doctor(root: Path, **env_changes: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": filled_office_dir(), **env_changes}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "doctor", "--root", str(root)],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert "Traceback" not in result.stderr + result.stdout
    return result


def lines_about(output: str, subject: str) -> list[str]:
    return [line for line in output.splitlines() if subject in line]


def make_layout(root: Path) -> None:
    """The tree `kerjasama init` makes, with the agenda written by the pipeline's own backend."""
    for name in ("masuk", "karantina", "arsip", ".kerjasama"):
        (root / name).mkdir(parents=True)
    open_agenda(root).ensure()


def test_every_check_is_one_line_with_a_level(tmp_path):
    out = doctor(tmp_path).stdout.splitlines()
    assert out[-1].startswith("Hasil:")
    for line in out[:-1]:
        assert line.split()[0] in LEVELS, line
    assert any("Tesseract" in line for line in out)
    assert any("paket Python" in line for line in out)
    assert any("ruang disk" in line for line in out)
    assert any("LibreOffice" in line for line in out)


def test_empty_root_is_a_hint_to_init_not_a_failure(tmp_path):
    result = doctor(tmp_path)
    assert result.returncode == 0, result.stdout
    (layout,) = lines_about(result.stdout, "susunan folder")
    assert layout.startswith("PERINGATAN")
    assert "masuk/" in layout and "agenda.xlsx" in layout
    assert f"kerjasama init --root {tmp_path}" in layout


def test_complete_root_passes_layout_and_agenda(tmp_path):
    make_layout(tmp_path)
    result = doctor(tmp_path)
    assert result.returncode == 0, result.stdout
    assert lines_about(result.stdout, "susunan folder")[0].startswith("OK")
    assert lines_about(result.stdout, "agenda:")[0].startswith("OK")
    assert "kerjasama init" not in result.stdout


def test_missing_root_is_creatable_and_doctor_creates_nothing(tmp_path):
    root = tmp_path / "belum" / "ada"
    result = doctor(root)
    assert result.returncode == 0, result.stdout
    assert lines_about(result.stdout, "folder bersama")[0].startswith("PERINGATAN")
    assert not root.exists() and not root.parent.exists()


def test_root_that_is_a_file_fails(tmp_path):
    root = tmp_path / "data"
    root.write_text("bukan folder")
    result = doctor(root)
    assert result.returncode == 1
    assert lines_about(result.stdout, "folder bersama")[0].startswith("GAGAL")


def test_damaged_agenda_fails(tmp_path):
    make_layout(tmp_path)
    (tmp_path / "agenda.xlsx").write_bytes(b"bukan berkas excel")
    result = doctor(tmp_path)
    assert result.returncode == 1
    assert lines_about(result.stdout, "agenda:")[0].startswith("GAGAL")


def test_without_tesseract_on_path_doctor_fails_and_says_how_to_install(tmp_path):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = doctor(tmp_path, PATH=str(empty_bin))
    assert result.returncode == 1
    (line,) = lines_about(result.stdout, "Tesseract OCR")
    assert line.startswith("GAGAL")
    assert "sudo apt-get install tesseract-ocr" in line


# ---------------------------------------------------------------------------- office data


def test_shipped_office_placeholders_fail_naming_each_key(tmp_path):
    shipped_only = tmp_path / "kosong"
    shipped_only.mkdir()
    result = doctor(tmp_path, KERJASAMA_CONFIG_DIR=str(shipped_only))
    assert result.returncode == 1
    (line,) = lines_about(result.stdout, "data kantor")
    assert line.startswith("GAGAL")
    for key in ("alamat", "kode_pos", "telepon", "email", "kepala.nama", "kepala.nip", "anggaran.dpa"):
        assert key in line
    assert "website" not in line and "office.yaml" in line


def test_filled_office_passes_and_missing_logo_is_a_warning(tmp_path):
    result = doctor(tmp_path)
    assert lines_about(result.stdout, "data kantor")[0].startswith("OK")
    assert lines_about(result.stdout, "logo kop surat")[0].startswith("PERINGATAN")


def test_logo_that_is_not_an_image_fails_and_a_png_passes(tmp_path):
    office = Path(filled_office_dir())
    (office / "bukan.png").write_text("bukan gambar")
    with (office / "office.yaml").open("a", encoding="utf-8") as fh:
        fh.write("logo: bukan.png\n")
    (line,) = lines_about(doctor(tmp_path, KERJASAMA_CONFIG_DIR=str(office)).stdout, "logo kop surat")
    assert line.startswith("GAGAL") and "bukan gambar PNG atau JPEG" in line
    (office / "bukan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (line,) = lines_about(doctor(tmp_path, KERJASAMA_CONFIG_DIR=str(office)).stdout, "logo kop surat")
    assert line.startswith("OK") and str(office / "bukan.png") in line


# ---------------------------------------------------------------------------- the journal


def journal_with_cases(root: Path) -> Path:
    """A real journal with some pages in it, as `kerjasama init` and a few days of work leave it."""
    from pipeline.journal import Journal

    make_layout(root)
    with Journal.open(root) as journal:
        for n in range(60):
            journal.log("uji", nomor=n, isi="x" * 400)
        return journal.path


def test_a_sound_journal_passes_the_integrity_check_and_asks_for_a_backup(tmp_path):
    journal_with_cases(tmp_path)
    result = doctor(tmp_path)
    (line,) = lines_about(result.stdout, " jurnal:")
    assert line.startswith("PERINGATAN") and "integrity_check" in line, line
    assert f"kerjasama backup --root {tmp_path}" in line


def test_a_damaged_journal_fails_naming_the_newest_backup_and_is_left_as_it_is(tmp_path):
    from datetime import datetime

    from pipeline.journal import backup as B

    path = journal_with_cases(tmp_path)
    B.backup(tmp_path, datetime(2026, 12, 1, 7, 0))
    (newest,) = B.backup(tmp_path, datetime(2026, 12, 2, 7, 0))[:1]
    with open(path, "r+b") as fh:  # pages 2-4 overwritten, the header left: SQLite opens it
        fh.seek(4096)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(3 * 4096)))
    before = path.read_bytes()
    result = doctor(tmp_path)
    assert result.returncode == 1
    (line,) = lines_about(result.stdout, " jurnal:")
    assert line.startswith("GAGAL") and "rusak" in line and "integrity_check" in line, line
    assert f"kerjasama restore --dari {newest} --root {tmp_path}" in line
    assert path.read_bytes() == before
