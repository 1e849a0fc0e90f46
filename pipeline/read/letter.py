"""One request letter, read and understood: read text → check it is a request → extract."""
from __future__ import annotations

import os
from dataclasses import dataclass

from pipeline.core.errors import InputRejected
from pipeline.core.models import DocumentText, ExtractedLetter, Sniffed
from pipeline.extract import extract, is_media_request
from pipeline.read.document import read_document


@dataclass
class LetterReading:
    sniffed: Sniffed
    doc: DocumentText
    letter: ExtractedLetter
    searchable_pdf: bytes | None

    @property
    def text(self) -> str:
        return self.doc.text


def read_letter(path: str | os.PathLike, *, want_pdf: bool = False) -> LetterReading:
    """Read and extract one letter; raises InputRejected when it is not a usable media request."""
    result = read_document(path, want_pdf=want_pdf)
    if not is_media_request(result.doc):
        raise InputRejected(
            "Dokumen ini bukan surat permohonan kerja sama media (kata kunci permohonan/kerja sama/media tidak ditemukan).",
            code="not_a_request",
        )
    letter = extract(result.doc)
    return LetterReading(sniffed=result.sniffed, doc=result.doc, letter=letter, searchable_pdf=result.searchable_pdf)
