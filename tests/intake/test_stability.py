"""When is a file in the inbox complete?"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.intake.stability import StabilityTracker, Verdict


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_stable_only_after_unchanged_for_the_wait(tmp_path: Path) -> None:
    clock, f = Clock(), tmp_path / "surat.pdf"
    f.write_bytes(b"a")
    tracker = StabilityTracker(5, clock=clock)
    assert tracker.check(f) is Verdict.WAITING
    clock.t += 4.9
    assert tracker.check(f) is Verdict.WAITING
    clock.t += 0.2
    assert tracker.check(f) is Verdict.STABLE


def test_growing_file_restarts_the_wait(tmp_path: Path) -> None:
    clock, f = Clock(), tmp_path / "surat.pdf"
    f.write_bytes(b"a")
    tracker = StabilityTracker(2, clock=clock)
    tracker.check(f)
    for _ in range(5):  # a chunk every 1.5 s: never 2 s unchanged
        clock.t += 1.5
        with f.open("ab") as fh:
            fh.write(b"b")
        assert tracker.check(f) is Verdict.WAITING
    clock.t += 2
    assert tracker.check(f) is Verdict.STABLE


def test_rewrite_with_same_size_is_seen_by_mtime(tmp_path: Path) -> None:
    clock, f = Clock(), tmp_path / "surat.pdf"
    f.write_bytes(b"aaaa")
    tracker = StabilityTracker(1, clock=clock)
    tracker.check(f)
    st = f.stat()
    f.write_bytes(b"bbbb")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    clock.t += 5
    assert tracker.check(f) is Verdict.WAITING


def test_zero_wait_still_needs_two_looks(tmp_path: Path) -> None:
    f = tmp_path / "surat.pdf"
    f.write_bytes(b"a")
    tracker = StabilityTracker(0)
    assert tracker.check(f) is Verdict.WAITING
    assert tracker.check(f) is Verdict.STABLE


def test_vanished_file_is_forgotten(tmp_path: Path) -> None:
    f = tmp_path / "surat.pdf.part"
    f.write_bytes(b"a")
    tracker = StabilityTracker(1)
    tracker.check(f)
    f.rename(tmp_path / "surat.pdf")
    assert tracker.check(f) is Verdict.GONE
    assert f not in tracker


def test_unchanged_for_counts_from_the_last_change(tmp_path: Path) -> None:
    clock, f = Clock(), tmp_path / "unduh.part"
    f.write_bytes(b"a")
    tracker = StabilityTracker(1, clock=clock)
    assert tracker.unchanged_for(f) == 0.0
    tracker.check(f)
    clock.t += 30
    tracker.check(f)
    assert tracker.unchanged_for(f) == 30
