"""core.names: names fitted by bytes, not characters; undecodable bytes shown and replaced."""
from __future__ import annotations

import os

from pipeline.core import names as N


def test_fit_counts_bytes_and_keeps_the_extension() -> None:
    name = "é" * 200 + ".pdf"  # 404 bytes, 204 characters
    fitted = N.fit(name, 255)
    assert len(fitted.encode()) <= 255 and fitted.endswith(".pdf")
    assert fitted.encode().decode()  # never cut inside a character


def test_non_utf8_bytes_are_shown_escaped_and_kept_as_underscores() -> None:
    name = os.fsdecode(b"scan\xe9.pdf")
    assert N.shown(name) == "scan\\xe9.pdf"
    assert N.kept_name(name) == "scan_.pdf"
    assert not N.is_kept_name(name) and N.is_kept_name("scan_.pdf")


def test_control_characters_and_bidi_overrides_never_survive() -> None:
    name = "surat\n\u202egpj.exe"
    assert "\n" not in N.kept_name(name) and "\u202e" not in N.kept_name(name)
    assert N.shown(name) == "surat\\x0a\\u202egpj.exe"


def test_derived_names_fit() -> None:
    kept = N.kept_name("a" * 300 + ".png")
    assert len(kept.encode()) <= N.KEPT_NAME_BYTES and kept.endswith(".png")
    assert len((N.with_suffix(kept, ".ocr.pdf")).encode()) <= N.NAME_MAX_BYTES
    assert len((kept + " (99).alasan.txt").encode()) <= N.NAME_MAX_BYTES
