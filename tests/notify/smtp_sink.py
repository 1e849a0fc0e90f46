"""A real SMTP server on localhost for the notification tests (aiosmtpd), and a ROOT's
office config pointing the pipeline at it."""
from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

ADDRESSES = {
    "Kepala Dinas": ["kadis@dinas.test"],
    "Sekretaris": ["sekretaris@dinas.test"],
    "Kepala Bidang": ["kabid@dinas.test"],
    "Kasi Media Publik": ["kasi@dinas.test"],
    "Fungsional": ["fungsional@dinas.test", "tu@dinas.test"],
}


@dataclass
class Received:
    rcpt: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        return self.message.get_content()


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    refuse: set[str] = field(default_factory=set)  # recipients answered "550 no such user"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # aiosmtpd's hook
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(list(envelope.rcpt_tos), msg))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """Start/stop a local SMTP server on a fixed port (stop and start again: an outage)."""

    def __init__(self, port: int | None = None, **server: object) -> None:
        self.port = port or free_port()
        self.handler = Handler()
        self.server = server  # aiosmtpd.smtp.SMTP options, e.g. auth_required
        self.controller: Controller | None = None

    def start(self) -> "SmtpSink":
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **self.server)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt]


def write_config(folder: Path, port: int, *, digest_hour: int = 23, extra: str = "") -> Path:
    """An office config folder: e-mail on, to the local sink, the addresses above."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["email:", "  smtp_host: 127.0.0.1", f"  smtp_port: {port}", "  security: none",
             "  connect_timeout_seconds: 5", "  retry_seconds: 0", "recipients:"]
    for actor, addresses in ADDRESSES.items():
        lines.append(f"  {actor}: [{', '.join(addresses)}]")
    lines.append(f"daily_digest_hour: {digest_hour}")
    (folder / "notify.yaml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return folder
