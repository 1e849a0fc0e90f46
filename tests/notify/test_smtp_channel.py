"""The e-mail channel and its SMTP wrapper against a real local server: the login with the
password from the environment (never the YAML), the probe apart from sending, and each
failure said in Indonesian."""
from __future__ import annotations

import warnings

import pytest
from aiosmtpd.smtp import AuthResult

from pipeline.core.settings.operations import NotifyFile
from pipeline.journal.mail import MailItem
from pipeline.notify.channels import EmailChannel, Undeliverable, message_id
from pipeline.tools import smtp
from smtp_sink import SmtpSink, free_port

USER, PASSWORD = "kerjasama", "rahasia-kantor"


def check_login(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


@pytest.fixture
def login_sink():
    # Plain-text login is fine on localhost; aiosmtpd warns about it.
    warnings.filterwarnings("ignore", "Requiring AUTH", UserWarning)
    s = SmtpSink(auth_required=True, auth_require_tls=False, authenticator=check_login).start()
    yield s
    s.stop()


def channel(port: int, **email: object) -> EmailChannel:
    return EmailChannel(NotifyFile.model_validate({
        "email": {"smtp_host": "127.0.0.1", "smtp_port": port, "security": "none", "connect_timeout_seconds": 5,
                  **email},
        "recipients": {"Kepala Dinas": ["kadis@dinas.test"]},
    }))


def item(key: str = "email:peristiwa:1:kadis@dinas.test") -> MailItem:
    return MailItem(1, key, "email", "kadis@dinas.test", "001/KSM/2026", "[Kerja Sama Media] 001/KSM/2026: uji",
                    "Isi pesan.\n", "menunggu", 0, None, "2026-12-02T00:00:00+00:00", None)


def test_the_password_comes_from_the_environment_variable_named_in_the_config(login_sink, monkeypatch):
    ch = channel(login_sink.port, username=USER, password_env="KANTOR_SMTP_SANDI")
    monkeypatch.delenv("KANTOR_SMTP_SANDI", raising=False)
    with pytest.raises(Undeliverable, match="KANTOR_SMTP_SANDI"):
        with ch.connect():
            pass
    monkeypatch.setenv("KANTOR_SMTP_SANDI", "salah")
    assert "ditolak" in smtp.probe(ch.server())
    monkeypatch.setenv("KANTOR_SMTP_SANDI", PASSWORD)
    assert smtp.probe(ch.server()) is None
    with ch.connect() as conn:
        conn.deliver(item())
    (got,) = login_sink.received
    assert got.rcpt == ["kadis@dinas.test"] and got.message["Message-ID"] == message_id(item().key, ch.config.email.sender)
    assert "Diskominfo" in str(got.message["From"]) and got.message["Auto-Submitted"] == "auto-generated"


def test_a_password_file_outside_the_yaml_works_too(login_sink, tmp_path, monkeypatch):
    secret = tmp_path / "sandi.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    monkeypatch.delenv("KERJASAMA_SMTP_PASSWORD", raising=False)
    ch = channel(login_sink.port, username=USER, password_file=str(secret))
    with ch.connect() as conn:
        conn.deliver(item())
    assert len(login_sink.received) == 1


def test_the_yaml_has_no_place_for_a_password():
    with pytest.raises(Exception, match="password"):
        NotifyFile.model_validate({"email": {"smtp_host": "x", "password": "rahasia"}})


def test_failures_are_said_in_indonesian():
    closed = smtp.SmtpServer("127.0.0.1", free_port(), "none", timeout=5)
    assert "sambungan ditolak" in smtp.probe(closed)
    with pytest.raises(smtp.SmtpUnavailable, match="tidak dapat dipakai"):
        with smtp.session(closed):
            pass


def test_starttls_against_a_server_without_it_says_so():
    s = SmtpSink().start()
    try:
        problem = smtp.probe(smtp.SmtpServer("127.0.0.1", s.port, "starttls", timeout=5))
    finally:
        s.stop()
    assert problem is not None and "STARTTLS" in problem


def test_email_is_off_without_a_host():
    assert not EmailChannel(NotifyFile()).enabled()
    assert channel(25).addresses("Kepala Dinas") == ["kadis@dinas.test"] and channel(25).addresses("Sekretaris") == []
