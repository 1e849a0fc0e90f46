"""The one text normalisation: how two texts typed or read differently are judged the same.

Officials type statuses with odd case, non-breaking spaces or zero-width characters; OCR gives
full-width digits and stray punctuation. Every comparison in the pipeline goes through
`normalize`, and the CONTRACT's way of judging an extracted value through `comparable`.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Optional

DIGIT_FIELDS = ("npwp", "nib", "telepon")
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: object, *, words_only: bool = False) -> str:
    """NFKC, case-folded, whitespace collapsed ("  DIVERIFIKASI\u00a0" -> "diverifikasi").

    Zero-width/format characters are dropped and other control characters become spaces.
    With `words_only`, every run of characters that are not letters or digits becomes one space
    ("PT. Kabar-Desa" -> "pt kabar desa").
    """
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    text = "".join("" if unicodedata.category(ch) == "Cf" else " " if unicodedata.category(ch).startswith("C") else ch
                   for ch in text)
    text = text.casefold()
    if words_only:
        text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def comparable(field: str, value: Any) -> Optional[str]:
    """The comparable form of one extracted value, as CONTRACT.md judges it.

    None (or blank) stays None; booleans compare as true/false; npwp/nib/telepon as digits (a
    leading 62 in a phone number counts as 0); website without scheme, `www.` and trailing `/`;
    any other text through `normalize(words_only=True)`.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if field in DIGIT_FIELDS:
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", str(value)))
        if field == "telepon" and digits.startswith("62"):
            digits = "0" + digits[2:]
        return digits
    if field == "website":
        site = unicodedata.normalize("NFKC", str(value)).strip().casefold()
        site = re.sub(r"^[a-z]+://", "", site)
        site = re.sub(r"^www\.", "", site).rstrip("/")
        return normalize(site, words_only=True)
    return normalize(value, words_only=True)
