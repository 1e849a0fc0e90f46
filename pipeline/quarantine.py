"""Quarantine: inputs that cannot be processed go to ROOT/karantina/ with a reason.

Nothing is deleted: the file keeps its bytes and (as far as possible) its name, and a
`<name>.alasan.txt` beside it tells the clerk, in Indonesian, why it is there.

The careful file operations every move of an input needs (hashing, atomic writes,
collision-free names, verified moves across filesystems, telling a network share from
a local disk) live here too, because the quarantine and the case folder move inputs
the same way.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import secrets
from datetime import datetime
from pathlib import Path
from typing import Callable

QUARANTINE_DIR = "karantina"
REASON_SUFFIX = ".alasan.txt"
_CHUNK = 1 << 20
# Network/virtual filesystems: change notifications do not arrive from other machines
# (the watcher polls) and SQLite's WAL cannot be shared across machines (the journal).
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "fuse.sshfs", "sshfs", "afs",
              "ceph", "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "virtiofs", "vboxsf",
              "fuse.vmhgfs-fuse", "drvfs"}


# ---- file operations --------------------------------------------------------------


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


def write_atomic(path: Path, data: bytes) -> Path:
    """Write via a temp file in the same folder + rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not mkstemp: its 0600 files would be unreadable to the other staff sharing ROOT.
    tmp = path.with_name(f".tmp-{secrets.token_hex(6)}-{path.name[:60]}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


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


def move_file(source: Path, target: Path, sha256: str, *, crash: Callable[[str], None] = lambda step: None) -> None:
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
    crash("mid_move")
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


def finish_move(source: Path, target: Path, sha256: str, *, crash: Callable[[str], None] = lambda step: None) -> bool:
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
        move_file(source, target, sha256, crash=crash)
        return True
    return False


def network_filesystem(path: Path, mounts: str | None = None) -> bool:
    """True when `path` lies on a network/virtual filesystem (per /proc/mounts)."""
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


# ---- quarantine -------------------------------------------------------------------


def quarantine_dir(root: Path) -> Path:
    return Path(root) / QUARANTINE_DIR


def reason_path(target: Path) -> Path:
    return target.with_name(target.name + REASON_SUFFIX)


def choose_target(root: Path, name: str) -> Path:
    """A free path in karantina/ for `name` (`surat (2).pdf` when taken); nothing is overwritten."""
    folder = quarantine_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    return free_name(folder, name, also_free=lambda p: not reason_path(p).exists())


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


def quarantine_file(
    source: Path, target: Path, *, sha256: str, reason: str, original_name: str, when: datetime,
    crash: Callable[[str], None] = lambda step: None,
) -> bool:
    """Move `source` to the chosen `target` in karantina/ and write its reason file.

    Idempotent: safe to call again after a crash. False if the file is nowhere.
    """
    if not finish_move(source, target, sha256, crash=crash):
        return False
    write_reason(target, reason_text(original_name=original_name, reason=reason, sha256=sha256, when=when,
                                     source=str(source)))
    return True
