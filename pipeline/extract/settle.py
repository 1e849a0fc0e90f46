"""Choosing one value per field from its readings, and deciding whether to trust it.

A value goes to review when its words were read with low confidence, when it failed
validation, or when an OCR repair was needed — unless a second, independent reading
with good confidence says the same. Readings that disagree also send it to review.
"""
from __future__ import annotations

import difflib
from typing import Any, Callable, Optional

from pipeline.extract.found import Found
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
