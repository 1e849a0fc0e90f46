"""File names from the shared folder, treated as hostile: shown safely, kept safely, fitted.

A name in `masuk/` may hold bytes that are not UTF-8 (old Windows or zip tools; Python
carries them as lone surrogates, which SQLite, JSON and the console refuse), control
characters, or be so long that every name derived from it (`<stem>.ocr.pdf`,
`<name>.alasan.txt`, `<stem> (2).pdf`) is over the filesystem's limit, which counts bytes,
not characters.

- `shown(name)`: the name as printable, storable text (undecodable bytes as `\\xNN`), for
  the journal, the console and reason files; it is never used as a path.
- `kept_name(name)`: the name a file is kept under: valid UTF-8, printable, and short enough
  (`KEPT_NAME_BYTES`) that every derived name still fits.
- `fit(name, max_bytes)`: cut a name's stem, never its extension, to `max_bytes` UTF-8 bytes.
"""
from __future__ import annotations

import os
import unicodedata

NAME_MAX_BYTES = 255  # one path component on ext4, NTFS (via SMB), most filesystems
# Room left for what is added to a kept name: " (999)" and ".alasan.txt" (17 bytes) or
# ".ocr.pdf" instead of the extension, plus the temporary prefixes of careful writes.
KEPT_NAME_BYTES = 200
_MAX_EXT_BYTES = 16  # a longer "extension" is part of the stem (e.g. "laporan.final versi 2")
_FALLBACK = "berkas"


def shown(name: str) -> str:
    """Printable text for a name: bytes that are not UTF-8 as `\\xNN`, control characters escaped."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(_escape(ch) if _is_control(ch) else ch for ch in text)


def is_kept_name(name: str, max_bytes: int = KEPT_NAME_BYTES) -> bool:
    """True when `name` can be kept as it is (see `kept_name`)."""
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:  # lone surrogates: bytes that were not UTF-8
        return False
    return 0 < size <= max_bytes and not any(_is_control(ch) for ch in name) and name.strip(" .") != ""


def kept_name(name: str, max_bytes: int = KEPT_NAME_BYTES) -> str:
    """`name` made safe to keep: undecodable bytes and control characters become `_`, then fitted."""
    if is_kept_name(name, max_bytes):
        return name
    text = os.fsencode(name).decode("utf-8", "replace")
    text = "".join("_" if ch == "\ufffd" or _is_control(ch) else ch for ch in text)
    text = unicodedata.normalize("NFC", text).strip()
    if not text.strip(" ."):
        text = _FALLBACK
    return fit(text, max_bytes)


def fit(name: str, max_bytes: int = NAME_MAX_BYTES) -> str:
    """`name` cut (stem only, at a character boundary) to at most `max_bytes` UTF-8 bytes."""
    if len(name.encode("utf-8", "surrogateescape")) <= max_bytes:
        return name
    stem, ext = split_ext(name)
    room = max_bytes - len(ext.encode("utf-8", "surrogateescape"))
    if room < 1:  # an extension that alone is too long: cut the whole name
        stem, ext, room = name, "", max_bytes
    cut = stem.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore").rstrip(" .")
    return (cut or _FALLBACK[:room]) + ext


def with_suffix(name: str, new_suffix: str, max_bytes: int = NAME_MAX_BYTES) -> str:
    """`name` with its extension replaced by `new_suffix` (e.g. ".ocr.pdf"), fitted to `max_bytes`."""
    stem, _ext = split_ext(name)
    return fit(stem + new_suffix, max_bytes) if stem else fit(_FALLBACK + new_suffix, max_bytes)


def split_ext(name: str) -> tuple[str, str]:
    """("surat.pindai", ".pdf"); a leading dot or an over-long tail is no extension."""
    dot = name.rfind(".")
    if dot <= 0 or len(name[dot:].encode("utf-8", "surrogateescape")) > _MAX_EXT_BYTES or " " in name[dot:]:
        return name, ""
    return name[:dot], name[dot:]


def _is_control(ch: str) -> bool:
    # Cc (control) and Cs (lone surrogates left by backslashreplace never reach here);
    # Zl/Zp line breaks and bidi overrides that spoof a name's extension ("gpj.exe").
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cs", "Zl", "Zp") or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _escape(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"
