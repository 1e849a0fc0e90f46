"""Duplicates at registration: the same bytes again (refused), or the same letter scanned again
(a rescan: attached to the earlier case, never given a row of its own).

A rescan is judged on what was read from both scans. OCR slips, so nothing is compared
exactly: the company and the letter number are compared after normalising (and the number
after folding the look-alikes OCR confuses), and the body text as word shingles. But a
company writes many letters on one template, numbered in series ("012/RED/XI/2026",
"013/RED/XI/2026"), so a number that is merely *close* never decides alone: a rescan also
carries the same date, subject and media, and nearly the same body.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal, Optional

from pipeline.core.models import ExtractedLetter
from pipeline.core.settings.schemas import RescanMatching
from pipeline.core.text import normalize

# Legal forms say nothing about which company it is, and OCR reads "PT." as "PT" or "P T".
_LEGAL_FORMS = {"pt", "cv", "tbk", "persero", "yayasan", "perkumpulan", "koperasi", "ud", "firma"}
# Characters OCR reads for one another in letter numbers (folded the same way on both sides).
_LOOK_ALIKES = str.maketrans({"o": "0", "q": "0", "d": "0", "i": "1", "l": "1", "|": "1", "!": "1",
                              "s": "5", "b": "8", "z": "2", "g": "6"})

Verdict = Literal["same", "near", "other", "unknown"]


@dataclass(frozen=True)
class Reading:
    """What was read from one scan: the extracted fields and the whole text."""

    letter: ExtractedLetter
    text: Optional[str]


def exact_copy_reason(earlier_agenda_no: str) -> str:
    return (f"Berkas ini salinan persis (byte demi byte) dari surat yang sudah terdaftar "
            f"dengan nomor agenda {earlier_agenda_no}; tidak didaftarkan dua kali.")


def rescan_reason(new: Reading, old: Reading, rules: RescanMatching) -> Optional[str]:
    """Why `new` is a rescan of `old` (in Indonesian, for the journal), or None: another letter."""
    a, b = new.letter, old.letter
    if not plausible(a, b, rules):
        return None
    company = _compare_names(a.nama_perusahaan, b.nama_perusahaan, rules.company_similarity, strip_forms=True)
    date = _compare_exact(a.tanggal_surat, b.tanggal_surat)
    number = compare_numbers(a, b, rules.number_max_edits)
    text = text_similarity(new.text, old.text, rules.shingle_words)
    seen = f"kemiripan teks {text:.2f}"
    if company == "unknown" or number == "unknown":
        if date != "other" and text >= rules.text_no_number:
            return f"nomor surat atau perusahaan tidak terbaca pasti, tanggal tidak berbeda, isi hampir sama ({seen})"
        return None
    if number == "same":
        if date != "other" or text >= rules.text_same_number_other_date:
            return f"perusahaan dan nomor surat sama, {seen}"
        return None
    if number == "near" and date == "same" and text >= rules.text_near_number:
        return f"perusahaan dan tanggal sama, nomor surat hampir sama ({a.nomor_surat} / {b.nomor_surat}), {seen}"
    return None


def plausible(a: ExtractedLetter, b: ExtractedLetter, rules: RescanMatching) -> bool:
    """Cheap first look (no text needed): nothing read on both scans says they are other letters."""
    company = _compare_names(a.nama_perusahaan, b.nama_perusahaan, rules.company_similarity, strip_forms=True)
    return company != "other" and not _contradicts(a, b, rules)


def _contradicts(a: ExtractedLetter, b: ExtractedLetter, rules: RescanMatching) -> bool:
    """A field read on both scans that differs: the subject, the media, its kind."""
    if _compare_names(a.perihal, b.perihal, rules.subject_similarity, squeeze=True) == "other":
        return True
    if _compare_names(a.nama_media, b.nama_media, rules.company_similarity, squeeze=True) == "other":
        return True
    return _compare_exact(a.jenis_media, b.jenis_media) == "other"


def compare_numbers(a: ExtractedLetter, b: ExtractedLetter, max_edits: int) -> Verdict:
    """same / near (at most `max_edits` edits apart) / other; unknown when either is missing or
    was flagged unsure by the reader (then the number proves nothing either way)."""
    if "nomor_surat" in a.perlu_ditinjau or "nomor_surat" in b.perlu_ditinjau:
        return "unknown"
    x, y = _number_key(a.nomor_surat), _number_key(b.nomor_surat)
    if not x or not y:
        return "unknown"
    if x == y:
        return "same"
    return "near" if edit_distance(x, y, limit=max_edits) <= max_edits else "other"


def _number_key(number: Optional[str]) -> str:
    return normalize(number, words_only=True).replace(" ", "").translate(_LOOK_ALIKES)


def _compare_exact(x: object, y: object) -> Verdict:
    if x is None or y is None or not str(x).strip() or not str(y).strip():
        return "unknown"
    return "same" if normalize(x) == normalize(y) else "other"


def _compare_names(x: Optional[str], y: Optional[str], threshold: float, *, strip_forms: bool = False,
                   squeeze: bool = False) -> Verdict:
    """Two names or phrases, alike enough (SequenceMatcher ratio) to be the same one read twice."""
    p, q = (_name_key(v, strip_forms, squeeze) for v in (x, y))
    if not p or not q:
        return "unknown"
    return "same" if p == q or SequenceMatcher(None, p, q).ratio() >= threshold else "other"


def _name_key(value: Optional[str], strip_forms: bool, squeeze: bool) -> str:
    words = normalize(value, words_only=True).split()
    if strip_forms:
        words = [w for w in words if w not in _LEGAL_FORMS]
    return ("" if squeeze else " ").join(words)  # squeezed: "Kerjasama" and "Kerja Sama" agree


def text_similarity(x: Optional[str], y: Optional[str], k: int = 3) -> float:
    """Jaccard similarity of the texts' word k-shingles (0 when either has no words)."""
    a, b = _shingles(x, k), _shingles(y, k)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _shingles(text: Optional[str], k: int) -> set[str]:
    words = normalize(text, words_only=True).split()
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def edit_distance(x: str, y: str, *, limit: int) -> int:
    """Levenshtein distance, or `limit + 1` as soon as it is certainly more than `limit`."""
    if abs(len(x) - len(y)) > limit:
        return limit + 1
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        current = [i]
        for j, cy in enumerate(y, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (cx != cy)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def rescan_message(earlier: str | None) -> str:
    """Pesan Sistem of a letter registered with the same number and company as an earlier case
    that was still judged another letter (other date or subject): a person should look."""
    if not earlier:
        return ""
    return (f"Nomor surat dan perusahaan sama dengan agenda {earlier}, tetapi tanggal atau isi suratnya "
            "berbeda; periksa apakah ini surat yang sama.")


def attached_sentence(file_name: str, original_name: str) -> str:
    """The one sentence added to the case's Pesan Sistem when a rescan is attached."""
    return (f"Pindaian ulang surat ini diterima ({original_name}) dan dilampirkan di folder perkara "
            f"sebagai {file_name}.")


def rescan_key(letter: ExtractedLetter) -> str | None:
    """Same letter number from the same company: kept in the journal for the warning above."""
    if not letter.nomor_surat or not letter.nama_perusahaan:
        return None
    return f"{normalize(letter.nomor_surat, words_only=True)}|{normalize(letter.nama_perusahaan, words_only=True)}"
