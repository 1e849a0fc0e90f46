"""Greyscale for OCR from a colour page, with coloured stamp and signature ink faded."""
from __future__ import annotations

import cv2
import numpy as np


def to_gray(image: np.ndarray) -> np.ndarray:
    """Greyscale for OCR from a colour page that drops coloured ink: 2*max - min of the
    channels. Black print and grey paper keep their brightness (max == min), while the
    saturated blue/red/purple ink of stamps and signatures turns near-white and stops
    hiding the printed name under it (plain luminance keeps it as dark grey).
    Greyscale input is returned as is."""
    if image.ndim == 2:
        return image
    b, g, r = cv2.split(np.ascontiguousarray(image[:, :, :3]))
    hi = cv2.max(cv2.max(b, g), r)
    lo = cv2.min(cv2.min(b, g), r)
    return cv2.add(hi, cv2.subtract(hi, lo))  # 2*max - min, saturating at 255
