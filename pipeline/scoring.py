"""Judging extracted values against ground truth, exactly as CONTRACT.md says.

Text is compared after NFKC, case-folding and turning every run of non-alphanumeric
characters into one space; npwp/nib/telepon as digits (a leading 62 in a phone is 0);
website without scheme, `www.` and trailing `/`. A null ground-truth value counts too:
extracting something where the letter states nothing is wrong.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Optional

from pipeline.models import FIELD_NAMES

Outcome = Literal["right", "right_flagged", "wrong_flagged", "wrong_unflagged", "missing_flagged", "missing_unflagged"]
OUTCOMES: tuple[str, ...] = ("right", "right_flagged", "wrong_flagged", "wrong_unflagged", "missing_flagged", "missing_unflagged")
DIGIT_FIELDS = ("npwp", "nib", "telepon")


@dataclass(frozen=True)
class FieldOutcome:
    field: str
    outcome: Outcome
    extracted: Any
    truth: Any
    flagged: bool

    @property
    def key(self) -> str:  # the bench and older callers name the field "key"
        return self.field


def normalize_text(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def normalize(field: str, value: Any) -> Optional[str]:
    """The comparable form of one value (None stays None; booleans compare as true/false)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if field in DIGIT_FIELDS:
        d = re.sub(r"\D", "", unicodedata.normalize("NFKC", str(value)))
        if field == "telepon" and d.startswith("62"):
            d = "0" + d[2:]
        return d
    if field == "website":
        w = unicodedata.normalize("NFKC", str(value)).strip().casefold()
        w = re.sub(r"^[a-z]+://", "", w)
        w = re.sub(r"^www\.", "", w).rstrip("/")
        return normalize_text(w)
    return normalize_text(value)


def same(field: str, a: Any, b: Any) -> bool:
    return normalize(field, a) == normalize(field, b)


def judge(field: str, extracted: Any, truth: Any, flagged: bool) -> Outcome:
    got, want = normalize(field, extracted), normalize(field, truth)
    if got is None and want is None:
        return "right_flagged" if flagged else "right"
    if got is None:
        return "missing_flagged" if flagged else "missing_unflagged"
    if got == want:
        return "right_flagged" if flagged else "right"
    return "wrong_flagged" if flagged else "wrong_unflagged"


def score(extracted: dict, truth: dict, fields: Iterable[str] = FIELD_NAMES) -> list[FieldOutcome]:
    """One outcome per contract field; `extracted["perlu_ditinjau"]` lists the flagged keys."""
    flagged = set(extracted.get("perlu_ditinjau") or [])
    return [
        FieldOutcome(f, judge(f, extracted.get(f), truth.get(f), f in flagged), extracted.get(f), truth.get(f), f in flagged)
        for f in fields
    ]


@dataclass
class Summary:
    counts: Counter
    per_field: dict[str, Counter]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rate(self, outcome: str) -> float:
        return self.counts[outcome] / self.total if self.total else 0.0


def aggregate(outcomes: Iterable[FieldOutcome]) -> Summary:
    """Totals over many letters: overall and per field."""
    counts: Counter = Counter({o: 0 for o in OUTCOMES})
    per_field: dict[str, Counter] = {}
    for o in outcomes:
        counts[o.outcome] += 1
        per_field.setdefault(o.field, Counter())[o.outcome] += 1
    return Summary(counts, per_field)
