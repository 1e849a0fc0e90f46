"""The agenda of registered letters (see `base` for the interface)."""
from pipeline.agenda.base import (
    KEY, Agenda, AgendaBusy, AgendaLayout, AgendaWrite, layout, letter_to_row, open_agenda,
)

__all__ = ["KEY", "Agenda", "AgendaBusy", "AgendaLayout", "AgendaWrite", "layout", "letter_to_row", "open_agenda"]
