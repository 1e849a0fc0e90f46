"""One request letter, read and understood: read text → check it is a request → extract."""
from __future__ import annotations

import os
from dataclasses import dataclass

from pipeline.core.errors import InputRejected
from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter, Sniffed
from pipeline.extract import extract, request_verdict
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
    verdict = request_verdict(result.doc)
    if verdict == "bukan":
        raise InputRejected(
            "Dokumen ini bukan surat permohonan kerja sama media (kata kunci permohonan/kerja sama/media tidak ditemukan).",
            code="not_a_request",
        )
    letter = extract(result.doc)
    if verdict == "mungkin" and "perihal" not in letter.perlu_ditinjau:
        # Possibly a request in unusual wording: the clerk decides, the letter is not refused.
        flagged = {*letter.perlu_ditinjau, "perihal"}
        letter = letter.model_copy(update={"perlu_ditinjau": [k for k in FIELD_NAMES if k in flagged]})
    return LetterReading(sniffed=result.sniffed, doc=result.doc, letter=letter, searchable_pdf=result.searchable_pdf)
