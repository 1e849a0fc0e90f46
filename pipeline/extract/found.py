"""A value read from the letter, with what is needed to decide whether to trust it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any



@dataclass
class Found:
    value: Any
    conf: float = 100.0           # lowest word confidence of the words it came from
    source: str = ""              # which zone/rule read it (letterhead, body, signature …)
    reasons: list[str] = field(default_factory=list)  # why a person should check it
    fixed: bool = False           # an OCR repair was needed to make it valid
    notes: list[str] = field(default_factory=list)    # reasons a confirming second reading clears

    def doubt(self, reason: str) -> "Found":
        self.reasons.append(reason)
        return self

    def repaired(self, note: str) -> "Found":
        """Mark an OCR repair; it needs review unless another reading confirms the value."""
        self.fixed = True
        self.notes.append(note)
        return self
