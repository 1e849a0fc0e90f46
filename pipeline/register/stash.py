"""The reading stash: what was read from one input, kept under ROOT/.kerjasama/kerja/<id>/
until its case folder is written, so a crash after reading never pays for OCR twice."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.core import fileops as F
from pipeline.core import settings as config
from pipeline.core.paths import RootPaths
from pipeline.read.isolated import read_letter_checked

TEXT_FILE, DATA_FILE, OCR_FILE = "teks.txt", "data.json", "ocr.pdf"


def stash_dir(root: Path, input_id: int) -> Path:
    return RootPaths(root).stash_dir / str(input_id)


def is_stashed(stash: Path) -> bool:
    return (stash / DATA_FILE).is_file()


def read_into_stash(source: Path, stash: Path) -> None:
    """Read the letter and keep the results; data.json is written last (it marks "done")."""
    # In a child process with a hard time limit: a hostile file must not hang or crash
    # the watcher. Forkserver, because this process runs observer threads.
    timeout = config.settings("limits").seconds_per_document
    checked = read_letter_checked(source, want_pdf=True, timeout=timeout, context="forkserver")
    reading = checked.reading
    if reading.searchable_pdf:
        F.write_atomic(stash / OCR_FILE, reading.searchable_pdf)
    F.write_atomic(stash / TEXT_FILE, reading.text.encode("utf-8"))
    payload = {"sumber_teks": reading.doc.source, "jenis": reading.sniffed.kind,
               "peringatan": checked.notes,  # warnings about the file itself (polyglot, JavaScript, ...)
               "surat": reading.letter.model_dump(mode="json"),
               "bukti": reading.bukti}  # where each value was read and why it is flagged
    F.write_atomic(stash / DATA_FILE, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))


def load_stash(stash: Path) -> dict:
    return json.loads((stash / DATA_FILE).read_text(encoding="utf-8"))
