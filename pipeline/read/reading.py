"""What reading one letter gives: its text, its extracted fields and their evidence.

Apart from the reader itself so that the process that only receives a reading (the
watcher, from its reader child) never loads the OCR and imaging libraries.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.models import DocumentText, ExtractedLetter, Sniffed


@dataclass
class LetterReading:
    sniffed: Sniffed
    doc: DocumentText
    letter: ExtractedLetter
    searchable_pdf: bytes | None
    bukti: dict[str, dict] = field(default_factory=dict)  # per field: where it was read, why flagged

    @property
    def text(self) -> str:
        return self.doc.text


@dataclass
class CheckedReading:
    reading: LetterReading
    notes: list[str] = field(default_factory=list)  # Indonesian warnings for the clerk
