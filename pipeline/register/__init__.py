"""SOP step 1: registering a letter from the inbox, crash-safe.

  settings     config/intake.yaml (IntakeSettings)
  context      Intake: one ROOT being worked on (settings, journal, agenda)
  ingest       the entry point: ingest_file / advance an input to a final state
  states       the chain of idempotent steps, one per journal state
  stash        what was read, kept until the case folder is written
  case_files   what a new case folder holds
  casefolder   safe case folder names; duplicates: exact copies and rescans
  quarantine   karantina/ and the reason files
  outbox       applying queued agenda writes

This package is the entry point its callers use (`from pipeline import register as I`), so it
re-exports that public API: Intake, IntakeSettings, load_settings, STATUS_TERCATAT, Outcome,
ingest_file, advance, flush_outbox.
"""
from pipeline.register.context import Intake
from pipeline.register.ingest import Outcome, advance, ingest_file
from pipeline.register.outbox import flush_outbox
from pipeline.register.settings import STATUS_TERCATAT, IntakeSettings, load_settings

__all__ = ["STATUS_TERCATAT", "Intake", "IntakeSettings", "Outcome", "advance", "flush_outbox", "ingest_file",
           "load_settings"]
