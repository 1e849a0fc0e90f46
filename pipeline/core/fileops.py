"""Careful file operations shared by every module that writes into ROOT.

ROOT is a shared folder (often a network share) that other staff and a crash may look
at any moment, so:
- a file is written under a temporary name in the same folder, fsynced, then renamed
  over the target (`replace_atomic` / `write_atomic`): readers never see half a file;
- an input is moved with one rename, or across filesystems by copy + fsync + hash check
  + delete (`move_file` / `finish_move`), so the bytes are never lost or changed;
- a folder is moved by `pipeline.core.foldermove.move_dir` (resumable across filesystems);
- processes that share ROOT take advisory locks (`locked`), through `filelock`'s descriptor
  lock (flock on POSIX, LockFileEx on Windows): no POSIX-only module is imported here.
Temporary names start with "." (hidden, and ignored by the inbox watcher) and are made
with the usual umask, not mkstemp's 0600: the other staff must be able to read them.
"""
from __future__ import annotations

import errno
import hashlib
import os
import secrets
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from filelock import lock_descriptor, unlock_descriptor

from pipeline.core.crash import crash_point

_CHUNK = 1 << 20
# Network/virtual filesystems: change notifications do not arrive from other machines
# (the watcher polls) and SQLite's WAL cannot be shared across machines (the journal).
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "fuse.sshfs", "sshfs", "afs",
              "ceph", "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "virtiofs", "vboxsf",
              "fuse.vmhgfs-fuse", "drvfs"}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    """Make a rename/create in `folder` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """A fresh hidden name beside `path` (same folder, so the final rename is atomic)."""
    return path.with_name(f".{path.name[:60]}.{secrets.token_hex(6)}.tmp")


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def replace_atomic(path: Path, write: Callable[[Path], None], *,
                   before_replace: Callable[[Path], None] = lambda tmp: None,
                   replace: Callable[[Path, Path], None] = os.replace) -> Path:
    """`write(tmp)` makes the new content; then fsync, `before_replace(tmp)`, rename over `path`.

    On any failure the temporary file is removed and `path` keeps its old content.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    tmp = temp_name(path)
    try:
        write(tmp)
        _fsync_file(tmp)
        before_replace(tmp)
        replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


def _remove_stale_temps(path: Path) -> None:
    """Remove what a process killed while writing `path` left: its temporary files (named by
    `temp_name`). Writes of one path are serialised by its writers' locks, so a temporary
    file of `path` found now belongs to no running write."""
    prefix = f".{path.name[:60]}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        middle = name[len(prefix):-len(".tmp")] if name.startswith(prefix) and name.endswith(".tmp") else ""
        if len(middle) == 12 and all(c in "0123456789abcdef" for c in middle):
            stale = path.parent / name
            if stale.is_file() and not stale.is_symlink():
                stale.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write bytes atomically (see `replace_atomic`)."""
    return replace_atomic(Path(path), lambda tmp: tmp.write_bytes(data))


def free_name(folder: Path, name: str, *, also_free: Callable[[Path], bool] = lambda p: True) -> Path:
    """`folder/name`, or `folder/stem (2).ext`, ... — the first that does not exist yet."""
    candidate = folder / name
    stem, suffix = _split_name(name)
    n = 1
    while candidate.exists() or candidate.is_symlink() or not also_free(candidate):
        n += 1
        candidate = folder / f"{stem} ({n}){suffix}"
    return candidate


def _split_name(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    return name[:dot], name[dot:]


def move_file(source: Path, target: Path, sha256: str) -> None:
    """Move `source` to `target` (which must not exist), keeping the bytes exactly.

    Same filesystem: one atomic rename. Across filesystems (a network inbox): copy,
    fsync, verify the copy's hash, and only then remove the source. A crash in between
    leaves both copies; `finish_move` completes it on restart.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, f"{target} sudah ada; tidak ditimpa")
    try:
        os.rename(source, target)
        fsync_dir(target.parent)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    copy_verified(source, target, sha256)
    crash_point("mid_move")
    source.unlink()
    fsync_dir(source.parent)


def copy_verified(source: Path, target: Path, sha256: str) -> None:
    tmp = target.with_name(f".tmp-{target.name}.part")
    with open(source, "rb") as src, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
        dst.flush()
        os.fsync(dst.fileno())
    try:
        shutil.copystat(source, tmp)  # keep the scan's timestamps; not all shares allow it
    except OSError:
        pass
    if sha256_file(tmp) != sha256:
        tmp.unlink()
        raise OSError(errno.EIO, f"salinan {target} tidak sama dengan aslinya")
    os.replace(tmp, target)
    fsync_dir(target.parent)


def finish_move(source: Path, target: Path, sha256: str) -> bool:
    """Complete a move that may have been interrupted; True when the file is at `target`.

    Knows the three states a crash can leave: not moved (source only), moved (target
    only) and copied-but-not-removed (both; the source is removed after verifying).
    """
    at_target = target.is_file() and sha256_file(target) == sha256
    at_source = source.is_file() and sha256_file(source) == sha256
    if at_target and at_source:
        source.unlink()
        fsync_dir(source.parent)
        return True
    if at_target:
        return True
    if at_source:
        move_file(source, target, sha256)
        return True
    return False


def network_filesystem(path: Path, mounts: str | None = None) -> bool:
    """True when `path` lies on a network/virtual filesystem (per /proc/mounts; on Windows a
    UNC path or a mapped network drive)."""
    if os.name == "nt" and mounts is None:
        return _windows_network_path(Path(path))
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text()
        except OSError:  # not Linux: rely on the rescan, or set `polling: on`
            return False
    real, best, fstype = str(Path(path).resolve()), "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, fstype = point, parts[2]
    return fstype in NETWORK_FS


def _windows_network_path(path: Path) -> bool:
    text = str(path.resolve())
    if text.startswith("\\\\"):  # \\server\share
        return True
    try:
        import ctypes  # only here: windll exists on Windows alone

        drive_remote = 4
        return ctypes.windll.kernel32.GetDriveTypeW(text[:3]) == drive_remote
    except (AttributeError, OSError, ValueError):
        return False


class LockBusy(Exception):
    """Another process held the lock for longer than the caller was willing to wait."""


@contextmanager
def locked(path: Path, *, wait: float | None = None) -> Iterator[bool]:
    """Hold an advisory lock on `path` (created if missing) for the block.

    `wait=None` waits as long as it takes; a number of seconds gives up with LockBusy.
    Yields False where the filesystem cannot lock at all (some network shares): the
    caller decides whether to go on unlocked.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        held = _acquire(fh, wait)
        try:
            yield held
        finally:
            if held:
                try:
                    unlock_descriptor(fh.fileno())
                except OSError:
                    pass


def _acquire(fh, wait: float | None) -> bool:
    deadline = None if wait is None else time.monotonic() + wait
    while True:
        try:
            if lock_descriptor(fh.fileno(), blocking=False):
                return True
        except OSError:  # the filesystem cannot lock at all
            return False
        if deadline is not None and time.monotonic() >= deadline:
            raise LockBusy()
        time.sleep(0.2 if deadline is None else 0.5)
