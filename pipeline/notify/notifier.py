"""One notification cycle: queue what is due (planner), then deliver what waits.

Queueing and the cursor over the journal's events move in one transaction, so an event is
turned into messages once whatever crashes. Delivery marks a message `mengirim`, hands it to
the server and marks it `terkirim` at once: a kill before the server's acceptance leaves it
`mengirim` and it is sent (once) by the next cycle; only a kill in the instant between the
acceptance and that mark makes it go twice, with the same Message-ID both times.
`watch` keeps one Notifier (it waits `retry_seconds` after an outage instead of trying every
second); `ingest` and `sync` run one cycle at their end (`notify_once`).
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Callable

from pipeline import register as I
from pipeline.core.crash import crash_point
from pipeline.core.settings import settings
from pipeline.core.settings.operations import NotifyFile
from pipeline.notify import planner as P
from pipeline.notify.channels import Channel, EmailChannel, Undeliverable
from pipeline.policy import sop as sop_mod

CURSOR = "notifikasi_peristiwa_terakhir"  # the last event turned into messages (marks table)
DIGEST = "notifikasi_ringkasan_terakhir"  # the date of the last daily digest
FIRST_RUN_WINDOW = timedelta(days=1)  # a journal older than notifications: only recent events
MAX_REFUSALS = 5  # a message the server refuses this often (a wrong address) is given up, with a warning
OVERDUE_EVERY_SECONDS = 30.0  # `watch` looks for newly overdue steps this often (events: every cycle)


class Notifier:
    def __init__(self, ix: I.Intake, *, log: Callable[[str], None] = print, config: NotifyFile | None = None,
                 channel: Channel | None = None) -> None:
        self.ix = ix
        self.log = log
        self.config = config or settings("notify")
        self.channel: Channel = channel or EmailChannel(self.config)
        self.sop = sop_mod.load()
        self._retry_at = 0.0
        self._waiting_said = False
        self._checked_actors = False
        self._last_overdue = float("-inf")
        self._held: dict[int, float] = {}  # mail id -> when a refused message may be tried again

    @property
    def journal(self):
        return self.ix.journal

    def cycle(self, *, force: bool = False) -> int:
        """Queue and deliver; returns how many messages still wait (0 when e-mail is off)."""
        if not self.channel.enabled():
            self._skip_events()  # turned on later: no flood of the past
            return 0
        self._check_actors()
        now = self.ix.settings.now()
        self.queue(now, force=force)
        if not force and time.monotonic() < self._retry_at:
            return len(self.journal.pending_mail(self.channel.name))
        return self.deliver()

    # ---- queueing --------------------------------------------------------------------------

    def plan(self) -> P.Plan:
        return P.Plan(self.ix.root, self.journal, self.sop, self.channel, self.ix.settings.tz())

    def queue(self, now: datetime, *, force: bool = False) -> int:
        plan = self.plan()
        last = self.journal.mark_value(CURSOR)
        events = self.journal.events_after(int(last or 0), P.EVENTS)
        added = 0
        if events:
            mails = []
            for e in events:
                if last is None and now - datetime.fromisoformat(e.at) > FIRST_RUN_WINDOW:
                    continue
                mails += P.for_event(plan, e)
            added += self.journal.queue_mail(mails, mark=(CURSOR, str(events[-1].id)))
        if not force and time.monotonic() - self._last_overdue < OVERDUE_EVERY_SECONDS:
            return added
        self._last_overdue = time.monotonic()
        fresh = [m for m in P.reminders(plan, now) if not self.journal.has_mail(m.key)]
        if fresh:
            added += self.journal.queue_mail(fresh)
        today = now.date().isoformat()
        if now.hour >= self.config.daily_digest_hour and self.journal.mark_value(DIGEST) != today:
            added += self.journal.queue_mail(P.digest(plan, now), mark=(DIGEST, today))
        return added

    def _skip_events(self) -> None:
        last = self.journal.last_event_id()
        if str(last) != self.journal.mark_value(CURSOR):
            self.journal.set_mark(CURSOR, str(last))

    def _check_actors(self) -> None:
        if self._checked_actors:
            return
        self._checked_actors = True
        known = {a for s in self.sop.steps for a in s.actors}
        unknown = sorted(set(self.config.recipients) - known)
        if unknown:
            self.log(f"PERINGATAN config/notify.yaml: pelaku {', '.join(unknown)} tidak ada di config/sop.yaml; "
                     f"e-mail untuk mereka tidak pernah dikirim. Pelaku SOP: {', '.join(sorted(known))}.")

    # ---- delivery --------------------------------------------------------------------------

    def deliver(self) -> int:
        waiting = self.journal.pending_mail(self.channel.name)
        pending = [i for i in waiting if self._held.get(i.id, 0.0) <= time.monotonic()]
        if not pending:
            return len(waiting)
        left, sent = list(pending), 0
        try:
            with self.channel.connect() as conn:
                for item in pending:
                    self.journal.mail_sending(item.id)
                    crash_point("before_mail_send")
                    try:
                        conn.deliver(item)
                    except Undeliverable as exc:
                        if exc.whole_batch:
                            raise
                        self._refused(item, exc.message)
                        left.remove(item)
                        continue
                    crash_point("after_mail_send")
                    self.journal.mail_sent(item.id)
                    left.remove(item)
                    sent += 1
        except Undeliverable as exc:
            self.journal.mail_failed([i.id for i in left], exc.message)
            self._retry_at = time.monotonic() + self.config.email.retry_seconds
            if not self._waiting_said:
                self.log(f"{len(left)} e-mail menunggu: {exc.message}. Dikirim otomatis setelah server tersambung lagi.")
            self._waiting_said = True
            return len(self.journal.pending_mail(self.channel.name))
        if self._waiting_said:
            self.log("Server e-mail tersambung lagi; e-mail yang menunggu sudah dikirim.")
        self._waiting_said = False
        self._retry_at = 0.0
        if sent:
            self.log(f"{sent} e-mail pemberitahuan terkirim.")
        return len(self.journal.pending_mail(self.channel.name))

    def _refused(self, item, reason: str) -> None:
        """The server refused this one message: retried later, and given up after MAX_REFUSALS."""
        if item.attempts + 1 >= MAX_REFUSALS:
            self.journal.mail_given_up(item.id, reason)
            self.log(f"PERINGATAN e-mail {item.subject!r} untuk {item.recipient} ditolak server {MAX_REFUSALS} kali "
                     f"({reason}); tidak dicoba lagi. Periksa alamat di config/notify.yaml.")
            return
        self.journal.mail_failed([item.id], reason)
        self._held[item.id] = time.monotonic() + self.config.email.retry_seconds
        self.log(f"E-mail {item.subject!r} untuk {item.recipient} ditolak server: {reason}; dicoba lagi nanti.")


def notify_once(ix: I.Intake, *, log: Callable[[str], None] = print) -> int:
    """One cycle for `ingest` and `sync`; never raises for a notification problem."""
    try:
        return Notifier(ix, log=log).cycle(force=True)
    except Exception as exc:  # a notification must never stop the work it reports on
        log(f"GALAT pemberitahuan: {type(exc).__name__}: {exc}")
        return -1
