"""A photocopier's dark margins: the band of toner along a page's edges.

Closed around the page, such a frame makes Tesseract take the whole sheet for one picture:
it reads nothing ("Empty page!!") and the letter would be refused as blank. A side whose
band runs along (nearly) its whole length and ends, paper again, within the outer few per
cent of the page is painted paper-white. A letterhead band printed to the margin does not
qualify: its text has gaps between lines, and a coloured band is wider than the window.
"""
from __future__ import annotations

import numpy as np

WINDOW = 0.05  # a margin band ends within this share of the page's width/height
DARK = 170  # median grey of a band's columns (rows) across the page: darker than this
PAPER_GAP = 40  # ... and the page is paper again where the median is this close to the paper's
PAD = 0.001  # cleared a hair past where paper is back (text may start right there)
STEP = 4  # every 4th row/column is enough for a median


def _band_end(profile: np.ndarray, paper: float) -> int | None:
    """Index (from the edge) where a dark band near the edge has given way to paper, or None."""
    dark = np.flatnonzero(profile < DARK)
    if dark.size == 0:
        return None
    light = np.flatnonzero(profile[dark[-1]:] >= paper - PAPER_GAP)
    if light.size == 0:
        return None  # still dark at the window's inner end: a printed band, not a margin
    return int(dark[-1] + light[0])


def clear_dark_margins(gray: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The page with its photocopier margins painted paper-white, and the sides cleared."""
    h, w = gray.shape
    sample = gray[::STEP, ::STEP]
    paper = float(np.percentile(sample, 90))
    if paper < DARK + PAPER_GAP:
        return gray, []  # a dark page: no paper level to tell a margin by
    wx, wy = max(2, int(w * WINDOW) // STEP), max(2, int(h * WINDOW) // STEP)
    if sample.shape[0] <= 2 * wy or sample.shape[1] <= 2 * wx:
        return gray, []  # too small to hold a side's length beside the corners
    sides = {
        "left": np.median(sample[wy:-wy, :wx], axis=0),
        "right": np.median(sample[wy:-wy, -wx:], axis=0)[::-1],
        "top": np.median(sample[:wy, wx:-wx], axis=1),
        "bottom": np.median(sample[-wy:, wx:-wx], axis=1)[::-1],
    }
    out, cleared = gray, []
    for side, profile in sides.items():
        end = _band_end(profile, paper)
        if end is None:
            continue
        if out is gray:
            out = gray.copy()
        reach = (end + 1) * STEP + int(PAD * max(h, w))
        fill = int(paper)
        if side == "left":
            out[:, :reach] = fill
        elif side == "right":
            out[:, w - reach:] = fill
        elif side == "top":
            out[:reach, :] = fill
        else:
            out[h - reach:, :] = fill
        cleared.append(side)
    return out, cleared
