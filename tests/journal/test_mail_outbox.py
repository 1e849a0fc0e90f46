"""The journal's mail outbox: one row per key whatever is queued twice, the notifier's cursor
moved in the same transaction as the rows, and older journals gaining the tables on open."""
from __future__ import annotations

import sqlite3

import pytest

from pipeline import journal as J
from pipeline.journal.mail import NewMail


def mail(key: str, subject: str | None = "[Kerja Sama Media] 001/KSM/2026: uji") -> NewMail:
    return NewMail(key, "email", "kadis@dinas.test", "001/KSM/2026", subject, "isi\n")  # type: ignore[arg-type]


def test_a_key_is_queued_once_and_moves_through_its_states(tmp_path):
    with J.Journal.open(tmp_path) as journal:
        assert journal.queue_mail([mail("a"), mail("b")], mark=("kursor", "7")) == 2
        assert journal.queue_mail([mail("a")], mark=("kursor", "8")) == 0
        assert journal.mark_value("kursor") == "8"
        first, second = journal.pending_mail("email")
        journal.mail_sending(first.id)
        journal.mail_sent(first.id)
        journal.mail_sending(second.id)  # killed here: still pending, sent again next time
    with J.Journal.open(tmp_path) as journal:
        (left,) = journal.pending_mail("email")
        assert left.key == "b" and left.state == "mengirim" and left.attempts == 1
        journal.mail_failed([left.id], "server mati")
        assert journal.pending_mail("email")[0].state == "menunggu"
        assert [m.state for m in journal.all_mail()] == ["terkirim", "menunggu"]
        assert journal.pending_mail("telegram") == []


def test_the_cursor_does_not_move_when_the_rows_cannot_be_written(tmp_path):
    with J.Journal.open(tmp_path) as journal:
        journal.set_mark("kursor", "3")
        with pytest.raises(sqlite3.IntegrityError):
            journal.queue_mail([mail("a"), mail("b", subject=None)], mark=("kursor", "9"))
        assert journal.mark_value("kursor") == "3" and journal.all_mail() == []


def test_an_older_journal_gains_the_mail_tables_and_keeps_its_rows(tmp_path):
    path = J.journal_path(tmp_path)
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    old.executescript("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
                      " what TEXT NOT NULL, agenda_no TEXT, input_id INTEGER, details TEXT NOT NULL DEFAULT '{}');"
                      "INSERT INTO events(at, actor, what) VALUES ('2026-01-01T00:00:00+00:00', 'lama', 'terdaftar');")
    old.commit()
    old.close()
    with J.Journal.open(tmp_path) as journal:
        assert journal.last_event_id() == 1 and [e.actor for e in journal.events()] == ["lama"]
        assert journal.queue_mail([mail("a")]) == 1
