"""One request letter, read and understood: read text → check it is a request → extract."""
from __future__ import annotations

import os
import time
from dataclasses import replace

from pipeline.core import heap, settings as config
from pipeline.core.errors import InputRejected
from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter
from pipeline.extract import extract_with_evidence, request_verdict
from pipeline.read import look_again, readers, second_look, text_layer
from pipeline.read.document import read_document
from pipeline.read.reading import LetterReading


def read_letter(path: str | os.PathLike, *, want_pdf: bool = False) -> LetterReading:
    """Read and extract one letter; raises InputRejected when it is not a usable media request."""
    with readers.reading():
        return _read_letter(path, want_pdf)


def _read_letter(path: str | os.PathLike, want_pdf: bool) -> LetterReading:
    started = time.monotonic()
    result = read_document(path, want_pdf=want_pdf, keep_images=True)
    letter, bukti = understand_with_evidence(result.doc)
    if result.images and second_look.affordable(time.monotonic() - started):
        heap.give_back()  # the first reading's freed pages, held through the second look otherwise
        # Ends before the reader's time limit, so that the first reading is never lost to it.
        deadline = started + 0.9 * float(config.load("limits")["seconds_per_document"])
        (letter, bukti), doc = look_twice(result.doc, result.images, (letter, bukti), deadline)
        result = replace(result, doc=doc)
    # teks.txt carries the reconciled text, and so does the searchable PDF
    pdf = text_layer.rewritten(result.searchable_pdf, result.doc, result.images or {}) if result.searchable_pdf else None
    result.images = None  # the page images are large; nothing needs them any more
    return LetterReading(sniffed=result.sniffed, doc=result.doc, letter=letter, searchable_pdf=pdf, bukti=bukti)


def look_twice(doc: DocumentText, images: look_again.Images, first: second_look.Extraction,
               deadline: float) -> tuple[second_look.Extraction, DocumentText]:
    """The second look, cheapest reading first: Tesseract on the ink it left unread at the
    doubtful places; then, for the fields still doubtful, the second engine there."""
    extraction = first
    for reading in (look_again.read_unread, look_again.read_again):
        todo = look_again.plan(doc, second_look.doubtful_places(doc, extraction))
        if not todo or time.monotonic() >= deadline:
            break
        new_doc, images = reading(doc, images, todo, workers=readers.processes(), deadline=deadline)
        try:
            extraction = second_look.merge(extraction, understand_with_evidence(new_doc))
        except InputRejected:
            break  # the reading so far stands as it is
        doc = new_doc
    return extraction, doc


def understand(doc: DocumentText) -> ExtractedLetter:
    """The fields of a letter already read; InputRejected when it is clearly no media request."""
    return understand_with_evidence(doc)[0]


def understand_with_evidence(doc: DocumentText) -> tuple[ExtractedLetter, dict[str, dict]]:
    verdict = request_verdict(doc)
    if verdict == "bukan":
        raise InputRejected(
            "Dokumen ini bukan surat permohonan kerja sama media (kata kunci permohonan/kerja sama/media tidak ditemukan).",
            code="not_a_request",
        )
    letter, bukti = extract_with_evidence(doc)
    if verdict == "mungkin" and "perihal" not in letter.perlu_ditinjau:
        # Possibly a request in unusual wording: the clerk decides, the letter is not refused.
        flagged = {*letter.perlu_ditinjau, "perihal"}
        letter = letter.model_copy(update={"perlu_ditinjau": [k for k in FIELD_NAMES if k in flagged]})
        bukti["perihal"]["alasan"].append("mungkin bukan permohonan kerja sama media: periksa isi surat")
    return letter, bukti
