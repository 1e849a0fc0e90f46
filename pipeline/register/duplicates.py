"""Duplicates at registration: the same bytes again (refused), or the same letter scanned again
(registered, with a warning pointing at the earlier case)."""
from __future__ import annotations

from pipeline.core.models import ExtractedLetter
from pipeline.core.text import normalize


def exact_copy_reason(earlier_agenda_no: str) -> str:
    return (f"Berkas ini salinan persis (byte demi byte) dari surat yang sudah terdaftar "
            f"dengan nomor agenda {earlier_agenda_no}; tidak didaftarkan dua kali.")


def rescan_key(letter: ExtractedLetter) -> str | None:
    """Same letter number from the same company: most likely the same letter scanned again."""
    if not letter.nomor_surat or not letter.nama_perusahaan:
        return None
    return f"{normalize(letter.nomor_surat, words_only=True)}|{normalize(letter.nama_perusahaan, words_only=True)}"


def rescan_message(earlier: str | None) -> str:
    if not earlier:
        return ""
    return (f"Mungkin duplikat dari agenda {earlier}: nomor surat dan perusahaan sama "
            "(pindaian ulang?). Periksa sebelum diproses lebih lanjut.")
