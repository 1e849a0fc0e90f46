"""Mail to people (notifications): queued once per message and recipient, sent, marked.

A message is queued under a unique `key` (e.g. "email:peristiwa:42:kadis@..."), skipped if present,
in the same transaction that moves the notifier's cursor (`marks`), so each event gives each
recipient one row, whatever crashes. The sender marks a row `mengirim` before handing it to
the server and `terkirim` right after the server accepted it; a row found `mengirim` on start
was interrupted in that window and is sent again (with the same Message-ID).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from pipeline.journal import clock
from pipeline.journal.records import Event, event_from_row
from pipeline.journal.store import JournalStore

MENUNGGU = "menunggu"  # queued, not yet handed to the server
MENGIRIM = "mengirim"  # being handed to the server (a crash here: sent again)
TERKIRIM = "terkirim"  # accepted by the server
DITOLAK = "ditolak"  # refused by the server again and again (a wrong address): given up
DONE = (TERKIRIM, DITOLAK)


@dataclass(frozen=True)
class NewMail:
    key: str
    channel: str
    recipient: str
    agenda_no: str | None
    subject: str
    body: str


@dataclass(frozen=True)
class MailItem:
    id: int
    key: str
    channel: str
    recipient: str
    agenda_no: str | None
    subject: str
    body: str
    state: str
    attempts: int
    last_error: str | None
    created_at: str
    sent_at: str | None


def _item(row: sqlite3.Row) -> MailItem:
    return MailItem(row["id"], row["key"], row["channel"], row["recipient"], row["agenda_no"], row["subject"],
                    row["body"], row["state"], row["attempts"], row["last_error"], row["created_at"], row["sent_at"])


class MailMixin(JournalStore):
    def mark_value(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM marks WHERE name = ?", (name,)).fetchone()
        return row["value"] if row else None

    def set_mark(self, name: str, value: str) -> None:
        with self.transaction() as db:
            _set_mark(db, name, value)

    def last_event_id(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])

    def events_after(self, event_id: int, whats: tuple[str, ...]) -> list[Event]:
        marks = ",".join("?" * len(whats))
        rows = self._db.execute(f"SELECT * FROM events WHERE id > ? AND what IN ({marks}) ORDER BY id",
                                (event_id, *whats)).fetchall()
        return [event_from_row(r) for r in rows]

    def queue_mail(self, mails: list[NewMail], *, mark: tuple[str, str] | None = None) -> int:
        """Queue `mails` (a key already queued is skipped) and set `mark`, atomically; returns how many are new."""
        with self.transaction() as db:
            stamp = clock.now_iso()
            added = 0
            for m in mails:
                cur = db.execute(
                    # Only a repeated key is skipped (OR IGNORE would drop a bad row in silence too).
                    "INSERT INTO mail(key, channel, recipient, agenda_no, subject, body, created_at)"
                    " VALUES (?,?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING", (m.key, m.channel, m.recipient, m.agenda_no, m.subject, m.body, stamp))
                added += cur.rowcount
            if mark is not None:
                _set_mark(db, *mark)
        return added

    def has_mail(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM mail WHERE key = ?", (key,)).fetchone() is not None

    def pending_mail(self, channel: str) -> list[MailItem]:
        rows = self._db.execute("SELECT * FROM mail WHERE channel = ? AND state NOT IN (?, ?) ORDER BY id",
                                (channel, *DONE)).fetchall()
        return [_item(r) for r in rows]

    def all_mail(self) -> list[MailItem]:
        return [_item(r) for r in self._db.execute("SELECT * FROM mail ORDER BY id").fetchall()]

    def mail_sending(self, mail_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE mail SET state = ?, attempts = attempts + 1 WHERE id = ?", (MENGIRIM, mail_id))

    def mail_sent(self, mail_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE mail SET state = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                       (TERKIRIM, clock.now_iso(), mail_id))

    def mail_given_up(self, mail_id: int, error: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE mail SET state = ?, last_error = ? WHERE id = ?", (DITOLAK, error, mail_id))

    def mail_failed(self, mail_ids: list[int], error: str) -> None:
        """The server refused or could not be reached: the rows wait for the next try."""
        with self.transaction() as db:
            db.executemany("UPDATE mail SET state = ?, last_error = ? WHERE id = ?",
                           [(MENUNGGU, error, i) for i in mail_ids])


def _set_mark(db: sqlite3.Connection, name: str, value: str) -> None:
    db.execute("INSERT INTO marks(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
               (name, value))
