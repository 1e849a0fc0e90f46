"""The `Riwayat` worksheet on Google Sheets: one row per applied status change or note.

The same rows as the xlsx backend's (`agenda.xlsx.riwayat`: No., Waktu, Oleh, No. Agenda,
Dari, Ke, Catatan), appended below what is there; a row whose `No.` (the journal event) is
already present is never written again. Like `setup`, the sheet is made when missing, with a
bold frozen header and a protected range that leaves it to the service account: people read,
sort and filter the history, nobody edits it. Values are sent RAW, so a note is never a formula.
"""
from __future__ import annotations

from gspread.utils import absolute_range_name

from pipeline.agenda.gsheets.grid import NoSuchSheet, sheet_of
from pipeline.agenda.gsheets.setup import MARK
from pipeline.agenda.gsheets.spreadsheet import Spreadsheet
from pipeline.core.errors import KerjasamaError

SHEET = "Riwayat"
COLUMNS = ("No.", "Waktu", "Oleh", "No. Agenda", "Dari", "Ke", "Catatan")
WIDTHS = {"No.": 7, "Waktu": 16, "Oleh": 26, "No. Agenda": 14, "Dari": 13, "Ke": 13, "Catatan": 60}
ROWS = 1000  # the new sheet's grid; appends grow it


def _set_up(book: Spreadsheet) -> None:
    """Add the sheet with its header, widths and protection (only when it is missing)."""
    book.batch_update([{"addSheet": {"properties": {"title": SHEET, "gridProperties": {
        "rowCount": ROWS, "columnCount": len(COLUMNS), "frozenRowCount": 1}}}}])
    sid = sheet_of(book.metadata(), SHEET)["properties"]["sheetId"]
    book.values_update({"valueInputOption": "RAW", "data": [
        {"range": absolute_range_name(SHEET, "A1"), "values": [list(COLUMNS)]}]})
    sa = book.client.service_account_email
    requests: list[dict] = [{"repeatCell": {
        "range": {"sheetId": sid, "startRowIndex": 0, "endRowIndex": 1},
        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}}, "fields": "userEnteredFormat.textFormat.bold"}}]
    requests += [{"updateDimensionProperties": {
        "range": {"sheetId": sid, "dimension": "COLUMNS", "startIndex": i, "endIndex": i + 1},
        "properties": {"pixelSize": int(WIDTHS[name] * 7 + 12)}, "fields": "pixelSize"}}
        for i, name in enumerate(COLUMNS)]
    requests.append({"addProtectedRange": {"protectedRange": {
        "range": {"sheetId": sid}, "description": MARK + "riwayat", "warningOnly": False,
        "editors": {"users": [sa]}}}})
    book.batch_update(requests)


def append(book: Spreadsheet, rows: list[dict[str, str]]) -> int:
    """Append the rows not there yet; returns how many were written."""
    try:
        (grid,) = book.read([SHEET])
    except NoSuchSheet:
        _set_up(book)
        (grid,) = book.read([SHEET])
    values = grid.values
    if not values or [v.strip() for v in values[0][:len(COLUMNS)]] != list(COLUMNS):
        raise KerjasamaError(f"Lembar '{SHEET}' di spreadsheet agenda tidak berjudul {', '.join(COLUMNS)}; ganti "
                             "nama lembar itu agar riwayat dapat ditulis.", code="riwayat_bad_header")
    have = {r[0].strip() for r in values[1:] if r and r[0].strip()}
    new = [[str(row.get(c) or "") for c in COLUMNS] for row in rows if str(row["No."]) not in have]
    if not new:
        return 0
    # values:append adds the rows below the sheet's table (growing the grid as needed): one request.
    book.client.call("menulis riwayat", book.client.http.values_append, book.sid, absolute_range_name(SHEET, "A1"),
                     {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"}, {"values": new})
    return len(new)
