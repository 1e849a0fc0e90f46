"""The one wrapper around the Tesseract OCR engine.

`probe()` says where Tesseract is, which version it is and which language models it has,
apart from `ocr_page()` / `detect_orientation()`, which run it on one page image file, and
`ocr_images()`, which reads several small crops in one run.
Tesseract is run through `tools.process` (hard timeout, process-group kill); pytesseract
supplies the command to run (`pytesseract.pytesseract.tesseract_cmd`) and its error-text
helper.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytesseract

from pipeline.core.errors import InputRejected, ToolMissing
from pipeline.core.models import Line, Word
from pipeline.tools import process
from pipeline.tools.probe import ToolProbe, at_least

LANGUAGES = "ind+eng"
REQUIRED_MODELS = ("ind", "eng")
# 5.x is what the pipeline was tuned and measured on (Debian 12 ships 5.3); 4.x reads
# the same TSV but was never checked against the letters.
MINIMUM_VERSION = "5.0"
PROBE_TIMEOUT = 30.0
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-ind"
MISSING = f"Tesseract OCR belum terpasang. Jalankan: {INSTALL}"
# Tesseract's OpenMP threads fight each other on a 2-core machine (5-7x slower); we
# parallelise across pages with one single-threaded process per core instead. Set per
# call, not on os.environ, so importing this module changes nothing else.
ONE_THREAD = {"OMP_THREAD_LIMIT": "1"}


class TesseractProbe(ToolProbe):
    """A ToolProbe with Tesseract's own findings as read-only shortcuts."""

    @property
    def installed(self) -> bool:
        return self.found

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.details.get("languages", ()))  # type: ignore[arg-type]

    @property
    def missing_models(self) -> tuple[str, ...]:
        return tuple(m for m in REQUIRED_MODELS if m not in self.languages)


def program() -> str:
    """The Tesseract executable: pytesseract's command, resolved on PATH when it is there."""
    cmd = pytesseract.pytesseract.tesseract_cmd
    return shutil.which(cmd) or cmd


@lru_cache(maxsize=1)
def probe() -> TesseractProbe:
    """Where Tesseract is, its version (>= MINIMUM_VERSION) and its models (runs no OCR).

    ok: found, new enough, and the `ind`/`eng` models installed; `osd` (page orientation)
    is listed in details["languages"] when present but not required.
    """
    path = shutil.which(pytesseract.pytesseract.tesseract_cmd)
    base = {"name": "Tesseract", "minimum": MINIMUM_VERSION, "path": path}
    if path is None:
        return TesseractProbe(found=False, message=MISSING, **base)
    try:
        version = read_version(path)
        langs = list_languages(path)
    except (OSError, process.ProcessTimeout) as exc:
        message = f"Tesseract di {path} tidak dapat dijalankan ({exc}). Pasang ulang: {INSTALL}"
        return TesseractProbe(found=False, message=message, **base)
    details: dict[str, object] = {"languages": list(langs)}
    missing = [m for m in REQUIRED_MODELS if m not in langs]
    if not at_least(version, MINIMUM_VERSION):
        message = f"Tesseract {version or '(versi tidak terbaca)'} terlalu lama, minimal {MINIMUM_VERSION}. Jalankan: {INSTALL}"
    elif missing:
        pkgs = " ".join(f"tesseract-ocr-{m}" for m in missing)
        message = f"Model bahasa Tesseract belum terpasang ({', '.join(missing)}). Jalankan: sudo apt-get install {pkgs}"
    else:
        message = f"Tesseract {version} terpasang (model: {', '.join(langs)})"
    ok = at_least(version, MINIMUM_VERSION) and not missing
    return TesseractProbe(found=True, version=version, ok=ok, message=message, details=details, **base)


def read_version(path: str) -> str | None:
    """The version `tesseract --version` prints, e.g. "5.3.0" (older ones print to stderr)."""
    done = process.run([path, "--version"], timeout=PROBE_TIMEOUT)
    m = re.search(r"tesseract\s+v?(\S+)", (done.stdout + done.stderr).decode("utf-8", "replace"), re.IGNORECASE)
    return m.group(1) if m else None


def list_languages(path: str) -> tuple[str, ...]:
    """The installed models (`tesseract --list-langs`), sorted."""
    done = process.run([path, "--list-langs"], timeout=PROBE_TIMEOUT)
    lines = (done.stdout + done.stderr).decode("utf-8", "replace").splitlines()
    return tuple(sorted({ln.strip() for ln in lines if pytesseract.pytesseract.LANG_PATTERN.match(ln.strip())}))


