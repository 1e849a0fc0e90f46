"""Making page images read well by Tesseract: pure numpy/OpenCV, no I/O.

`prepare()` takes a greyscale page (a scan or a phone photo) and returns the image to
hand to Tesseract plus the dpi to tell it. Phone photos of a sheet on a background are
found, warped flat at their own resolution (150-300 dpi) and evened out; speckle,
uneven light, sideways text and small skew are fixed on scans only when present, so a
clean scan passes through untouched. Nothing is binarised: Tesseract thresholds better
itself, and thin strokes and text under stamps survive. `to_gray()` makes the grey
image from a colour one so that coloured stamps and signatures fade.
Each helper does one job so it can be tested alone. All analysis runs on downscaled
copies: prepare() takes ~30-80 ms per 300-dpi A4 page on one core (budget 0.15 s).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

# Limits for the short side of a flattened photo: 210 mm (A4/F4 width) at 300 and 150 dpi.
PAGE_WIDTH_PX = 2480
MIN_PAGE_WIDTH_PX = 1240
PAGE_WIDTH_INCH = 8.27
MAX_SKEW_DEG = 10.0
MIN_SKEW_DEG = 0.5  # below this Tesseract copes and a rotation only blurs glyphs
OSD_DPI = 150
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
        image = flatten_light(image)
        steps.append("flatten_light")
    else:
        image = gray
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
    ink = _ink(image)
    if _sideways(ink):
        image, ink = rotate(image, 90), rotate(ink.view(np.uint8), 90).view(bool)
        rotation = 90
        steps.append("rotate:90")
    angle = _skew(ink)
    if abs(angle) >= MIN_SKEW_DEG:
        image = rotate_small(image, -angle)
        steps.append(f"deskew:{angle:+.1f}")
    return Prepared(image=image, dpi=int(out_dpi), steps=steps, rotation=rotation)


def plausible_dpi(gray: np.ndarray, dpi: float | None) -> bool:
    """Whether a file's stated dpi fits a letter page: the short side is then 4-14 inches
    (A5..A3). Phone JPEGs often say 72 or 96, which would mislead Tesseract."""
    return bool(dpi) and 4 <= min(gray.shape) / dpi <= 14


def guess_dpi(gray: np.ndarray) -> int:
    """A dpi for an image that says none: assume the short side spans an A4 width."""
    return int(np.clip(round(min(gray.shape) / PAGE_WIDTH_INCH), 70, 600))


def _downscale(gray: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    scale = min(1.0, long_side / max(gray.shape))
    if scale == 1.0:
        return gray, 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return small, scale


# --- phone photos: find the sheet, flatten it ---------------------------------------


def find_sheet(gray: np.ndarray) -> np.ndarray | None:
    """Four corners (tl, tr, br, bl; full-resolution float32) of a bright sheet lying on a
    darker background, or None when the image is the page itself (a scan) or no sheet
    can be told apart with confidence (then nothing is warped)."""
    small, scale = _downscale(gray, 640)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    # A wide median wipes out text and most of a table's texture while keeping the
    # sheet's straight edges.
    h, w = small.shape
    half = cv2.resize(blur, (w // 2, h // 2), interpolation=cv2.INTER_AREA)  # a 9-px median, cheaply
    smooth = cv2.resize(cv2.medianBlur(half, 5), (w, h), interpolation=cv2.INTER_LINEAR)
    candidates = []
    # Two ways to see the sheet: brighter than the table (once the light's gradient is
    # divided out), or enclosed by a closed outline of strong edges (when the table's
    # lit side is as bright as the sheet's shaded side).
    for mask in (_sheet_mask(smooth), _outline_mask(smooth)):
        # RETR_LIST: the sheet can sit inside a ring of table that came out white too.
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        big = [c for c in contours if 0.2 * h * w <= cv2.contourArea(c) <= 0.97 * h * w]
        candidates += sorted(big, key=cv2.contourArea, reverse=True)[:3]
    for blob in candidates:
        quad = _quad_of(blob)
        if quad is None or not _plausible_sheet(quad):
            continue
        quad = _refine_quad(blur, quad)
        if quad is not None and _plausible_sheet(quad) and _edges_supported(blur, quad):
            return quad / scale
    return None


def _refine_quad(blur: np.ndarray, quad: np.ndarray, reach: int = 8) -> np.ndarray | None:
    """Snap each side onto the sheet's actual edge (the mask is smoothed, so its corners
    are rounded): along the side, find the strongest paper-to-table step within `reach`
    px across it, fit a line through those points, and intersect neighbouring lines.
    This also extrapolates a corner that lies just outside the photo."""
    h, w = blur.shape
    img = blur.astype(np.float32)
    center = quad.mean(axis=0)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        direction = (b - a) / (np.linalg.norm(b - a) + 1e-9)
        normal = np.array([-direction[1], direction[0]], np.float32)
        if np.dot(center - (a + b) / 2, normal) < 0:
            normal = -normal  # points into the sheet
        pts = a + (b - a) * np.linspace(0.1, 0.9, 60)[:, None]
        offsets = np.arange(-reach, reach + 1, dtype=np.float32)
        probe = pts[:, None, :] + offsets[None, :, None] * normal  # (60, 2*reach+1, 2)
        xs = np.clip(probe[..., 0], 0, w - 1).astype(np.float32)
        ys = np.clip(probe[..., 1], 0, h - 1).astype(np.float32)
        profile = cv2.remap(img, xs, ys, cv2.INTER_LINEAR)
        step = profile[:, 2:] - profile[:, :-2]  # brighter towards the sheet
        best = np.argmax(step, axis=1)
        height = step[np.arange(len(best)), best]
        # Keep points whose step is like the edge's typical one, not the table's grain.
        strong = height > max(8.0, 0.6 * float(np.median(height)))
        if strong.sum() < 15:
            return quad
        # +2 px: stay just inside the blurred edge, so no strip of table is warped in.
        edge = pts[strong] + (offsets[best[strong] + 1] + 2)[:, None] * normal
        vx, vy, x0, y0 = cv2.fitLine(edge.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    corners = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        m = np.array([d1, -d2]).T
        if abs(np.linalg.det(m)) < 1e-6:
            return None
        t = np.linalg.solve(m, p2 - p1)
        corners.append(p1 + t[0] * d1)
    return np.array(corners, np.float32)


def _quad_of(blob: np.ndarray) -> np.ndarray | None:
    """The blob's outline as four ordered corners, if it simplifies to four."""
    hull = cv2.convexHull(blob)
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            return _order_corners(approx.reshape(4, 2).astype(np.float32))
    return None


