"""Where notifications go: one channel per medium behind a small interface.

A channel says whether it is switched on, which addresses an SOP actor has on it, and opens
a connection that delivers one queued message at a time. E-mail is the one channel today;
a Telegram bot would be another class with the same three methods (its addresses the chat
ids in its own config section), and the notifier would not change.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import AbstractContextManager, contextmanager
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path
from typing import Iterator, Protocol

from pipeline.core.errors import KerjasamaError
from pipeline.core.settings.operations import NotifyFile
from pipeline.journal.mail import MailItem
from pipeline.tools import smtp


class Undeliverable(KerjasamaError):
    """A message could not be delivered now; `whole_batch`: nothing else can go either."""

    def __init__(self, message: str, *, whole_batch: bool) -> None:
        super().__init__(message, code="undeliverable")
        self.whole_batch = whole_batch


class Connection(Protocol):
    def deliver(self, item: MailItem) -> None:
        """Return once the medium has accepted `item`; raise Undeliverable otherwise."""


class Channel(Protocol):
    name: str

    def enabled(self) -> bool: ...

    def addresses(self, actor: str) -> list[str]: ...

    def connect(self) -> AbstractContextManager[Connection]: ...


class EmailChannel:
    """E-mail through the office's SMTP server (config/notify.yaml `email`)."""

    name = "email"

    def __init__(self, config: NotifyFile) -> None:
        self.config = config

    def enabled(self) -> bool:
        return self.config.email.smtp_host is not None

    def addresses(self, actor: str) -> list[str]:
        return [a.strip() for a in (self.config.recipients.get(actor) or []) if a and a.strip()]

    def server(self) -> smtp.SmtpServer:
        e = self.config.email
        return smtp.SmtpServer(host=str(e.smtp_host), port=e.smtp_port, security=e.security, username=e.username,
                               password=self.password(), timeout=e.connect_timeout_seconds)

    def password(self) -> str | None:
        """From the variable named in the config, else the file it names; never from the YAML itself."""
        e = self.config.email
        if not e.username:
            return None
        value = os.environ.get(e.password_env)
        if value:
            return value
        if e.password_file:
            try:
                return Path(e.password_file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise Undeliverable(f"Berkas kata sandi e-mail {e.password_file} tidak dapat dibaca "
                                    f"({exc.strerror}).", whole_batch=True) from None
        raise Undeliverable(f"Kata sandi e-mail belum diatur: isi variabel lingkungan {e.password_env} "
                            "(lihat config/notify.yaml).", whole_batch=True)

    def message(self, item: MailItem) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.config.email.sender
        msg["To"] = item.recipient
        msg["Subject"] = item.subject
        msg["Date"] = formatdate(localtime=True)
        # The same message always carries the same Message-ID: if a crash right after the
        # server accepted it makes us send it again, mail clients can tell it is a repeat.
        msg["Message-ID"] = message_id(item.key, self.config.email.sender)
        msg["Auto-Submitted"] = "auto-generated"
        msg.set_content(item.body)
        return msg

    @contextmanager
    def connect(self) -> Iterator["EmailConnection"]:
        try:
            with smtp.session(self.server()) as session:
                yield EmailConnection(self, session)
        except smtp.SmtpUnavailable as exc:
            raise Undeliverable(exc.message, whole_batch=True) from None


class EmailConnection:
    def __init__(self, channel: EmailChannel, session: smtp.Session) -> None:
        self.channel = channel
        self.session = session

    def deliver(self, item: MailItem) -> None:
        try:
            self.session.send(self.channel.message(item))
        except smtp.SmtpUnavailable as exc:
            raise Undeliverable(exc.message, whole_batch=True) from None
        except smtp.SmtpRefused as exc:
            raise Undeliverable(exc.message, whole_batch=False) from None
        except ValueError as exc:  # a header the email package refuses (cannot happen with safe text)
            raise Undeliverable(f"pesan tidak dapat disusun: {exc}", whole_batch=False) from None


def message_id(key: str, sender: str) -> str:
    domain = parseaddr(sender)[1].rpartition("@")[2] or "kerjasama.invalid"
    try:
        Address(addr_spec=f"x@{domain}")
    except (ValueError, IndexError):
        domain = "kerjasama.invalid"
    return f"<kerjasama.{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"
