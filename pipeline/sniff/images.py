"""Image checks before reading (PNG, JPEG, TIFF): frame counts and pixel sizes from the
headers first, so a decompression bomb is refused before a pixel is decoded; then every
frame is decoded once to prove the file is complete."""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from pipeline.core.errors import InputRejected
from pipeline.core.models import InputKind
from pipeline.sniff.limits import megapixels, resolve_limits

# Pillow format name -> our kind. Phone cameras often write MPO (a JPEG with extra
# images appended); its first image is an ordinary JPEG.
IMAGE_FORMATS: dict[str, InputKind] = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff"}
# Only TIFF pages are pages; other formats' extra frames (APNG, MPO) are not read.
MULTI_PAGE_KINDS = ("tiff",)


@dataclass(frozen=True)
class ImageInfo:
    path: str
    kind: InputKind
    frames: int
    sizes: tuple[tuple[int, int], ...]  # (width, height) in pixels, per frame
    dpi: tuple[float, float] | None  # as stated in the file; None when absent or nonsense


def inspect_image(path: str | os.PathLike, limits: dict | None = None) -> ImageInfo:
    """Frames, sizes and dpi of a PNG/JPEG/TIFF, refusing bombs and broken files.

    Sizes are checked from the header before any pixel is decoded; only then is each
    frame decoded once to prove it is complete.
    """
    lim = resolve_limits(limits)
    p = Path(path)
    with warnings.catch_warnings():
        # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that; refuse there too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with _open_image(p) as im:
                info = _header_info(p, im, lim)
                _decode_frames(im, info)
            with _open_image(p) as im:
                im.verify()  # PNG: chunk CRCs and the IEND marker, which decoding skips
        except InputRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError):
            raise _image_bomb(_effective_pixel_limit(lim)) from None
        except Exception:  # hostile bytes make Pillow raise anything; the verdict is the same
            raise _broken_image() from None
    return info


def _broken_image() -> InputRejected:
    return InputRejected("Gambar rusak atau terpotong; minta pindaian ulang.", code="image_corrupt")


def _effective_pixel_limit(lim: dict[str, Any]) -> int:
    # Pillow's own guard may be the stricter one; the message must name the limit that held.
    ours = int(lim["max_pixels_per_page"])
    return min(ours, Image.MAX_IMAGE_PIXELS) if Image.MAX_IMAGE_PIXELS else ours


def _image_bomb(max_px: int) -> InputRejected:
    return InputRejected(
        f"Gambar terlalu besar untuk dibuka dengan aman (lebih dari {megapixels(max_px)}); "
        "kemungkinan berkas rusak atau sengaja dibuat berbahaya.",
        code="image_too_large",
    )


def _open_image(p: Path):
    # Only the formats we read: Pillow never gets to parse anything else.
    return Image.open(p, formats=["PNG", "JPEG", "TIFF"])


def _header_info(p: Path, im, lim: dict[str, Any]) -> ImageInfo:
    """Frames and sizes from the headers alone: no pixel is decoded here."""
    max_frames = int(lim["max_pages"])
    max_px = int(lim["max_pixels_per_page"])
    kind = _kind_of_format(im.format)
    dpi = _clean_dpi(im.info.get("dpi"))
    # Seek frame by frame and stop one past the limit, so a TIFF whose frame chain
    # loops or never ends costs at most max_frames + 1 seeks.
    tries = max_frames + 1 if kind in MULTI_PAGE_KINDS else 1
    sizes = []
    for index in range(tries):
        if index > 0 and not _seek(im, index):
            break
        if index == max_frames:
            raise InputRejected(
                f"Gambar berisi lebih dari {max_frames} halaman; batasnya {max_frames} halaman.",
                code="too_many_pages",
            )
        sizes.append(_checked_frame_size(im, index + 1, max_px))
    return ImageInfo(path=str(p), kind=kind, frames=len(sizes), sizes=tuple(sizes), dpi=dpi)


def _kind_of_format(fmt: str | None) -> InputKind:
    kind = IMAGE_FORMATS.get(fmt or "")
    if kind is None:
        raise _broken_image()
    return kind


def _seek(im, index: int) -> bool:
    try:
        im.seek(index)
    except EOFError:
        return False
    return True


def _checked_frame_size(im, number: int, max_px: int) -> tuple[int, int]:
    width, height = im.size
    if width <= 0 or height <= 0:
        raise _broken_image()
    if width * height > max_px:
        raise InputRejected(
            f"Gambar halaman {number} terlalu besar: {width}×{height} piksel (batas {megapixels(max_px)}).",
            code="image_too_large",
        )
    return (width, height)


def _clean_dpi(value) -> tuple[float, float] | None:
    try:
        x, y = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    # 0, negative, NaN, or absurd (Pillow reports 1 dpi for a TIFF written without a
    # resolution): no scanner works outside this range.
    if not (20 <= x <= 10000 and 20 <= y <= 10000):
        return None
    return (x, y)


def _decode_frames(im, info: ImageInfo) -> None:
    """Decode every frame once (sizes already checked) to prove the file is complete."""
    for index in range(info.frames):
        im.seek(index)
        if info.kind == "jpeg":
            # Decode at 1/8 scale: the whole stream is still read (so truncation is
            # caught) at a fraction of the cost.
            im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
        im.load()
