"""Paper and light on a page: uneven lighting divided out, scanner speckle removed.

Nothing is binarised: thin strokes and grey text keep their relative darkness.
"""
from __future__ import annotations

import cv2
import numpy as np

from pipeline.read.imaging.resolution import downscale


def _paper_tiles(small: np.ndarray, tile: int = 16) -> np.ndarray:
    """Brightness of the paper per tile (its 90th percentile: ink covers less than 10% of
    a tile of text), one value per `tile` x `tile` block."""
    h, w = small.shape
    tile = max(1, min(tile, h, w))
    th, tw = h // tile, w // tile
    blocks = small[: th * tile, : tw * tile].reshape(th, tile, tw, tile).swapaxes(1, 2).reshape(th, tw, -1)
    return np.percentile(blocks, 90, axis=2).astype(np.float32)


def background(gray: np.ndarray) -> np.ndarray:
    """Paper brightness at every pixel, from a 1/8-scale copy: a morphological closing
    wipes out the ink, a blur smooths it. Inside a big logo, banner or photo, which a
    closing cannot wipe out, that is far darker than the paper of the surrounding ~130-px tile; there a
    floor tied to the tile's paper keeps large dark areas, and light text on them, from
    being bleached away."""
    small, _ = downscale(gray, max(32, max(gray.shape) // 8))
    # Closing, not a plain max filter: it removes ink as well but keeps a shadow's edge
    # where it is, instead of spreading the lit side ~30 px into the shadow.
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    local = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel).astype(np.float32)
    tiles = cv2.resize(_paper_tiles(small), (small.shape[1], small.shape[0]), interpolation=cv2.INTER_LINEAR)
    # Shadows darken paper to ~0.5 at most and are divided out; a big dark print area
    # is darker than that, and its tile's paper stands in for it.
    bg = cv2.GaussianBlur(np.maximum(local, 0.45 * tiles), (0, 0), 1.5)
    bg = np.clip(bg, 1, 255).astype(np.uint8)
    return cv2.resize(bg, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)


def flatten_light(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness so the paper is uniformly white and ink keeps its
    relative darkness (no binarisation: thin strokes and grey text survive)."""
    return cv2.divide(gray, background(gray), scale=255)


def uneven_light(gray: np.ndarray) -> bool:
    """Whether the paper's brightness varies enough across a scan to confuse Tesseract's
    global threshold (shadows, a gradient). Judged per tile on the paper's brightness,
    so a dark logo, banner or picture on an evenly lit page does not count: tiles darker
    than any shadow (below 35% of the brightest paper) are printed matter."""
    small, _ = downscale(gray, max(32, max(gray.shape) // 8))
    paper = _paper_tiles(small, 24).ravel()
    paper = paper[paper >= 0.35 * paper.max()]
    lo, hi = np.percentile(paper, (5, 95))
    return bool(hi - lo > 40)


def _isolated_dots(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels much darker than their 3x3 median with only paper around them (no glyph
    within ~2 px), and the median image to fill them from."""
    med = cv2.medianBlur(gray, 3)
    alone = cv2.erode(med, np.ones((5, 5), np.uint8)) > 160
    return (med.astype(np.int16) - gray > 60) & alone, med


def has_speckle(gray: np.ndarray) -> bool:
    """Whether the page is sprinkled with isolated dark dots (scanner noise), judged on
    its central quarter."""
    h, w = gray.shape
    dots, _ = _isolated_dots(gray[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4])
    return bool(dots.mean() > 2e-4)


def despeckle(gray: np.ndarray) -> np.ndarray:
    """Remove isolated dots only: a plain median filter would also thin the strokes of
    small or low-dpi glyphs (it took ~17% of the ink of a 150-dpi page)."""
    dots, med = _isolated_dots(gray)
    out = gray.copy()
    out[dots] = med[dots]
    return out
