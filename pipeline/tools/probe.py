"""What a probe of an external program found, apart from any call that runs it.

Every wrapper in `pipeline.tools` has a `probe()` returning one of these, so the doctor and
the code that runs the program agree on where it is, which version it is and whether that
version is new enough.
"""
from __future__ import annotations

import re

from pydantic import BaseModel


class ToolProbe(BaseModel):
    name: str                     # e.g. "Tesseract", "LibreOffice"
    found: bool
    path: str | None = None
    version: str | None = None    # as the program printed it, e.g. "5.3.0"
    minimum: str | None = None    # the oldest version the pipeline is known to work with
    ok: bool = False              # found, and version >= minimum
    message: str = ""             # Indonesian: what was found, or what to do about it
    details: dict[str, object] = {}


def version_tuple(text: str | None) -> tuple[int, ...]:
    """'5.3.0-1' -> (5, 3, 0); an unreadable version is (0,), i.e. older than any minimum."""
    m = re.search(r"\d+(?:\.\d+)*", text or "")
    return tuple(int(p) for p in m.group(0).split(".")) if m else (0,)


def at_least(version: str | None, minimum: str | None) -> bool:
    return minimum is None or version_tuple(version) >= version_tuple(minimum)
