"""Font families the letters are set in: reportlab's standard 14 plus TrueType families found
on the machine (Debian packages fonts-dejavu-core, fonts-liberation, fonts-freefont-ttf)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

STANDARD = {"helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
            "times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
            "courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique")}
TTF = {
    "dejavu-sans": ("dejavu/DejaVuSans", "", "-Bold", "-Oblique", "-BoldOblique"),
    "dejavu-serif-condensed": ("dejavu/DejaVuSerifCondensed", "", "-Bold", "-Italic", "-BoldItalic"),
    "liberation-sans": ("liberation/LiberationSans", "-Regular", "-Bold", "-Italic", "-BoldItalic"),
    "liberation-serif": ("liberation/LiberationSerif", "-Regular", "-Bold", "-Italic", "-BoldItalic"),
    "liberation-sans-narrow": ("liberation/LiberationSansNarrow", "-Regular", "-Bold", "-Italic", "-BoldItalic"),
    "freeserif": ("freefont/FreeSerif", "", "Bold", "Italic", "BoldItalic"),
    "freesans": ("freefont/FreeSans", "", "Bold", "Oblique", "BoldOblique"),
}
ROOT = Path("/usr/share/fonts/truetype")


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    names = list(STANDARD)
    for fam, (stem, *suffixes) in TTF.items():
        if all((ROOT / f"{stem}{s}.ttf").exists() for s in suffixes):
            names.append(fam)
    return tuple(names)


@lru_cache(maxsize=None)
def faces(family: str) -> tuple[str, str, str, str]:
    """(regular, bold, italic, bold italic) reportlab font names, registered on first use."""
    if family in STANDARD:
        return STANDARD[family]
    stem, *suffixes = TTF[family]
    names = []
    for style, s in zip(("R", "B", "I", "BI"), suffixes):
        name = f"{family}-{style}"
        pdfmetrics.registerFont(TTFont(name, str(ROOT / f"{stem}{s}.ttf")))
        names.append(name)
    for bold, italic, name in ((0, 0, names[0]), (1, 0, names[1]), (0, 1, names[2]), (1, 1, names[3])):
        addMapping(family, bold, italic, name)
    pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    return tuple(names)
