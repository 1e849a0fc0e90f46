"""Ink on the paper after printing: the office's incoming-mail receipt stamp (with its own
number and date, competing with the letter's) and the company's round stamp."""
from __future__ import annotations

import math
from random import Random

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.corpus import identifiers as ids

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
INKS = ((40, 60, 170), (110, 40, 150), (170, 30, 40), (30, 90, 150))


def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, max(8, px))


def _ink_layer(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("L", size, 0)
    return layer, ImageDraw.Draw(layer)


def apply_ink(page: Image.Image, layer: Image.Image, color, x: int, y: int, rng: Random, angle: float) -> None:
    """Multiplies the ink (alpha = layer) onto the RGB page at (x, y), with uneven pressure."""
    layer = layer.rotate(angle, expand=True, resample=Image.BICUBIC)
    a = np.asarray(layer, dtype=np.float32) / 255.0
    nr = np.random.default_rng(rng.randrange(1 << 30))
    a *= np.clip(0.8 + 0.18 * nr.standard_normal(a.shape, dtype=np.float32), 0.25, 1.0)  # patchy ink
    h, w = a.shape
    x, y = max(0, min(x, page.width - w)), max(0, min(y, page.height - h))
    region = np.asarray(page.crop((x, y, x + w, y + h)), dtype=np.float32)
    ink = np.array(color, dtype=np.float32)
    out = region * (1 - a[..., None] * 0.85) + ink * a[..., None] * 0.85 * (region / 255.0)
    page.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (x, y))


def receipt_stamp(page: Image.Image, dpi: int, anchor: tuple[int, int] | None, rng: Random, letter_date) -> dict:
    """A 'DITERIMA' rectangle with an agenda number and a receipt date, often over the subject line."""
    s = dpi / 300
    w, h = int(rng.uniform(620, 760) * s), int(rng.uniform(300, 360) * s)
    layer, d = _ink_layer((w, h))
    lw = max(2, int(6 * s))
    d.rectangle((lw, lw, w - lw, h - lw), outline=255, width=lw)
    d.rectangle((3 * lw, 3 * lw, w - 3 * lw, h - 3 * lw), outline=255, width=max(1, lw // 2))
    recv = letter_date.toordinal() + rng.randint(2, 12)
    import datetime as dt
    rd = dt.date.fromordinal(recv)
    agenda = f"{rng.randint(1, 999):03d}/{rng.randint(100, 999)}/{rd.year}"
    tgl = rng.choice((rd.strftime("%d-%m-%Y"), rd.strftime("%d/%m/%Y"), ids.printed_date(rng, rd, {})))
    lines = [("DITERIMA", 54), ("DISKOMINFO KAB. TRENGGALEK", 30), (f"No. Agenda : {agenda}", 34),
             (f"Tgl : {tgl}", 34), ("Paraf : ........", 30)]
    y = 6 * lw
    for text, px in lines:
        f = _font(int(px * s))
        tw = d.textlength(text, font=f)
        d.text(((w - tw) / 2, y), text, fill=255, font=f)
        y += int(px * s * 1.22)
    over = anchor is not None and rng.random() >= 0.2
    if not over:
        anchor = (int(page.width * rng.uniform(0.45, 0.62)), int(page.height * rng.uniform(0.08, 0.22)))
    x, yy = anchor[0] + int(rng.uniform(-80, 120) * s), anchor[1] - int(h * rng.uniform(0.2, 0.7))
    apply_ink(page, layer, rng.choice(INKS), x, yy, rng, rng.uniform(-8, 8))
    return {"receipt_stamp": True, "receipt_agenda": agenda, "receipt_date": rd.isoformat(),
            "receipt_over_subject": over}


def round_stamp(page: Image.Image, dpi: int, anchor: tuple[int, int] | None, rng: Random, company: str, centre_text: str) -> dict:
    """The company's round stamp: its name around the rim, the brand across the middle."""
    s = dpi / 300
    r = int(rng.uniform(150, 190) * s)
    size = 2 * r + 20
    layer, d = _ink_layer((size, size))
    c = size // 2
    lw = max(2, int(5 * s))
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=lw)
    d.ellipse((c - r * 0.68, c - r * 0.68, c + r * 0.68, c + r * 0.68), outline=255, width=max(1, lw // 2))
    text = f"* {company.upper()} *"
    px = int(min(34 * s, 2 * math.pi * r * 0.80 / max(len(text), 1) * 1.5))
    font = _font(px)
    step = 2 * math.pi * 0.92 / len(text)
    for i, ch in enumerate(text):
        a = -math.pi / 2 - math.pi * 0.92 + i * step
        glyph = Image.new("L", (px * 2, px * 2), 0)
        ImageDraw.Draw(glyph).text((px // 2, px // 3), ch, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        gx, gy = c + (r * 0.84) * math.cos(a) - px, c + (r * 0.84) * math.sin(a) - px
        layer.paste(Image.new("L", glyph.size, 255), (int(gx), int(gy)), glyph)
    word = centre_text.upper()[:16]
    f2 = _font(int(min(30 * s, 1.2 * r / max(len(word), 1) * 1.6)))
    tw = d.textlength(word, font=f2)
    d.text((c - tw / 2, c - f2.size / 2), word, fill=255, font=f2)
    if anchor is None:
        anchor = (int(page.width * 0.62), int(page.height * 0.75))
    x, y = anchor[0] - size // 2 - int(rng.uniform(60, 200) * s), anchor[1] - size // 2 - int(rng.uniform(-20, 60) * s)
    apply_ink(page, layer, rng.choice(INKS), x, y, rng, rng.uniform(-25, 25))
    return {"company_stamp": True}
