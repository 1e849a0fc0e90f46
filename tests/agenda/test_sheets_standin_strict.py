"""The stand-in refuses what Google refuses: unknown request fields (400), requests past the
per-minute quota (429), and officials' edits to ranges protected against them."""
from __future__ import annotations

import pytest
import requests

from sheets_standin import ProtectedEdit, SheetsStandIn

BOT = "kerjasama@proj.iam.gserviceaccount.com"
KADIS = "kadis@trenggalekkab.go.id"
STAF = "staf@trenggalekkab.go.id"
TAMU = "tamu@example.com"


@pytest.fixture
def api():
    with SheetsStandIn(hold_seconds=2.0) as stand_in:
        yield stand_in


@pytest.fixture
def book(api):
    sid = api.create_spreadsheet(title="Agenda Kerja Sama", sheets=("Agenda",))
    for who in (BOT, KADIS, STAF):
        api.share(sid, who, role="writer")
    api.share(sid, TAMU, role="reader")
    return sid, Raw(api)


class Raw:
    def __init__(self, api, email=BOT):
        self.api, self.s = api, requests.Session()
        self.s.headers["Authorization"] = f"Bearer {api.issue_token(email)}"

    def __call__(self, method, path, params=None, body=None):
        return self.s.request(method, self.api.base_url + path, params=params, json=body, timeout=5)


def _values_write(raw, sid, body):
    return raw("POST", f"/v4/spreadsheets/{sid}/values:batchUpdate", body=body)


# -- unknown fields -----------------------------------------------------------------------------
def test_an_unknown_top_level_field_is_refused_like_google_and_nothing_is_written(api, book):
    sid, raw = book
    r = _values_write(raw, sid, {"valueInputOption": "RAW", "data": [{"range": "Agenda!A1", "values": [["x"]]}],
                                 "valueRenderOption": "FORMATTED_VALUE"})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["status"] == "INVALID_ARGUMENT"
    assert err["message"] == 'Invalid JSON payload received. Unknown name "valueRenderOption": Cannot find field.'
    assert err["details"] == [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                               "fieldViolations": [{"description": err["message"]}]}]
    assert api.values(sid, "Agenda") == []


def test_unknown_nested_fields_are_named_with_their_path_all_at_once(api, book):
    sid, raw = book
    r = _values_write(raw, sid, {"valueInputOption": "RAW",
                                 "data": [{"range": "Agenda!A1", "values": [["x"]]},
                                          {"range": "Agenda!B1", "values": [["y"]], "sheet": "Agenda"}]})
    assert r.status_code == 400
    assert r.json()["error"]["message"] == \
        "Invalid JSON payload received. Unknown name \"sheet\" at 'data[1]': Cannot find field."
    req = {"repeatCell": {"range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                          "cell": {"userEnteredFormat": {"textFormat": {"bold": True, "colour": "red"}}},
                          "fields": "userEnteredFormat.textFormat.bold"}}
    r = raw("POST", f"/v4/spreadsheets/{sid}:batchUpdate", body={"requests": [req, {"makeItBold": {}}]})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["message"].splitlines() == [
        "Invalid JSON payload received. Unknown name \"colour\" at "
        "'requests[0].repeat_cell.cell.user_entered_format.text_format': Cannot find field.",
        "Invalid JSON payload received. Unknown name \"makeItBold\" at 'requests[1]': Cannot find field."]
    assert [v["field"] for v in err["details"][0]["fieldViolations"]] == [
        "requests[0].repeat_cell.cell.user_entered_format.text_format", "requests[1]"]
    assert api.cell(sid, "Agenda", "A1").get("userEnteredFormat") is None


def test_both_json_spellings_of_a_known_field_are_accepted(api, book):
    sid, raw = book
    r = _values_write(raw, sid, {"value_input_option": "RAW", "data": [{"range": "Agenda!A1", "values": [["x"]],
                                                                        "major_dimension": "ROWS"}]})
    assert r.status_code == 200, r.text
    assert api.values(sid, "Agenda") == [["x"]]


