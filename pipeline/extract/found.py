"""A value read from the letter, with what is needed to decide whether to trust it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Place:
    """Where on the page a value's words were read: one box per line they span."""

    page: int  # 1-based
    box: tuple[float, float, float, float]  # left, top, right, bottom in the page's own units
    line: Any = field(compare=False, repr=False)  # the Line, for which reading it came from


@dataclass
class Found:
    value: Any
    conf: float = 100.0           # lowest word confidence of the words it came from
    source: str = ""              # which zone/rule read it (letterhead, body, signature …)
    reasons: list[str] = field(default_factory=list)  # why a person should check it
    fixed: bool = False           # an OCR repair was needed to make it valid
    notes: list[str] = field(default_factory=list)    # reasons a confirming second reading clears
    places: list[Place] = field(default_factory=list)  # the evidence (`bukti`) for the clerk
    rivals: list[tuple[str, str]] = field(default_factory=list)  # words the engines read apart: (ours, theirs)

    def doubt(self, reason: str) -> "Found":
        self.reasons.append(reason)
        return self

    def rival(self, ours: str, theirs: str) -> "Found":
        """The two OCR engines read one of its words apart: a person decides, unless the
        letter settles it (a letter number's month, by the date: months.py)."""
        self.rivals.append((ours, theirs))
        return self.doubt(rival_reason(ours, theirs))

    def repaired(self, note: str) -> "Found":
        """Mark an OCR repair; it needs review unless another reading confirms the value."""
        self.fixed = True
        self.notes.append(note)
        return self

    def derived(self, value: Any, source: str) -> "Found":
        """A value inferred from this one (a legal form from a name): same words, same places."""
        return Found(value, self.conf, source, places=list(self.places))


def rival_reason(ours: str, theirs: str) -> str:
    return f"dua mesin OCR membaca berbeda: '{ours}' / '{theirs}'"
