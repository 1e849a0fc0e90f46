"""A second look reads a few bands of a page with RapidOCR: a couple of bands to a process,
so that starting the engine is not most of the work, and every band's lines land where
they are on the page."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np

from pipeline.read import second
from pipeline.tools import rapidocr

TEXTS = ["Hormat kami", "Pemimpin Redaksi", "Budi Santoso"]


def page_with_lines() -> tuple[np.ndarray, list[tuple[int, int]]]:
    image = np.full((1800, 1300), 255, np.uint8)
    bands = []
    for i, text in enumerate(TEXTS):
        baseline = 300 + 550 * i
        cv2.putText(image, text, (120, baseline), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3, cv2.LINE_AA)
        bands.append((baseline - 90, baseline + 40))
    return image, bands


def test_three_bands_on_two_cores_are_read_by_two_processes_in_page_coordinates(tmp_path, monkeypatch):
    runs = []
    real = rapidocr.read_images

    def counted(jobs, **kw):
        runs.append(len(jobs))
        return real(jobs, **kw)

    monkeypatch.setattr(rapidocr, "read_images", counted)
    image, bands = page_with_lines()
    with ThreadPoolExecutor(2) as pool:
        reading = second.SecondReading(pool, tmp_path, image, 1, 2, time.monotonic() + 300,
                                       second.engine_settings(), bands=bands)
        lines = reading.rapid_lines()
    assert sorted(runs) == [1, 2]  # not three engine starts
    assert lines is not None
    for text, (top, bottom) in zip(TEXTS, bands):
        found = [line for line in lines if line.text == text]
        assert found, (text, [line.text for line in lines])
        assert top <= found[0].top < bottom  # shifted back from the band to the page


def test_a_whole_page_keeps_one_process_per_strip():
    strips_ = [second.strips.Strip(i, 100 * i, 100 * i + 100) for i in range(2)]
    assert second._runs(strips_, 2, bands=False) == [[strips_[0]], [strips_[1]]]
    assert second._runs(strips_, 2, bands=True) == [strips_]  # two bands: one start


def test_a_whole_page_cut_for_two_cores_is_read_by_one_process_when_given_one():
    # A busy machine (a burst): the page is cut as always, so every strip reads the same,
    # but one process reads both strips and the engine starts once.
    strips_ = [second.strips.Strip(0, 0, 900), second.strips.Strip(1, 900, 1800)]
    assert second._runs(strips_, 1, bands=False) == [strips_]
