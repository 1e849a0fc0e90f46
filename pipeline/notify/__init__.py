"""Telling people: notifications to the SOP's actors, derived from the journal.

  planner    which messages are due (registrations, applied statuses, overdue steps, digest)
  messages   their Indonesian text
  channels   where they go (e-mail today; the interface a Telegram bot would implement)
  notifier   one cycle: queue in the journal's `mail` table, deliver, mark

Called once per cycle by `kerjasama watch` and at the end of `ingest` and `sync`
(`Notifier.cycle`, `notify_once`).
"""
from pipeline.notify.notifier import Notifier, notify_once

__all__ = ["Notifier", "notify_once"]
