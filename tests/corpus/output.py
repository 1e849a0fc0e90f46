"""Writing pages in the formats offices receive: PNG, image-only PDF, TIFF, phone JPEG."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


def write_png(pages: list[Image.Image], path: Path, dpi: int) -> str:
    pages[0].save(path, dpi=(dpi, dpi), compress_level=1)
    return f"png_{dpi}dpi"


def write_jpeg(pages: list[Image.Image], path: Path, dpi: int, quality: int) -> str:
    pages[0].convert("RGB").save(path, quality=quality, dpi=(dpi, dpi))
    return "jpeg_phone_photo"


def write_tiff(pages: list[Image.Image], path: Path, dpi: int, bilevel: bool) -> str:
    frames = [p.convert("1") if bilevel else p for p in pages]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(dpi, dpi),
                   compression="group4" if bilevel else "tiff_lzw")
    return f"tiff_multipage_{dpi}dpi"


def write_image_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int) -> str:
    """Each page a JPEG at `quality`, placed at its physical size: no text layer at all."""
    rl_config.useA85 = 0  # binary streams: reportlab's pure-Python ASCII85 is slow and bloats the file
    c = Canvas(str(path), invariant=1)  # byte-identical output for the same seed
    for p in pages:
        w, h = p.width * 72 / dpi, p.height * 72 / dpi
        c.setPageSize((w, h))
        buf = io.BytesIO()
        p.save(buf, format="JPEG", quality=quality)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    return f"pdf_image_only_{dpi}dpi"
