"""The letter's fields as they stand in the agenda row, i.e. after officials corrected them.

Documents made in later steps (evaluation form, rejection record, agreement) must show
what the clerk checked against the original letter, not the raw extraction. This reads
an agenda row ({header: text}, as `Agenda.read_rows` returns it) back into an
`ExtractedLetter`, undoing the human renderings of `agenda.base.letter_to_row`.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.agenda.base import AgendaLayout, layout
from pipeline.core.models import ExtractedLetter

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


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _value(key: str, text: str) -> object:
    text = text.strip()
    if not text:
        return None
    if key in _CODED:
        return _CODED[key].get(_norm(text))  # unknown wording -> None: never a guessed value
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
