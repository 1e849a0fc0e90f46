"""The one wrapper around Google's Sheets API: client, timeouts, bounded retries, clear errors.

Everything the Google Sheets backend sends goes through `SheetsClient`, built on gspread's
own `HTTPClient` (so gspread's code does the HTTP), with:
- a timeout on every request (gspread's default is none: a hung connection would hang
  `kerjasama watch`);
- bounded retries with full jitter on 408/429/5xx and on connection errors/timeouts
  (gspread's BackOffHTTPClient retries without bound and without jitter), but only of
  requests that may be sent twice (`retry.idempotent`): an append or a spreadsheets
  batchUpdate whose answer was lost may have been applied, so it is not resent blindly;
- a pause after Google kept failing (`pause_seconds`): calls fail at once until it is
  over, so a hung network does not hold up registering letters for minutes per file;
- two error kinds the rest of the pipeline understands: `AgendaUnavailable` (Google is
  unreachable or keeps failing: the outbox keeps the writes and tries later) and
  `AgendaAccessError` (something a person must fix: key file, sharing, API disabled).

`api_base_url` (tests only; null in production) mounts a `requests` adapter that sends
what gspread addresses to https://sheets.googleapis.com to a local stand-in instead.

gspread and google.auth are imported inside the functions that use them: they take about
a second to load, and `kerjasama doctor` imports this module for an xlsx agenda too.
"""
from __future__ import annotations

import os
import random
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from requests.adapters import HTTPAdapter

from pipeline.agenda.gsheets.retry import idempotent, never_sent, transient
from pipeline.core.errors import KerjasamaError

SHEETS_ORIGIN = "https://sheets.googleapis.com"
SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
LETTER_GROUP, EVALUATION_GROUP = "Data Surat", "Evaluasi"  # pseudo-columns in google_sheets.editors

# Tests replace these to simulate time (an outage of minutes in milliseconds).
sleep: Callable[[float], None] = time.sleep
clock: Callable[[], float] = time.monotonic


class AgendaUnavailable(KerjasamaError):
    """Google Sheets cannot be reached now (network, quota, server errors): try again later."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="agenda_unavailable")


class AgendaAccessError(KerjasamaError):
    """A person must fix something (key file, sharing, API disabled, edit right)."""

    def __init__(self, message: str, code: str = "agenda_access") -> None:
        super().__init__(message, code=code)


def key_file_problem(path: Path, root: Path) -> str | None:
    """Why the service-account key must not be used where it lies, with the fix; None when it may.

    The key gives write access to the agenda spreadsheet: inside the shared folder every clerk
    can copy it, and on Linux a key other users can read is as good as shared.
    """
    try:
        real, shared = path.resolve(), Path(root).resolve()
    except OSError:
        return None
    if real == shared or shared in real.parents:
        return (f"Berkas kunci akun layanan Google {path} berada di dalam folder bersama {root}, sehingga setiap "
                "pegawai dapat menyalinnya. Pindahkan ke luar folder bersama (mis. ~/.config/kerjasama/kunci.json, "
                "lalu chmod 600) dan perbarui google_sheets.credentials_file di config/agenda.yaml.")
    if sys.platform.startswith("linux"):
        try:
            mode = path.stat().st_mode
        except OSError:
            return None  # a missing key is reported when connecting
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            return (f"Berkas kunci akun layanan Google {path} dapat dibaca pengguna lain (hak akses "
                    f"{stat.S_IMODE(mode):o}); jalankan: chmod 600 {path}")
    return None


@dataclass(frozen=True)
class SheetsSettings:
    """`google_sheets:` in config/agenda.yaml."""

    spreadsheet: str = ""
    credentials_file: str = ""
    connect_timeout_seconds: float = 5.0
    timeout_seconds: float = 30.0
    max_attempts: int = 4
    backoff_seconds: float = 1.0
    max_backoff_seconds: float = 20.0
    pause_seconds: float = 60.0
    api_base_url: str | None = None
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    editors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> e-mails/role names

    @classmethod
    def from_config(cls, cfg: dict | None) -> "SheetsSettings":
        cfg = dict(cfg or {})
        roles = {str(k): tuple(str(e) for e in (v or [])) for k, v in (cfg.get("roles") or {}).items()}
        editors = {str(k): tuple(str(e) for e in (v or [])) for k, v in (cfg.get("editors") or {}).items()}
        return cls(
            spreadsheet=str(cfg.get("spreadsheet") or ""),
            credentials_file=str(cfg.get("credentials_file") or ""),
            connect_timeout_seconds=float(cfg.get("connect_timeout_seconds", 5.0)),
            timeout_seconds=float(cfg.get("timeout_seconds", 30.0)),
            max_attempts=max(1, int(cfg.get("max_attempts", 4))),
            backoff_seconds=float(cfg.get("backoff_seconds", 1.0)),
            max_backoff_seconds=float(cfg.get("max_backoff_seconds", 20.0)),
            pause_seconds=float(cfg.get("pause_seconds", 60.0)),
            api_base_url=(str(cfg["api_base_url"]).rstrip("/") if cfg.get("api_base_url") else None),
            roles=roles, editors=editors,
        )

    def key_file(self) -> Path | None:
        """The service-account key: config first, else GOOGLE_APPLICATION_CREDENTIALS."""
        raw = self.credentials_file or os.environ.get("GOOGLE_APPLICATION_CREDENTIALS", "")
        return Path(os.path.expanduser(raw)) if raw else None

    def spreadsheet_id(self) -> str:
        """The key from a bare key or a full https://docs.google.com/spreadsheets/d/<key>/... URL."""
        text = self.spreadsheet.strip()
        if "/d/" in text:
            text = text.split("/d/", 1)[1].split("/", 1)[0]
        return text.split("?", 1)[0].split("#", 1)[0]

    def editors_of(self, column: str) -> tuple[str, ...]:
        """E-mails allowed to type in a decision column (role names resolved)."""
        out: list[str] = []
        for name in self.editors.get(column, ()):
            for email in (self.roles.get(name, ()) if "@" not in name else (name,)):
                if email not in out:
                    out.append(email)
        return tuple(out)


