"""The regency logo on every letterhead: the image `config/office.yaml` names as `logo`.

A relative name is looked for in the office's config folder (KERJASAMA_CONFIG_DIR), then
in the shipped one. Only a readable PNG or JPEG of sensible size is used; anything else
leaves the letterhead without a logo (and `kerjasama doctor` says why).
"""
from __future__ import annotations

from pathlib import Path

from pipeline.core import settings as config

MAX_BYTES = 5 * 1024**2  # an emblem is tens of kilobytes; more is a photo or the wrong file
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
HEIGHT_MM = 24.0  # on the letterhead, beside three lines of the office's name and address


class LogoProblem(ValueError):
    """The configured logo cannot be used; the message is Indonesian, for doctor."""


def configured(office: dict) -> str | None:
    name = office.get("logo")
    return str(name).strip() or None if name is not None else None


def resolve(name: str) -> Path:
    """The file `name` stands for; raises LogoProblem when it is missing or not a usable image."""
    given = Path(name).expanduser()
    candidates = [given] if given.is_absolute() else [d / given for d in config.config_dirs()]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise LogoProblem(f"berkas logo '{name}' tidak ditemukan (dicari di: "
                          + ", ".join(str(p.parent) for p in candidates) + ")")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise LogoProblem(f"berkas logo {path} tidak dapat dibaca ({type(exc).__name__})") from None
    if not any(head.startswith(sig) for sig in SIGNATURES):
        raise LogoProblem(f"berkas logo {path} bukan gambar PNG atau JPEG")
    if size > MAX_BYTES:
        raise LogoProblem(f"berkas logo {path} terlalu besar ({size // 1024} KB, maks. {MAX_BYTES // 1024**2} MB)")
    return path


def logo_path(office: dict) -> Path | None:
    """The usable logo of `office`, or None (not configured, or unusable)."""
    name = configured(office)
    if name is None:
        return None
    try:
        return resolve(name)
    except LogoProblem:
        return None
