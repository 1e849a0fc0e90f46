import os
import random
import subprocess
from pathlib import Path
from typing import Callable, Iterator

import pytest
from hypothesis import settings as hypothesis_settings

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"

# Tesseract must run single-threaded in tests as in production (see pipeline/tesseract.py).
os.environ["OMP_THREAD_LIMIT"] = "1"

# No wall-clock limit on property tests (Hypothesis' default deadline is 200 ms per example):
# on a busy machine a correct example can take longer, and speed belongs in `make bench`.
hypothesis_settings.register_profile("kerjasama", deadline=None)
hypothesis_settings.load_profile("kerjasama")

SHUFFLE_ENV = "KERJASAMA_TEST_SHUFFLE"


def pytest_collection_modifyitems(config, items):
    """KERJASAMA_TEST_SHUFFLE=<seed> runs the collected tests in a random order (the same
    order again for the same seed), to find tests that pass only after another one ran.
    Module-scoped fixtures still work; they may just be set up more than once."""
    seed = os.environ.get(SHUFFLE_ENV, "").strip()
    if not seed:
        return
    random.Random(seed).shuffle(items)


def pytest_report_header(config):
    seed = os.environ.get(SHUFFLE_ENV, "").strip()
    return f"{SHUFFLE_ENV}={seed}: tests in shuffled order" if seed else None


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def tmpfs() -> Iterator[Callable[[Path], Path]]:
    """Mount a small tmpfs on a folder (a second filesystem, as a network share would be), or skip."""
    mounted: list[Path] = []

    def mount(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"tmpfs tidak bisa dipasang (perlu root): {done.stderr.strip()}")
        mounted.append(folder)
        assert os.stat(folder).st_dev != os.stat(folder.parent).st_dev
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)
