import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"

# Tesseract must run single-threaded in tests as in production (see pipeline/tesseract.py).
os.environ["OMP_THREAD_LIMIT"] = "1"


@pytest.fixture
def samples() -> Path:
    return SAMPLES
