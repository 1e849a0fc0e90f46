"""The second look's small crops are read a few to a Tesseract run: each crop reads as it
would in a run of its own, and a crop Tesseract cannot read loses only itself."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipeline.read import crops
from pipeline.tools import tesseract

FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
LINES = ["Perihal : Permohonan Kerja Sama Publikasi", "Telepon : (0355) 791234", "Hormat kami, Direktur Utama"]


def line_image(text: str) -> np.ndarray:
    image = Image.new("L", (1400, 110), 255)
    ImageDraw.Draw(image).text((30, 25), text, fill=0, font=ImageFont.truetype(FONT, 44))
    return np.array(image)


def words(lines) -> list[tuple[str, float, float]]:
    return [(w.text, w.conf, w.left) for line in lines for w in line.words]


def test_crops_read_in_one_run_read_as_in_runs_of_their_own(tmp_path: Path) -> None:
    paths = []
    for i, text in enumerate(LINES):
        paths.append(tmp_path / f"c{i}.pgm")
        cv2.imwrite(str(paths[-1]), line_image(text))
    together = tesseract.ocr_images(paths, psm=6, timeout=60)
    alone = [tesseract.ocr_page(p, psm=6, timeout=60).lines for p in paths]
    assert [words(lines) for lines in together] == [words(lines) for lines in alone]
    assert " ".join(w.text for w in together[1][0].words) == LINES[1]


def test_a_crop_tesseract_cannot_read_loses_only_itself(tmp_path: Path) -> None:
    good = [tmp_path / "a.pgm", tmp_path / "c.pgm"]
    cv2.imwrite(str(good[0]), line_image(LINES[0]))
    cv2.imwrite(str(good[1]), line_image(LINES[2]))
    broken = tmp_path / "b.pgm"
    broken.write_bytes(b"P5\n1400 110\n255\n")  # a header and no pixels: a scan cut short
    got = crops.read_files([good[0], broken, good[1]], page=1, timeout=60)
    assert got[1] is None
    assert [" ".join(w.text for line in lines for w in line.words) for lines in (got[0], got[2])] == [LINES[0], LINES[2]]


def test_a_few_crops_share_one_run_and_more_are_spread_over_the_cores(tmp_path: Path, monkeypatch) -> None:
    images = [line_image(text) for text in LINES * 2]
    runs: list[int] = []
    real = crops.read_files

    def counted(paths, page, timeout):
        runs.append(len(paths))
        return real(paths, page, timeout)

    monkeypatch.setattr(crops, "read_files", counted)
    with ThreadPoolExecutor(2) as pool:
        few = crops.read(pool, [(tmp_path / f"f{i}.pgm", im) for i, im in enumerate(images[:3])], page=1,
                         timeout=60, workers=2)
        assert runs == [3]
        many = crops.read(pool, [(tmp_path / f"m{i}.pgm", im) for i, im in enumerate(images)], page=1,
                          timeout=60, workers=2)
        assert sorted(runs[1:]) == [3, 3]
    assert [" ".join(w.text for line in lines for w in line.words) for lines in many] == LINES * 2
    assert [words(lines) for lines in few] == [words(lines) for lines in many[:3]]