class _Redirect(HTTPAdapter):
    """Sends requests addressed to Google's Sheets origin to `base` (the tests' stand-in)."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def send(self, request, **kwargs):  # type: ignore[override]
        if request.url and request.url.startswith(SHEETS_ORIGIN):
            request.url = self.base + request.url[len(SHEETS_ORIGIN):]
        return super().send(request, **kwargs)


def _http_client_class(settings: SheetsSettings):
    from gspread.exceptions import APIError
    from gspread.http_client import HTTPClient

    class BoundedHTTPClient(HTTPClient):
        """gspread's HTTP client with a timeout on every call and bounded, jittered retries."""

        paused_until = 0.0

        def request(self, *args: Any, **kwargs: Any):
            if clock() < self.paused_until:
                raise AgendaUnavailable("Google Sheets belum dapat dihubungi (gagal terus pada percobaan terakhir); "
                                        "penulisan agenda disimpan dan dicoba lagi nanti.")
            repeatable = idempotent(str(kwargs.get("method", args[0] if args else "")),
                                     str(kwargs.get("endpoint", args[1] if len(args) > 1 else "")))
            attempt = 0
            while True:
                attempt += 1
                try:
                    return super().request(*args, **kwargs)
                except APIError as exc:
                    status = exc.response.status_code
                    if status not in RETRY_STATUS or attempt >= settings.max_attempts:
                        self._pause_if(status in RETRY_STATUS)
                        raise
                    if not repeatable and status != 429:  # 429: refused before anything was done
                        raise
                except Exception as exc:
                    if not transient(exc) or attempt >= settings.max_attempts:
                        self._pause_if(transient(exc))
                        raise
                    if not repeatable and not never_sent(exc):
                        raise
                # Full jitter: many offices' workers must not retry in lock-step after an outage.
                cap = min(settings.max_backoff_seconds, settings.backoff_seconds * 2 ** (attempt - 1))
                sleep(random.uniform(0, cap))

        def _pause_if(self, gave_up: bool) -> None:
            if gave_up:
                self.paused_until = clock() + settings.pause_seconds

    return BoundedHTTPClient


