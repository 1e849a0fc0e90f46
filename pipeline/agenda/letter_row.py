"""A letter's fields as an agenda row, and back (after officials corrected them).

`letter_to_row` writes the fields at registration in their human (Indonesian) renderings;
`letter_from_agenda_row` reads a row ({header: text}, as `Agenda.read_rows` returns it)
back into an `ExtractedLetter`, undoing those renderings: documents made in later steps
(evaluation form, rejection record, agreement) must show what the clerk checked against
the original letter, not the raw extraction.
"""
from __future__ import annotations

import re
from datetime import datetime

from pipeline.agenda.base import KEY, AgendaLayout, layout
from pipeline.core.models import ExtractedLetter
from pipeline.core.text import normalize

# Human (Indonesian) renderings of the coded values, so the agenda reads naturally.
_JENIS_MEDIA = {"online": "Online", "cetak": "Cetak", "radio": "Radio", "televisi": "Televisi"}
_DEWAN_PERS_TEXT = {
    "terverifikasi_faktual": "Terverifikasi faktual",
    "terverifikasi_administratif": "Terverifikasi administratif",
    "belum": "Belum terverifikasi",
}

# ... and every wording people use for them, read back.
_BENTUK = {"pt": "PT", "perseroan terbatas": "PT", "cv": "CV", "persekutuan komanditer": "CV",
           "yayasan": "Yayasan", "perkumpulan": "Perkumpulan", "koperasi": "Koperasi"}
_JENIS = {"online": "online", "daring": "online", "siber": "online", "cetak": "cetak", "radio": "radio",
          "televisi": "televisi", "tv": "televisi"}
_DEWAN_PERS = {
    "terverifikasi faktual": "terverifikasi_faktual", "terverifikasi_faktual": "terverifikasi_faktual",
    "faktual": "terverifikasi_faktual",
    "terverifikasi administratif": "terverifikasi_administratif",
    "terverifikasi_administratif": "terverifikasi_administratif", "administratif": "terverifikasi_administratif",
    "belum terverifikasi": "belum", "belum": "belum",
}
_YA_TIDAK = {"ya": True, "tidak": False}
_CODED = {"bentuk_badan_usaha": _BENTUK, "jenis_media": _JENIS, "status_dewan_pers": _DEWAN_PERS,
          "ukw_utama": _YA_TIDAK}


# --- letter -> row -------------------------------------------------------------------------


def field_text(key: str, value: object) -> str:
    """A field's value as people read it in the agenda and in documents ("Ya", "Online", ...)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if key == "jenis_media":
        return _JENIS_MEDIA.get(str(value), str(value))
    if key == "status_dewan_pers":
        return _DEWAN_PERS_TEXT.get(str(value), str(value))
    return str(value)


def review_labels(letter: ExtractedLetter, lay: AgendaLayout | None = None) -> list[str]:
    """Indonesian labels (the column headers) of the fields that need checking."""
    lay = lay or layout()
    return [lay.field_columns.get(k, k) for k in letter.perlu_ditinjau]


def format_received(received: datetime) -> str:
    # ISO-like so the column sorts correctly as text and reads unambiguously.
    return received.strftime("%Y-%m-%d %H:%M")


def letter_to_row(
    agenda_no: str,
    received: datetime,
    letter: ExtractedLetter,
    *,
    status: str = "Tercatat",
    message: str = "",
) -> dict[str, str]:
    """The agenda cells the pipeline writes when it registers a letter.

    Only pipeline-owned columns plus `Status` (set once, at registration) are present,
    so upserting this never erases what officials wrote in `Catatan` etc.
    """
    lay = layout()
    row = {KEY: agenda_no, "Tanggal Terima": format_received(received)}
    for key, column in lay.field_columns.items():
        row[column] = field_text(key, getattr(letter, key))
    row["Perlu Ditinjau"] = ", ".join(review_labels(letter, lay))
    row["Status"] = status
    row["Pesan Sistem"] = message
    return row


# --- row -> letter -------------------------------------------------------------------------


def _value(key: str, text: str) -> object:
    text = text.strip()
    if not text:
        return None
    if key in _CODED:
        return _CODED[key].get(normalize(text))  # unknown wording -> None: never a guessed value
    if key in ("npwp", "nib"):
        digits = re.sub(r"\D", "", text)  # people type NPWP with its dots and dash
        return digits or None
    return text


def letter_from_agenda_row(row: dict[str, str], lay: AgendaLayout | None = None) -> ExtractedLetter:
    lay = lay or layout()
    fields = {key: _value(key, str(row.get(column) or "")) for key, column in lay.field_columns.items()}
    label_to_key = {column: key for key, column in lay.field_columns.items()}
    flagged = [label_to_key[x.strip()] for x in str(row.get("Perlu Ditinjau") or "").split(",")
               if x.strip() in label_to_key]
    return ExtractedLetter(**fields, perlu_ditinjau=flagged)
