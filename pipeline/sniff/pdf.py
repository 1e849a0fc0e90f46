"""PDF checks before reading: locked (password or unsupported security), cut short,
a decompression bomb (`pdf_streams`), empty, too many pages, or a page too large to render
within the pixel limit."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.core.errors import InputRejected
from pipeline.sniff.limits import megapixels, resolve_limits
from pipeline.sniff.pdf_streams import scan_pdf_file

# Acrobat requires %%EOF within the last 1024 bytes; a file cut short loses it, while
# PDFium silently rebuilds what it can from a truncated file.
PDF_EOF_WINDOW = 1024


@dataclass(frozen=True)
class PdfInfo:
    path: str
    pages: int
    page_sizes: tuple[tuple[float, float], ...]  # (width, height) in points, per page


def inspect_pdf(path: str | os.PathLike, limits: dict | None = None) -> PdfInfo:
    """Page count and sizes of a PDF, refusing locked, broken, or oversized ones."""
    lim = resolve_limits(limits)
    p = Path(path)
    _require_eof_marker(p)
    scan_pdf_file(p, lim)  # a decompression bomb is refused before any reader inflates it
    import pypdfium2 as pdfium  # loaded only when a PDF is inspected (start-up speed)

    try:
        doc = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as exc:
        raise _pdf_open_error(exc) from None
    try:
        return _pdf_info(p, doc, lim)
    finally:
        doc.close()


def _require_eof_marker(p: Path) -> None:
    try:
        with p.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - PDF_EOF_WINDOW))
            tail = fh.read()
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibaca: {p} ({exc.strerror})", code="unreadable") from None
    if b"%%EOF" not in tail:
        raise _corrupt_pdf()


def _corrupt_pdf() -> InputRejected:
    return InputRejected(
        "PDF rusak atau terpotong; minta berkas aslinya dikirim ulang.", code="pdf_corrupt"
    )


def _pdf_open_error(exc: Exception) -> InputRejected:
    import pypdfium2.raw as raw  # loaded only when a PDF is inspected (start-up speed)

    code = getattr(exc, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        return InputRejected(
            "PDF terkunci kata sandi; minta pengirim mengirim ulang tanpa kata sandi.", code="pdf_encrypted"
        )
    if code == raw.FPDF_ERR_SECURITY:
        return InputRejected(
            "PDF terkunci dengan pengamanan yang tidak didukung; minta pengirim mengirim ulang tanpa kata sandi.",
            code="pdf_encrypted",
        )
    return _corrupt_pdf()


def _pdf_info(p: Path, doc, lim: dict[str, Any]) -> PdfInfo:
    import pypdfium2 as pdfium  # loaded only when a PDF is inspected (start-up speed)

    n = len(doc)
    if n == 0:
        raise InputRejected("PDF tidak berisi halaman.", code="pdf_empty")
    max_pages = int(lim["max_pages"])
    if n > max_pages:
        raise InputRejected(f"PDF berisi {n} halaman; batasnya {max_pages} halaman.", code="too_many_pages")
    sizes = []
    for i in range(n):
        try:
            page = doc[i]
            width, height = page.get_size()
            page.close()
        except pdfium.PdfiumError:
            raise _corrupt_pdf() from None
        _check_pdf_page_size(i + 1, width, height, lim)
        sizes.append((float(width), float(height)))
    return PdfInfo(path=str(p), pages=n, page_sizes=tuple(sizes))


def _check_pdf_page_size(number: int, width_pt: float, height_pt: float, lim: dict[str, Any]) -> None:
    if not (width_pt > 0 and height_pt > 0):  # also catches NaN
        raise _corrupt_pdf()
    dpi = float(lim["render_dpi"])
    w_px = round(width_pt / 72 * dpi)
    h_px = round(height_pt / 72 * dpi)
    max_px = int(lim["max_pixels_per_page"])
    if w_px * h_px > max_px:
        raise InputRejected(
            f"Halaman {number} PDF terlalu besar untuk dibaca: {w_px}×{h_px} piksel pada {dpi:g} dpi "
            f"(batas {megapixels(max_px)}).",
            code="page_too_large",
        )
