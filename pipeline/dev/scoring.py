"""Judging extracted values against ground truth, exactly as CONTRACT.md says.

Text is compared after NFKC, case-folding and turning every run of non-alphanumeric
characters into one space; npwp/nib/telepon as digits (a leading 62 in a phone is 0);
website without scheme, `www.` and trailing `/`. A null ground-truth value counts too:
extracting something where the letter states nothing is wrong.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Literal

from pipeline.core.models import FIELD_NAMES
from pipeline.core.text import comparable

Outcome = Literal["right", "right_flagged", "wrong_flagged", "wrong_unflagged", "missing_flagged", "missing_unflagged"]
OUTCOMES: tuple[str, ...] = ("right", "right_flagged", "wrong_flagged", "wrong_unflagged", "missing_flagged", "missing_unflagged")


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


def same(field: str, a: Any, b: Any) -> bool:
    return comparable(field, a) == comparable(field, b)


def judge(field: str, extracted: Any, truth: Any, flagged: bool) -> Outcome:
    got, want = comparable(field, extracted), comparable(field, truth)
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
