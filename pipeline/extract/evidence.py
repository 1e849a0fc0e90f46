"""The evidence behind each value (`bukti`): where on which page it was read, by which
reading, by which rule, and why a person should check it.

It is kept with the letter so that the clerk can be shown the crop of the page beside
each flagged value. Boxes are given in the page's own units (points for a text layer,
pixels of the image that was read for a scan, i.e. the page of the searchable PDF) and
as fractions of the page, which fit any rendering of it.
"""
from __future__ import annotations

from typing import Optional

from pipeline.core.models import FIELD_NAMES, DocumentText, Line
from pipeline.extract.found import Found, Place

READING_OF_SOURCE = {"text_layer": "lapisan_teks", "ocr": "tesseract"}


def reading_of(line: Line, doc: DocumentText) -> str:
    """Which reading a line came from: the PDF's text layer, Tesseract or another engine."""
    engine = getattr(line, "engine", None)
    if engine:
        return str(engine)
    page = next((p for p in doc.pages if p.number == line.page), None)
    return READING_OF_SOURCE.get(page.source if page else "ocr", "tesseract")


def place_of(place: Place, doc: DocumentText) -> dict:
    page = next((p for p in doc.pages if p.number == place.page), None)
    left, top, right, bottom = place.box
    out = {
        "halaman": place.page,
        "kotak": [round(left, 1), round(top, 1), round(right, 1), round(bottom, 1)],
        "satuan": "pt" if page is not None and page.source == "text_layer" else "px",
        "bacaan": reading_of(place.line, doc),
        "teks": place.line.text,
    }
    if page is not None and page.width > 0 and page.height > 0:
        out["kotak_relatif"] = [round(left / page.width, 4), round(top / page.height, 4),
                                round(right / page.width, 4), round(bottom / page.height, 4)]
    return out


def bukti(found: dict[str, Optional[Found]], reasons: dict[str, list[str]], doc: DocumentText) -> dict[str, dict]:
    """Per contract field: the rule that read it, its confidence, its places and the flag's reasons."""
    out: dict[str, dict] = {}
    for key in FIELD_NAMES:
        f = found.get(key)
        has_value = f is not None and f.value not in (None, "")
        out[key] = {
            "aturan": f.source if f is not None else None,
            "keyakinan": round(f.conf, 1) if has_value else None,
            "tempat": [place_of(p, doc) for p in _unique(f.places)] if f is not None else [],
            "alasan": list(reasons.get(key, [])),
        }
    return out


def _unique(places: list[Place]) -> list[Place]:
    seen, out = set(), []
    for p in places:
        if (p.page, p.box) not in seen:
            seen.add((p.page, p.box))
            out.append(p)
    return out
