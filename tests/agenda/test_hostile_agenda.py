"""The agenda against hostile text and a hostile share (issue 11, cases 3, 6 and 7): characters
XML forbids in a text layer, a workbook cut short by a copy, a stale `~$agenda.xlsx`."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from pipeline import register as I
from pipeline.agenda import KEY, open_agenda
from pipeline.agenda.cells import clean

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
sys.path.insert(0, str(BAD))
import make_bad as M  # noqa: E402
from runner import cfg, cli, config_dir, root, wait_for, Watch  # noqa: E402,F401 (fixtures)

SECOND = M.SAMPLES / "surat_02_koran-harian-cempaka-pos.pdf"


def rows(root: Path) -> dict[str, dict[str, str]]:
    return open_agenda(root).read_rows()


# --- case 3: characters XML 1.0 forbids --------------------------------------------------------


def test_clean_removes_everything_xml_forbids() -> None:
    assert clean("a\ufffeb\uffffc\x00d\x0be\udce9f\tg\U0001f600") == "abcdef\tg\U0001f600"


def test_a_text_layer_with_u_fffe_blocks_no_agenda_write(root: Path, cfg: Path) -> None:
    M.drop(root / "masuk", b"surat_fffe.pdf", M.xml_forbidden_pdf())
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    M.drop(root / "masuk", b"sesudahnya.pdf", SECOND.read_bytes())
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0 and "menunggu" not in run.stdout, run.stdout
    found = rows(root)
    assert len(found) == 2
    texts = [v for r in found.values() for v in r.values()]
    assert not any(ch in t for t in texts for ch in "\ufffe\uffff")
    assert any(r["Nomor Surat"].startswith("118/AKI") for r in found.values())


def test_one_row_the_agenda_refuses_does_not_hold_up_the_others(tmp_path: Path, root: Path) -> None:
    ix = I.Intake.open(root, I.IntakeSettings())
    try:
        ix.journal.enqueue("tambah_baris", "", {KEY: "", "Perusahaan": "tanpa nomor"})  # refused by the workbook
        ix.journal.enqueue("tambah_baris", "900/KSM/2026", {KEY: "900/KSM/2026", "Perusahaan": "PT Baik"})
        assert I.flush_outbox(ix) == 1
        assert list(rows(root)) == ["900/KSM/2026"]
        [waiting] = ix.journal.pending_outbox()
        assert "No. Agenda" in waiting.last_error and "dibuka" not in waiting.last_error  # says what it is
    finally:
        ix.close()


# --- case 6: a workbook cut short ---------------------------------------------------------------


@pytest.mark.parametrize("command", [["sync"], ["mark", "001/KSM/2026", "Didisposisi"], ["init"]],
                         ids=["sync", "mark", "init"])
def test_a_truncated_agenda_gives_one_line_and_is_left_untouched(root: Path, cfg: Path, command: list[str]) -> None:
    agenda = root / "agenda.xlsx"
    agenda.write_bytes(M.truncated_xlsx(agenda.read_bytes()))
    before = agenda.read_bytes()
    run = cli(root, *command, cfg=cfg)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and "ParseError" not in run.stderr
    lines = [ln for ln in run.stderr.splitlines() if "agenda.xlsx" in ln]
    assert len(lines) == 1 and "tidak dapat dibaca" in lines[0]
    assert agenda.read_bytes() == before


def test_watch_writes_again_once_the_agenda_is_whole(root: Path, cfg: Path) -> None:
    agenda = root / "agenda.xlsx"
    whole = agenda.read_bytes()
    agenda.write_bytes(M.truncated_xlsx(whole))
    cut = agenda.read_bytes()
    with Watch(root, cfg) as w:
        M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())
        wait_for(lambda: os.listdir(root / "masuk") == [], what="letter taken")
        time.sleep(1.0)  # a few agenda retries against the cut file
        assert agenda.read_bytes() == cut and w.alive()
        tmp = agenda.with_name(".agenda-utuh.tmp")
        tmp.write_bytes(whole)
        os.replace(tmp, agenda)  # the copy finishes
        wait_for(lambda: len(rows(root)) == 1, what="row written")
    assert w.returncode == 0 and "Traceback" not in w.err, w.err


# --- case 7: a stale lock file -------------------------------------------------------------------


def test_an_empty_lock_file_blocks_nothing_and_the_doctor_names_it(root: Path, cfg: Path) -> None:
    lock = root / "~$agenda.xlsx"
    lock.write_bytes(b"")
    M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0 and "menunggu" not in run.stdout, run.stdout
    assert len(rows(root)) == 1
    doctor = cli(root, "doctor", cfg=cfg)
    [line] = [ln for ln in doctor.stdout.splitlines() if "~$agenda.xlsx" in ln]
    assert line.startswith("PERINGATAN") and "basi" in line and f"rm '{lock}'" in line


def test_an_old_lock_file_is_not_believed_but_a_fresh_one_is(root: Path, cfg: Path) -> None:
    lock = root / "~$agenda.xlsx"
    lock.write_bytes(bytes([7]) + b"pegawai" + b"\x00" * 154)  # Excel's owner file: length byte, user name
    M.drop(root / "masuk", b"surat.pdf", M.LETTER_PDF.read_bytes())
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0 and "menunggu" in run.stdout and "dibuka" in run.stdout
    assert rows(root) == {}  # believed: someone has it open
    old = time.time() - 3 * 24 * 3600
    os.utime(lock, (old, old))
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0 and len(rows(root)) == 1, run.stdout