# -- per-minute quota ---------------------------------------------------------------------------
def test_writes_past_the_per_minute_quota_get_429_until_the_minute_has_passed(api, book):
    sid, raw = book
    api.quota.set(write=2)
    body = {"valueInputOption": "RAW", "data": [{"range": "Agenda!A1", "values": [["x"]]}]}
    assert [_values_write(raw, sid, body).status_code for _ in range(2)] == [200, 200]
    body["data"][0]["values"] = [["over the quota"]]
    r = _values_write(raw, sid, body)
    assert r.status_code == 429
    err = r.json()["error"]
    assert err["status"] == "RESOURCE_EXHAUSTED"
    assert "'Write requests per minute per user'" in err["message"]
    assert err["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert api.values(sid, "Agenda") == [["x"]]                          # refused, not applied
    assert raw("GET", f"/v4/spreadsheets/{sid}/values/Agenda").status_code == 200   # reads count apart
    assert _values_write(Raw(api, KADIS), sid, body).status_code == 200   # per user
    api.advance(61)
    body["data"][0]["values"] = [["next minute"]]
    assert _values_write(raw, sid, body).status_code == 200
    assert api.values(sid, "Agenda") == [["next minute"]]


def test_the_read_quota_and_a_reset_to_generous(api, book):
    sid, raw = book
    api.quota.set(read=1)
    assert raw("GET", f"/v4/spreadsheets/{sid}").status_code == 200
    r = raw("GET", f"/v4/spreadsheets/{sid}")
    assert r.status_code == 429 and "'Read requests per minute per user'" in r.json()["error"]["message"]
    api.reset_faults()
    assert [raw("GET", f"/v4/spreadsheets/{sid}").status_code for _ in range(20)] == [200] * 20


# -- officials in the browser and protected ranges ---------------------------------------------
def _book_with_protected_column(api, book):
    sid, raw = book
    r = raw("PUT", f"/v4/spreadsheets/{sid}/values/Agenda!A1:B3", {"valueInputOption": "RAW"},
            {"values": [["No. Agenda", "Status"], ["001", "Tercatat"], ["002", "Tercatat"]]})
    assert r.status_code == 200
    api.protect(sid, "Agenda", "A1:A1000", editors=(BOT,), description="kolom pipeline")
    api.protect(sid, "Agenda", "B2:B1000", editors=(BOT, KADIS), description="keputusan")
    return sid


def _type(row: int, col: int, text: str):
    def edit(grid):
        grid[row].extend([""] * (col + 1 - len(grid[row])))
        grid[row][col] = text
    return edit


def test_an_official_typing_into_a_protected_column_is_refused_and_nothing_changes(api, book):
    sid = _book_with_protected_column(api, book)
    before = api.values(sid, "Agenda")
    with pytest.raises(ProtectedEdit) as refused:
        api.person_edits(sid, "Agenda", _type(1, 0, "999"), user=KADIS)
    assert refused.value.code == 400 and refused.value.status == "INVALID_ARGUMENT"
    assert refused.value.message.startswith("You are trying to edit a protected cell or object.")
    with pytest.raises(ProtectedEdit):
        api.person_edits(sid, "Agenda", _type(1, 1, "Didisposisi"), user=STAF)   # not among its editors
    assert api.values(sid, "Agenda") == before
    api.person_edits(sid, "Agenda", _type(1, 1, "Didisposisi"), user=KADIS)     # an editor of that range
    api.person_edits(sid, "Agenda", _type(1, 2, "catatan"), user=STAF)         # an open column
    api.person_edits(sid, "Agenda", _type(2, 0, "002-owner"))                  # the owner may do anything
    assert api.values(sid, "Agenda") == [["No. Agenda", "Status", ""], ["001", "Didisposisi", "catatan"],
                                         ["002-owner", "Tercatat", ""]]


def test_a_sort_that_moves_protected_cells_is_refused_for_an_official(api, book):
    sid = _book_with_protected_column(api, book)
    before = api.values(sid, "Agenda")

    def sort_desc(grid):
        grid[1:] = sorted(grid[1:], key=lambda row: row[0], reverse=True)
    with pytest.raises(ProtectedEdit):
        api.person_edits(sid, "Agenda", sort_desc, user=KADIS)
    assert api.values(sid, "Agenda") == before


def test_inserting_or_deleting_rows_through_a_protected_range_is_refused(api, book):
    sid = _book_with_protected_column(api, book)
    before = api.values(sid, "Agenda")
    with pytest.raises(ProtectedEdit):
        api.person_inserts_rows(sid, "Agenda", row=3, user=KADIS)
    with pytest.raises(ProtectedEdit):
        api.person_deletes_rows(sid, "Agenda", row=2, user=KADIS)
    assert api.values(sid, "Agenda") == before
    assert api.sheet(sid, "Agenda")["protectedRanges"][0]["a1"] == "Agenda!A1:A1000"
    api.person_inserts_rows(sid, "Agenda", row=3, values=[["003/KSM", "Tercatat"]], user=BOT)   # its editor
    assert [row[0] for row in api.values(sid, "Agenda")] == ["No. Agenda", "001", "003/KSM", "002"]


def test_a_warning_only_range_lets_the_edit_through_and_a_reader_cannot_edit(api, book):
    sid, raw = book
    raw("PUT", f"/v4/spreadsheets/{sid}/values/Agenda!A1", {"valueInputOption": "RAW"}, {"values": [["x"]]})
    api.protect(sid, "Agenda", "A1:A10", warning_only=True)
    api.person_edits(sid, "Agenda", _type(0, 0, "y"), user=STAF)
    assert api.values(sid, "Agenda") == [["y"]]
    with pytest.raises(Exception) as refused:
        api.person_edits(sid, "Agenda", _type(0, 0, "z"), user=TAMU)
    assert getattr(refused.value, "status", None) == "PERMISSION_DENIED"
    assert api.values(sid, "Agenda") == [["y"]]
