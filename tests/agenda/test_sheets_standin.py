"""The Sheets API stand-in: replay of real recorded Google traffic, focused behaviour tests,
and real gspread driven against it (no network beyond 127.0.0.1)."""
from __future__ import annotations

import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

import gspread
import pytest
import requests

from sheets_standin import SheetsStandIn, redirect_session

RECORDINGS = Path(__file__).resolve().parents[2] / ".." / "shared" / "sheets-api-recordings"
RECORDED_ACCOUNT = "service-account@example-project.iam.gserviceaccount.com"
BOT = "kerjasama@proj.iam.gserviceaccount.com"


@pytest.fixture
def api():
    with SheetsStandIn(hold_seconds=2.0) as stand_in:
        yield stand_in


class Raw:
    """Plain HTTP to the stand-in as a given account (for exact request shapes)."""

    def __init__(self, api, email=BOT):
        self.api, self.s = api, requests.Session()
        self.s.headers["Authorization"] = f"Bearer {api.issue_token(email)}"

    def __call__(self, method, path, params=None, body=None, **kw):
        kw.setdefault("timeout", 5)
        return self.s.request(method, self.api.base_url + path, params=params, json=body, **kw)


@pytest.fixture
def book(api):
    sid = api.create_spreadsheet(title="Agenda Kerja Sama", sheets=("Agenda",))
    api.share(sid, BOT, role="writer")
    return sid, Raw(api)


# -- replay of real Google traffic ------------------------------------------------------------
def _recordings():
    if not RECORDINGS.is_dir():
        return []
    return sorted(RECORDINGS.glob("*.json"))


SHAPE_EXACT = {"values", "range", "updatedRange", "clearedRange", "tableRange", "majorDimension",
               "updatedRows", "updatedColumns", "updatedCells", "totalUpdatedCells", "title", "name"}


