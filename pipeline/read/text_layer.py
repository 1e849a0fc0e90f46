"""The searchable PDF's hidden text, from the reconciled reading.

Tesseract makes the searchable PDF (`.ocr.pdf`) of a scan: the page image with its own
reading as invisible text. On a page RapidOCR read too, the reading the clerk's teks.txt and
the extraction use is the reconciled one (reconcile.py): the words Tesseract got wrong
there are right in teks.txt but would stay wrong in the PDF a search runs on. Such a page is
made again: the image the page was read from (as Tesseract embeds it), and the reconciled
words as invisible text, each over its own box. A page Tesseract alone read keeps
Tesseract's page as it is. Should the rewriting fail, the PDF stays as Tesseract made it:
still searchable, only not reconciled.
"""
from __future__ import annotations

import ctypes
import io
import logging

import cv2
import numpy as np

from pipeline.core.models import DocumentText, PageText, Word

RECONCILED = ("both", "rapidocr")  # line engines of a reading the second engine took part in
FONT = b"Helvetica"  # a standard font: nothing is embedded for text that is never drawn
JPEG_QUALITY = 85  # the page image, as Tesseract embeds a grey page

log = logging.getLogger(__name__)


def rewritten(pdf: bytes, doc: DocumentText, images: dict[int, np.ndarray]) -> bytes:
    """`pdf` (Tesseract's, one page per OCR'd page with text) with the reconciled pages made
    again from `doc` and the `images` they were read from (by page number)."""
    pages = _ocr_pages(doc)
    todo = [i for i, p in enumerate(pages) if p.number in images and any(l.engine in RECONCILED for l in p.lines)]
    if not todo:
        return pdf
    try:
        return _rewrite(pdf, pages, todo, images)
    except Exception:  # noqa: BLE001 — Tesseract's PDF is still a searchable PDF
        log.exception("teks tersembunyi PDF tidak dapat ditulis ulang; PDF Tesseract dipakai")
        return pdf


def _ocr_pages(doc: DocumentText) -> list[PageText]:
    # Blank pages get no PDF page (ocr.py), nor do pages read from a text layer.
    return [p for p in doc.pages if p.source == "ocr" and p.lines]


def _rewrite(pdf: bytes, pages: list[PageText], todo: list[int], images: dict[int, np.ndarray]) -> bytes:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf)
    if len(document) != len(pages):
        return pdf  # not the pages this reading made: leave it be
    font = raw.FPDFText_LoadStandardFont(document.raw, FONT)
    for index in todo:
        text, image = pages[index], images[pages[index].number]
        if (text.width, text.height) != (float(image.shape[1]), float(image.shape[0])):
            continue  # not the image the words' boxes are in
        width, height = document[index].get_size()
        document.del_page(index)
        page = document.new_page(width, height, index=index)
        picture = pdfium.PdfImage.new(document)
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not ok:
            raise RuntimeError("cv2.imencode")
        picture.load_jpeg(io.BytesIO(jpeg.tobytes()), inline=False)
        picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(picture)
        for line in text.lines:
            words = [w for w in line.words if w.text.strip() and w.width > 0 and w.height > 0]
            for i, word in enumerate(words):
                # A space ends each word but the last, as in Tesseract's PDF: text extraction
                # then finds the words apart, not run together.
                _put_word(document.raw, page.raw, font, word, width / text.width, height / text.height, height, raw,
                          space=i < len(words) - 1)
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _put_word(document, page, font, word: Word, sx: float, sy: float, page_height: float, raw, *,
              space: bool) -> None:
    """One word as invisible text stretched over its box (page pixels scaled to points)."""
    obj = raw.FPDFPageObj_CreateTextObj(document, font, ctypes.c_float(1.0))
    _set_text(obj, word.text, raw)
    raw.FPDFTextObj_SetTextRenderMode(obj, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    natural = max(right.value - left.value, 1e-3)  # the word's width at a font size of 1
    if space:
        _set_text(obj, word.text + " ", raw)  # measured without it: the box ends at the word's end
    size = word.height * sy
    raw.FPDFPageObj_Transform(obj, word.width * sx / natural, 0, 0, size,
                              word.left * sx, page_height - (word.top + word.height) * sy)
    raw.FPDFPage_InsertObject(page, obj)


def _set_text(obj, text: str, raw) -> None:
    encoded = (text + "\x00").encode("utf-16-le")
    buffer = ctypes.create_string_buffer(encoded, len(encoded))
    if not raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR))):
        raise RuntimeError("FPDFText_SetText")
