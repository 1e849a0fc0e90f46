"""One agenda spreadsheet on Google Sheets: its id, the client (built on first use), and
the reads and writes the backend's setup and writes share.

Reads use FORMATTED_VALUE (what people see, as strings), so an NPWP "012..." keeps its
zero; every write is sent RAW by the caller.
"""
from __future__ import annotations

from typing import Any

from gspread.exceptions import APIError
from gspread.utils import absolute_range_name

from pipeline.agenda.gsheets.client import SheetsClient, SheetsSettings
from pipeline.agenda.gsheets.grid import Grid, NoSuchSheet
from pipeline.core.errors import KerjasamaError

READ_PARAMS = {"valueRenderOption": "FORMATTED_VALUE", "dateTimeRenderOption": "FORMATTED_STRING",
               "majorDimension": "ROWS"}


class Spreadsheet:
    def __init__(self, settings: SheetsSettings, sid: str, client: SheetsClient | None = None) -> None:
        self.settings = settings
        self.sid = sid
        self._client = client

    def connect(self) -> SheetsClient:
        """The client, built now when it is not yet (a bad key file raises AgendaAccessError here)."""
        if self._client is None:
            self._client = SheetsClient.connect(self.settings)
        return self._client

    @property
    def client(self) -> SheetsClient:
        return self.connect()

    def read(self, sheets: list[str]) -> list[Grid]:
        """One values:batchGet for the given worksheets (whole sheets, as people see them)."""
        ranges = [absolute_range_name(s) for s in sheets]
        try:
            got = self.client.http.values_batch_get(self.sid, ranges, params=dict(READ_PARAMS))
        except APIError as exc:
            if exc.response.status_code == 400 and "parse range" in str(exc.error.get("message", "")):
                raise NoSuchSheet(f"Lembar {', '.join(sheets)} belum ada di spreadsheet agenda; jalankan: "
                                  "kerjasama init") from exc
            raise self.client.translate(exc, "membaca agenda") from exc
        except KerjasamaError:
            raise
        except Exception as exc:
            raise self.client.translate(exc, "membaca agenda") from exc
        return [Grid(vr.get("values", [])) for vr in got.get("valueRanges", [])]

    def metadata(self) -> dict[str, Any]:
        return self.client.call("membaca agenda", self.client.http.fetch_sheet_metadata, self.sid)

    def batch_update(self, requests: list[dict]) -> Any:
        """One spreadsheets:batchUpdate (sheets, formats, protections)."""
        return self.client.call("menulis agenda", self.client.http.batch_update, self.sid, {"requests": requests})

    def values_update(self, body: dict) -> Any:
        """One values:batchUpdate; the caller sends RAW."""
        return self.client.call("menulis agenda", self.client.http.values_batch_update, self.sid, body)
