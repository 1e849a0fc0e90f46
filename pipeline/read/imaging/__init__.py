"""Making page images read well by Tesseract: pure numpy/OpenCV, no I/O.

The entry point is `prepare()`, defined here: it takes a greyscale page (a scan or a phone
photo) and returns the image to hand to Tesseract plus the dpi to tell it. Phone photos
of a sheet on a background are found, warped flat at their own resolution (150-300 dpi)
and evened out (sheet.py, light.py); speckle, uneven light, sideways text and small skew
are fixed on scans only when present (light.py, orientation.py, skew.py), and a
photocopier's dark margins are painted out (margins.py), so a clean scan passes through
untouched. Nothing is binarised: Tesseract thresholds better itself, and thin strokes and text under stamps survive. colour.py makes the grey image from a
colour one so that coloured stamps and signatures fade, and bands.py reads a letterhead's
white-on-colour band inverted, its letters being lost with the colour otherwise.
Each helper does one job so it can be tested alone. All analysis runs on downscaled
copies: prepare() takes ~30-80 ms per 300-dpi A4 page on one core (budget 0.15 s).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.read.imaging.bands import invert_bands
from pipeline.read.imaging.ink import ink_mask
from pipeline.read.imaging.margins import clear_dark_margins
from pipeline.read.imaging.light import despeckle, flatten_light, has_speckle, uneven_light
from pipeline.read.imaging.orientation import rotate, sideways_ink
from pipeline.read.imaging.resolution import PAGE_WIDTH_INCH, guess_dpi, plausible_dpi
from pipeline.read.imaging.sheet import find_sheet, warp_sheet
from pipeline.read.imaging.skew import MIN_SKEW_DEG, ink_skew, rotate_small

MAX_DPI = 400  # scans above this are shrunk to 300 dpi
MIN_SIDE_PX = 200  # smaller images are passed through untouched


@dataclass
class Prepared:
    image: np.ndarray  # uint8 greyscale, ready to be written as PGM/PNG for Tesseract
    dpi: int  # what to pass as --dpi
    steps: list[str] = field(default_factory=list)  # what was done, e.g. "photo_warp", "deskew:-2.1"
    # Clockwise quarter turn applied (0 or 90). 90 means the text ran vertically; whether
    # the page is now upright or upside down only Tesseract's OSD can tell, so the reader
    # should run `tesseract.detect_orientation` on such a page before OCR.
    rotation: int = 0


def prepare(gray: np.ndarray, dpi: float | None = None, *, luma: np.ndarray | None = None) -> Prepared:
    """The page image Tesseract should read, and its dpi.

    `dpi` is what the file says, if anything; an implausible value is replaced by a guess
    from the page size. Write `image` with cv2.imwrite (PGM is fastest) and pass `dpi`
    as Tesseract's --dpi. If `rotation` is 90, run OSD before OCR (see Prepared).

    When `gray` came from `to_gray()` of a colour photo, pass the plain luminance too
    (`cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)`) as `luma`: the sheet is looked for in it,
    because dropping colour also lifts a brown, blue or red table to paper white.
    """
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError("prepare() wants a 2-D uint8 greyscale image")
    if luma is not None and luma.shape != gray.shape:
        raise ValueError("prepare(): luma must have the same size as gray")
    steps: list[str] = []
    if min(gray.shape) < MIN_SIDE_PX:  # a snippet, not a page: nothing here applies
        return Prepared(image=gray, dpi=int(round(dpi)) if dpi else 300, steps=steps)
    corners = find_sheet(gray if luma is None else luma)
    if corners is not None:
        image = warp_sheet(gray, corners)
        out_dpi = round(min(image.shape) / PAGE_WIDTH_INCH)
        steps.append("photo_warp")
        if luma is not None:  # on the sheet alone: a band printed to its edge would join the desk
            image = _bands_inverted(image, warp_sheet(luma, corners), steps)
        image = flatten_light(image)
        steps.append("flatten_light")
    else:
        image = gray if luma is None else _bands_inverted(gray, luma, steps)
        out_dpi = round(dpi) if plausible_dpi(gray, dpi) else guess_dpi(gray)
        if out_dpi > MAX_DPI:
            # A 600-dpi page took Tesseract 2.3x as long as the same page at 300 dpi
            # and read no better.
            image = cv2.resize(image, None, fx=300 / out_dpi, fy=300 / out_dpi, interpolation=cv2.INTER_AREA)
            out_dpi = 300
            steps.append("downscale:300")
        if has_speckle(image):
            image = despeckle(image)
            steps.append("despeckle")
        if uneven_light(image):
            image = flatten_light(image)
            steps.append("flatten_light")
    rotation = 0
    ink = ink_mask(image)
    if sideways_ink(ink):
        image, ink = rotate(image, 90), rotate(ink.view(np.uint8), 90).view(bool)
        rotation = 90
        steps.append("rotate:90")
    angle = ink_skew(ink)
    if abs(angle) >= MIN_SKEW_DEG:
        image = rotate_small(image, -angle)
        steps.append(f"deskew:{angle:+.1f}")
    # after deskewing: a tilted band darkens too few of each column's rows to be found
    image, sides = clear_dark_margins(image)
    if sides:
        steps.append("margins:" + ",".join(sides))
    return Prepared(image=image, dpi=int(out_dpi), steps=steps, rotation=rotation)


def _bands_inverted(gray: np.ndarray, luma: np.ndarray, steps: list[str]) -> np.ndarray:
    out = invert_bands(gray, luma)
    if out is not gray:
        steps.append("invert_bands")
    return out
