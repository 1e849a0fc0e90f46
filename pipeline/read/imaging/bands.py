"""Letterhead bands printed in a dark colour, with the text in white.

Dropping colour (colour.py) lifts a blue or red band to near paper white, and its white
letters vanish with it: the brand, the address and the contacts a modern letterhead prints
in a side band. Such a band is found as a large, solid area of dark colour: dark in the
plain luminance and lifted by the colour drop (a grey desk around a photographed sheet,
black print and a paragraph of dark text are not), and read inverted: light band, dark letters.
"""
from __future__ import annotations

import cv2
import numpy as np

LONG_SIDE = 600  # analysis size
DARK = 120  # luminance of a band's colour: darker than this
LIFTED = 60  # ... and the colour drop made it at least this much lighter (a saturated colour)
CLOSE = 0.02  # the kernel that fills a band's white letters, as a share of the long side
MIN_SIDE = 0.04  # a band is at least this wide and tall (share of the page's sides)
MIN_AREA = 0.01  # ... and covers this share of the page
SOLID = 0.85  # its filled shape covers this share of its convex hull (a rectangle, maybe tilted)
INKED = 0.5  # and most of it is dark before filling: a paragraph of text is mostly paper


def dark_bands(gray: np.ndarray, luma: np.ndarray) -> np.ndarray | None:
    """Mask (full size, bool) of the dark colour bands of a page, or None when it has none.
    `gray` is the page after the colour drop, `luma` its plain luminance."""
    h, w = luma.shape
    scale = min(1.0, LONG_SIDE / max(h, w))

    def small(image: np.ndarray) -> np.ndarray:
        return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    lum, lifted = small(luma), small(gray).astype(np.int16) - small(luma)
    sh, sw = lum.shape
    dark = ((lum < DARK) & (lifted >= LIFTED)).astype(np.uint8)
    k = max(3, int(CLOSE * max(sh, sw)) | 1)
    filled = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(filled, connectivity=4)
    keep = np.zeros(n, bool)
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if bw < MIN_SIDE * sw or bh < MIN_SIDE * sh or area < MIN_AREA * sh * sw:
            continue
        if area < SOLID * _hull_area(labels[y:y + bh, x:x + bw] == i):
            continue  # a ring, a ragged block; a photo's tilted band is still solid in its hull
        if dark[labels == i].mean() < INKED:
            continue  # dark text set close, not a printed band
        keep[i] = True
    if not keep.any():
        return None
    mask = keep[labels].astype(np.uint8)
    return cv2.resize(mask, (w, h), interpolation=cv2.INTER_NEAREST).astype(bool)


def _hull_area(blob: np.ndarray) -> float:
    contours, _ = cv2.findContours(blob.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return max((cv2.contourArea(cv2.convexHull(c)) for c in contours), default=0.0) or 1.0


def invert_bands(gray: np.ndarray, luma: np.ndarray) -> np.ndarray:
    """`gray` with each dark band of `luma` replaced by its inverted luminance."""
    mask = dark_bands(gray, luma)
    if mask is None:
        return gray
    out = gray.copy()
    out[mask] = 255 - luma[mask]
    return out
