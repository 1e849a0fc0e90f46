"""The RapidOCR wrapper: a probe apart from the call, a hard timeout, a real reading."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.core.errors import ToolMissing
from pipeline.tools import rapidocr, rapidocr_child


def text_image(path: Path, lines: list[str]) -> Path:
    """A white page strip with printed lines (what a prepared page strip looks like)."""
    image = np.full((90 * len(lines) + 60, 1400), 255, np.uint8)
    for i, text in enumerate(lines):
        cv2.putText(image, text, (40, 90 + 90 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3, cv2.LINE_AA)
    cv2.imwrite(str(path), image)
    return path


def test_probe_finds_the_package_its_version_and_its_shipped_models():
    found = rapidocr.probe()
    assert found.ok, found.message
    assert rapidocr.available()
    assert found.version and found.version.startswith("1.4")
    models = [Path(p) for p in found.details["models"]]
    assert [p.suffix for p in models] == [".onnx", ".onnx"]
    assert all(p.is_file() and p.stat().st_size > 1_000_000 for p in models)  # inside the wheel: nothing to download
    rapidocr.require()


def test_model_files_of_a_broken_install(tmp_path):
    assert rapidocr.model_files(tmp_path) == []  # no config.yaml at all
    (tmp_path / "config.yaml").write_text("Det:\n  model_path: models/det.onnx\nRec:\n  model_path: models/rec.onnx\n")
    assert rapidocr.model_files(tmp_path) == [tmp_path / "models/det.onnx", tmp_path / "models/rec.onnx"]


def test_a_missing_engine_names_the_fix(monkeypatch):
    monkeypatch.setattr(rapidocr.importlib.util, "find_spec", lambda name: None)
    rapidocr.probe.cache_clear()
    try:
        found = rapidocr.probe()
        assert not found.found and not found.ok
        assert "pip install rapidocr-onnxruntime" in found.message
        with pytest.raises(ToolMissing) as err:
            rapidocr.require()
        assert err.value.code == "rapidocr_missing"
    finally:
        monkeypatch.undo()
        rapidocr.probe.cache_clear()


def test_reads_printed_lines_with_their_spaces_and_boxes(tmp_path):
    path = text_image(tmp_path / "strip.png", ["Dinas Komunikasi dan Informatika", "Kabupaten Trenggalek 66311"])
    lines = rapidocr.read_image(path, timeout=120)
    # It may cut a printed line into pieces (boxes side by side); each keeps its spaces.
    assert " ".join(line.text for line in lines) == "Dinas Komunikasi dan Informatika Kabupaten Trenggalek 66311"
    first, last = lines[0], lines[-1]
    assert first.top < last.top
    assert all(0.5 <= line.score <= 1.0 for line in lines)
    assert "".join(w.text for w in first.words).strip() == first.text  # one box per character, spaces included
    assert all(first.left - 5 <= w.left <= first.left + first.width for w in first.words)


def test_skipped_lines_are_not_recognised(tmp_path):
    path = text_image(tmp_path / "strip.png", ["Dinas Komunikasi dan Informatika", "Kabupaten Trenggalek 66311"])
    lines = rapidocr.read_image(path, timeout=120, skip=[(0.0, 0.0, 1400.0, 120.0)])  # the first line's band
    text = " ".join(line.text for line in lines)
    assert "Trenggalek 66311" in text and "Dinas" not in text and "Informatika" not in text


def test_several_images_are_read_by_one_process_as_each_alone(tmp_path):
    # A second look reads a few bands of a page: one engine start for all of them.
    first = text_image(tmp_path / "a.png", ["Dinas Komunikasi dan Informatika"])
    second = text_image(tmp_path / "b.png", ["Kabupaten Trenggalek 66311"])
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((300, 600), 255, np.uint8))
    together = rapidocr.read_images([rapidocr.ImageJob(first), rapidocr.ImageJob(blank), rapidocr.ImageJob(second)],
                                    timeout=120)
    assert together == [rapidocr.read_image(first, timeout=120), [], rapidocr.read_image(second, timeout=120)]
    assert " ".join(line.text for line in together[2]) == "Kabupaten Trenggalek 66311"


def test_one_unreadable_image_fails_its_whole_run(tmp_path):
    good = text_image(tmp_path / "a.png", ["Dinas Komunikasi"])
    bad = tmp_path / "b.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(rapidocr.SecondReadingFailed):
        rapidocr.read_images([rapidocr.ImageJob(good), rapidocr.ImageJob(bad)], timeout=120)


def test_a_blank_image_has_no_lines(tmp_path):
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((400, 600), 255, np.uint8))
    assert rapidocr.read_image(path, timeout=120) == []


def test_an_unreadable_file_fails_without_crashing_the_caller(tmp_path):
    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(rapidocr.SecondReadingFailed) as err:
        rapidocr.read_image(path, timeout=120)
    assert err.value.code == "rapidocr_failed"


def test_a_read_past_its_time_limit_is_killed(tmp_path):
    path = text_image(tmp_path / "strip.png", ["Dinas Komunikasi dan Informatika"])
    with pytest.raises(rapidocr.SecondReadingFailed) as err:
        rapidocr.read_image(path, timeout=0.05)  # less than the engine needs to start
    assert err.value.code == "rapidocr_timeout"


def test_each_model_runs_on_one_thread():
    # Every strip's read is one process on one core, as Tesseract's: a model on onnxruntime's
    # default pool would take every core of the machine from the other strips' processes.
    engine = rapidocr_child._engine(640)
    sessions = [engine.text_det.infer.session, engine.text_cls.infer.session, engine.text_rec.session.session]
    for session in sessions:
        options = session.get_session_options()
        assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert cv2.getNumThreads() == 1

