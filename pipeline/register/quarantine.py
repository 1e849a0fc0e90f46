"""Quarantine: inputs that cannot be processed go to ROOT/karantina/ with a reason.

Nothing is deleted: the file keeps its bytes and (as far as possible) its name, and a
`<name>.alasan.txt` beside it tells the clerk, in Indonesian, why it is there.

The careful file operations (hashing, atomic writes, collision-free names, verified
moves) are in `pipeline.core.fileops`.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pipeline.core import names as N
from pipeline.core.fileops import finish_move, free_name, write_atomic
from pipeline.core.paths import RootPaths, check_plain_folder

REASON_SUFFIX = ".alasan.txt"


# ---- quarantine -------------------------------------------------------------------


def quarantine_dir(root: Path) -> Path:
    return RootPaths(root).quarantine


def reason_path(target: Path) -> Path:
    return target.with_name(target.name + REASON_SUFFIX)


def choose_target(root: Path, name: str) -> Path:
    """A free path in karantina/ for `name` (`surat (2).pdf` when taken); nothing is overwritten.

    The name is made safe and short first (`core.names`): `<name> (99).alasan.txt` must fit too.
    """
    folder = quarantine_dir(root)
    check_plain_folder(root, folder)  # a symlinked karantina/ would send inputs out of ROOT
    folder.mkdir(parents=True, exist_ok=True)
    return free_name(folder, N.kept_name(name), also_free=lambda p: not reason_path(p).exists())


def reason_text(*, original_name: str, reason: str, sha256: str, when: datetime, source: str | None = None) -> str:
    lines = [
        f"Berkas   : {original_name}",
        f"Alasan   : {reason}",
        f"Waktu    : {when.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"SHA-256  : {sha256}",
    ]
    if source:
        lines.append(f"Asal     : {source}")
    lines += ["", "Berkas ini tidak didaftarkan. Bila perlu, perbaiki atau pindai ulang suratnya,",
              "lalu letakkan lagi di folder masuk/."]
    return "\n".join(lines) + "\n"


def write_reason(target: Path, text: str) -> Path:
    return write_atomic(reason_path(target), text.encode("utf-8"))


def quarantine_file(source: Path, target: Path, *, sha256: str, reason: str, original_name: str, when: datetime) -> bool:
    """Move `source` to the chosen `target` in karantina/ and write its reason file.

    Idempotent: safe to call again after a crash. False if the file is nowhere.
    """
    if not finish_move(source, target, sha256):
        return False
    write_reason(target, reason_text(original_name=original_name, reason=reason, sha256=sha256, when=when,
                                     source=str(source)))
    return True
