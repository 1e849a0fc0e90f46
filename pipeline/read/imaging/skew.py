"""Small skew: measuring how far the text lines are turned, and straightening them."""
from __future__ import annotations

import cv2
import numpy as np

from pipeline.read.imaging.ink import ink_mask

MAX_SKEW_DEG = 10.0
MIN_SKEW_DEG = 0.5  # below this Tesseract copes and a rotation only blurs glyphs


def estimate_skew(gray: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """How far the text lines are turned counter-clockwise, in degrees (as on screen;
    `rotate_small(gray, -angle)` straightens them): the angle whose horizontal projection
    of the ink is sharpest, found on a ~1/4-scale copy by rotating ink coordinates, not
    the image."""
    return ink_skew(ink_mask(gray), max_deg)


def ink_skew(ink: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """estimate_skew() on an ink mask already made (prepare() measures skew and
    orientation on one mask)."""
    ys, xs = np.nonzero(ink)
    if len(xs) < 500:
        return 0.0
    if len(xs) > 60000:  # subsample: the profile's shape needs no more
        idx = np.random.default_rng(0).choice(len(xs), 60000, replace=False)
        ys, xs = ys[idx], xs[idx]
    xs = xs.astype(np.float32) - ink.shape[1] / 2
    ys = ys.astype(np.float32) - ink.shape[0] / 2

    def sharpness(deg: float) -> float:
        t = np.deg2rad(deg)
        # Row of each ink pixel after turning the image back by `deg`.
        rows = ys * np.cos(t) + xs * np.sin(t)
        hist = np.bincount((rows - rows.min()).astype(np.int32))
        return float(np.dot(hist, hist))

    coarse = np.arange(-max_deg, max_deg + 0.01, 0.5)
    best = coarse[int(np.argmax([sharpness(a) for a in coarse]))]
    fine = np.arange(best - 0.5, best + 0.51, 0.05)
    return float(round(fine[int(np.argmax([sharpness(a) for a in fine]))], 2))


def rotate_small(gray: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate counter-clockwise by `degrees`, growing the canvas so no corner of the page
    is cut off, and filling with the paper colour."""
    h, w = gray.shape
    t = np.deg2rad(abs(degrees))
    new_w = int(np.ceil(w * np.cos(t) + h * np.sin(t)))
    new_h = int(np.ceil(h * np.cos(t) + w * np.sin(t)))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    m[0, 2] += (new_w - w) / 2
    m[1, 2] += (new_h - h) / 2
    paper = int(np.percentile(gray[::8, ::8], 90))
    return cv2.warpAffine(gray, m, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=paper)
