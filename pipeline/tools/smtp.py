"""The one wrapper around an SMTP server (Python's smtplib), for e-mail notifications.

`probe()` checks that the server answers and accepts the login, apart from sending;
`session()` opens one connection (STARTTLS, SSL or plain, with explicit timeouts) for a
batch, and `Session.send()` hands it one message. Failures are said in Indonesian:
`SmtpUnavailable` when the server cannot be used at all (down, refused login, TLS
trouble: the whole batch waits), `SmtpRefused` when it refused one message (that message
waits; the others go on).
"""
from __future__ import annotations

import smtplib
import socket
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Iterator, Literal

from pipeline.core.errors import KerjasamaError

Security = Literal["starttls", "ssl", "none"]


class SmtpUnavailable(KerjasamaError):
    """The server cannot be reached or used now; try the whole batch later."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="smtp_unavailable")


class SmtpRefused(KerjasamaError):
    """The server refused this one message (sender, recipient or content)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="smtp_refused")


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: Security = "starttls"
    username: str | None = None
    password: str | None = None  # never from YAML: the caller reads it from the environment
    timeout: float = 10.0  # seconds, for the connection and every command

    def describe(self) -> str:
        return f"{self.host}:{self.port} ({self.security})"


def _connect(server: SmtpServer) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if server.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    try:
        smtp.ehlo()
        if server.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if server.username:
            smtp.login(server.username, server.password or "")
    except BaseException:
        _close(smtp)
        raise
    return smtp


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _unavailable(server: SmtpServer, exc: BaseException) -> SmtpUnavailable:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        why = "nama pengguna atau kata sandi ditolak"
    elif isinstance(exc, smtplib.SMTPNotSupportedError):
        why = "server tidak mendukung STARTTLS (atur `security`)"
    elif isinstance(exc, ssl.SSLError):
        why = f"gagal TLS ({exc.reason or exc})"
    elif isinstance(exc, (socket.timeout, TimeoutError)):
        why = f"tidak menjawab dalam {server.timeout:g} detik"
    elif isinstance(exc, ConnectionRefusedError):
        why = "sambungan ditolak (server mati atau port salah)"
    elif isinstance(exc, socket.gaierror):
        why = "nama server tidak dikenal"
    else:
        why = f"{type(exc).__name__}: {exc}"
    return SmtpUnavailable(f"Server e-mail {server.describe()} tidak dapat dipakai: {why}")


def probe(server: SmtpServer) -> str | None:
    """None when the server answers and accepts the login; else what is wrong, in Indonesian."""
    try:
        smtp = _connect(server)
    except (smtplib.SMTPException, OSError) as exc:
        return _unavailable(server, exc).message
    try:
        smtp.noop()
    except (smtplib.SMTPException, OSError) as exc:
        return _unavailable(server, exc).message
    finally:
        _close(smtp)
    return None


class Session:
    """One open connection; `send` one message at a time."""

    def __init__(self, server: SmtpServer, smtp: smtplib.SMTP) -> None:
        self.server = server
        self._smtp = smtp

    def send(self, message: EmailMessage) -> None:
        """Returns once the server has accepted `message` for every recipient."""
        try:
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise SmtpRefused(f"penerima ditolak server: {_codes(exc.recipients)}") from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise SmtpRefused(f"pesan ditolak server: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise _unavailable(self.server, exc) from None
        if refused:  # some recipients accepted, some not: we send one recipient per message
            raise SmtpRefused(f"penerima ditolak server: {_codes(refused)}")


@contextmanager
def session(server: SmtpServer) -> Iterator[Session]:
    """An open connection for a batch of messages; SmtpUnavailable when there is none."""
    try:
        smtp = _connect(server)
    except (smtplib.SMTPException, OSError) as exc:
        raise _unavailable(server, exc) from None
    try:
        yield Session(server, smtp)
    finally:
        _close(smtp)


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _codes(refused: dict) -> str:
    return ", ".join(f"{addr} ({code} {_text(msg)})" for addr, (code, msg) in refused.items())
