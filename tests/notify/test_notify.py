"""E-mail to the SOP's actors, against a real SMTP server on localhost (aiosmtpd), with the
real `kerjasama` commands in child processes: registration and applied statuses notify the
next actors, an outage loses nothing, a kill -9 around the send neither loses nor repeats."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from smtp_sink import ADDRESSES, SmtpSink, write_config
from workflow_util import PDF1, REPO, clone, mark

NEXT_AFTER_REGISTRATION = ADDRESSES["Kepala Dinas"] + ADDRESSES["Sekretaris"] + ADDRESSES["Kepala Bidang"]
NEW = "surat permohonan baru"


def kerjasama(root: Path, config: Path | None, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KERJASAMA_CRASH_AT", "KERJASAMA_CONFIG_DIR")}
    if config is not None:
        env["KERJASAMA_CONFIG_DIR"] = str(config)
    if crash_at:
        env["KERJASAMA_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "pipeline", *args, "--root", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=180)


def mail_rows(root: Path) -> list[tuple[str, str, int]]:
    db = sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")
    try:
        return db.execute("SELECT recipient, state, attempts FROM mail ORDER BY id").fetchall()
    finally:
        db.close()


def about_registration(sink: SmtpSink) -> list:
    return [r for r in sink.received if NEW in r.subject]


def test_registration_then_status_mail_the_next_actors_while_watching(tmp_path, sink):
    root = tmp_path / "root"
    config = write_config(tmp_path / "office", sink.port)
    (config / "intake.yaml").write_text("stability_seconds: 0.5\nagenda_poll_seconds: 1\n", encoding="utf-8")
    assert kerjasama(root, config, "init").returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "KERJASAMA_CRASH_AT"}
    env["KERJASAMA_CONFIG_DIR"] = str(config)
    watcher = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--root", str(root)], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        (root / "masuk" / PDF1.name).write_bytes(PDF1.read_bytes())
        wait_for(lambda: len(about_registration(sink)) >= 3, watcher)
        got = about_registration(sink)
        assert sorted(a for r in got for a in r.rcpt) == sorted(NEXT_AFTER_REGISTRATION)
        first = got[0]
        assert "001/KSM/" in first.subject
        assert "Arjuna Kanal" in first.body and "Didisposisi" in first.body and "Tenggat" in first.body
        assert str(root.resolve() / "01-tercatat") in first.body or str(root / "01-tercatat") in first.body

        no = first.subject.split("] ")[1].split(":")[0]
        assert mark(root, no, "Didisposisi") == 0
        wait_for(lambda: len([r for r in sink.received if "status Didisposisi" in r.subject]) >= 2, watcher)
        applied = [r for r in sink.received if "status Didisposisi" in r.subject]
        assert sorted(a for r in applied for a in r.rcpt) == sorted(ADDRESSES["Fungsional"])
        assert "Langkah 3" in applied[0].body and "lembar Evaluasi" in applied[0].body
    finally:
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, err
    log = (root / ".kerjasama" / "log" / "kerjasama.log").read_text(encoding="utf-8")
    assert f"TERCATAT   {no}" in log and f"DITERAPKAN {no}: Tercatat → Didisposisi" in log
    assert "Pemantauan dihentikan." in log
    assert list((root / ".kerjasama" / "cadangan").glob("jurnal-*.sqlite3"))  # the daily backup
    # Exactly once each, and nothing is left waiting.
    assert len(about_registration(sink)) == 3
    assert all(state == "terkirim" for _, state, _ in mail_rows(root))


def wait_for(condition, process: subprocess.Popen, limit: float = 120.0) -> None:
    """Poll until `condition()` holds; a generous bound only so a broken run ends."""
    deadline = time.monotonic() + limit
    while not condition():
        if process.poll() is not None:
            raise AssertionError(process.communicate()[1])
        if time.monotonic() > deadline:
            raise AssertionError("menunggu terlalu lama")
        time.sleep(0.2)


def test_an_outage_loses_nothing_and_sends_each_mail_once(registered, tmp_path):
    template, no = registered
    root = clone(template, tmp_path / "root")
    sink = SmtpSink()  # not started: the server is down
    config = write_config(tmp_path / "office", sink.port)
    down = kerjasama(root, config, "sync")
    assert down.returncode == 0, down.stderr
    assert "e-mail menunggu" in down.stdout
    assert sorted(r for r, state, _ in mail_rows(root) if state == "menunggu") == sorted(NEXT_AFTER_REGISTRATION)
    again = kerjasama(root, config, "sync")  # still down: queued once, not again
    assert again.returncode == 0 and len(mail_rows(root)) == 3
    sink.start()
    try:
        up = kerjasama(root, config, "sync")
        assert up.returncode == 0, up.stderr
        assert "3 e-mail pemberitahuan terkirim" in up.stdout
        assert kerjasama(root, config, "sync").returncode == 0
        got = about_registration(sink)
        assert sorted(a for r in got for a in r.rcpt) == sorted(NEXT_AFTER_REGISTRATION)
        assert all(no in r.subject for r in got)
    finally:
        sink.stop()


def test_killed_before_the_server_accepts_sends_each_mail_once(registered, tmp_path, sink):
    template, _ = registered
    root = clone(template, tmp_path / "root")
    config = write_config(tmp_path / "office", sink.port)
    crashed = kerjasama(root, config, "sync", crash_at="before_mail_send")
    assert crashed.returncode == 137, crashed.stderr
    assert sink.received == [] and [s for _, s, _ in mail_rows(root)].count("mengirim") == 1
    done = kerjasama(root, config, "sync")
    assert done.returncode == 0, done.stderr
    got = about_registration(sink)
    assert sorted(a for r in got for a in r.rcpt) == sorted(NEXT_AFTER_REGISTRATION)  # none lost, none twice


def test_killed_right_after_the_server_accepted_repeats_one_mail_with_its_message_id(registered, tmp_path, sink):
    """The one window SMTP cannot close: accepted, not yet marked. The repeat is recognisable."""
    template, _ = registered
    root = clone(template, tmp_path / "root")
    config = write_config(tmp_path / "office", sink.port)
    assert kerjasama(root, config, "sync", crash_at="after_mail_send").returncode == 137
    assert len(sink.received) == 1
    assert kerjasama(root, config, "sync").returncode == 0
    got = about_registration(sink)
    ids = [str(r.message["Message-ID"]) for r in got]
    assert sorted(a for r in got for a in set(r.rcpt)) == sorted(NEXT_AFTER_REGISTRATION + got[0].rcpt)
    assert len(set(ids)) == 3 and ids.count(ids[0]) == 2  # none lost; the repeat carries the same id
    assert all(state == "terkirim" for _, state, _ in mail_rows(root))


def test_with_email_off_nothing_is_queued_and_turning_it_on_sends_no_old_news(registered, tmp_path, sink):
    template, _ = registered
    root = clone(template, tmp_path / "root")
    assert kerjasama(root, None, "sync").returncode == 0  # the shipped config: smtp_host null
    assert mail_rows(root) == []
    config = write_config(tmp_path / "office", sink.port)
    assert kerjasama(root, config, "sync").returncode == 0
    assert about_registration(sink) == [] and mail_rows(root) == []
