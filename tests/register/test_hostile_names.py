"""Hostile file names in masuk/ (issue 11, cases 1 and 4): bytes that are not UTF-8, and names
of 255 bytes. Real files dropped under `kerjasama ingest` and a running `kerjasama watch`."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path


from pipeline.agenda import open_agenda
from pipeline.core.names import KEPT_NAME_BYTES, NAME_MAX_BYTES

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
sys.path.insert(0, str(BAD))
import make_bad as M  # noqa: E402
from runner import cfg, cli, config_dir, root, wait_for, Watch  # noqa: E402,F401 (fixtures)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_with(root: Path, digest: str) -> list[Path]:
    """Every file under ROOT (the journal's scratch space aside) holding these bytes."""
    found = []
    for dirpath, _dirs, names in os.walk(os.fsencode(root)):
        if b"/.kerjasama" in dirpath:
            continue
        for n in names:
            p = Path(os.fsdecode(os.path.join(dirpath, n)))
            if sha(p.read_bytes()) == digest:
                found.append(p)
    return found


def inputs(root: Path) -> list[tuple[str, str, str]]:
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    return db.execute("SELECT original_name, state, coalesce(target_path, '') FROM inputs ORDER BY id").fetchall()


def test_a_name_that_is_not_utf8_is_registered_under_a_safe_name(root: Path, cfg: Path) -> None:
    letter = M.LETTER_PDF.read_bytes()
    M.drop(root / "masuk", M.non_utf8_name(), letter)
    M.drop(root / "masuk", b"sesudahnya.pdf", (M.SAMPLES / "surat_02_koran-harian-cempaka-pos.pdf").read_bytes())
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "scan\\xe9.pdf" in run.stdout  # the original name, escaped
    assert os.listdir(root / "masuk") == []
    assert len(open_agenda(root).read_rows()) == 2  # the file after it was processed too
    [kept] = files_with(root, sha(letter))
    assert kept.name == "scan_.pdf" and kept.parent.parent.name == "01-tercatat"
    assert ("scan\\xe9.pdf", "terdaftar") in [(n, s) for n, s, _ in inputs(root)]
    again = cli(root, "ingest", cfg=cfg)  # and a second run has nothing left to choke on
    assert again.returncode == 0 and "Traceback" not in again.stderr


def test_a_255_byte_image_name_gets_its_number_and_every_derived_name_fits(root: Path, cfg: Path) -> None:
    name = M.long_name(".png")
    assert len(name) == NAME_MAX_BYTES
    scan = M.LETTER_PNG.read_bytes()
    M.drop(root / "masuk", name, scan)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    assert os.listdir(root / "masuk") == []
    [row] = open_agenda(root).read_rows().values()
    [kept] = files_with(root, sha(scan))
    assert len(os.fsencode(kept.name)) <= KEPT_NAME_BYTES and kept.suffix == ".png"
    folder = kept.parent
    assert row["No. Agenda"].replace("/", "-") in folder.name
    ocr = [p for p in folder.iterdir() if p.name.endswith(".ocr.pdf")]
    assert len(ocr) == 1 and ocr[0].name.startswith(kept.stem)
    [(original, state, _)] = inputs(root)
    assert state == "terdaftar" and original == name.decode()  # the whole original name, kept in the journal


def test_a_255_byte_docx_is_quarantined_with_a_reason_file(root: Path, cfg: Path) -> None:
    name = M.long_name(".docx")
    doc = (BAD / "surat.docx").read_bytes()
    M.drop(root / "masuk", name, doc)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    assert os.listdir(root / "masuk") == []
    [kept] = files_with(root, sha(doc))
    assert kept.parent == root / "karantina" and kept.suffix == ".docx"
    reason = kept.with_name(kept.name + ".alasan.txt").read_text(encoding="utf-8")
    assert name.decode() in reason and "Word" in reason
    assert open_agenda(root).read_rows() == {}


def test_watch_takes_hostile_names_and_keeps_watching(root: Path, cfg: Path) -> None:
    letter, scan = M.LETTER_PDF.read_bytes(), M.LETTER_PNG.read_bytes()
    with Watch(root, cfg) as w:
        M.drop(root / "masuk", M.non_utf8_name(), letter)
        M.drop(root / "masuk", M.long_name(".png"), scan)
        wait_for(lambda: len(open_agenda(root).read_rows()) == 2, what="two rows")
        assert w.alive()
        later = (M.SAMPLES / "surat_03_gaungwilis-id.pdf").read_bytes()
        M.drop(root / "masuk", b"nanti.pdf", later)  # a file after them is still taken
        wait_for(lambda: len(open_agenda(root).read_rows()) == 3, what="third row")
    assert w.returncode == 0, w.err
    assert "Traceback" not in w.err
    assert "scan\\xe9.pdf" in w.out
    assert os.listdir(root / "masuk") == []
    for data in (letter, scan, later):
        assert len(files_with(root, sha(data))) == 1  # each kept exactly once


def test_a_dropped_folder_whose_name_is_not_utf8_gives_up_its_letters(root: Path, cfg: Path) -> None:
    folder = os.path.join(os.fsencode(root / "masuk"), b"kiriman\xe9")
    os.mkdir(folder)
    letter = M.LETTER_PDF.read_bytes()
    M.drop(Path(os.fsdecode(folder)), M.non_utf8_name(), letter)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert os.listdir(root / "masuk") == []
    assert len(open_agenda(root).read_rows()) == 1
    assert len(files_with(root, sha(letter))) == 1


def test_a_quarantined_file_with_a_non_utf8_name_keeps_the_escaped_name_in_its_reason(root: Path, cfg: Path) -> None:
    doc = (BAD / "surat.docx").read_bytes()
    M.drop(root / "masuk", M.non_utf8_name(".docx"), doc)
    run = cli(root, "ingest", cfg=cfg)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    [kept] = files_with(root, sha(doc))
    assert kept == root / "karantina" / "scan_.docx"
    assert "Berkas   : scan\\xe9.docx" in (root / "karantina" / "scan_.docx.alasan.txt").read_text(encoding="utf-8")
