"""Degradations of the rendered page: scans, bilevel, noisy grey, photocopy, phone photo,
plus stamps, fold creases and punch holes. Pages come from the born-digital PDF."""
from __future__ import annotations

from random import Random

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image


KINDS = ("clean_scan", "bilevel", "noisy_gray", "photocopy", "phone_photo")


def _find(page, texts: list[str], scale: float, height_pt: float):
    """Pixel position (left, vertical centre) of the first of `texts` found on the page, else None."""
    tp = page.get_textpage()
    for t in texts:
        if not t:
            continue
        occ = tp.search(t, match_case=False).get_next()
        if occ:
            tp.count_rects(*occ)
            l, b, r, top = tp.get_rect(0)
            return int(l * scale), int((height_pt - (b + top) / 2) * scale)
    return None


def rasterise(pdf_path: str, dpi: int, f: dict) -> tuple[list[Image.Image], list, list]:
    doc = pdfium.PdfDocument(pdf_path)
    scale = dpi / 72
    pages, subj, sign = [], [], []
    for page in doc:
        w, h = page.get_size()
        pages.append(page.render(scale=scale).to_pil().convert("RGB"))
        words = f["subject"].split()
        subj.append(_find(page, [" ".join(words[:3]), words[0]], scale, h))
        name = f["signer"].split(",")[0]
        sign.append(_find(page, [name, name.split()[-1]], scale, h))
    doc.close()
    return pages, subj, sign


def _skew(a: np.ndarray, deg: float, fill: int | tuple) -> np.ndarray:
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def creases(a: np.ndarray, rng: Random, nr) -> int:
    """Fold lines (letter folded in three): a thin dark line with a light halo, in a narrow band."""
    h, w = a.shape[:2]
    n = rng.choice((1, 2, 2))
    for k in range(n):
        y = int(h * (k + 1) / (n + 1) + rng.uniform(-0.02, 0.02) * h)
        slope = rng.uniform(-0.01, 0.01) * w
        y0, y1 = max(0, int(y - abs(slope) - 40)), min(h, int(y + abs(slope) + 40))
        rows = np.arange(y0, y1, dtype=np.float32)[:, None]
        band = rows - (y + slope * np.arange(w, dtype=np.float32)[None, :] / w)
        shade = 1 - 0.22 * np.exp(-(band / 2.5) ** 2) + 0.05 * np.exp(-((band - 8) / 10) ** 2)
        part = a[y0:y1].astype(np.float32)
        a[y0:y1] = np.clip(part * (shade[..., None] if a.ndim == 3 else shade), 0, 255).astype(np.uint8)
    return n


def punch_holes(a: np.ndarray, rng: Random, dpi: int) -> None:
    h = a.shape[0]
    x = int(dpi * rng.uniform(0.3, 0.45))
    r = int(dpi * 0.12)
    for cy in (h / 2 - dpi * 1.6, h / 2 + dpi * 1.6):
        cv2.circle(a, (x, int(cy)), r, (45, 45, 45) if a.ndim == 3 else 45, -1, lineType=cv2.LINE_AA)


def to_gray(a: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(a, cv2.COLOR_RGB2GRAY) if a.ndim == 3 else a


def phone_photo(a: np.ndarray, rng: Random, nr) -> tuple[np.ndarray, dict]:
    """Perspective warp onto a darker desk, uneven shadow, a little blur."""
    h, w = a.shape[:2]
    pad = int(0.08 * w)
    out_w, out_h = w + 2 * pad, h + 2 * pad
    desk = np.array([rng.randint(60, 120), rng.randint(50, 100), rng.randint(40, 90)], dtype=np.uint8)
    j = lambda: rng.uniform(0.0, 0.05) * w  # noqa: E731
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[pad + j(), pad + j()], [pad + w - j(), pad + j()], [pad + w - j(), pad + h - j()], [pad + j(), pad + h - j()]])
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(a, m, (out_w, out_h), borderValue=tuple(int(x) for x in desk))
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    ang = rng.uniform(0, 2 * np.pi)
    grad = (np.cos(ang) * xx / out_w + np.sin(ang) * yy / out_h)
    grad = (grad - grad.min()) / (np.ptp(grad) + 1e-6)
    strength = rng.uniform(0.25, 0.5)
    shade = 1 - strength * grad
    warped = np.clip(warped * (shade[..., None] * np.float32(rng.uniform(0.9, 1.0))), 0, 255).astype(np.uint8)
    k = rng.choice((1, 3))
    if k > 1:
        warped = cv2.GaussianBlur(warped, (k, k), 0)
    warped = np.clip(warped + 3 * nr.standard_normal(warped.shape, dtype=np.float32), 0, 255).astype(np.uint8)
    return warped, {"shadow": round(strength, 2), "perspective": True}


def degrade_page(img: Image.Image, kind: str, dpi: int, rng: Random, extras: dict) -> tuple[Image.Image, dict]:
    """One page, with the parameters used."""
    nr = np.random.default_rng(rng.randrange(1 << 30))
    a = np.asarray(img).copy()
    p: dict = {}
    if extras.get("creases"):
        p["creases"] = creases(a, rng, nr)
    if extras.get("punch_holes"):
        punch_holes(a, rng, dpi)
        p["punch_holes"] = True
    skew = round(rng.uniform(-1.2, 1.2), 2) if kind != "phone_photo" else round(rng.uniform(-3, 3), 2)
    if kind == "phone_photo":
        a = _skew(a, skew, (90, 80, 70))
        a, more = phone_photo(a, rng, nr)
        p.update(more)
    elif kind == "clean_scan":
        gray = rng.random() < 0.6
        a = _skew(to_gray(a) if gray else a, skew, 255 if gray else (255, 255, 255))
        p["gray"] = gray
    elif kind == "bilevel":
        g = _skew(to_gray(a), skew, 255)
        thr = rng.randint(150, 190)
        a = np.where(g > thr, 255, 0).astype(np.uint8)
        p["threshold"] = thr
    elif kind == "noisy_gray":
        g = _skew(to_gray(a), skew, 255).astype(np.float32)
        bg = rng.uniform(205, 235)
        g = g * (bg / 255.0)
        sigma = rng.uniform(8, 20)
        g = cv2.GaussianBlur(np.clip(g + sigma * nr.standard_normal(g.shape, dtype=np.float32), 0, 255), (3, 3), 0)
        a = g.astype(np.uint8)
        p.update(gray=True, noise_sigma=round(sigma, 1), background=int(bg))
    elif kind == "photocopy":
        g = _skew(to_gray(a), skew, 255).astype(np.float32) / 255.0
        gamma = rng.uniform(1.4, 2.2)
        g = np.clip((g ** gamma) * 1.15 - 0.05, 0, 1) * 255
        h, w = g.shape
        speck = nr.random(g.shape, dtype=np.float32) < rng.uniform(0.0006, 0.002)
        g[speck] = nr.uniform(0, 90, int(speck.sum()))
        g = cv2.GaussianBlur(g, (3, 3), 0)
        edge = int(w * rng.uniform(0.01, 0.03))
        for sl in (np.s_[:, :edge], np.s_[:, w - edge:], np.s_[:edge, :], np.s_[h - edge:, :]):
            g[sl] = np.minimum(g[sl], nr.uniform(20, 80, g[sl].shape))
        a = g.astype(np.uint8)
        p.update(gray=True, contrast_gamma=round(gamma, 2), toner_speckle=True, dark_edges=True)
    p["skew_deg"] = skew
    return Image.fromarray(a), p