def _outline_mask(smooth: np.ndarray) -> np.ndarray:
    """What lies inside a closed outline of strong edges (the sheet's border), found by
    flooding everything reachable from the photo's border without crossing an edge."""
    grad = cv2.morphologyEx(smooth, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    edges = cv2.dilate((grad > 10).astype(np.uint8), np.ones((3, 3), np.uint8))
    edges = cv2.copyMakeBorder(edges, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    flood = np.zeros((edges.shape[0] + 2, edges.shape[1] + 2), np.uint8)
    cv2.floodFill(edges, flood, (0, 0), 2)
    inside = (edges[1:-1, 1:-1] != 2).astype(np.uint8) * 255
    return cv2.morphologyEx(inside, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))


def _sheet_mask(smooth: np.ndarray) -> np.ndarray:
    """Paper vs background. A light gradient across a photo can make the lit table
    brighter than the shaded paper, so the paper's illumination is modelled (a quadratic
    surface fitted to the log brightness of what Otsu calls paper) and divided out before
    thresholding again."""
    h, w = smooth.shape
    level = np.log(smooth.astype(np.float32) + 1)
    grid = level[::4, ::4]  # the fit needs no more points than this
    gy, gx = np.mgrid[0 : grid.shape[0], 0 : grid.shape[1]].astype(np.float32)
    x, y = (gx / grid.shape[1] - 0.5).ravel(), (gy / grid.shape[0] - 0.5).ravel()
    design = np.column_stack([np.ones_like(x), x, y, x * x, x * y, y * y])
    work = smooth
    for _ in range(2):
        _, mask = cv2.threshold(work, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        paper = mask[::4, ::4].ravel() > 0
        if paper.sum() < 100:
            break
        a = design[paper]
        coef = np.linalg.solve(a.T @ a + 1e-6 * np.eye(6, dtype=np.float32), a.T @ grid.ravel()[paper])
        light = cv2.resize((design @ coef).reshape(grid.shape).astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
        work = np.clip(np.exp(level - light) * 200, 0, 255).astype(np.uint8)
    _, mask = cv2.threshold(work, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Close over text and rules so the sheet is one solid blob.
    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))


def _plausible_sheet(quad: np.ndarray) -> bool:
    """A photographed sheet: convex, corners within 60..120 degrees, sides in a paper-like
    ratio (up to ~1:1.8)."""
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return False
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(cos) > 0.5:
            return False
    sides = [np.linalg.norm(quad[i] - quad[(i + 1) % 4]) for i in range(4)]
    ratio = (sides[1] + sides[3]) / max(sides[0] + sides[2], 1e-9)
    return 0.55 <= ratio <= 1.85


def _edges_supported(blur: np.ndarray, quad: np.ndarray) -> bool:
    """Whether each side of `quad` runs along a real edge: sampled along the side, the
    image just inside is clearly brighter than just outside at most points. Rejects quads
    traced around a shadow or a light patch of the table."""
    center = quad.mean(axis=0)
    h, w = blur.shape
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        t = np.linspace(0.1, 0.9, 40)[:, None]
        pts = a + (b - a) * t
        normal = np.array([-(b - a)[1], (b - a)[0]], np.float32)
        normal /= np.linalg.norm(normal) + 1e-9
        if np.dot(center - (a + b) / 2, normal) < 0:
            normal = -normal
        inner = np.round(pts + 4 * normal).astype(int)
        outer = np.round(pts - 4 * normal).astype(int)
        ok = (outer[:, 0] >= 0) & (outer[:, 0] < w) & (outer[:, 1] >= 0) & (outer[:, 1] < h)
        ok &= (inner[:, 0] >= 0) & (inner[:, 0] < w) & (inner[:, 1] >= 0) & (inner[:, 1] < h)
        if ok.sum() < 20:  # the side runs along the photo's border: no background there
            return False
        step = blur[inner[ok, 1], inner[ok, 0]].astype(int) - blur[outer[ok, 1], outer[ok, 0]]
        if np.mean(step > 12) < 0.7:
            return False
    return True


def _order_corners(pts: np.ndarray) -> np.ndarray:
    s = pts.sum(axis=1)
    d = pts[:, 1] - pts[:, 0]
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def warp_sheet(gray: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Perspective-warp the quadrilateral `corners` (tl, tr, br, bl) to an upright page,
    keeping the sheet's measured aspect ratio and, mostly, its resolution.

    The short side keeps its photographed size, clamped to 150..300 dpi for an A4-wide
    sheet: upscaling a ~130-200 dpi photo to 300 dpi made Tesseract ~60% slower and read
    no better; far bigger photos are shrunk to 300 dpi, which also saves time."""
    tl, tr, br, bl = corners
    src_w = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    src_h = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    short = min(src_w, src_h)
    scale = float(np.clip(short, MIN_PAGE_WIDTH_PX, PAGE_WIDTH_PX)) / short
    out_w, out_h = int(round(src_w * scale)), int(round(src_h * scale))
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    return cv2.warpPerspective(gray, m, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


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
    small, _ = _downscale(gray, max(32, max(gray.shape) // 8))
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
    small, _ = _downscale(gray, max(32, max(gray.shape) // 8))
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


# --- skew and orientation ------------------------------------------------------------


def estimate_skew(gray: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """How far the text lines are turned counter-clockwise, in degrees (as on screen;
    `rotate_small(gray, -angle)` straightens them): the angle whose horizontal projection
    of the ink is sharpest, found on a ~1/4-scale copy by rotating ink coordinates, not
    the image."""
    return _skew(_ink(gray), max_deg)


def _skew(ink: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
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


def _ink(gray: np.ndarray, long_side: int = 900) -> np.ndarray:
    """Dark pixels of a downscaled copy, without huge dark blobs (a table around an
    unwarped photo, a black scanner margin) that would swamp the text lines."""
    small, _ = _downscale(gray, long_side)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    huge = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] > 0.02 * ink.size)
    huge = huge[huge > 0]
    keep = ink > 0
    if len(huge):
        keep &= ~np.isin(labels, huge)
    return keep


def _profile_contrast(profile: np.ndarray) -> float:
    """Coefficient of variation of an ink profile between its first and last inked bin."""
    nz = np.flatnonzero(profile)
    if len(nz) == 0:
        return 0.0
    p = profile[nz[0] : nz[-1] + 1].astype(np.float64)
    return float(p.std() / max(p.mean(), 1e-9))


def looks_sideways(gray: np.ndarray) -> bool:
    """Whether the text lines run vertically (page turned by 90 or 270 degrees): across
    lines of text the ink alternates with white gaps, along them it is even. Upright
    pages measured rows/columns ~1.2-1.7 vs ~0.2-0.8, and the reverse when turned."""
    return _sideways(_ink(gray))


def _sideways(ink: np.ndarray) -> bool:
    if ink.sum() < 500:
        return False
    return bool(_profile_contrast(ink.sum(axis=0)) > 1.25 * _profile_contrast(ink.sum(axis=1)))


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


def rotate(gray: np.ndarray, degrees: int) -> np.ndarray:
    """Turn the page clockwise by a multiple of 90 degrees (Tesseract OSD's "Rotate:"
    value), losslessly."""
    turns = (int(degrees) // 90) % 4
    if turns == 0:
        return gray
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(gray, codes[turns])


def for_orientation_check(gray: np.ndarray, dpi: int) -> np.ndarray:
    """A copy for Tesseract's orientation detection (OSD): shrunk to ~150 dpi, where OSD
    was still right on every sample page (confidence 12-24) and ~30% cheaper than at 300
    dpi. Lower resolutions are not shrunk: at ~90 dpi OSD misread two of three photos."""
    if dpi <= 200:
        return gray
    scale = OSD_DPI / dpi
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


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