def assert_same_shape(expected, actual, path="$"):
    """Same keys recursively; data-dependent list lengths may differ; for the values the
    replay wrote itself (SHAPE_EXACT keys) the content must be equal too."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected object, got {actual!r}"
        assert set(expected) == set(actual), \
            f"{path}: keys differ: missing {set(expected) - set(actual)}, extra {set(actual) - set(expected)}"
        for k in expected:
            if k in SHAPE_EXACT and not isinstance(expected[k], dict):
                assert expected[k] == actual[k], f"{path}.{k}: {expected[k]!r} != {actual[k]!r}"
            else:
                assert_same_shape(expected[k], actual[k], f"{path}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected list, got {actual!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            assert_same_shape(e, a, f"{path}[{i}]")
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        assert type(actual) is type(expected), f"{path}: {expected!r} vs {actual!r}"
    else:
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), f"{path}: {actual!r}"


def _map_ids(obj, ids: dict, sheet_ids: dict):
    if isinstance(obj, dict):
        return {k: (sheet_ids.get(v, v) if k == "sheetId" else _map_ids(v, ids, sheet_ids))
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [_map_ids(v, ids, sheet_ids) for v in obj]
    if isinstance(obj, str):
        for old, new in ids.items():
            obj = obj.replace(old, new)
    return obj


@pytest.mark.skipif(not RECORDINGS.is_dir(), reason=f"recordings folder absent: {RECORDINGS}")
@pytest.mark.parametrize("recording", _recordings(), ids=lambda p: p.stem)
def test_replay_recorded_google_traffic(api, recording):
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {api.issue_token(RECORDED_ACCOUNT)}"
    ids: dict[str, str] = {}
    sheet_ids: dict[int, int] = {}
    for n, it in enumerate(json.loads(recording.read_text())["interactions"]):
        req, res = it["request"], it["response"]
        url = urlsplit(req["uri"])
        path = _map_ids(url.path, ids, sheet_ids)
        body = json.loads(req["body"]) if req["body"] else None
        body = _map_ids(body, ids, sheet_ids)
        got = s.request(req["method"], api.base_url + path + (f"?{url.query}" if url.query else ""),
                        data=None if body is None else json.dumps(body).encode(),
                        headers={"Content-Type": "application/json"} if body is not None else {},
                        timeout=5)
        where = f"{recording.stem} #{n} {req['method']} {path}"
        assert got.status_code == res["status"]["code"], f"{where}: {got.status_code} {got.text[:300]}"
        text = res["body"]["string"]
        if not text:
            assert not got.content, where
            continue
        expected, actual = json.loads(text), got.json()
        if req["method"] == "POST" and url.path == "/drive/v3/files":
            ids[expected["id"]] = actual["id"]         # the recorded id -> the stand-in's
            continue
        for e, a in zip(expected.get("replies", []), actual.get("replies", [])):
            if "addSheet" in e:
                sheet_ids[e["addSheet"]["properties"]["sheetId"]] = a["addSheet"]["properties"]["sheetId"]
        expected = _map_ids(expected, ids, sheet_ids)
        try:
            assert_same_shape(expected, actual)
        except AssertionError as err:
            raise AssertionError(f"{where}: {err}") from None


# -- values: input options, rendering, trimming -------------------------------------------------
def _put(raw, sid, rng, values, option):
    return raw("PUT", f"/v4/spreadsheets/{sid}/values/{rng}", {"valueInputOption": option}, {"values": values})


def _get(raw, sid, rng, **params):
    return raw("GET", f"/v4/spreadsheets/{sid}/values/{rng}", params).json()


def test_raw_keeps_text_user_entered_parses_like_typing(api, book):
    sid, raw = book
    row = ["0123", "=1+1", "12", "TRUE", "2026-11-26", "'0456"]
    assert _put(raw, sid, "Agenda!A1", [row], "RAW").status_code == 200
    assert _put(raw, sid, "Agenda!A2", [row], "USER_ENTERED").status_code == 200
    assert api.values(sid, "Agenda") == [row, ["123", "#ERROR!", "12", "TRUE", "2026-11-26", "0456"]]
    assert api.cell(sid, "Agenda", "A1")["userEnteredValue"] == {"stringValue": "0123"}
    assert api.cell(sid, "Agenda", "B1")["userEnteredValue"] == {"stringValue": "=1+1"}
    assert api.cell(sid, "Agenda", "A2")["userEnteredValue"] == {"numberValue": 123}
    assert api.cell(sid, "Agenda", "B2")["userEnteredValue"] == {"formulaValue": "=1+1"}
    assert api.cell(sid, "Agenda", "D2")["userEnteredValue"] == {"boolValue": True}
    unformatted = _get(raw, sid, "Agenda!A2:F2", valueRenderOption="UNFORMATTED_VALUE")["values"]
    assert unformatted == [[123, "#ERROR!", 12, True, 46352, "0456"]]
    assert _get(raw, sid, "Agenda!B2", valueRenderOption="FORMULA")["values"] == [["=1+1"]]


def test_hyperlink_formula_shows_its_label(api, book):
    sid, raw = book
    _put(raw, sid, "Agenda!A1", [['=HYPERLINK("https://drive/x","Surat 12")']], "USER_ENTERED")
    cell = api.cell(sid, "Agenda", "A1")
    assert cell["formattedValue"] == "Surat 12"
    assert cell["userEnteredValue"]["formulaValue"].startswith("=HYPERLINK(")


def test_text_format_keeps_leading_zeros_even_when_user_entered(api, book):
    sid, raw = book
    fmt = {"requests": [{"repeatCell": {
        "range": {"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 1, "endColumnIndex": 2},
        "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
        "fields": "userEnteredFormat.numberFormat"}}]}
    assert raw("POST", f"/v4/spreadsheets/{sid}:batchUpdate", body=fmt).json()["replies"] == [{}]
    _put(raw, sid, "Agenda!A2", [["0123", "0123"]], "USER_ENTERED")
    assert api.values(sid, "Agenda") == [["", ""], ["123", "0123"]]
    assert api.sheet(sid, "Agenda")["formats"] == [{"range": "B2:B1000", "format": {"numberFormat": {"type": "TEXT"}}}]


def test_reads_trim_trailing_blanks_like_google(api, book):
    sid, raw = book
    _put(raw, sid, "Agenda!A1", [["A1", "", "C1", ""], ["", "", "", ""], ["", "b3"], ["", "", "", ""]], "RAW")
    got = _get(raw, sid, "Agenda")
    assert got == {"range": "Agenda!A1:Z1000", "majorDimension": "ROWS",
                   "values": [["A1", "", "C1"], [], ["", "b3"]]}
    assert _get(raw, sid, "Agenda!D5:E9") == {"range": "Agenda!D5:E9", "majorDimension": "ROWS"}
    cols = _get(raw, sid, "Agenda!A1:C3", majorDimension="COLUMNS")["values"]
    assert cols == [["A1"], ["", "", "b3"], ["C1"]]
    assert _get(raw, sid, "Agenda!A:A")["range"] == "Agenda!A1:A1000"


def test_bounded_update_and_grid_limits(api, book):
    sid, raw = book
    r = _put(raw, sid, "Agenda!A1:B1", [["a", "b", "c"]], "RAW")
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "Requested writing within range [Agenda!A1:B1], but tried writing to column [C]"
    r = _put(raw, sid, "Agenda!A1000", [["a"], ["b"]], "RAW")
    assert r.status_code == 400 and "exceeds grid limits. Max rows: 1000, max columns: 26" in r.text
    r = _put(raw, sid, "Nope!A1", [["a"]], "RAW")
    assert r.json()["error"] == {"code": 400, "message": "Unable to parse range: Nope!A1", "status": "INVALID_ARGUMENT"}


# -- append -------------------------------------------------------------------------------------
def _append(raw, sid, rng, values, **params):
    params.setdefault("valueInputOption", "RAW")
    return raw("POST", f"/v4/spreadsheets/{sid}/values/{rng}:append", params, {"values": values}).json()


def test_append_finds_the_table_like_google(api, book):
    sid, raw = book
    first = _append(raw, sid, "'Agenda'", [["No", "Perihal"]])
    assert "tableRange" not in first and first["updates"]["updatedRange"] == "Agenda!A1:B1"
    second = _append(raw, sid, "'Agenda'", [["1", "MoU"], ["2", "PKS"]])
    assert second["tableRange"] == "Agenda!A1:B1"
    assert second["updates"]["updatedRange"] == "Agenda!A2:B3"
    # A note far to the right, detached from the table, does not move the append point.
    api.person_edits(sid, "Agenda", lambda g: [row.extend(["", "", "", ""]) for row in g]
                     or g[0].__setitem__(5, "catatan"))
    third = _append(raw, sid, "'Agenda'!A1", [["3", "SPK"]])
    assert third["tableRange"] == "Agenda!A1:B3" and third["updates"]["updatedRange"] == "Agenda!A4:B4"


def test_append_insert_rows_shifts_what_is_below(api, book):
    sid, raw = book
    _put(raw, sid, "Agenda!A1", [["h"], ["1"], [""], ["below"]], "RAW")
    out = _append(raw, sid, "Agenda!A1", [["2"]], insertDataOption="INSERT_ROWS")
    assert out["updates"]["updatedRange"] == "Agenda!A3"
    assert api.values(sid, "Agenda") == [["h"], ["1"], ["2"], [""], ["below"]]
    assert api.sheet(sid, "Agenda")["rowCount"] == 1001


def test_append_grows_a_full_sheet(api):
    sid = api.create_spreadsheet(sheets=("Agenda",), rows=2, cols=2)
    api.share(sid, BOT)
    raw = Raw(api)
    _append(raw, sid, "Agenda", [["a", "b"], ["c", "d"]])
    out = _append(raw, sid, "Agenda", [["e", "f", "g"]])
    assert out["updates"]["updatedRange"] == "Agenda!A3:C3"
    assert (api.sheet(sid, "Agenda")["rowCount"], api.sheet(sid, "Agenda")["columnCount"]) == (3, 3)


# -- access -------------------------------------------------------------------------------------
PROTECTED = {"error": {"code": 400, "message": "You are trying to edit a protected cell or object. Please "
                       "contact the spreadsheet owner to remove protection if you need to edit.",
                       "status": "INVALID_ARGUMENT"}}


def test_protected_range_blocks_accounts_not_among_its_editors(api, book):
    sid, raw = book
    api.protect(sid, "Agenda", "A1:C1", description="header")
    r = _put(raw, sid, "Agenda!B1", [["x"]], "RAW")
    assert (r.status_code, r.json()) == (400, PROTECTED)
    assert _put(raw, sid, "Agenda!B2", [["x"]], "RAW").status_code == 200
    # The table starts at the first cell with data (B2), so the append lands under it.
    assert _append(raw, sid, "Agenda", [["y"]])["updates"]["updatedRange"] == "Agenda!B3"
    pid = api.protect(sid, "Agenda", "D:D", editors=[BOT])
    assert _put(raw, sid, "Agenda!D5", [["ok"]], "RAW").status_code == 200
    meta = raw("GET", f"/v4/spreadsheets/{sid}").json()["sheets"][0]["protectedRanges"]
    assert [p["requestingUserCanEdit"] for p in meta] == [False, True]
    assert api.sheet(sid, "Agenda")["protectedRanges"][1]["protectedRangeId"] == pid
    # The whole sheet protected except column E (a common office set-up).
    api.protect(sid, "Agenda", None, unprotected=["E:E"])
    assert _put(raw, sid, "Agenda!E9", [["free"]], "RAW").status_code == 200
    assert _put(raw, sid, "Agenda!F9", [["no"]], "RAW").status_code == 400


def test_protection_added_over_http_keeps_the_requester_as_editor(api, book):
    sid, raw = book
    body = {"requests": [{"addProtectedRange": {"protectedRange": {
        "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1}, "warningOnly": False,
        "editors": {"users": []}}}}]}
    reply = raw("POST", f"/v4/spreadsheets/{sid}:batchUpdate", body=body).json()["replies"][0]
    assert reply["addProtectedRange"]["protectedRange"]["editors"] == {}
    assert api.sheet(sid, "Agenda")["protectedRanges"][0]["editors"] == {"users": [BOT]}
    other = "intern@proj.iam.gserviceaccount.com"
    api.share(sid, other)
    r = _put(Raw(api, other), sid, "Agenda!A1", [["x"]], "RAW")
    assert r.json() == PROTECTED


def test_auth_and_permission_errors_have_googles_bodies(api, book):
    sid, raw = book
    url = f"{api.base_url}/v4/spreadsheets/{sid}/values/Agenda"
    r = requests.get(url, timeout=5)
    assert (r.status_code, r.json()["error"]["status"]) == (403, "PERMISSION_DENIED")
    assert r.json()["error"]["message"] == "The request is missing a valid API key."
    r = requests.get(url, headers={"Authorization": "Bearer nonsense"}, timeout=5)
    assert r.status_code == 401
    err = r.json()["error"]
    assert (err["code"], err["status"]) == (401, "UNAUTHENTICATED")
    assert err["message"].startswith("Request had invalid authentication credentials.")
    stranger = Raw(api, "stranger@proj.iam.gserviceaccount.com")
    r = stranger("GET", f"/v4/spreadsheets/{sid}")
    assert (r.status_code, r.json()) == (403, {"error": {"code": 403, "message": "The caller does not have permission",
                                                         "status": "PERMISSION_DENIED"}})
    api.share(sid, "reader@proj.iam.gserviceaccount.com", role="reader")
    reader = Raw(api, "reader@proj.iam.gserviceaccount.com")
    assert reader("GET", f"/v4/spreadsheets/{sid}/values/Agenda").status_code == 200
    assert _put(reader, sid, "Agenda!A1", [["x"]], "RAW").status_code == 403
    r = raw("GET", "/v4/spreadsheets/doesnotexist")
    assert r.json() == {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}
    api.expire_tokens()
    r = raw("GET", f"/v4/spreadsheets/{sid}")
    assert r.status_code == 401 and r.json()["error"]["details"][0]["reason"] == "ACCESS_TOKEN_EXPIRED"


# -- spreadsheets.batchUpdate ---------------------------------------------------------------------
def test_batch_update_requests_and_atomicity(api, book):
    sid, raw = book
    url = f"/v4/spreadsheets/{sid}:batchUpdate"
    ok = raw("POST", url, body={"requests": [
        {"updateSheetProperties": {"properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 1}},
                                   "fields": "gridProperties.frozenRowCount"}},
        {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 3, "endColumnIndex": 4},
                               "rule": {"condition": {"type": "ONE_OF_LIST", "values": [
                                   {"userEnteredValue": "baru"}, {"userEnteredValue": "selesai"}]},
                                   "strict": True, "showCustomUi": True}}},
        {"updateDimensionProperties": {"range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 0, "endIndex": 1},
                                       "properties": {"pixelSize": 220}, "fields": "pixelSize"}},
        {"autoResizeDimensions": {"dimensions": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 1, "endIndex": 3}}},
        {"addSheet": {"properties": {"title": "Log"}}}]})
    assert ok.status_code == 200 and [list(r) for r in ok.json()["replies"]] == [[], [], [], [], ["addSheet"]]
    meta = api.sheet(sid, "Agenda")
    assert meta["frozenRowCount"] == 1
    assert meta["dataValidations"][0]["range"] == "D2:D1000"
    assert meta["dataValidations"][0]["rule"]["condition"]["values"][1] == {"userEnteredValue": "selesai"}
    unknown = raw("POST", url, body={"requests": [{"addSheet": {"properties": {"title": "X"}}}, {"makeCoffee": {}}]})
    assert unknown.status_code == 400 and unknown.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert "Unknown name \"makeCoffee\"" in unknown.json()["error"]["message"]
    assert "X" not in [s["properties"]["title"] for s in raw("GET", f"/v4/spreadsheets/{sid}").json()["sheets"]]
    dup = raw("POST", url, body={"requests": [{"addSheet": {"properties": {"title": "Log"}}}]})
    assert dup.json()["error"]["message"] == ('Invalid requests[0].addSheet: A sheet with the name "Log" already '
                                             'exists. Please enter another name.')
    assert raw("POST", url, body={"requests": [{"mergeCells": {}}]}).status_code == 501


def test_insert_rows_move_protection_with_the_cells(api, book):
    sid, raw = book
    _put(raw, sid, "Agenda!A1", [["h"], ["r2"], ["r3"]], "RAW")
    api.protect(sid, "Agenda", "A3:B3")
    raw("POST", f"/v4/spreadsheets/{sid}:batchUpdate", body={"requests": [{"insertDimension": {
        "range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}}}]})
    assert api.values(sid, "Agenda") == [["h"], [""], ["r2"], ["r3"]]
    assert api.sheet(sid, "Agenda")["protectedRanges"][0]["a1"] == "Agenda!A4:B4"
    assert _put(raw, sid, "Agenda!A3", [["x"]], "RAW").status_code == 200
    assert _put(raw, sid, "Agenda!A4", [["x"]], "RAW").status_code == 400


# -- faults, outages -----------------------------------------------------------------------------
def test_429_twice_then_success(api, book):
    sid, raw = book
    api.faults.add(status=429, times=2, path_contains=":append")
    codes = [raw("POST", f"/v4/spreadsheets/{sid}/values/Agenda:append", {"valueInputOption": "RAW"},
                 {"values": [["x"]]}).status_code for _ in range(3)]
    assert codes == [429, 429, 200]
    assert api.values(sid, "Agenda") == [["x"]]          # the failed attempts wrote nothing
    err = api.requests[0]
    assert (err.status, err.fault) == (429, "429")
    body = raw("GET", f"/v4/spreadsheets/{sid}")  # unaffected path
    assert body.status_code == 200


def test_timeout_with_apply_means_the_write_happened(api, book):
    sid, raw = book
    api.faults.add(timeout=True, apply=True, path_contains=":append")
    with pytest.raises(requests.exceptions.ReadTimeout):
        raw("POST", f"/v4/spreadsheets/{sid}/values/Agenda:append", {"valueInputOption": "RAW"},
            {"values": [["sent once"]]}, timeout=0.3)
    assert api.values(sid, "Agenda") == [["sent once"]]
    assert api.requests[-1].status is None and api.requests[-1].fault == "timeout"
    api.faults.add(timeout=True, path_contains=":append")      # apply=False: nothing written
    with pytest.raises(requests.exceptions.ReadTimeout):
        raw("POST", f"/v4/spreadsheets/{sid}/values/Agenda:append", {"valueInputOption": "RAW"},
            {"values": [["lost"]]}, timeout=0.3)
    assert api.values(sid, "Agenda") == [["sent once"]]


def test_status_fault_with_apply_and_down(api, book):
    sid, raw = book
    api.faults.add(status=503, apply=True, method="PUT")
    r = _put(raw, sid, "Agenda!A1", [["applied"]], "RAW")
    assert r.status_code == 503 and r.json()["error"]["status"] == "UNAVAILABLE"
    assert api.values(sid, "Agenda") == [["applied"]]
    api.faults.add(down=True)
    with pytest.raises(requests.exceptions.ConnectionError):
        raw("GET", f"/v4/spreadsheets/{sid}")
    assert raw("GET", f"/v4/spreadsheets/{sid}").status_code == 200


def test_outage_until_cleared_or_clock_passes(api, book):
    sid, raw = book
    api.outage(True, status=503)
    assert raw("GET", f"/v4/spreadsheets/{sid}").status_code == 503
    api.outage(False)
    assert raw("GET", f"/v4/spreadsheets/{sid}").status_code == 200
    api.outage(60)                                  # connection resets for 60 stand-in seconds
    with pytest.raises(requests.exceptions.ConnectionError):
        raw("GET", f"/v4/spreadsheets/{sid}")
    api.advance(61)                                 # no real sleeping
    assert raw("GET", f"/v4/spreadsheets/{sid}").status_code == 200


# -- a person in the browser ----------------------------------------------------------------------
def test_person_edit_between_read_and_write(api, book):
    sid, raw = book
    _put(raw, sid, "Agenda!A1", [["No", "Nomor"], ["2", "0123"], ["1", "0456"]], "RAW")
    seen = _get(raw, sid, "Agenda")["values"]           # the pipeline reads ...
    assert seen[1] == ["2", "0123"]

    def sort_rows(grid):
        grid[1:] = sorted(grid[1:], key=lambda row: row[0])
        grid.insert(1, ["0", "0999"])                   # ... typed by hand: a number, not text
    api.before_next_write(lambda a: a.person_edits(sid, "Agenda", sort_rows))
    _put(raw, sid, "Agenda!C2", [["for row 2"]], "RAW")  # ... and writes by the row it saw
    assert api.values(sid, "Agenda") == [["No", "Nomor", ""], ["0", "999", "for row 2"],
                                         ["1", "0456", ""], ["2", "0123", ""]]
    # Moved cells keep what they were: RAW text "0123" stays text after the sort.
    assert api.cell(sid, "Agenda", "B4")["userEnteredValue"] == {"stringValue": "0123"}
    assert api.cell(sid, "Agenda", "B2")["userEnteredValue"] == {"numberValue": 999}
    _put(raw, sid, "Agenda!D1", [["next write"]], "RAW")  # the hook ran once only
    assert api.values(sid, "Agenda")[0] == ["No", "Nomor", "", "next write"]


def test_request_log(api, book):
    sid, raw = book
    _get(raw, sid, "Agenda")
    _append(raw, sid, "'Agenda'!A1", [["x"]])
    raw("GET", f"/v4/spreadsheets/{sid}/values:batchGet", {"ranges": ["Agenda!A1", "Agenda!B1"]})
    log = api.requests
    assert [(r.method, r.status) for r in log] == [("GET", 200), ("POST", 200), ("GET", 200)]
    assert log[1].path == f"/v4/spreadsheets/{sid}/values/'Agenda'!A1:append"
    assert log[1].query == {"valueInputOption": "RAW"} and log[1].body == {"values": [["x"]]}
    assert log[2].query["ranges"] == ["Agenda!A1", "Agenda!B1"]
    assert log[0].user == BOT
    assert len(api.requests_to(":append")) == 1


# -- real gspread ---------------------------------------------------------------------------------
def test_real_gspread_against_the_stand_in(api, tmp_path):
    key = api.service_account_key(tmp_path, email=BOT)
    sid = api.create_spreadsheet(title="Agenda Kerja Sama", sheets=("Agenda",))
    api.share(sid, BOT, role="writer")
    gc = gspread.service_account(filename=str(key))
    redirect_session(gc, api.base_url)
    ws = gc.open_by_key(sid).worksheet("Agenda")
    ws.update([["No", "Nomor surat", "Perihal"]], "A1")
    ws.append_row(["1", "0012/UN/2026", "=HYPERLINK(\"https://x\",\"MoU\")"])
    ws.append_row(["2", "0123", "PKS"], value_input_option="USER_ENTERED")
    ws.batch_update([{"range": "D1:D2", "values": [["Status"], ["baru"]]}])
    assert ws.get_all_values() == [["No", "Nomor surat", "Perihal", "Status"],
                                   ["1", "0012/UN/2026", '=HYPERLINK("https://x","MoU")', "baru"],
                                   ["2", "123", "PKS", ""]]
    ws.freeze(rows=1)
    assert api.sheet(sid, "Agenda")["frozenRowCount"] == 1
    api.protect(sid, "Agenda", "A1:D1")
    with pytest.raises(gspread.exceptions.APIError) as err:
        ws.update([["x"]], "A1")
    assert err.value.code == 400 and "protected cell" in str(err.value)
    api.expire_tokens()                                 # google-auth refreshes on the 401
    assert ws.acell("D2").value == "baru"
    assert api.auth.token_requests == 2


def test_token_endpoint_rejects_a_wrong_signature(api, tmp_path):
    key = api.service_account_key(tmp_path, email=BOT)
    info = json.loads(key.read_text())
    other = json.loads(api.service_account_key(tmp_path, email="x@y.iam.gserviceaccount.com").read_text())
    info["private_key"] = other["private_key"]          # right e-mail and key id, wrong key
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(info))
    gc = gspread.service_account(filename=str(forged))
    redirect_session(gc, api.base_url)
    with pytest.raises(Exception, match="Invalid JWT Signature"):
        gc.open_by_key("whatever")


def test_stops_on_exit():
    with SheetsStandIn() as api:
        url = api.base_url
        assert requests.get(url + "/v4/spreadsheets/x", timeout=2).status_code == 403
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(url + "/v4/spreadsheets/x", timeout=2)


def test_concurrent_clients(api, book):
    sid, _ = book
    errors = []

    def worker(i):
        try:
            raw = Raw(api)
            for j in range(5):
                _append(raw, sid, "Agenda", [[f"{i}-{j}"]])
        except Exception as e:  # noqa: BLE001 - surfaced below
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert not errors
    assert sorted(v[0] for v in api.values(sid, "Agenda")) == sorted(f"{i}-{j}" for i in range(4) for j in range(5))


def test_gspread_drive_calls_create_open_by_title_delete(api, tmp_path):
    gc = gspread.service_account(filename=str(api.service_account_key(tmp_path, email=BOT)))
    redirect_session(gc, api.base_url)
    created = gc.create("Agenda Uji")                       # Drive files.create, owned by the bot
    assert gc.open("Agenda Uji").id == created.id           # Drive files.list by name
    assert created.sheet1.title == "Sheet1"
    with pytest.raises(gspread.exceptions.APIError) as err:  # not modelled: says so, 501
        created.share("x@example.com", perm_type="user", role="reader", notify=False)
    assert err.value.code == 501
    gc.del_spreadsheet(created.id)
    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        gc.open_by_key(created.id)


def test_hook_may_call_the_api_over_http(api, book):
    sid, raw = book
    api.share(sid, "person@kantor.example")
    person = Raw(api, "person@kantor.example")
    api.before_next_write(lambda a: _put(person, sid, "Agenda!A1", [["by person"]], "USER_ENTERED"))
    assert _put(raw, sid, "Agenda!B1", [["by bot"]], "RAW").status_code == 200
    assert api.values(sid, "Agenda") == [["by person", "by bot"]]


def test_grid_data_shows_validation_and_format(api, book):
    sid, raw = book
    raw("POST", f"/v4/spreadsheets/{sid}:batchUpdate", body={"requests": [{"setDataValidation": {
        "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 1},
        "rule": {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "baru"}]}, "strict": True}}}]})
    _put(raw, sid, "Agenda!A2", [["baru"]], "RAW")
    got = raw("GET", f"/v4/spreadsheets/{sid}", {"ranges": "Agenda!A2", "includeGridData": "true",
                                                  "fields": "sheets.data.rowData.values(formattedValue,dataValidation)"}).json()
    cell = got["sheets"][0]["data"][0]["rowData"][0]["values"][0]
    assert cell == {"formattedValue": "baru", "dataValidation": {
        "condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "baru"}]}, "strict": True}}


def test_values_batch_update_is_all_or_nothing(api, book):
    sid, raw = book
    api.protect(sid, "Agenda", "B5")
    r = raw("POST", f"/v4/spreadsheets/{sid}/values:batchUpdate", body={"valueInputOption": "RAW", "data": [
        {"range": "Agenda!A1", "values": [["first"]]}, {"range": "Agenda!B5", "values": [["protected"]]}]})
    assert r.json() == PROTECTED
    assert api.values(sid, "Agenda") == []
    r = raw("POST", f"/v4/spreadsheets/{sid}/values:batchUpdate", body={"valueInputOption": "USER_ENTERED", "data": [
        {"range": "Agenda!A1:B1", "values": [["1", "=A1"]]}, {"range": "Agenda!A3", "values": [["x"]]}]})
    assert (r.json()["totalUpdatedCells"], r.json()["totalUpdatedSheets"]) == (3, 1)
    assert api.cell(sid, "Agenda", "B1")["userEnteredValue"] == {"formulaValue": "=A1"}


def test_person_inserts_and_deletes_rows(api, book):
    sid, raw = book
    _put(raw, sid, "Agenda!A1", [["h"], ["a"], ["b"]], "RAW")
    api.protect(sid, "Agenda", "A3")
    api.person_inserts_rows(sid, "Agenda", 2, values=[["new", "0012"]])
    assert api.values(sid, "Agenda") == [["h", ""], ["new", "12"], ["a", ""], ["b", ""]]
    assert api.sheet(sid, "Agenda")["protectedRanges"][0]["a1"] == "Agenda!A4"
    api.person_deletes_rows(sid, "Agenda", 1)
    assert api.values(sid, "Agenda") == [["new", "12"], ["a", ""], ["b", ""]]
    assert api.sheet(sid, "Agenda")["protectedRanges"][0]["a1"] == "Agenda!A3"
    assert api.sheet(sid, "Agenda")["rowCount"] == 1000


def test_create_through_the_sheets_api_and_unmodelled_paths(api):
    raw = Raw(api)
    made = raw("POST", "/v4/spreadsheets", body={"properties": {"title": "Baru"},
                                                 "sheets": [{"properties": {"title": "Agenda"}}]}).json()
    assert made["properties"]["title"] == "Baru" and made["sheets"][0]["properties"]["title"] == "Agenda"
    assert api.values(made["spreadsheetId"], "Agenda") == []
    r = raw("POST", f"/v4/spreadsheets/{made['spreadsheetId']}/sheets/0:copyTo", body={})
    assert r.status_code == 501 and r.json()["error"]["status"] == "UNIMPLEMENTED"
    r = raw("POST", f"/v4/spreadsheets/{made['spreadsheetId']}:batchUpdate", body={"requests": []})
    assert r.status_code == 400
