"""Moving a folder (a case folder on a status change, a folder going to karantina/).

One rename on one filesystem. Across filesystems (a stage folder or karantina/ on another
disk or share): a complete copy under a hidden name, checked file by file against the
source, renamed into place, then the source removed. Each part can be interrupted: a
process killed anywhere resumes (`move_dir` again) to one folder in one place, and nothing
that is not provably a complete copy is ever removed.
"""
from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from pathlib import Path

from pipeline.core.crash import crash_point
from pipeline.core.fileops import _CHUNK, _fsync_file, fsync_dir, sha256_file


def move_dir(source: Path, target: Path) -> bool:
    """Move a folder (a case folder, or a folder going to karantina/); idempotent and resumable.

    True when the folder is (now) at `target`, False when it is nowhere. Not moved yet: one
    rename; across filesystems a copy under a hidden name beside the target, verified against
    the source (names, sizes, hashes), one rename, then the source is removed. So a crash
    leaves a partial hidden copy (discarded: provably a prefix of the intact source), or both
    folders, or a partly removed source: then the source goes once every entry in it is in the
    target with the same bytes. Anything else with both present is refused, nothing deleted.
    """
    source, target = Path(source), Path(target)
    if source == target:
        return target.is_dir()
    source_here = source.is_dir() and not source.is_symlink()
    if target.is_dir() and not target.is_symlink():
        if not os.path.lexists(source):
            return True
        if not source_here:
            raise FileExistsError(errno.EEXIST, f"{source} bukan folder biasa, dan {target} sudah ada")
        if not _contained_in(source, target):
            raise FileExistsError(errno.EEXIST, f"{target} sudah ada dan isinya berbeda dari {source}; "
                                                "tidak ada yang ditimpa atau dihapus, periksa kedua folder")
        _remove_tree(source)  # an interrupted move: every entry of the source is in the target
        fsync_dir(source.parent)
        return True
    if not source_here:
        return False
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, f"{target} sudah ada; folder perkara tidak ditimpa")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        _copy_across(source, target)
    fsync_dir(target.parent)
    fsync_dir(source.parent)
    return True


def _copy_across(source: Path, target: Path) -> None:
    discard_partial_copies(source, target)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        shutil.copytree(source, tmp, symlinks=True, copy_function=_copy_entry)  # links copied as links
        for dirpath, _dirs, _files in os.walk(tmp):
            fsync_dir(Path(dirpath))
        if _listing(tmp) != _listing(source):
            raise OSError(errno.EIO, f"salinan folder {target} tidak sama dengan aslinya")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    os.rename(tmp, target)
    fsync_dir(target.parent)
    crash_point("mid_case_move")
    _remove_tree(source)


def _copy_entry(src: str, dst: str) -> None:
    """copytree's copy function: a file durably, a named pipe as a new pipe, never opened."""
    mode = os.lstat(src).st_mode
    if stat.S_ISFIFO(mode):
        os.mkfifo(dst)
    elif stat.S_ISREG(mode):
        shutil.copy2(src, dst)
        _fsync_file(Path(dst))
    else:
        raise OSError(errno.EXDEV, f"{src} bukan berkas biasa dan tidak bisa disalin ke disk lain")
    crash_point("during_case_copy")


def _remove_tree(folder: Path) -> None:
    """Remove a folder bottom-up (links and pipes as themselves, never followed)."""
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            os.unlink(os.path.join(dirpath, name))
            crash_point("during_case_remove")
        os.rmdir(dirpath)


Entry = tuple[object, ...]  # ("d",) | ("f", size, sha256) | ("l", link text) | ("p",) | ("?", mode)


def _listing(folder: Path, *, hashes: bool = True) -> dict[str, Entry]:
    """Every entry below `folder` by relative path, with what makes two copies equal."""
    out: dict[str, Entry] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            out[path.relative_to(folder).as_posix()] = _entry(path, hashes)
    return out


def _entry(path: Path, hashes: bool) -> Entry:
    st = path.lstat()
    if stat.S_ISLNK(st.st_mode):
        return ("l", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("d",)
    if stat.S_ISREG(st.st_mode):
        return ("f", st.st_size, sha256_file(path) if hashes else "")
    if stat.S_ISFIFO(st.st_mode):
        return ("p",)
    return ("?", st.st_mode)


def _contained_in(source: Path, target: Path) -> bool:
    """True when every entry of `source` is in `target`, the same (files: same size and hash)."""
    wanted = _listing(source)
    for rel, entry in wanted.items():
        there = target / rel
        if not (there.exists() or there.is_symlink()) or _entry(there, True) != entry:
            return False
    return True


def discard_partial_copies(source: Path, target: Path) -> None:
    """Remove hidden copies of `source` an interrupted `move_dir` left beside `target`.

    Only while the source is intact, and only a copy whose every entry is in the source with
    the same kind and whose files are a prefix of the source's: nothing else is touched.
    """
    if not source.is_dir() or not target.parent.is_dir():
        return
    prefix = f".{target.name}."
    for tmp in target.parent.iterdir():
        rest = tmp.name[len(prefix):]
        if (tmp.name.startswith(prefix) and len(rest) == 16 and rest.endswith(".tmp")
                and all(c in "0123456789abcdef" for c in rest[:12])
                and tmp.is_dir() and not tmp.is_symlink() and _is_partial_copy(tmp, source)):
            shutil.rmtree(tmp)


def _is_partial_copy(copy: Path, source: Path) -> bool:
    for rel, entry in _listing(copy, hashes=False).items():
        original = source / rel
        if not (original.exists() or original.is_symlink()):
            return False
        want = _entry(original, False)
        if entry[0] != want[0] or (entry[0] == "l" and entry != want):
            return False
        if entry[0] == "f" and (entry[1] > want[1] or not _same_prefix(copy / rel, original, entry[1])):
            return False
    return True


def _same_prefix(part: Path, whole: Path, size: int) -> bool:
    with open(part, "rb") as a, open(whole, "rb") as b:
        while size > 0:
            chunk = a.read(min(_CHUNK, size))
            if not chunk or chunk != b.read(len(chunk)):
                return False
            size -= len(chunk)
    return True
