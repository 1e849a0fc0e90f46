"""Map an authenticated API request to the model: Sheets v4 paths and a minimal Drive v3."""
from __future__ import annotations

import re
from urllib.parse import unquote

from . import batch_update, fieldmask, schema, values_api
from .cells import cell_data
from .errors import (ApiError, missing_credentials, not_found, permission_denied, unauthenticated,
                     unimplemented)
from .model import Spreadsheet

_SS = re.compile(r"^/v4/spreadsheets/([^/:]+)(:batchUpdate)?$")
_VALUES_BATCH = re.compile(r"^/v4/spreadsheets/([^/:]+)/values:(batchGet|batchUpdate|batchClear)$")
_VALUES = re.compile(r"^/v4/spreadsheets/([^/:]+)/values/(.+?)(:append|:clear)?$")
_DRIVE = re.compile(r"^/drive/v3/files(?:/([^/]+))?$")
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


def is_write(method: str, raw_path: str) -> bool:
    """Requests that change a spreadsheet (what before_next_write waits for)."""
    if raw_path.startswith("/v4/spreadsheets/"):
        return method in ("PUT", "POST", "DELETE")
    return False


def route_name(method: str, raw_path: str) -> str | None:
    """The Sheets method a request calls ("values.append", "batchUpdate", ...), for body checks."""
    if raw_path == "/v4/spreadsheets" and method == "POST":
        return "create"
    if (m := _VALUES_BATCH.match(raw_path)) and method == "POST":
        return f"values.{m.group(2)}"
    if m := _VALUES.match(raw_path):
        return {":append": "values.append", ":clear": "values.clear"}.get(m.group(3) or "") or \
            ("values.update" if method == "PUT" else None)
    if (m := _SS.match(raw_path)) and m.group(2) and method == "POST":
        return "batchUpdate"
    return None


def dispatch(api, method: str, raw_path: str, query: dict, body, headers) -> tuple[int, dict | None]:
    user = _authenticate(api, headers)
    if m := _DRIVE.match(raw_path):
        return _drive(api, user, method, m.group(1), query, body)
    # Google's per-user, per-minute quota, then its payload parser: both before the sheet is looked at.
    api.quota.take(user, "read" if method == "GET" else "write")
    body = schema.normalize(body, route_name(method, raw_path))
    if raw_path == "/v4/spreadsheets" and method == "POST":
        return 200, _create_via_sheets(api, user, body or {})
    for rx in (_VALUES_BATCH, _VALUES, _SS):
        m = rx.match(raw_path)
        if m:
            break
    else:
        raise _unmodelled(method, raw_path)
    ss = _book(api, m.group(1), user, write=is_write(method, raw_path))
    body = body or {}
    if rx is _SS:
        if m.group(2) and method == "POST":
            work, out = batch_update.apply(ss, user, body)
            api._replace(work)
            return 200, out
        if not m.group(2) and method == "GET":
            return 200, _get_spreadsheet(ss, user, query)
    elif rx is _VALUES_BATCH:
        kind = m.group(2)
        if kind == "batchGet" and method == "GET":
            return 200, values_api.batch_get(ss, query)
        if kind in ("batchUpdate", "batchClear") and method == "POST":
            fn = values_api.batch_update if kind == "batchUpdate" else values_api.batch_clear
            return 200, fn(ss, user, body)
    else:
        rng, action = unquote(m.group(2)), m.group(3)
        if action == ":append" and method == "POST":
            return 200, values_api.append(ss, user, rng, query, body)
        if action == ":clear" and method == "POST":
            return 200, values_api.clear(ss, user, rng)
        if action is None and method == "GET":
            return 200, values_api.get(ss, rng, query)
        if action is None and method == "PUT":
            return 200, values_api.update(ss, user, rng, query, body)
    raise _unmodelled(method, raw_path)


def _unmodelled(method: str, raw_path: str) -> ApiError:
    # Google's paths the stand-in does not serve (permissions, copyTo, ...): say so plainly.
    if raw_path.startswith(("/v4/", "/drive/", "/upload/")):
        return unimplemented(f"{method} {unquote(raw_path)}")
    return ApiError(404, "Method not found.", "NOT_FOUND")


def _authenticate(api, headers) -> str:
    auth = headers.get("Authorization") or headers.get("authorization")
    if not auth:
        raise missing_credentials()
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise unauthenticated()
    user, reason = api.auth.user_for(token.strip())
    if user is None:
        raise unauthenticated(reason)
    api._last_user = user        # for the request log (dispatch runs under api._lock)
    return user


def _book(api, sid: str, user: str, write: bool) -> Spreadsheet:
    ss = api._books.get(sid)
    if ss is None:
        raise not_found()
    role = ss.role(user)
    if role is None or (write and role == "reader"):
        raise permission_denied()
    return ss


