"""A file's kind from its magic bytes: one of the supported kinds, else a key into
pipeline.sniff.labels.UNSUPPORTED naming what it seems to be. Only the head and tail
are looked at (and a ZIP's central directory): nothing is decompressed or decoded."""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.core.models import InputKind

HEAD_BYTES = 8192  # how much of the start (and of the end) of a file is looked at

# A PDF may carry junk before its header; readers accept it within the first 1024 bytes.
PDF_HEADER_WINDOW = 1024


def supported_kind(head: bytes) -> InputKind | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # classic and BigTIFF
        return "tiff"
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    return None


def identify_unsupported(p: Path, head: bytes, tail: bytes) -> str:
    """Key into UNSUPPORTED for content we recognise but do not read."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _identify_zip(p)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _identify_ole(head + tail)
    for magic, key in _MAGIC:
        if head.startswith(magic):
            return key
    ftyp = _ftyp_brand(head)
    if ftyp is not None:
        return ftyp
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    # Two-letter magics need a second look, or a text starting "BM"/"MZ" would match.
    if head[:2] == b"BM" and head[14:15] in (b"\x0c", b"\x28", b"\x34", b"\x38", b"\x6c", b"\x7c"):
        return "bmp"
    if head[:2] == b"MZ" and b"PE\x00\x00" in head[:1024]:
        return "exe"
    return _identify_text(head)


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jp2"),
    (b"\xff\x4f\xff\x51", "jp2"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
    (b"%!PS", "ps"),
    (b"\xc5\xd0\xd3\xc6", "ps"),  # DOS EPS binary header
    (b"\x7fELF", "elf"),
)


def _ftyp_brand(head: bytes) -> str | None:
    """ISO base media files (HEIC, AVIF, MP4, MOV) say what they are in an `ftyp` box."""
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"):
        return "heic"
    if brand in (b"avif", b"avis"):
        return "avif"
    return "video"


def _identify_zip(p: Path) -> str:
    # Only the central directory is read: no member is decompressed.
    try:
        with zipfile.ZipFile(p) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    if {"content.xml", "META-INF/manifest.xml"} <= set(names):
        return "odf"
    prefixes = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
    for name in names:
        for prefix, key in prefixes.items():
            if name.startswith(prefix):
                return key
    return "zip"


def _identify_ole(sample: bytes) -> str:
    # OLE directory entries hold stream names in UTF-16LE; small files keep them near
    # the start or the end, which is all we read.
    streams = {"WordDocument": "ole_word", "Workbook": "ole_excel", "Book": "ole_excel", "PowerPoint Document": "ole_ppt"}
    for name, key in streams.items():
        if name.encode("utf-16-le") in sample:
            return key
    return "ole"


def _identify_text(head: bytes) -> str:
    text = _decode_text(head)
    if text is None:
        return "unknown"
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:1024]:
        return "html"
    if start.startswith("<svg") or (start.startswith("<?xml") and "<svg" in start[:1024]):
        return "svg"
    if start.startswith("<?xml"):
        return "xml"
    return "text"


def _decode_text(head: bytes) -> str | None:
    """The head as text if it looks like text (UTF-8/16 or mostly printable), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    for cut in range(4):  # the read may end inside a multi-byte character
        try:
            return head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    text = head.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text if printable >= 0.95 * len(text) else None
