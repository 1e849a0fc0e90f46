"""What a new case folder holds: the text read, the data, an OCR'd PDF copy, the disposition sheet."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pipeline import journal as J
from pipeline.core import fileops as F
from pipeline.core import names as N
from pipeline.core import settings as config
from pipeline.core.models import ExtractedLetter
from pipeline.documents import disposition
from pipeline.register.casefolder import is_safe_component
from pipeline.register.stash import DATA_FILE, OCR_FILE, TEXT_FILE, load_stash
from pipeline.sniff.notes import KIND_SUFFIXES, stored_name

DISPOSITION_FILE = "lembar-disposisi.docx"
WARNING_FILE = "PERINGATAN.txt"  # beside the original when the file itself is suspicious (sniff.notes)
RESCAN_STEM = "pindaian-ulang"  # a rescan attached to a case: pindaian-ulang-2.jpg, -3.pdf, ...


def write_case_files(folder: Path, rec: J.InputRecord, case: J.CaseRecord, stash: Path) -> None:
    """Write (again, idempotently) every file of the case folder from the stash."""
    letter = load_stash(stash)
    F.write_atomic(folder / TEXT_FILE, (stash / TEXT_FILE).read_bytes())
    F.write_atomic(folder / DATA_FILE, case_data(rec, case, letter))
    if (stash / OCR_FILE).is_file():
        F.write_atomic(folder / ocr_name(kept_name(rec)), (stash / OCR_FILE).read_bytes())
    if letter.get("peringatan"):
        F.write_atomic(folder / WARNING_FILE, warning_text(rec, letter["peringatan"]).encode("utf-8"))
    write_disposition(folder, case, letter)


def kept_name(rec: J.InputRecord) -> str:
    """The input's name as kept (see `ingest.usable_name`), not the escaped original."""
    return N.kept_name(rec.source_path.rsplit("/", 1)[-1])


def rescan_name(folder: Path, rec: J.InputRecord, kind: str) -> str:
    """A free name for a rescan in its case folder: `pindaian-ulang-<n><ext>`, n from 2 (the
    registered scan is the first), the extension of what the file is (a polyglot's name lies).

    Free means no entry with that stem under any extension, so "-2" names one scan only. The
    name is built by us, not taken from the sender: only the extension comes from the file.
    """
    ext = N.split_ext(stored_name(kept_name(rec), kind))[1].lower()
    known = KIND_SUFFIXES.get(kind) or ()
    if known and ext not in known:
        ext = known[0]
    taken = {N.split_ext(p.name)[0].casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    n = 2
    while f"{RESCAN_STEM}-{n}" in taken:
        n += 1
    name = f"{RESCAN_STEM}-{n}{ext}"
    return name if is_safe_component(name) else f"{RESCAN_STEM}-{n}"


def ocr_name(name: str) -> str:
    """`<stem>.ocr.pdf`, fitted to the filesystem's limit in bytes."""
    return N.with_suffix(name, ".ocr.pdf", N.NAME_MAX_BYTES)


def warning_text(rec: J.InputRecord, notes: list[str]) -> str:
    lines = [f"Berkas   : {rec.original_name}", f"SHA-256  : {rec.sha256}", "", "Peringatan:"]
    lines += [f"- {n}." for n in notes]
    lines += ["", "Surat ini tetap didaftarkan dan dibaca sebagai isinya yang sebenarnya. Jangan membuka",
              "berkas aslinya dengan program lain; gunakan salinan .ocr.pdf atau teks.txt bila ada."]
    return "\n".join(lines) + "\n"


def case_data(rec: J.InputRecord, case: J.CaseRecord, stashed: dict) -> bytes:
    data = {
        "nomor_agenda": case.agenda_no,
        "tanggal_terima": case.received_at,
        "status": case.status,
        "berkas_asli": rec.original_name,
        "sha256": rec.sha256,
        "pesan_sistem": case.message,
        **{k: v for k, v in stashed.items() if k != "surat"},
        "surat": stashed["surat"],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def write_disposition(folder: Path, case: J.CaseRecord, stashed: dict) -> None:
    try:
        office = config.load("office")
    except FileNotFoundError:
        office = {}
    disposition.write_disposition_sheet(
        folder / DISPOSITION_FILE, agenda_no=case.agenda_no, received=datetime.fromisoformat(case.received_at),
        letter=ExtractedLetter.model_validate(stashed["surat"]), office=office,
    )