def require() -> None:
    """Raise ToolMissing with the fix when OCR cannot run here."""
    p = probe()
    if p.ok:
        return
    if not p.found:
        code = "tesseract_missing"
    elif not at_least(p.version, MINIMUM_VERSION):
        code = "tesseract_too_old"
    else:
        code = "tesseract_model_missing"
    raise ToolMissing(p.message, code=code)


@dataclass
class OcrResult:
    lines: list[Line]
    width: int
    height: int
    pdf: bytes | None = None  # Tesseract's searchable PDF of the page, when asked for


def run(image_path: str | os.PathLike, base: str, lang: str, options: list[str], timeout: float) -> process.Completed:
    """`tesseract IMAGE BASE -l LANG OPTIONS...`, single-threaded; ToolMissing if absent.
    Raises process.ProcessTimeout past `timeout` seconds."""
    try:
        return process.run([program(), os.fspath(image_path), base, "-l", lang, *options], timeout=timeout, env=ONE_THREAD)
    except FileNotFoundError as exc:
        raise ToolMissing(MISSING, code="tesseract_missing") from exc


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

    The file is handed to Tesseract as is: no re-encoding.
    """
    options = ["--psm", str(psm), "-c", "tessedit_create_tsv=1"]
    if want_pdf:
        options += ["-c", "tessedit_create_pdf=1"]
    if dpi:
        options += ["--dpi", str(int(dpi))]
    with tempfile.TemporaryDirectory(prefix="kerjasama-ocr-") as tmp:
        base = os.path.join(tmp, "out")
        _run_checked(image_path, base, options, page, timeout)
        tsv = Path(base + ".tsv").read_text(encoding="utf-8", errors="replace")
        pdf = Path(base + ".pdf").read_bytes() if want_pdf else None
    lines, width, height = parse_tsv(tsv, page=page)
    return OcrResult(lines=lines, width=width, height=height, pdf=pdf)


def ocr_images(image_paths: Sequence[str | os.PathLike], *, page: int = 1, psm: int = 6,
               timeout: float = 60) -> list[list[Line]]:
    """The lines of several small image files (crops of page `page`), read by one Tesseract
    run, in the order given. Tesseract reads a list file's images one by one, each on its
    own, so each reading is that of a run of its own; the run's start and model loading,
    about a fifth of a second (as long as a crop's reading), is paid once."""
    names = [os.fspath(p) for p in image_paths]
    if not names:
        return []
    if any("\n" in name or "\r" in name for name in names):
        raise ValueError("a line break in an image path would split Tesseract's list file")
    with tempfile.TemporaryDirectory(prefix="kerjasama-ocr-") as tmp:
        listing, base = os.path.join(tmp, "gambar.txt"), os.path.join(tmp, "out")
        Path(listing).write_text("".join(name + "\n" for name in names), encoding="utf-8")
        _run_checked(listing, base, ["--psm", str(psm), "-c", "tessedit_create_tsv=1"], page, timeout)
        rows = Path(base + ".tsv").read_text(encoding="utf-8", errors="replace").splitlines()
    by_image: dict[str, list[str]] = {}
    for row in rows[1:]:
        by_image.setdefault(row.split("\t", 2)[1] if row.count("\t") > 1 else "", []).append(row)
    header = rows[0] if rows else ""
    return [parse_tsv("\n".join([header, *by_image.get(str(i), [])]), page=page)[0] for i in range(1, len(names) + 1)]


def _run_checked(image_path: str | os.PathLike, base: str, options: list[str], page: int, timeout: float) -> None:
    try:
        done = run(image_path, base, LANGUAGES, options, timeout)
    except process.ProcessTimeout as exc:
        raise InputRejected(
            f"Pembacaan OCR halaman {page} melebihi batas waktu {timeout:g} detik.",
            code="ocr_timeout",
        ) from exc
    if done.returncode:
        detail = pytesseract.pytesseract.get_errors(done.stderr)
        raise InputRejected(
            f"Halaman {page} tidak dapat dibaca oleh OCR ({detail.strip()[:120]}).",
            code="ocr_failed",
        )


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
            engine="tesseract",
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
            done = run(image_path, base, "osd", ["--psm", "0"], timeout)
            if done.returncode:
                return 0, 0.0
            osd = Path(base + ".osd").read_text(encoding="utf-8", errors="replace")
        except (process.ProcessTimeout, OSError):
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
