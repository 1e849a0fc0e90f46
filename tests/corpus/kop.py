"""Letterheads ("kop surat") drawn on the canvas: at the top, as a footer, in a side band,
or as a typed sender block; with the logo left, right or centred."""
from __future__ import annotations

from random import Random

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from tests.corpus.logo import PALETTE, draw_logo


def kop_lines(f: dict, with_contacts: bool, rng: Random) -> list[tuple[str, str]]:
    """(style, text) lines of a letterhead; style is 'pre', 'brand', 'company', 'tag' or 'small'."""
    out = []
    if f["kind"] == "radio":
        out.append(("pre", "LEMBAGA PENYIARAN KOMUNITAS" if f["form"] == "Perkumpulan" else "LEMBAGA PENYIARAN SWASTA"))
    elif f["kind"] == "televisi" and rng.random() < 0.5:
        out.append(("pre", "LEMBAGA PENYIARAN SWASTA TELEVISI"))
    out.append(("brand", f["brand"].upper() if rng.random() < 0.5 else f["brand"]))
    out.append(("company", f["name"]))
    if f["tagline"]:
        out.append(("tag", f'"{f["tagline"]}"'))
    if with_contacts:
        segs = f["address_segments"]
        if len(segs) > 2 and rng.random() < 0.5:
            out += [("small", ", ".join(segs[:2])), ("small", ", ".join(segs[2:]))]
        else:
            out.append(("small", ", ".join(segs)))
        tel = rng.choice(("Telp.", "Telp", "Tlp.", "Telp/Fax.", "Phone:", "Telp/HP:"))
        phones = f["phones"] if rng.random() < 0.6 else f["phones"][:1]
        line = f"{tel} {', '.join(phones)}" + (f"  Fax. {f['fax']}" if f["say"]["fax"] else "")
        mail = f"E-mail: {f['email']}"
        web = f"Website: {f['website']}" if f["say"]["website"] else ""
        if rng.random() < 0.5:
            out.append(("small", "  |  ".join(x for x in (line, mail) if x)))
            if web:
                out.append(("small", web))
        else:
            out.append(("small", line))
            out.append(("small", "  ".join(x for x in (mail, web) if x)))
    return out


SIZES = {"pre": 0.7, "brand": 1.9, "company": 1.05, "tag": 0.75, "small": 0.78}


def _face(fonts, style):
    return fonts[1] if style in ("brand", "company", "pre") else (fonts[2] if style == "tag" else fonts[0])


def draw_lines(c, lines, fonts, base, x, y_top, width, align, color) -> float:
    """Draws the lines downwards from y_top, wrapping to width; returns the lowest baseline."""
    y = y_top
    for style, text in lines:
        size = base * SIZES[style]
        face = _face(fonts, style)
        longest = max((pdfmetrics.stringWidth(w, face, size) for w in text.split()), default=0)
        if longest > width:  # one long word (a domain name): shrink it to fit
            size *= width / longest
        for part in simpleSplit(text, face, size, width):
            y -= size * 1.2
            c.setFont(face, size)
            c.setFillColor(color if style in ("brand", "pre") else colors.black)
            if align == "center":
                c.drawCentredString(x + width / 2, y, part)
            elif align == "right":
                c.drawRightString(x + width, y, part)
            else:
                c.drawString(x, y, part)
    return y


def draw_kop(c, page_w, page_h, f: dict, spec: dict, fonts, rng: Random) -> None:
    """Draws the letterhead of `spec['kop']` on the first page."""
    color = colors.HexColor(spec["color"])
    base = spec["size"] + 2
    m = spec["margin"]
    place, logo = spec["kop"], spec["logo"]
    lines = kop_lines(f, spec["contacts"] == "letterhead", rng)
    if place == "top":
        size = 62
        top = page_h - 34
        text_x, text_w, align = m, page_w - 2 * m, "center"
        if logo == "left":
            draw_logo(c, m, top - size, size, f["initials"], rng, fonts[1])
            text_x, text_w = m + size + 8, page_w - 2 * m - size - 8
        elif logo == "right":
            draw_logo(c, page_w - m - size, top - size, size, f["initials"], rng, fonts[1])
            text_w, align = page_w - 2 * m - size - 8, "left"
        elif logo == "centre":
            draw_logo(c, page_w / 2 - size / 2, top - size, size, f["initials"], rng, fonts[1])
            top -= size + 2
        y = draw_lines(c, lines, fonts, base, text_x, top, text_w, align, color)
        y = min(y, page_h - 34 - size) - 6
        c.setStrokeColor(colors.black)
        c.setLineWidth(2); c.line(m, y, page_w - m, y)
        c.setLineWidth(0.6); c.line(m, y - 3, page_w - m, y - 3)
        spec["_body_top"] = y - 10
    elif place == "footer":
        size = 44
        draw_logo(c, m if logo != "right" else page_w - m - size, page_h - 30 - size, size, f["initials"], rng, fonts[1])
        head = [l for l in lines if l[0] in ("pre", "brand")]
        hx = m + size + 8 if logo != "right" else m
        draw_lines(c, head, fonts, base, hx, page_h - 30, page_w - 2 * m - size - 8, "left" if logo != "right" else "right", color)
        spec["_body_top"] = page_h - 30 - size - 14
        foot = [l for l in lines if l[0] not in ("pre", "brand")]
        c.setFillColor(color)
        c.rect(0, 0, page_w, 8, stroke=0, fill=1)
        c.setStrokeColor(color); c.setLineWidth(1.2)
        h = 14 + sum(base * SIZES[s] * 1.2 for s, _ in foot)
        c.line(m, h + 6, page_w - m, h + 6)
        draw_lines(c, foot, fonts, base - 0.5, m, h + 4, page_w - 2 * m, "center", color)
        spec["_body_bottom"] = h + 16
    elif place == "side":
        band = spec["band"]
        x0 = 0 if spec["band_side"] == "left" else page_w - band
        c.setFillColor(colors.HexColor("#eef1f4"))
        c.rect(x0, 0, band, page_h, stroke=0, fill=1)
        c.setFillColor(color)
        c.rect(x0 + (band - 4 if spec["band_side"] == "left" else 0), 0, 4, page_h, stroke=0, fill=1)
        size = band - 50
        draw_logo(c, x0 + 25, page_h - 40 - size, size, f["initials"], rng, fonts[1])
        side_lines = []
        for style, text in lines:
            if style == "small":
                side_lines += [("small", part.strip()) for part in text.replace("  |  ", "\n").split("\n")]
            else:
                side_lines.append((style, text))
        draw_lines(c, side_lines, fonts, base - 1.5, x0 + 12, page_h - 52 - size, band - 24, "left", color)
        spec["_body_top"] = page_h - 50
    else:  # typed sender block on plain paper: company lines at the top left, a thin rule
        y = draw_lines(c, [("company", f["name"].upper())] + [l for l in lines if l[0] in ("small",)],
                       fonts, base - 1, m, page_h - 40, page_w * 0.6, "left", colors.black)
        c.setLineWidth(0.5); c.line(m, y - 6, page_w - m, y - 6)
        spec["_body_top"] = y - 16


def pick_color(rng: Random) -> str:
    return rng.choice(PALETTE)
