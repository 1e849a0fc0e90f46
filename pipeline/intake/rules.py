"""Which inbox names are taken, waited for, or never touched (config/intake.yaml)."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from pipeline.register import IntakeSettings


@dataclass(frozen=True)
class NameRules:
    writing_patterns: tuple[str, ...]
    ignored_patterns: tuple[str, ...]

    @classmethod
    def from_settings(cls, s: IntakeSettings) -> "NameRules":
        return cls(tuple(p.casefold() for p in s.in_progress_patterns), tuple(p.casefold() for p in s.ignore_patterns))

    def in_progress(self, name: str) -> bool:
        """A partial download or an office lock file: something is still writing."""
        return any(fnmatch.fnmatchcase(name.casefold(), p) for p in self.writing_patterns)

    def skip(self, name: str) -> bool:
        """Never taken: hidden, system and temporary files."""
        return name.startswith(".") or self.in_progress(name) or any(
            fnmatch.fnmatchcase(name.casefold(), p) for p in self.ignored_patterns)

