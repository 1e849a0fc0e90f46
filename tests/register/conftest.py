"""Shared by the registration tests that run real `kerjasama` processes."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "intake.yaml").write_text("stability_seconds: 0.2\ncheck_interval_seconds: 0.05\n", encoding="utf-8")
    out = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    out.pop("KERJASAMA_CRASH_AT", None)
    return out
