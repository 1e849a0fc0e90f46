"""The checks callers run: `sniff()` (what a file is, from its size and first bytes) and
`check_input()` (sniff, then the matching PDF or image inspection)."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.core.errors import InputRejected
from pipeline.core.models import Sniffed
from pipeline.sniff.images import ImageInfo, inspect_image
from pipeline.sniff.labels import unsupported_message
from pipeline.sniff.limits import megabytes, resolve_limits
from pipeline.sniff.magic import HEAD_BYTES, identify_unsupported, supported_kind
from pipeline.sniff.pdf import PdfInfo, inspect_pdf


def sniff(path: str | os.PathLike, limits: dict | None = None) -> Sniffed:
    """Name the kind of a supported input, or raise InputRejected saying what it is."""
    lim = resolve_limits(limits)
    p = Path(path)
    size = _regular_file_size(p)
    if size == 0:
        raise InputRejected("Berkas kosong (0 byte); kemungkinan salinan atau pemindaian gagal.", code="empty")
    max_bytes = int(lim["max_bytes"])
    if size > max_bytes:
        raise InputRejected(
            f"Berkas terlalu besar ({megabytes(size)}; batas {megabytes(max_bytes)}).", code="too_large"
        )
    head, tail = _read_head_tail(p, size)
    kind = supported_kind(head)
    if kind is not None:
        return Sniffed(path=str(p), kind=kind, size=size)
    what = identify_unsupported(p, head, tail)
    raise InputRejected(unsupported_message(p, what), code="unsupported")


def _regular_file_size(p: Path) -> int:
    # stat first: reading a FIFO or a device would block or never end.
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputRejected(f"Berkas tidak ditemukan: {p}", code="not_found") from None
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibuka: {p} ({exc.strerror})", code="unreadable") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputRejected(f"Bukan berkas biasa (folder atau perangkat): {p}", code="not_a_file")
    return st.st_size


def _read_head_tail(p: Path, size: int) -> tuple[bytes, bytes]:
    try:
        with p.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            fh.seek(max(0, size - HEAD_BYTES))
            tail = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibaca: {p} ({exc.strerror})", code="unreadable") from None
    return head, tail


def check_input(path: str | os.PathLike, limits: dict | None = None) -> tuple[Sniffed, PdfInfo | ImageInfo]:
    """sniff() then the matching inspect_*(): everything to know before reading a file."""
    lim = resolve_limits(limits)
    sniffed = sniff(path, lim)
    if sniffed.kind == "pdf":
        return sniffed, inspect_pdf(path, lim)
    return sniffed, inspect_image(path, lim)
