"""Names of case folders, built from text read off a letter — so treated as hostile.

A company name comes from OCR of a document anyone can send; it must never become a
path that escapes the shared folder, a name Windows cannot open (the folder is shared
with office PCs over SMB), or a name that differs between runs.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_WINDOWS_ILLEGAL = re.compile(r'[<>:"/\\|?*]')
_DOT_RUNS = re.compile(r"\.{2,}")
# Device names Windows reserves, with or without an extension ("CON.txt", "com1 .pdf").
# The superscript digits count too: Windows treats COM¹ like COM1.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in "123456789¹²³"
}
_FALLBACK_AGENDA = "tanpa-nomor"
_MAX_BYTES = 255  # common filesystem limit for one name, in UTF-8 bytes


def _clean(text: str | None) -> str:
    """One line of printable text with no path syntax, collapsed spaces, NFC."""
    text = unicodedata.normalize("NFC", text or "")
    # Category C: control, format (zero-width, bidi overrides that spoof names),
    # surrogates, private use, unassigned — none belongs in a folder name.
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = _WINDOWS_ILLEGAL.sub("-", text)
    text = _DOT_RUNS.sub(".", text)
    text = " ".join(text.split())
    return _trim_ends(text)


def _trim_ends(text: str) -> str:
    # Leading dots hide the folder on Unix; leading '-' reads as a command option;
    # Windows silently drops trailing dots and spaces (two names would then collide).
    return text.lstrip(" .-").rstrip(" .")


def _has_meaning(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _not_reserved(name: str) -> str:
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    return f"_{name}" if stem in _RESERVED else name


def _cap(text: str, max_chars: int) -> str:
    """At most max_chars characters and _MAX_BYTES UTF-8 bytes, still NFC and trimmed."""
    while True:
        text = _trim_ends(unicodedata.normalize("NFC", text[:max_chars]))
        if len(text.encode("utf-8")) <= _MAX_BYTES and len(text) <= max_chars:
            return text
        max_chars = min(max_chars, len(text)) - 1


def case_folder_name(agenda_no: str, company: str | None, *, max_len: int = 80) -> str:
    """e.g. ("001/2026", "PT Media Maju") -> "001-2026 PT Media Maju".

    Deterministic, a single safe path component on Linux and Windows, at most max_len
    characters. The agenda part always comes first so folders sort by number and stay
    unique; the company is dropped when it is empty or carries no letters or digits.
    """
    max_len = max(max_len, 16)  # room for the agenda part and a reserved-name prefix
    agenda = _cap(_clean(agenda_no), max_len - 1)
    if not _has_meaning(agenda):
        agenda = _FALLBACK_AGENDA
    name = agenda
    company_part = _clean(company)
    room = max_len - len(agenda) - 1  # the joining space
    if _has_meaning(company_part) and room > 0:
        company_part = _cap(company_part, room)
        if _has_meaning(company_part):
            name = f"{agenda} {company_part}"
    return _cap(_not_reserved(name), max_len)


def is_safe_component(name: str) -> bool:
    """True when `name` can only ever mean one entry directly inside its parent."""
    return (
        bool(name)
        and name not in (".", "..")
        and not _WINDOWS_ILLEGAL.search(name)
        and not any(unicodedata.category(ch).startswith("C") for ch in name)
        and name == name.strip(" ").rstrip(".")
        and ".." not in name
        and name.split(".", 1)[0].rstrip(" ").upper() not in _RESERVED
        and len(name.encode("utf-8")) <= _MAX_BYTES
    )


def safe_child(parent: Path, name: str) -> Path:
    """parent/name, refusing anything that would resolve outside parent.

    Raises ValueError (not assert: checks must survive `python -O`). A symlink planted
    inside parent that points elsewhere is refused too, because we compare resolved paths.
    """
    if not is_safe_component(name):
        raise ValueError(f"nama folder tidak aman: {name!r}")
    base = Path(parent).resolve()
    child = (base / name).resolve()
    if child.parent != base:
        raise ValueError(f"nama folder keluar dari {base}: {name!r}")
    return Path(parent) / name
