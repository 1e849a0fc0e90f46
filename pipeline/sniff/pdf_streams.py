"""A PDF's streams, looked at before any reader decodes them: decompression bombs and active content.

A stream compressed twice (`/Filter [/FlateDecode /FlateDecode]`) turns a few kilobytes
into gigabytes inside the reader. Every Flate stream is inflated here chunk by chunk and
counted, never kept (except object streams, which may hide dictionaries), so a bomb is
refused after at most the configured number of bytes, whatever its size.

The same pass names what a reader of the *original* file should be warned about:
JavaScript, embedded files, launch actions. PDF names may be spelt with `#xx` escapes
(`/J#61vaScript`), so names are compared after unescaping.
"""
from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.core.errors import InputRejected
from pipeline.sniff.limits import megabytes

_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_ENDSTREAM = b"endstream"
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()%{}]+)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_FLATE = {b"FlateDecode", b"Fl"}
_CHUNK = 1 << 16
_DICT_WINDOW = 4096  # how far back from `stream` its dictionary is looked for
_KEEP_OBJSTM = 8 << 20  # decoded object-stream text kept for the name search
DEFAULT_STREAM_BYTES = 256 << 20  # as config/limits.yaml ships them
DEFAULT_TOTAL_BYTES = 512 << 20

# Active content, by the PDF name that introduces it, and how it reads in a warning.
ACTIVE = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"EmbeddedFile": "berkas tersemat",
    b"EmbeddedFiles": "berkas tersemat",
    b"Launch": "perintah menjalankan program (Launch)",
}


@dataclass
class StreamScan:
    streams: int = 0
    decoded_bytes: int = 0
    active: set[str] = field(default_factory=set)


def scan_pdf_bytes(data: bytes, *, max_stream_bytes: int, max_total_bytes: int) -> StreamScan:
    """Inflate every Flate stream (counting only); InputRejected for a decompression bomb."""
    scan = StreamScan()
    texts = [data]
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            break
        start = m.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            end = len(data)
        pos = max(end, start)
        head = _dictionary(data, m.start())
        filters = _filters(head)
        scan.streams += 1
        keep = b"/ObjStm" in head
        size, kept = _inflate_chain(data[start:end], _flate_depth(filters), max_stream_bytes, keep)
        if size > max_stream_bytes:
            raise _bomb(max_stream_bytes)
        scan.decoded_bytes += size
        if scan.decoded_bytes > max_total_bytes:
            raise _bomb(max_total_bytes)
        if kept:
            texts.append(kept)
    for text in texts:
        scan.active |= active_names(text)
    return scan


def active_names(text: bytes) -> set[str]:
    """The warnings the PDF names in `text` call for."""
    found = set()
    for m in _NAME.finditer(text):
        name = _HEX.sub(lambda h: bytes([int(h.group(1), 16)]), m.group(1))
        if name in ACTIVE:
            found.add(ACTIVE[name])
    return found


def _dictionary(data: bytes, stream_at: int) -> bytes:
    lo = max(0, stream_at - _DICT_WINDOW)
    window = data[lo:stream_at]
    objs = list(_OBJ.finditer(window))
    return window[objs[-1].end():] if objs else window


def _filters(head: bytes) -> list[bytes]:
    m = _FILTER.search(head)
    if m is None:
        return []
    return [_HEX.sub(lambda h: bytes([int(h.group(1), 16)]), n) for n in _NAME.findall(m.group(1))]


def _flate_depth(filters: list[bytes]) -> int:
    """How many Flate filters lead the chain (those are the ones we can count through)."""
    n = 0
    for f in filters:
        if f not in _FLATE:
            break
        n += 1
    return n


def _inflate_chain(raw: bytes, depth: int, cap: int, keep: bool) -> tuple[int, bytes]:
    """Decoded size through `depth` Flate stages (stops counting past `cap`), and the text if kept."""
    if depth == 0:
        return len(raw), b""
    stages = [zlib.decompressobj() for _ in range(depth)]
    total = 0
    kept = bytearray()

    def push(level: int, chunk: bytes) -> bool:  # True: over the cap, stop
        nonlocal total
        if level == depth:
            total += len(chunk)
            if keep and len(kept) < _KEEP_OBJSTM:
                kept.extend(chunk[: _KEEP_OBJSTM - len(kept)])
            return total > cap
        d = stages[level]
        while not d.eof:  # an empty chunk still flushes output zlib holds back
            out = d.decompress(chunk, _CHUNK)
            chunk = d.unconsumed_tail
            if out and push(level + 1, out):
                return True
            if not out and not chunk:
                break
        return False

    try:
        push(0, raw)
    except zlib.error:  # damaged data: readers stop there too; what was counted stands
        pass
    return total, bytes(kept)


def _bomb(limit: int) -> InputRejected:
    return InputRejected(
        f"PDF ini berisi data terkompresi yang mengembang melebihi batas {megabytes(limit)} "
        "(bom dekompresi); berkas tidak dibaca. Minta pengirim mengirim ulang hasil pindaian biasa.",
        code="pdf_bomb",
    )


def scan_pdf_file(path: str | os.PathLike, lim: dict[str, Any]) -> StreamScan:
    """`scan_pdf_bytes` of a file, with the limits of config/limits.yaml (defaults where a caller's
    own limits dict leaves them out)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibaca: {path} ({exc.strerror})", code="unreadable") from None
    return scan_pdf_bytes(data, max_stream_bytes=int(lim.get("max_decoded_stream_bytes", DEFAULT_STREAM_BYTES)),
                          max_total_bytes=int(lim.get("max_decoded_bytes", DEFAULT_TOTAL_BYTES)))
