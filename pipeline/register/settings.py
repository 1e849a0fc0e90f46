"""`config/intake.yaml`: how the inbox is watched and how letters are registered (SOP step 1)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.core import settings as config
from pipeline.policy import sop

STATUS_TERCATAT = "Tercatat"  # the status a letter gets when it is registered


def sop_stage_folders() -> dict[str, str]:
    # The SOP names the Tercatat stage folder; intake.yaml may place it elsewhere.
    return {STATUS_TERCATAT: sop.load().folder(STATUS_TERCATAT)}


class IntakeSettings(BaseModel):
    """`config/intake.yaml`; every key has a default so no config file is needed."""

    model_config = ConfigDict(extra="ignore")

    stability_seconds: float = 5.0
    check_interval_seconds: float = 1.0
    polling: Literal["auto", "on", "off"] = "auto"
    polling_interval_seconds: float = 2.0
    rescan_interval_seconds: float = 30.0
    agenda_retry_seconds: float = 15.0
    ingest_max_wait_seconds: float = 600.0
    max_read_attempts: int = 3
    max_folder_depth: int = 3
    abandoned_partial_seconds: float = 300.0
    in_progress_patterns: list[str] = ["*.part", "*.partial", "*.tmp", "*.temp", "*.crdownload", "*.download",
                                       "~$*", ".~lock.*#", "*.swp"]
    ignore_patterns: list[str] = ["._*", ".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini",
                                  "$RECYCLE.BIN", "System Volume Information"]
    agenda_number: str = "{serial:03d}/KSM/{year}"
    stage_folders: dict[str, str] = Field(default_factory=sop_stage_folders)
    timezone: str = "Asia/Jakarta"
    agenda_poll_seconds: float = 30.0
    pdf_copies: bool = True

    @field_validator("polling", mode="before")
    @classmethod
    def _yaml_on_off(cls, v: object) -> object:
        # YAML 1.1 reads a bare `on`/`off` as true/false.
        return {True: "on", False: "off"}.get(v, v) if isinstance(v, bool) else v

    @field_validator("agenda_number")
    @classmethod
    def _pattern_works(cls, v: str) -> str:
        if "{serial" not in v or v.format(serial=1, year=2026) == v.format(serial=2, year=2026):
            raise ValueError("agenda_number harus memuat {serial}")
        return v

    @field_validator("stage_folders")
    @classmethod
    def _stages_inside_root(cls, v: dict[str, str]) -> dict[str, str]:
        for status, rel in v.items():
            parts = Path(rel).parts
            if not parts or Path(rel).is_absolute() or ".." in parts:
                raise ValueError(f"folder tahap {status!r} harus berada di dalam ROOT: {rel!r}")
        return v

    def stage_folder(self, status: str = STATUS_TERCATAT) -> str:
        """The stage folder (relative to ROOT) of `status`: intake.yaml's, else the SOP's."""
        return self.stage_folders.get(status) or sop.load().folder(status)

    def tz(self) -> ZoneInfo | None:
        try:
            return ZoneInfo(self.timezone)
        except Exception:  # no tz database on this machine: local time
            return None

    def now(self) -> datetime:
        return datetime.now(self.tz()).astimezone(self.tz())


def load_settings() -> IntakeSettings:
    # Merged over the shipped file and checked by the one loader (a mistake is a one-line
    # SettingsError naming the file and the key), so this validation cannot fail.
    return IntakeSettings.model_validate(config.load("intake"))