def _get_spreadsheet(ss: Spreadsheet, user: str, query: dict) -> dict:
    out = ss.metadata(user)
    # Grid data comes with includeGridData=true, or when a field mask asks for sheets.data.
    if str(query.get("includeGridData", "false")).lower() == "true" or \
            "data" in str(query.get("fields", "")).replace(".", " ").replace(",", " ").split():
        ranges = query.get("ranges") or []
        ranges = [ranges] if isinstance(ranges, str) else ranges
        wanted = [ss.resolve(r) for r in ranges]
        for entry, sh in zip(out["sheets"], ss.sheets):
            boxes = [rng.clamp(sh.row_count, sh.col_count) for s, rng in wanted if s is sh]
            if ranges and not boxes:
                continue
            entry["data"] = [_grid_data(sh, box) for box in (boxes or [(0, 0, sh.row_count, sh.col_count)])]
        if ranges:
            out["sheets"] = [e for e in out["sheets"] if "data" in e]
    if query.get("fields"):
        out = fieldmask.project(out, fieldmask.parse(query["fields"]))
    return out


def _grid_data(sh, box) -> dict:
    r0, c0, r1, c1 = box
    rows = []
    for r in range(r0, min(r1, len(sh.rows))):
        vals = [cell_data(sh.get(r, c)) for c in range(c0, min(c1, len(sh.rows[r])))]
        while vals and not vals[-1]:
            vals.pop()
        rows.append({"values": vals} if vals else {})
    while rows and not rows[-1]:
        rows.pop()
    data = {}
    if r0:
        data["startRow"] = r0
    if c0:
        data["startColumn"] = c0
    if rows:
        data["rowData"] = rows
    data["rowMetadata"] = [{"pixelSize": 21} for _ in range(r0, r1)]
    data["columnMetadata"] = [{"pixelSize": 100} for _ in range(c0, c1)]
    return data


def _create_via_sheets(api, user: str, body: dict) -> dict:
    title = (body.get("properties") or {}).get("title") or "Untitled spreadsheet"
    names = [(s.get("properties") or {}).get("title") for s in body.get("sheets") or []] or ["Sheet1"]
    sid = api.create_spreadsheet(title, sheets=names, owner=user)
    return api._books[sid].metadata(user)


def _drive(api, user: str, method: str, file_id: str | None, query: dict, body) -> tuple[int, dict | None]:
    if file_id is None and method == "POST":
        body = body or {}
        if body.get("mimeType") != SPREADSHEET_MIME:
            raise ApiError(501, "Sheets stand-in only creates Google Sheets files", "UNIMPLEMENTED")
        sid = api.create_spreadsheet(body.get("name") or "Untitled spreadsheet", owner=user)
        return 200, {"kind": "drive#file", "id": sid, "name": api._books[sid].title,
                     "mimeType": SPREADSHEET_MIME}
    if file_id is None and method == "GET":
        return 200, _drive_list(api, user, query)
    ss = api._books.get(file_id or "")
    if ss is None or ss.role(user) is None:
        msg = f"File not found: {file_id}."
        raise ApiError(404, msg, "NOT_FOUND", errors=[{"message": msg, "domain": "global", "reason": "notFound",
                                                       "location": "fileId", "locationType": "parameter"}])
    if method == "GET":
        full = {"kind": "drive#file", "id": ss.id, "name": ss.title, "mimeType": SPREADSHEET_MIME,
                "createdTime": ss.created, "modifiedTime": ss.modified}
        fields = query.get("fields")
        return 200, fieldmask.project(full, fieldmask.parse(fields)) if fields else \
            {k: full[k] for k in ("kind", "id", "name", "mimeType")}
    if method == "DELETE":
        if ss.role(user) != "owner":
            msg = "The user does not have sufficient permissions for this file."
            raise ApiError(403, msg, "PERMISSION_DENIED",
                           errors=[{"message": msg, "domain": "global", "reason": "insufficientFilePermissions"}])
        api._drop(ss.id)
        return 204, None
    raise _unmodelled(method, f"/drive/v3/files/{file_id}")


def _drive_list(api, user: str, query: dict) -> dict:
    """files.list for gspread's open(title): spreadsheets the caller can see, by name."""
    q = str(query.get("q", ""))
    name = re.search(r'name\s*=\s*"((?:[^"\\]|\\.)*)"', q)
    files = [{"kind": "drive#file", "id": ss.id, "name": ss.title, "mimeType": SPREADSHEET_MIME,
              "createdTime": ss.created, "modifiedTime": ss.modified}
             for ss in api._books.values() if ss.role(user) is not None
             and (name is None or ss.title == name.group(1))]
    out = {"kind": "drive#fileList", "incompleteSearch": False, "files": files}
    if query.get("fields"):
        out = fieldmask.project(out, fieldmask.parse(query["fields"]))
        out.setdefault("files", [])
    return out
