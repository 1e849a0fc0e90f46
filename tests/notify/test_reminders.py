"""Overdue steps: one reminder per case and status to the late step's actors and the first
actor of the step before, then a daily digest at `daily_digest_hour`; each once, whatever
the number of cycles. The clock is the settings' `now` moved past the due time."""
from __future__ import annotations

from datetime import datetime, timedelta

from pipeline import register as I
from pipeline.core.settings import loader
from pipeline.notify import Notifier
from smtp_sink import ADDRESSES, write_config
from workflow_util import clone, settings


class Later(I.IntakeSettings):
    """The office's clock, `ahead` from now (a case registered now is overdue then)."""

    ahead: timedelta = timedelta(0)

    def now(self) -> datetime:
        return super().now() + self.ahead


def cycle(root, ahead: timedelta, cycles: int = 1) -> None:
    ix = I.Intake.open(root, Later(**settings().model_dump(), ahead=ahead))
    try:
        notifier = Notifier(ix, log=lambda m: None)
        for _ in range(cycles):
            notifier.cycle(force=True)
    finally:
        ix.close()


def test_overdue_step_reminds_once_then_a_daily_digest(registered, tmp_path, sink, monkeypatch):
    template, no = registered
    root = clone(template, tmp_path / "root")
    hour = (settings().now() + timedelta(hours=2)).hour  # a digest hour the later clock has reached
    monkeypatch.setenv(loader.ENV, str(write_config(tmp_path / "office", sink.port, digest_hour=hour)))
    cycle(root, timedelta(0))  # the registration mail; nothing overdue yet
    assert not [r for r in sink.received if "TERLAMBAT" in r.subject]
    cycle(root, timedelta(hours=2), cycles=3)
    late = [r for r in sink.received if "TERLAMBAT" in r.subject]
    # Step 2's actors, and Fungsional (step 1's first actor), each once.
    wanted = ADDRESSES["Kepala Dinas"] + ADDRESSES["Sekretaris"] + ADDRESSES["Kepala Bidang"] + ADDRESSES["Fungsional"]
    assert sorted(a for r in late for a in r.rcpt) == sorted(wanted)
    assert all(no in r.subject for r in late) and "lewat 1 jam" in late[0].body
    digests = [r for r in sink.received if "Ringkasan harian" in r.subject]
    assert sorted(a for r in digests for a in r.rcpt) == sorted(wanted)
    assert no in digests[0].body and "1 perkara" in digests[0].subject
    cycle(root, timedelta(hours=2, minutes=1))  # the same day: no second digest, no second reminder
    assert len([r for r in sink.received if "TERLAMBAT" in r.subject]) == len(late)
    assert len([r for r in sink.received if "Ringkasan harian" in r.subject]) == len(digests)
    cycle(root, timedelta(days=1, hours=2))  # the next day: one more digest each
    assert len([r for r in sink.received if "Ringkasan harian" in r.subject]) == 2 * len(digests)
    assert len([r for r in sink.received if "TERLAMBAT" in r.subject]) == len(late)


def test_untrusted_letter_text_cannot_break_the_headers(registered, tmp_path, sink, monkeypatch):
    template, no = registered
    root = clone(template, tmp_path / "root")
    import sqlite3

    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    db.execute("UPDATE cases SET company = ? WHERE agenda_no = ?", ("PT Jahat\r\nBcc: korban@luar.test\r\n=1+1", no))
    db.commit()
    db.close()
    monkeypatch.setenv(loader.ENV, str(write_config(tmp_path / "office", sink.port)))
    cycle(root, timedelta(0))
    got = [r for r in sink.received if no in r.subject]
    assert got and all("korban@luar.test" not in r.rcpt for r in got)
    assert all(r.message["Bcc"] is None for r in got)
    assert "PT Jahat Bcc: korban@luar.test =1+1" in got[0].body


def test_a_recipient_the_server_refuses_is_given_up_after_a_few_tries_and_the_others_get_theirs(
        registered, tmp_path, sink, monkeypatch):
    template, no = registered
    root = clone(template, tmp_path / "root")
    sink.handler.refuse.add("sekretaris@dinas.test")
    monkeypatch.setenv(loader.ENV, str(write_config(tmp_path / "office", sink.port)))
    said: list[str] = []
    ix = I.Intake.open(root, settings())
    try:
        notifier = Notifier(ix, log=said.append)
        for _ in range(8):
            notifier.cycle(force=True)
        states = {m.recipient: m.state for m in ix.journal.all_mail()}
    finally:
        ix.close()
    assert states == {"kadis@dinas.test": "terkirim", "sekretaris@dinas.test": "ditolak",
                      "kabid@dinas.test": "terkirim"}
    assert sorted(a for r in sink.received for a in r.rcpt) == ["kabid@dinas.test", "kadis@dinas.test"]
    assert any("PERINGATAN" in m and "sekretaris@dinas.test" in m for m in said)
