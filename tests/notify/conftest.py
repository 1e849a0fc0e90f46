"""What the notification tests share: a ROOT with one registered letter whose registration has
not been notified yet (copied per test), and a real SMTP server on localhost."""
from __future__ import annotations

from pathlib import Path

import pytest

from smtp_sink import SmtpSink
from workflow_util import PDF1, register


@pytest.fixture(scope="module")
def registered(tmp_path_factory) -> tuple[Path, str]:
    template = tmp_path_factory.mktemp("terdaftar") / "root"
    (no,) = register(template, PDF1)
    return template, no


@pytest.fixture
def sink():
    s = SmtpSink().start()
    yield s
    s.stop()
