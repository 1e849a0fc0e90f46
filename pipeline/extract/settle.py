"""Choosing one value per field from its readings, and deciding whether to trust it.

A value goes to review when its words were read with low confidence, when it failed
validation, or when an OCR repair was needed — unless a second, independent reading
with good confidence says the same. Readings that disagree also send it to review.
"""
from __future__ import annotations

import difflib
import re
from typing import Any, Callable, Optional

from pipeline.extract import validators as v
from pipeline.extract.found import Found
from pipeline.extract.names import degree_parts, degree_rx, name_words
from pipeline.extract.rules import review
from pipeline.core.text import comparable, normalize


def same(field: str, a: Any, b: Any) -> bool:
    return comparable(field, a) == comparable(field, b)


def near_miss(a: Any, b: Any) -> bool:
    """Two spellings that differ by a few characters: one of them is probably misread."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    na, nb = normalize(a, words_only=True), normalize(b, words_only=True)
    return na != nb and difflib.SequenceMatcher(None, na, nb).ratio() >= 0.8


def settle(field: str, readings: list[Optional[Found]], *, agree: Optional[Callable[[Any, Any], bool]] = None,
           weak: tuple[str, ...] = ()) -> Optional[Found]:
    """The first usable reading, with review reasons added from the others.

    `agree` compares two values (default: the contract's normalised equality); readings
    whose source is in `weak` may confirm but never contradict.
    """
    agree = agree or (lambda a, b: same(field, a, b))
    rs = [r for r in readings if r is not None and r.value not in (None, "")]
    if not rs:  # nothing usable; keep a reading that explains why (e.g. a label without value)
        return next((r for r in readings if r is not None and r.reasons), None)
    chosen = rs[0]
    confirmed = any(o is not chosen and o.conf >= review("min_word_conf") and not o.reasons and agree(o.value, chosen.value)
                    for o in rs)
    if chosen.conf < review("min_word_conf") and not (confirmed and chosen.conf >= review("min_word_conf_confirmed")):
        chosen.doubt(f"keyakinan OCR rendah ({chosen.conf:.0f})")
    if chosen.fixed and not confirmed:
        chosen.reasons.extend(chosen.notes or ["perlu perbaikan OCR agar sah"])
    strong_others = [o for o in rs[1:] if o.source not in weak and o.conf >= review("min_word_conf")]
    if any(not agree(o.value, chosen.value) for o in strong_others):
        chosen.doubt("sumber lain di surat menyebut nilai berbeda")
    elif any(near_miss(o.value, chosen.value) for o in rs[1:] if not agree(o.value, chosen.value)):
        chosen.doubt("sumber lain menulis nilai yang hampir sama (salah baca?)")
    return chosen


def or_rows(field: str, primary: list[Optional[Found]], from_rows: Optional[Found]) -> Optional[Found]:
    """The prose's value; failing that, the value stated in a list, a table or an attached page.

    The rows repeat the prose's words, so they never count as a second, confirming reading.
    """
    chosen = settle(field, primary)
    other = settle(field, [from_rows])
    if other is None or other.value in (None, ""):
        return chosen
    if chosen is None or chosen.value in (None, ""):
        return other
    if isinstance(chosen.value, str) and isinstance(other.value, str) and chosen.value != other.value \
            and chosen.value.startswith(other.value):
        rest = chosen.value[len(other.value):]
        if not re.search(r",\s*" + degree_rx(), rest):
            # the prose ran on into the next cell of a table ("Nama  Kompetensi ...")
            return other
        if rest[:1] in (" ", ","):
            # a name wrapped onto the next line ends in its titles ("Sulastri" / "Wahyudi, S.Hum."):
            # the row holds only its first line, no other value
            return chosen
    if field in _PERSONS and _one_bare_word(chosen.value) and not _one_bare_word(other.value) and not other.reasons:
        # "Pemimpin Redaksi" / "Bentuk kerja sama ...": the prose took the next sentence's first
        # word for the name, while the row beside the label states a whole one
        return other
    valid = _FORMATS.get(field)
    if valid and not chosen.reasons and valid(chosen.value) and not valid(other.value):
        return chosen  # a row's value that fails the number's format is no reading of it
    if not same(field, chosen.value, other.value):
        chosen.doubt("sumber lain di surat menyebut nilai berbeda")
    return chosen


_PERSONS = ("pemimpin_redaksi",)


def _one_bare_word(value: Any) -> bool:
    return isinstance(value, str) and len(name_words(value)) < 2 and not degree_parts(value)


_FORMATS = {"npwp": v.is_valid_npwp, "nib": v.is_valid_nib, "sk_kemenkumham": v.is_valid_ahu, "nomor_akta": v.is_valid_akta}
