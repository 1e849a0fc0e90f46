"""Shared by the status-change crash tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from workflow_util import PDF1, register


@pytest.fixture(scope="module")
def registered(tmp_path_factory) -> tuple[Path, str]:
    template = tmp_path_factory.mktemp("terdaftar") / "root"
    (no,) = register(template, PDF1)
    return template, no
