"""Models of config/notify.yaml (e-mail to the SOP's actors) and config/operations.yaml
(the log file and the backups).

Which actor names exist is the SOP's business (config/sop.yaml): the notifier checks the
`recipients` keys against it and says which are unknown.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.settings.base import Section

# ---- notify.yaml -------------------------------------------------------------------------


class EmailSection(Section):
    smtp_host: str | None = None
    smtp_port: int = Field(587, gt=0, lt=65536)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password_env: str = "KERJASAMA_SMTP_PASSWORD"
    password_file: str | None = None  # alternative to the variable: a file outside ROOT
    sender: str = "Diskominfo Kabupaten Trenggalek <noreply@trenggalekkab.go.id>"
    connect_timeout_seconds: float = Field(10.0, gt=0)
    retry_seconds: float = Field(60.0, ge=0)  # after a failed connection, wait before trying again

    @field_validator("smtp_host")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v.strip() or None if isinstance(v, str) else v


class NotifyFile(Section):
    email: EmailSection = EmailSection()
    recipients: dict[str, list[str] | None] = {}
    daily_digest_hour: int = Field(7, ge=0, le=23)

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, v: dict[str, list[str] | None]) -> dict[str, list[str] | None]:
        for actor, addresses in v.items():
            for a in addresses or []:
                local, at, domain = str(a).strip().rpartition("@")
                if not at or not local or "." not in domain or any(c.isspace() or c in "<>,;" for c in str(a).strip()):
                    raise ValueError(f"alamat e-mail {a!r} untuk {actor!r} tidak sah")
        return v


# ---- operations.yaml ---------------------------------------------------------------------


class LogSection(Section):
    max_bytes: int = Field(5_242_880, gt=0)
    keep_files: int = Field(10, ge=1)


class BackupSection(Section):
    keep: int = Field(14, ge=1)
    daily: bool = True


class OperationsFile(Section):
    log: LogSection = LogSection()
    backup: BackupSection = BackupSection()
