"""pipeline.core.fileops: atomic writes and the idempotent case-folder move."""
from __future__ import annotations

import os

import pytest

from pipeline.core import fileops, foldermove


def test_replace_atomic_failure_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "dok.docx"
    target.write_bytes(b"lama")

    def half(tmp):
        tmp.write_bytes(b"setengah")
        raise OSError("disk penuh")

    with pytest.raises(OSError, match="disk penuh"):
        fileops.replace_atomic(target, half)
    assert target.read_bytes() == b"lama" and sorted(p.name for p in tmp_path.iterdir()) == ["dok.docx"]
    fileops.write_atomic(target, b"baru")
    assert target.read_bytes() == b"baru" and sorted(p.name for p in tmp_path.iterdir()) == ["dok.docx"]


def test_written_files_follow_the_umask_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        path = fileops.write_atomic(tmp_path / "a.txt", b"x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_move_dir_is_idempotent_and_never_overwrites(tmp_path):
    source, target = tmp_path / "02-disposisi" / "001 PT A", tmp_path / "03-verifikasi" / "001 PT A"
    source.mkdir(parents=True)
    (source / "surat.pdf").write_bytes(b"%PDF")
    assert foldermove.move_dir(source, target)
    assert not source.exists() and (target / "surat.pdf").read_bytes() == b"%PDF"
    assert foldermove.move_dir(source, target)  # again, after a crash: already there
    assert not foldermove.move_dir(tmp_path / "tidak-ada", tmp_path / "juga-tidak")
    source.mkdir()
    (source / "surat.pdf").write_bytes(b"%PDF lain")  # not a copy of the target's: nothing is removed
    with pytest.raises(FileExistsError):
        foldermove.move_dir(source, target)  # both present, and they differ: a person must look
    assert (target / "surat.pdf").read_bytes() == b"%PDF" and (source / "surat.pdf").read_bytes() == b"%PDF lain"
    (source / "surat.pdf").write_bytes(b"%PDF")  # an interrupted move: the source is a copy of the target's
    assert foldermove.move_dir(source, target) and not source.exists()
