"""The journal's clock: every record kind stamps its rows through `now_iso`, called as
`clock.now_iso()` so that a test can set the time for the whole journal in one place."""
from __future__ import annotations

from datetime import datetime, timezone


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
