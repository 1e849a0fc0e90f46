"""Errors that carry a message for the office, in Indonesian.

`InputRejected` is raised for input that cannot or must not be processed; the CLI
prints its message as one line and exits non-zero, and the watcher moves the
file to quarantine with the same message as the reason.

`RetryLater` is the machine's fault, not the input's (a full disk, a journal locked by
another process): a one-shot command stops with the message; `watch` says it once, leaves
the input where the journal says it is and tries again later. `JournalDamaged` stops every
command: nothing may be written over a damaged journal (it holds the agenda numbers).
"""
from __future__ import annotations


class KerjasamaError(Exception):
    """Base class: `message` is the Indonesian one-line explanation for users."""

    def __init__(self, message: str, *, code: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __reduce__(self):
        # Keep `code` when the error crosses a process boundary (see isolated.py).
        return (_rebuild, (type(self), self.message, self.code))


def _rebuild(cls: type, message: str, code: str) -> "KerjasamaError":
    return cls(message, code=code)


class InputRejected(KerjasamaError):
    """The input file cannot be read as a request letter (bad, hostile, or not a letter)."""


class ToolMissing(KerjasamaError):
    """An external tool (Tesseract, its language model) is not installed."""


class RetryLater(KerjasamaError):
    """The work cannot go on now for a reason outside the input; trying again later will do."""


class JournalBusy(RetryLater):
    """Another process holds the journal's write lock for longer than the busy timeout."""

    def __init__(self, message: str, *, code: str = "journal_busy") -> None:
        super().__init__(message, code=code)


class JournalDamaged(KerjasamaError):
    """The journal file is not a sound SQLite database; it must be restored from a backup."""

    def __init__(self, message: str, *, code: str = "journal_damaged") -> None:
        super().__init__(message, code=code)
