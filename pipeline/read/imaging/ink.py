"""Where the ink is: the mask that skew and orientation are measured on."""
from __future__ import annotations

import cv2
import numpy as np

from pipeline.read.imaging.resolution import downscale


def ink_mask(gray: np.ndarray, long_side: int = 900) -> np.ndarray:
    """Dark pixels of a downscaled copy, without huge dark blobs (a table around an
    unwarped photo, a black scanner margin) that would swamp the text lines."""
    small, _ = downscale(gray, long_side)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    huge = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] > 0.02 * ink.size)
    huge = huge[huge > 0]
    keep = ink > 0
    if len(huge):
        keep &= ~np.isin(labels, huge)
    return keep
