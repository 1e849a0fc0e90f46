"""SOP 7.1: the procedure the office follows, as data (`model`), loaded and checked from
`config/sop.yaml` (`loader`); the working-day clock is `pipeline.policy.workdays`.

This package is the entry point callers use (`from pipeline.policy import sop`,
`sop.load()`, `sop.Sop`, `sop.Refusal`), so it re-exports that public API.
"""
from pipeline.policy.sop.loader import (
    ARCHIVE,
    SopConfigError,
    build,
    check_transition,
    due_time,
    is_overdue,
    load,
    next_statuses,
    parse_duration,
)
from pipeline.policy.sop.model import Refusal, Sop, Status, Step, Transition

__all__ = [
    "ARCHIVE", "Refusal", "Sop", "SopConfigError", "Status", "Step", "Transition", "build", "check_transition",
    "due_time", "is_overdue", "load", "next_statuses", "parse_duration",
]
