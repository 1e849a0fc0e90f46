"""The one wrapper around RapidOCR, the second OCR engine (PP-OCRv4 models on onnxruntime).

`probe()` says whether the `rapidocr_onnxruntime` package and onnxruntime are installed,
their version and whether the model files the package ships are present, without loading
a model. `read_images()` reads image files: it runs the engine's own small program
(`python -m pipeline.tools.rapidocr_child --jobs FILE`) through `tools.process`, so a read gets a hard
timeout and a process-group kill like Tesseract's, single-threaded (the reader spreads
strips over the cores), at most one copy per core on the whole machine (a burst reads two
letters at once), and nothing ever downloads: the models come inside the wheel.

RapidOCR finds text lines on a scaled-down copy of the image (the detector's time grows
with the pixels) and recognises each line, one at a time, from the full-resolution image:
at full resolution it keeps the spaces between Latin words that it drops on a small crop.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.core.errors import KerjasamaError, ToolMissing
from pipeline.tools import process, slots
from pipeline.tools.probe import ToolProbe, at_least

PACKAGE = "rapidocr_onnxruntime"
DISTRIBUTION = "rapidocr-onnxruntime"
MINIMUM_VERSION = "1.4"  # the child below uses the detector/recogniser objects of 1.4.x
MODEL_KEYS = ("Det", "Rec")  # the direction model (Cls) is not used: pages are made upright first
INSTALL = ".venv/bin/pip install rapidocr-onnxruntime==1.4.4 (atau: make venv)"
MISSING = f"Mesin OCR kedua (RapidOCR) belum terpasang. Jalankan: {INSTALL}"
# One thread per read, as for Tesseract: onnxruntime's own thread pools would fight the
# other strips' processes on a small machine. The session options are set in the child too.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
CHILD = "pipeline.tools.rapidocr_child"  # the program each read runs (imports nothing of ours)


class SecondReadingFailed(KerjasamaError):
    """The second engine could not read an image (timeout, crash): Tesseract's reading stands."""


@dataclass(frozen=True)
class RapidWord:
    text: str
    score: float  # 0..1, the recogniser's mean character probability
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class RapidLine:
    text: str
    score: float  # 0..1
    left: float
    top: float
    width: float
    height: float
    words: tuple[RapidWord, ...]  # its characters (" " where it saw a space), with their boxes


@lru_cache(maxsize=1)
def probe() -> ToolProbe:
    """Installed, version >= MINIMUM_VERSION, onnxruntime present, model files present."""
    base = {"name": "RapidOCR", "minimum": MINIMUM_VERSION}
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return ToolProbe(found=False, message=MISSING, **base)
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        version = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        version = None
    runtime = importlib.util.find_spec("onnxruntime") is not None
    models = model_files(folder)
    missing = [str(p.name) for p in models if not p.is_file() or p.stat().st_size == 0]
    details: dict[str, object] = {"models": [str(p) for p in models], "onnxruntime": runtime}
    if not at_least(version, MINIMUM_VERSION):
        message = f"RapidOCR {version or '(versi tidak terbaca)'} terlalu lama, minimal {MINIMUM_VERSION}. Jalankan: {INSTALL}"
    elif not runtime:
        message = f"onnxruntime (dipakai RapidOCR) belum terpasang. Jalankan: {INSTALL}"
    elif missing or not models:
        message = f"Berkas model RapidOCR tidak lengkap ({', '.join(missing) or 'config.yaml'}). Pasang ulang: {INSTALL}"
    else:
        message = f"RapidOCR {version} terpasang (model: {', '.join(p.name for p in models)})"
    ok = at_least(version, MINIMUM_VERSION) and runtime and bool(models) and not missing
    return ToolProbe(found=True, path=str(folder), version=version, ok=ok, message=message, details=details, **base)


def model_files(folder: Path) -> list[Path]:
    """The model files the package's own config.yaml names (empty when it cannot be read)."""
    import yaml

    try:
        config = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
        return [folder / config[key]["model_path"] for key in MODEL_KEYS]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return []


def available() -> bool:
    return probe().ok


def require() -> None:
    """Raise ToolMissing with the fix when the second engine cannot run here."""
    if not probe().ok:
        raise ToolMissing(probe().message, code="rapidocr_missing")


Box = tuple[float, float, float, float]  # left, top, width, height in the image's pixels


@dataclass(frozen=True)
class ImageJob:
    """One image file to read: the detector's long side for it, and the boxes not to recognise."""
    path: Path
    detect_long_side: int = 1280
    skip: Sequence[Box] = ()


def read_image(image_path: str | os.PathLike, *, detect_long_side: int = 1280, timeout: float = 60,
               skip: Sequence[Box] = ()) -> list[RapidLine]:
    """The text lines RapidOCR reads in one image file (grey or colour), top to bottom,
    in the image's pixel coordinates. A line it finds whose centre lies in one of the `skip`
    boxes is not recognised (the caller already trusts another reading of it: recognition is
    most of RapidOCR's time). Raises SecondReadingFailed on timeout or failure."""
    return read_images([ImageJob(Path(image_path), int(detect_long_side), tuple(skip))], timeout=timeout)[0]


def read_images(jobs: Sequence[ImageJob], *, timeout: float = 60) -> list[list[RapidLine]]:
    """Each image's lines (as `read_image`), read by one process: the engine starts and loads
    its models once, about half a second of CPU, instead of once per image. The jobs are
    written beside the first image. One failure fails them all (SecondReadingFailed)."""
    if not jobs:
        return []
    listing = Path(jobs[0].path).with_suffix(".jobs.json")
    listing.write_text(json.dumps([{"image": os.fspath(j.path), "side": int(j.detect_long_side),
                                    "skip": [[round(float(v), 1) for v in box] for box in j.skip]} for j in jobs]),
                       encoding="utf-8")
    args = [sys.executable, "-m", CHILD, "--jobs", os.fspath(listing)]
    try:
        # One copy per core on the whole machine, however many readers run (tools/slots.py).
        with slots.slot("rapidocr", slots.cores(), wait=timeout):
            done = process.run(args, timeout=timeout, env=ONE_THREAD)
    except process.ProcessTimeout as exc:
        raise SecondReadingFailed(f"RapidOCR melebihi batas waktu {timeout:g} detik.", code="rapidocr_timeout") from exc
    except OSError as exc:
        raise SecondReadingFailed(f"RapidOCR tidak dapat dijalankan ({exc}).", code="rapidocr_failed") from exc
    if done.returncode:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"kode {done.returncode}"]
        raise SecondReadingFailed(f"RapidOCR gagal membaca gambar ({tail[0][:120]}).", code="rapidocr_failed")
    try:
        results = json.loads(done.stdout)
        if len(results) != len(jobs):
            raise ValueError("one result per image expected")
        return [[_line(item) for item in items] for items in results]
    except (ValueError, KeyError, TypeError) as exc:
        raise SecondReadingFailed("RapidOCR memberi hasil yang tidak terbaca.", code="rapidocr_failed") from exc


def _line(item: dict) -> RapidLine:
    words = tuple(RapidWord(str(w["text"]), float(w["score"]), *map(float, w["box"])) for w in item["words"])
    return RapidLine(str(item["text"]), float(item["score"]), *map(float, item["box"]), words=words)
