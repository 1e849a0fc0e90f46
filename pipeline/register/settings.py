"""`config/intake.yaml`: how the inbox is watched and how letters are registered (SOP step 1)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field

from pipeline.core import settings as config
from pipeline.core.settings import IntakeFile
from pipeline.policy import sop

STATUS_TERCATAT = "Tercatat"  # the status a letter gets when it is registered


def sop_stage_folders() -> dict[str, str]:
    # The SOP names the Tercatat stage folder; intake.yaml may place it elsewhere.
    return {STATUS_TERCATAT: sop.load().folder(STATUS_TERCATAT)}


class IntakeSettings(IntakeFile):
    """`config/intake.yaml` as registration uses it: the file's model (every key has a
    default, so no config file is needed) plus the SOP's stage folder and the local clock."""

    # Tests and callers build it from keyword arguments and may adjust it; the file itself is
    # checked (unknown keys refused) by the settings loader before it gets here.
    model_config = ConfigDict(extra="ignore", frozen=False)

    stage_folders: dict[str, str] = Field(default_factory=sop_stage_folders)

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
