"""Quarantine: inputs that cannot be processed go to ROOT/karantina/ with a reason.

Nothing is deleted: the file keeps its bytes and (as far as possible) its name, and a
`<name>.alasan.txt` beside it tells the clerk, in Indonesian, why it is there.

Crash-safe both ways in: a journaled input (`quarantine_file`, resumed by its journal state
`mengkarantina`), and what is not a regular file (`refuse_entry`: links, pipes, leftover
folders; moved as they are, never opened), whose intent is an event in the journal before
anything moves. `finish_interrupted`, run once when the worker starts, completes every
intent a killed process left and gives a reason file to anything in karantina/ without one.

The careful file operations (hashing, atomic writes, collision-free names, verified
moves) are in `pipeline.core.fileops`.
"""
from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core import names as N
from pipeline.core.crash import crash_point
from pipeline.core.fileops import finish_move, free_name, sha256_file, write_atomic
from pipeline.core.foldermove import discard_partial_copies, move_dir
from pipeline.core.paths import RootPaths, UnsafeFolder, check_plain_folder

if TYPE_CHECKING:
    from pipeline.register.context import Intake

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
    crash_point("before_reason")
    write_reason(target, reason_text(original_name=original_name, reason=reason, sha256=sha256, when=when,
                                     source=str(source)))
    crash_point("after_reason")
    return True


# ---- what is not a regular file -----------------------------------------------------

INTENT = "mulai_karantina_entri"  # event: an entry is about to be moved to karantina/
DONE = "dikarantina"  # event: it is there with its reason file
RETRIED = "karantina_diulang"  # event: it was never moved; the inbox rescan refuses it anew
LOST = "karantina_hilang"  # event: it is neither in masuk/ nor in karantina/
CLOSING = (DONE, RETRIED, LOST)  # the events that close an INTENT with the same target
SWEPT = "karantina_diperiksa"  # mark: every INTENT up to this event id is finished
UNKNOWN_REASON = ("Alasan karantina tidak tercatat: proses terhenti saat memindahkan ini ke karantina/. "
                  "Periksa isinya; bila suratnya sah, letakkan lagi di folder masuk/.")


def refuse_entry(ix: Intake, entry: Path, reason: str) -> Path:
    """Move a link, pipe or leftover folder from masuk/ to karantina/ with its reason file.

    The intent (from, to, reason) is journaled first, so a crash anywhere is finished by
    `finish_interrupted`; the source path is kept as bytes (hex): it may not be UTF-8.
    """
    target = choose_target(ix.root, entry.name)
    source_rel = ix.rel(entry)
    ix.journal.log(INTENT, berkas=N.shown(entry.name), dari=N.shown(source_rel), dari_hex=os.fsencode(source_rel).hex(),
                   ke=ix.rel(target), alasan=reason)
    crash_point("before_quarantine")
    move_entry(entry, target)
    _finish(ix, target, name=N.shown(entry.name), reason=reason, source=N.shown(str(entry)))
    return target


