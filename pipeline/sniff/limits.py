"""The limits a file is judged against (config/limits.yaml), and how they read in messages."""
from __future__ import annotations

from typing import Any

from pipeline.core import settings


def resolve_limits(limits: dict | None) -> dict[str, Any]:
    """The caller's limits, else the configured ones."""
    if limits is not None:
        return limits
    return settings.load("limits")


def megabytes(n: float) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def megapixels(n: float) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " juta piksel"
