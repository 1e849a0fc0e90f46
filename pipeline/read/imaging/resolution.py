"""A page image's resolution: the dpi to tell Tesseract, and downscaled copies for analysis."""
from __future__ import annotations

import cv2
import numpy as np

PAGE_WIDTH_INCH = 8.27  # 210 mm: an A4/F4 sheet's short side


def plausible_dpi(gray: np.ndarray, dpi: float | None) -> bool:
    """Whether a file's stated dpi fits a letter page: the short side is then 4-14 inches
    (A5..A3). Phone JPEGs often say 72 or 96, which would mislead Tesseract."""
    return bool(dpi) and 4 <= min(gray.shape) / dpi <= 14


def guess_dpi(gray: np.ndarray) -> int:
    """A dpi for an image that says none: assume the short side spans an A4 width."""
    return int(np.clip(round(min(gray.shape) / PAGE_WIDTH_INCH), 70, 600))


def downscale(gray: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    """A copy whose long side is at most `long_side` px, and the scale applied."""
    scale = min(1.0, long_side / max(gray.shape))
    if scale == 1.0:
        return gray, 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return small, scale
