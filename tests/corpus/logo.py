"""Simple vector logos drawn on a reportlab canvas: initials in a shape, or an emblem."""
from __future__ import annotations

import math
from random import Random

from reportlab.lib import colors

PALETTE = ("#1b5e20", "#0d47a1", "#b71c1c", "#e65100", "#4a148c", "#006064", "#263238", "#827717", "#880e4f")


def draw_logo(canvas, x: float, y: float, size: float, initials: str, rng: Random, bold_font: str) -> None:
    """A logo of `size` points with its lower-left corner at (x, y)."""
    color = colors.HexColor(rng.choice(PALETTE))
    shape = rng.randrange(5)
    c = canvas
    c.saveState()
    c.setFillColor(color)
    c.setStrokeColor(color)
    cx, cy, r = x + size / 2, y + size / 2, size / 2
    if shape == 0:
        c.roundRect(x, y, size, size, size * 0.15, stroke=0, fill=1)
    elif shape == 1:
        c.circle(cx, cy, r, stroke=0, fill=1)
    elif shape == 2:  # diamond
        p = c.beginPath()
        p.moveTo(cx, y); p.lineTo(x + size, cy); p.lineTo(cx, y + size); p.lineTo(x, cy); p.close()
        c.drawPath(p, stroke=0, fill=1)
    elif shape == 3:  # rings and a wave: no letters at all
        c.setLineWidth(size * 0.06)
        for k in (1.0, 0.72, 0.44):
            c.circle(cx, cy, r * k, stroke=1, fill=0)
        p = c.beginPath()
        p.moveTo(x, cy)
        p.curveTo(x + size * 0.3, cy + r, x + size * 0.7, cy - r, x + size, cy)
        c.drawPath(p, stroke=1, fill=0)
        c.restoreState()
        return
    else:  # star-like burst
        p = c.beginPath()
        for i in range(16):
            a = math.pi * i / 8
            rr = r if i % 2 == 0 else r * 0.6
            (p.moveTo if i == 0 else p.lineTo)(cx + rr * math.cos(a), cy + rr * math.sin(a))
        p.close()
        c.drawPath(p, stroke=0, fill=1)
    text = initials[:3]
    fs = size * (0.42 if len(text) <= 2 else 0.32)
    c.setFillColor(colors.white)
    c.setFont(bold_font, fs)
    c.drawCentredString(cx, cy - fs * 0.35, text)
    c.restoreState()