@dataclass
class SheetsClient:
    """The HTTP side of the backend: one gspread HTTPClient, errors translated."""

    settings: SheetsSettings
    http: Any  # gspread.http_client.HTTPClient
    service_account_email: str

    @classmethod
    def connect(cls, settings: SheetsSettings) -> "SheetsClient":
        from google.oauth2 import service_account

        path = settings.key_file()
        if path is None:
            raise AgendaAccessError(
                "Berkas kunci akun layanan Google belum diatur: isi google_sheets.credentials_file di "
                "config/agenda.yaml atau variabel GOOGLE_APPLICATION_CREDENTIALS.", code="agenda_no_key")
        if not path.is_file():
            raise AgendaAccessError(f"Berkas kunci akun layanan tidak ditemukan: {path}. Unduh kunci JSON dari "
                                    "Google Cloud Console dan letakkan di sana.", code="agenda_no_key")
        try:
            creds = service_account.Credentials.from_service_account_file(str(path), scopes=list(SCOPES))
        except (ValueError, KeyError, OSError) as exc:
            raise AgendaAccessError(f"Berkas kunci {path} bukan kunci akun layanan yang sah ({exc}); unduh ulang "
                                    "kunci JSON dari Google Cloud Console.", code="agenda_bad_key") from exc
        http = _http_client_class(settings)(creds)
        http.set_timeout((settings.connect_timeout_seconds, settings.timeout_seconds))
        if settings.api_base_url:
            http.session.mount(SHEETS_ORIGIN, _Redirect(settings.api_base_url))
        return cls(settings, http, creds.service_account_email)

    def call(self, what: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one gspread call; its failures become AgendaUnavailable / AgendaAccessError."""
        try:
            return fn(*args, **kwargs)
        except KerjasamaError:
            raise
        except Exception as exc:
            raise self.translate(exc, what) from exc

    def translate(self, exc: BaseException, what: str) -> KerjasamaError:
        import google.auth.exceptions as gae
        from gspread.exceptions import APIError

        if isinstance(exc, KerjasamaError):
            return exc
        if isinstance(exc, APIError):
            return _api_error(exc, what, self.service_account_email)
        if isinstance(exc, gae.RefreshError) and not getattr(exc, "retryable", False):
            return AgendaAccessError(f"Google menolak kunci akun layanan ({_short(exc)}); kunci mungkin dicabut "
                                     "atau akun layanannya dihapus: buat kunci baru.", code="agenda_bad_key")
        return AgendaUnavailable(f"Google Sheets tidak dapat dihubungi saat {what} ({_short(exc)}); "
                                 "penulisan agenda disimpan dan dicoba lagi nanti.")


def _api_error(exc, what: str, email: str) -> KerjasamaError:
    status = exc.response.status_code
    message = str(exc.error.get("message", "")) if isinstance(exc.error, dict) else ""
    reason = str(exc.error.get("status", "")) if isinstance(exc.error, dict) else ""
    if status in RETRY_STATUS:
        return AgendaUnavailable(f"Google Sheets sedang gagal melayani ({status}) saat {what}; penulisan agenda "
                                 "disimpan dan dicoba lagi nanti.")
    if status == 403 and ("has not been used" in message or "disabled" in message or reason == "SERVICE_DISABLED"):
        return AgendaAccessError("Google Sheets API belum diaktifkan untuk proyek akun layanan ini: aktifkan di "
                                 "Google Cloud Console → APIs & Services → Library → Google Sheets API.",
                                 code="agenda_api_disabled")
    if status == 403 and what.startswith("menulis"):
        return AgendaAccessError(f"Akun layanan {email} tidak berhak mengubah spreadsheet agenda: bagikan "
                                 "spreadsheet kepadanya sebagai Editor.", code="agenda_read_only")
    if status in (403, 404):
        return AgendaAccessError(f"Spreadsheet agenda tidak dapat dibuka oleh akun layanan {email}: periksa kunci "
                                 "spreadsheet di config/agenda.yaml dan bagikan spreadsheet kepada e-mail itu "
                                 "sebagai Editor.", code="agenda_not_shared")
    if status == 400 and "protected cell" in message:
        # Google answers a write into a protected range with 400, not 403.
        return AgendaAccessError(f"Akun layanan {email} tidak termasuk editor kolom yang dilindungi di agenda: "
                                 "jalankan `kerjasama init` lagi, atau tambahkan e-mail itu sebagai editor "
                                 "rentang terlindungi.", code="agenda_protected")
    if status == 401:
        return AgendaAccessError("Google menolak kredensial akun layanan (401): buat kunci JSON baru.",
                                 code="agenda_bad_key")
    return AgendaAccessError(f"Google Sheets menolak permintaan saat {what} ({status}: {message[:200]}).",
                             code="agenda_rejected")


def _short(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160] or type(exc).__name__
