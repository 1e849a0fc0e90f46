"""Phone photos: finding the sheet on its background and warping it flat.

All analysis runs on a copy downscaled to 640 px; the warp itself runs at full size.
"""
from __future__ import annotations

import cv2
import numpy as np

from pipeline.read.imaging.resolution import downscale

# Limits for the short side of a flattened photo: 210 mm (A4/F4 width) at 300 and 150 dpi.
PAGE_WIDTH_PX = 2480
MIN_PAGE_WIDTH_PX = 1240


def find_sheet(gray: np.ndarray) -> np.ndarray | None:
    """Four corners (tl, tr, br, bl; full-resolution float32) of a bright sheet lying on a
    darker background, or None when the image is the page itself (a scan) or no sheet
    can be told apart with confidence (then nothing is warped)."""
    small, scale = downscale(gray, 640)
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
