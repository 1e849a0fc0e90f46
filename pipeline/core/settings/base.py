"""The common shape of every settings model: unknown keys are errors, values are read-only."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A mapping of a config file (or the whole file) whose keys are all declared.

    A key the program does not know is refused: a typo ("stabilty_seconds") would otherwise
    be ignored in silence and the office would wonder why its setting does nothing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
