"""The one wrapper around the Tesseract OCR engine (through pytesseract).

`probe()` says whether Tesseract and its language models are installed, apart from
`ocr_page()`, which runs it on one page image file with a hard timeout.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytesseract

from pipeline.core.errors import InputRejected, ToolMissing
from pipeline.core.models import Line, Word

# Tesseract's OpenMP threads fight each other on a 2-core machine (5-7x slower);
# we parallelise across pages with one single-threaded process per core instead.
os.environ["OMP_THREAD_LIMIT"] = "1"

LANGUAGES = "ind+eng"
REQUIRED_MODELS = ("ind", "eng")


@dataclass(frozen=True)
class Probe:
    installed: bool
    version: str | None
    languages: tuple[str, ...]
    missing_models: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.installed and not self.missing_models


@lru_cache(maxsize=1)
def probe() -> Probe:
    """Whether Tesseract and the `ind`/`eng`/`osd` models are installed (runs no OCR)."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return Probe(False, None, (), REQUIRED_MODELS)
    try:
        version = str(pytesseract.get_tesseract_version())
        langs = tuple(sorted(pytesseract.get_languages(config="")))
    except (pytesseract.TesseractError, OSError, subprocess.SubprocessError):
        return Probe(False, None, (), REQUIRED_MODELS)
    missing = tuple(m for m in REQUIRED_MODELS if m not in langs)
    return Probe(True, version, langs, missing)


def require() -> None:
    """Raise ToolMissing with the fix when OCR cannot run here."""
    p = probe()
    if not p.installed:
        raise ToolMissing(
            "Tesseract OCR belum terpasang. Jalankan: sudo apt-get install tesseract-ocr tesseract-ocr-ind",
            code="tesseract_missing",
        )
    if p.missing_models:
        pkgs = " ".join(f"tesseract-ocr-{m}" for m in p.missing_models)
        raise ToolMissing(
            f"Model bahasa Tesseract belum terpasang ({', '.join(p.missing_models)}). Jalankan: sudo apt-get install {pkgs}",
            code="tesseract_model_missing",
        )


@dataclass
class OcrResult:
    lines: list[Line]
    width: int
    height: int
    pdf: bytes | None = None  # Tesseract's searchable PDF of the page, when asked for


def ocr_page(
    image_path: str | os.PathLike,
    *,
    page: int = 1,
    dpi: int | None = None,
    timeout: float = 60,
    psm: int = 3,
    want_pdf: bool = False,
) -> OcrResult:
    """OCR one page image *file* (PNG/PGM/PPM/TIFF) and return its lines with word confidences.

    The file is handed to Tesseract as is: no re-encoding by pytesseract.
    """
    config = f"--psm {psm} -c tessedit_create_tsv=1"
    if want_pdf:
        config += " -c tessedit_create_pdf=1"
    if dpi:
        config += f" --dpi {int(dpi)}"
    with tempfile.TemporaryDirectory(prefix="kerjasama-ocr-") as tmp:
        base = os.path.join(tmp, "out")
        try:
            pytesseract.pytesseract.run_tesseract(
                str(image_path), base, extension="tsv", lang=LANGUAGES, config=config, timeout=timeout
            )
        except RuntimeError as exc:  # pytesseract's timeout kills the process and raises this
            if "timeout" in str(exc).lower():
                raise InputRejected(
                    f"Pembacaan OCR halaman {page} melebihi batas waktu {timeout:g} detik.",
                    code="ocr_timeout",
                ) from exc
            raise
        except pytesseract.TesseractNotFoundError as exc:
            raise ToolMissing(
                "Tesseract OCR belum terpasang. Jalankan: sudo apt-get install tesseract-ocr tesseract-ocr-ind",
                code="tesseract_missing",
            ) from exc
        except pytesseract.TesseractError as exc:
            raise InputRejected(
                f"Halaman {page} tidak dapat dibaca oleh OCR ({exc.message.strip()[:120]}).",
                code="ocr_failed",
            ) from exc
        tsv = Path(base + ".tsv").read_text(encoding="utf-8", errors="replace")
        pdf = Path(base + ".pdf").read_bytes() if want_pdf else None
    lines, width, height = parse_tsv(tsv, page=page)
    return OcrResult(lines=lines, width=width, height=height, pdf=pdf)


def parse_tsv(tsv: str, *, page: int = 1) -> tuple[list[Line], int, int]:
    """Group Tesseract's TSV words into lines, in reading order, with relative positions."""
    width = height = 0
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level = cols[0]
        if level == "1":
            width, height = int(cols[8]), int(cols[9])
            continue
        if level != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        groups.setdefault(key, []).append(
            Word(
                text=text,
                conf=max(0.0, float(cols[10])),
                left=float(cols[6]),
                top=float(cols[7]),
                width=float(cols[8]),
                height=float(cols[9]),
            )
        )
    w = max(width, 1)
    h = max(height, 1)
    lines = [
        Line(
            page=page,
            words=words,
            y=min(wd.top for wd in words) / h,
            x=min(wd.left for wd in words) / w,
        )
        for words in groups.values()
    ]
    return lines, width, height


def detect_orientation(image_path: str | os.PathLike, *, timeout: float = 30) -> tuple[int, float]:
    """Tesseract's orientation guess for one page image file (`--psm 0`, the `osd` model):
    the clockwise rotation in degrees (0/90/180/270) that makes the page upright, and its
    confidence (roughly: above ~2 is trustworthy). (0, 0.0) when it cannot tell, e.g. a
    page with too little text. A half-resolution copy (~150 dpi) is enough and cheaper.
    """
    with tempfile.TemporaryDirectory(prefix="kerjasama-osd-") as tmp:
        base = os.path.join(tmp, "out")
        try:
            pytesseract.pytesseract.run_tesseract(
                str(image_path), base, extension="osd", lang="osd", config="--psm 0", timeout=timeout
            )
            osd = Path(base + ".osd").read_text(encoding="utf-8", errors="replace")
        except pytesseract.TesseractNotFoundError as exc:
            raise ToolMissing(
                "Tesseract OCR belum terpasang. Jalankan: sudo apt-get install tesseract-ocr tesseract-ocr-ind",
                code="tesseract_missing",
            ) from exc
        except (pytesseract.TesseractError, RuntimeError, OSError):
            # Too few characters, a timeout or an unreadable image: no opinion, not an error.
            return 0, 0.0
    rotate, conf = 0, 0.0
    for line in osd.splitlines():
        key, _, value = line.partition(":")
        try:
            if key.strip() == "Rotate":
                rotate = int(value.strip()) % 360
            elif key.strip() == "Orientation confidence":
                conf = float(value.strip())
        except ValueError:
            continue
    return rotate, conf