def move_entry(source: Path, target: Path) -> None:
    """Move an entry as it is, never opening it; resumable. Across filesystems a folder is
    copied and verified (`move_dir`), a link or pipe made anew; a device cannot be."""
    if source.is_dir() and not source.is_symlink():
        if not move_dir(source, target):
            raise FileNotFoundError(errno.ENOENT, f"{source} tidak ditemukan lagi")
        return
    if target.exists() or target.is_symlink():
        if not _same_special(source, target):
            raise FileExistsError(errno.EEXIST, f"{target} sudah ada; tidak ditimpa")
        source.unlink()  # made anew at the target before a crash: the source holds no data
        return
    try:
        os.rename(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    mode = source.lstat().st_mode
    if stat.S_ISLNK(mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISFIFO(mode):
        os.mkfifo(target)
    else:
        raise OSError(errno.EXDEV, f"{N.shown(source.name)} (perangkat/soket) tidak bisa dipindah ke disk lain; "
                                   "pindahkan atau hapus secara manual")
    crash_point("mid_move")
    source.unlink()


def _same_special(source: Path, target: Path) -> bool:
    try:
        a, b = source.lstat().st_mode, target.lstat().st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(a) and stat.S_ISLNK(b):
        return os.readlink(source) == os.readlink(target)
    return stat.S_ISFIFO(a) and stat.S_ISFIFO(b)


def _finish(ix: Intake, target: Path, *, name: str, reason: str, source: str | None) -> None:
    crash_point("before_reason")
    sha = sha256_file(target) if target.is_file() and not target.is_symlink() else "-"
    write_reason(target, reason_text(original_name=name, reason=reason, sha256=sha, when=ix.settings.now(),
                                     source=source))
    crash_point("after_reason")
    ix.journal.log(DONE, berkas=name, alasan=reason, ke=N.shown(ix.rel(target)))


def finish_interrupted(ix: Intake) -> list[tuple[str, str]]:
    """Start-up: finish the refusals a killed process left, then give a reason file to anything
    in karantina/ that has none. Returns (name, reason) of each item finished here."""
    try:
        check_plain_folder(ix.root, quarantine_dir(ix.root))
    except UnsafeFolder:  # nothing is written through a linked karantina/; each refusal says so
        return []
    start = int(ix.journal.mark_value(SWEPT) or 0)
    events = ix.journal.events_after(start, (INTENT, *CLOSING))
    closed_at: dict[str, int] = {}
    for e in events:
        if e.what in CLOSING:
            closed_at[str(e.details.get("ke"))] = e.id
    finished, stuck, cursor = [], set(), events[-1].id if events else start
    for e in events:
        if e.what != INTENT or closed_at.get(str(e.details.get("ke")), 0) > e.id:
            continue
        try:
            item = _resume(ix, e.details)
        except (OSError, KeyError, ValueError) as exc:  # e.g. two copies that differ: a person must look
            ix.journal.log("galat_karantina", berkas=e.details.get("berkas"), galat=N.shown(str(exc)))
            stuck.add(str(e.details.get("ke")))
            cursor = min(cursor, e.id - 1)
            continue
        if item:
            finished.append(item)
    finished += _give_reasons(ix, skip=stuck)
    if cursor != start:  # no journal write on an ordinary start
        try:
            ix.journal.set_mark(SWEPT, str(cursor))
        except Exception:  # only a cursor (e.g. the disk is full): the next start looks again
            pass
    return finished


def _resume(ix: Intake, d: dict) -> tuple[str, str] | None:
    target = ix.abs(str(d["ke"]))
    source = ix.root / os.fsdecode(bytes.fromhex(str(d["dari_hex"])))
    if target.parent != quarantine_dir(ix.root) or source.parent != ix.inbox:
        return None  # not a path this module wrote: never acted on
    at_source, at_target = os.path.lexists(source), os.path.lexists(target)
    if at_source and not at_target:  # never moved: the inbox rescan refuses it again
        discard_partial_copies(source, target)
        ix.journal.log(RETRIED, berkas=d.get("berkas"), ke=d["ke"])
        return None
    if at_source:
        move_entry(source, target)
    elif not at_target:
        ix.journal.log(LOST, berkas=d.get("berkas"), ke=d["ke"], dicari_di=[d.get("dari"), d.get("ke")])
        return None
    name, reason = str(d.get("berkas") or target.name), str(d.get("alasan") or UNKNOWN_REASON)
    if not reason_path(target).exists():
        _finish(ix, target, name=name, reason=reason, source=N.shown(str(source)))
    else:
        ix.journal.log(DONE, berkas=name, alasan=reason, ke=ix.rel(target))
    return name, reason


def _give_reasons(ix: Intake, *, skip: set[str]) -> list[tuple[str, str]]:
    """Anything in karantina/ without a reason file (left by an older version, or by hand)."""
    folder = quarantine_dir(ix.root)
    if not folder.is_dir():
        return []
    skip = skip | {r.target_path for r in ix.journal.unfinished_inputs() if r.target_path}
    given = []
    for item in sorted(folder.iterdir()):
        name = item.name
        if name.startswith(".") or name.endswith(REASON_SUFFIX) or reason_path(item).exists() or ix.rel(item) in skip:
            continue
        try:
            _finish(ix, item, name=N.shown(name), reason=UNKNOWN_REASON, source=None)
        except OSError as exc:  # e.g. karantina/ read-only: said in the journal, tried next start
            ix.journal.log("galat_karantina", berkas=N.shown(name), galat=N.shown(str(exc)))
            continue
        given.append((N.shown(name), UNKNOWN_REASON))
    return given
