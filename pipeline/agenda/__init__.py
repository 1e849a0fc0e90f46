"""The agenda of registered letters: the interface (`base`), the configured backend
(`registry.open_agenda`) and a letter's registration row; re-exported here as the
package's entry point."""
from pipeline.agenda.base import KEY, Agenda, AgendaBusy, AgendaLayout, AgendaWrite, layout
from pipeline.agenda.letter_row import letter_to_row
from pipeline.agenda.registry import open_agenda

__all__ = ["KEY", "Agenda", "AgendaBusy", "AgendaLayout", "AgendaWrite", "layout", "letter_to_row", "open_agenda"]
