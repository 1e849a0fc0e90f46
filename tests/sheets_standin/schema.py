"""Request-body field names of the Sheets API v4 messages the stand-in serves, and Google's
400 for a name a message does not have.

Google parses request bodies against its protobuf messages and refuses any unknown name
("Invalid JSON payload received. Unknown name \"x\" at 'data[0]': Cannot find field."),
so a client that sends a misspelt or made-up field learns it at once. The stand-in does
the same, from the field lists of Google's discovery document (sheets.v4.json). Both JSON
spellings are accepted, as by Google: lowerCamelCase and the proto's snake_case.
A field whose message is `ANY` is not looked into (kinds the stand-in does not model, 501).
"""
from __future__ import annotations

import re

from .batch_update import GOOGLE_KINDS
from .errors import ApiError

ANY = "*"
SCALAR = None

_GRID = {f: SCALAR for f in ("sheetId", "startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex")}
_COLOR = {f: SCALAR for f in ("red", "green", "blue", "alpha")}
_COLOR_STYLE = {"rgbColor": _COLOR, "themeColor": SCALAR}
_EXTENDED = {f: SCALAR for f in ("numberValue", "stringValue", "boolValue", "formulaValue")} | {"errorValue": ANY}
_TEXT_FORMAT = {"foregroundColor": _COLOR, "foregroundColorStyle": _COLOR_STYLE, "fontFamily": SCALAR,
                "fontSize": SCALAR, "bold": SCALAR, "italic": SCALAR, "strikethrough": SCALAR,
                "underline": SCALAR, "link": {"uri": SCALAR}}
_BORDER = {"style": SCALAR, "width": SCALAR, "color": _COLOR, "colorStyle": _COLOR_STYLE}
_CELL_FORMAT = {"numberFormat": {"type": SCALAR, "pattern": SCALAR}, "backgroundColor": _COLOR,
                "backgroundColorStyle": _COLOR_STYLE,
                "borders": {side: _BORDER for side in ("top", "bottom", "left", "right")},
                "padding": {side: SCALAR for side in ("top", "right", "bottom", "left")},
                "horizontalAlignment": SCALAR, "verticalAlignment": SCALAR, "wrapStrategy": SCALAR,
                "textDirection": SCALAR, "textFormat": _TEXT_FORMAT, "hyperlinkDisplayType": SCALAR,
                "textRotation": {"angle": SCALAR, "vertical": SCALAR}}
_CONDITION = {"type": SCALAR, "values": [{"userEnteredValue": SCALAR, "relativeDate": SCALAR}]}
_VALIDATION = {"condition": _CONDITION, "inputMessage": SCALAR, "strict": SCALAR, "showCustomUi": SCALAR}
_CELL = {"userEnteredValue": _EXTENDED, "effectiveValue": _EXTENDED, "formattedValue": SCALAR,
         "userEnteredFormat": _CELL_FORMAT, "effectiveFormat": _CELL_FORMAT, "hyperlink": SCALAR,
         "note": SCALAR, "textFormatRuns": [{"startIndex": SCALAR, "format": _TEXT_FORMAT}],
         "dataValidation": _VALIDATION, "pivotTable": ANY, "dataSourceTable": ANY,
         "dataSourceFormula": ANY, "chipRuns": ANY}
_GRID_PROPS = {f: SCALAR for f in ("rowCount", "columnCount", "frozenRowCount", "frozenColumnCount",
                                   "hideGridlines", "rowGroupControlAfter", "columnGroupControlAfter")}
_SHEET_PROPS = {"sheetId": SCALAR, "title": SCALAR, "index": SCALAR, "sheetType": SCALAR,
                "gridProperties": _GRID_PROPS, "hidden": SCALAR, "tabColor": _COLOR,
                "tabColorStyle": _COLOR_STYLE, "rightToLeft": SCALAR, "dataSourceSheetProperties": ANY}
_PROTECTED = {"protectedRangeId": SCALAR, "range": _GRID, "namedRangeId": SCALAR, "tableId": SCALAR,
              "description": SCALAR, "warningOnly": SCALAR, "requestingUserCanEdit": SCALAR,
              "unprotectedRanges": [_GRID],
              "editors": {"users": SCALAR, "groups": SCALAR, "domainUsersCanEdit": SCALAR}}
_DIMENSION_RANGE = {"sheetId": SCALAR, "dimension": SCALAR, "startIndex": SCALAR, "endIndex": SCALAR}
_SPREADSHEET_PROPS = {"title": SCALAR, "locale": SCALAR, "autoRecalc": SCALAR, "timeZone": SCALAR,
                      "defaultFormat": _CELL_FORMAT, "iterativeCalculationSettings": ANY,
                      "spreadsheetTheme": ANY, "importFunctionsExternalUrlAccessAllowed": SCALAR}
_BASIC_FILTER = {"range": _GRID, "sortSpecs": ANY, "criteria": ANY, "filterSpecs": ANY, "tableId": SCALAR}

# The request kinds batch_update models; every other kind Google knows is answered 501.
REQUEST_KINDS = {
    "addSheet": {"properties": _SHEET_PROPS},
    "deleteSheet": {"sheetId": SCALAR},
    "updateSheetProperties": {"properties": _SHEET_PROPS, "fields": SCALAR},
    "updateSpreadsheetProperties": {"properties": _SPREADSHEET_PROPS, "fields": SCALAR},
    "setDataValidation": {"range": _GRID, "rule": _VALIDATION, "filteredRowsIncluded": SCALAR},
    "repeatCell": {"range": _GRID, "cell": _CELL, "fields": SCALAR},
    "addProtectedRange": {"protectedRange": _PROTECTED},
    "updateProtectedRange": {"protectedRange": _PROTECTED, "fields": SCALAR},
    "deleteProtectedRange": {"protectedRangeId": SCALAR},
    "insertDimension": {"range": _DIMENSION_RANGE, "inheritFromBefore": SCALAR},
    "deleteDimension": {"range": _DIMENSION_RANGE},
    "appendDimension": {"sheetId": SCALAR, "dimension": SCALAR, "length": SCALAR},
    "updateDimensionProperties": {"range": _DIMENSION_RANGE, "dataSourceSheetRange": ANY,
                                  "properties": {"hiddenByFilter": SCALAR, "hiddenByUser": SCALAR,
                                                 "pixelSize": SCALAR, "developerMetadata": ANY,
                                                 "dataSourceColumnReference": ANY},
                                  "fields": SCALAR},
    "autoResizeDimensions": {"dimensions": _DIMENSION_RANGE, "dataSourceSheetDimensions": ANY},
    "setBasicFilter": {"filter": _BASIC_FILTER},
    "clearBasicFilter": {"sheetId": SCALAR},
}

_VALUE_RANGE = {"range": SCALAR, "majorDimension": SCALAR, "values": SCALAR}

# Request messages by (method, route) as routes.dispatch names them.
BODIES = {
    "values.update": _VALUE_RANGE,
    "values.append": _VALUE_RANGE,
    "values.clear": {},
    "values.batchUpdate": {"valueInputOption": SCALAR, "data": [_VALUE_RANGE],
                           "includeValuesInResponse": SCALAR, "responseValueRenderOption": SCALAR,
                           "responseDateTimeRenderOption": SCALAR},
    "values.batchClear": {"ranges": SCALAR},
    "batchUpdate": {"requests": SCALAR, "includeSpreadsheetInResponse": SCALAR,   # requests: checked per kind
                    "responseRanges": SCALAR, "responseIncludeGridData": SCALAR},
    "create": {"spreadsheetId": SCALAR, "properties": _SPREADSHEET_PROPS,
               "sheets": [{"properties": _SHEET_PROPS, "data": ANY, "merges": ANY, "conditionalFormats": ANY,
                           "filterViews": ANY, "protectedRanges": [_PROTECTED], "basicFilter": _BASIC_FILTER,
                           "charts": ANY, "bandedRanges": ANY, "developerMetadata": ANY, "rowGroups": ANY,
                           "columnGroups": ANY, "slicers": ANY, "tables": ANY}],
               "namedRanges": ANY, "spreadsheetUrl": SCALAR, "developerMetadata": ANY, "dataSources": ANY,
               "dataSourceSchedules": ANY},
}


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def unknown_names(body, message, path: str = "") -> list[tuple[str, str]]:
    """(name, path) of every field in `body` its message does not have, depth first."""
    if message is ANY or message is SCALAR or not isinstance(body, (dict, list)):
        return []
    if isinstance(message, list):
        if not isinstance(body, list):
            return unknown_names(body, message[0], path)
        out = []
        for i, item in enumerate(body):
            out += unknown_names(item, message[0], f"{path}[{i}]")
        return out
    if not isinstance(body, dict):
        return []
    out = []
    for name, value in body.items():
        key = name if name in message else _camel(name)
        if key not in message:
            out.append((name, path))
            continue
        out += unknown_names(value, message[key], f"{path}.{snake(key)}" if path else snake(key))
    return out


def camel_keys(body, message):
    """`body` with every known snake_case name in its lowerCamelCase spelling (what the
    handlers read); unknown names and unchecked subtrees are left as sent."""
    if message is ANY or message is SCALAR:
        return body
    if isinstance(message, list):
        return [camel_keys(item, message[0]) for item in body] if isinstance(body, list) \
            else camel_keys(body, message[0])
    if not isinstance(body, dict):
        return body
    out = {}
    for name, value in body.items():
        key = name if name in message else _camel(name)
        out[key if key in message else name] = camel_keys(value, message[key]) if key in message else value
    return out


def normalize(body, route: str | None):
    """Google's 400 if `body` (the parsed JSON of a request to `route`) has unknown names;
    else the body with known names spelt lowerCamelCase."""
    check(body, route)
    if not isinstance(body, dict) or route not in BODIES:
        return body
    out = camel_keys(body, BODIES[route])
    if route == "batchUpdate" and isinstance(out.get("requests"), list):
        out["requests"] = [{(k if k in REQUEST_KINDS else _camel(k)):
                            camel_keys(v, REQUEST_KINDS.get(k if k in REQUEST_KINDS else _camel(k), ANY))
                            for k, v in req.items()} if isinstance(req, dict) else req
                           for req in out["requests"]]
    return out


def check(body, route: str | None) -> None:
    """Google's 400 if `body` (the parsed JSON of a request to `route`) has unknown names."""
    if not isinstance(body, dict) or route not in BODIES:
        return
    bad = unknown_names(body, BODIES[route])
    if route == "batchUpdate":
        for i, req in enumerate(body.get("requests") or []):
            if not isinstance(req, dict):
                continue
            for kind, inner in req.items():
                key = kind if kind in REQUEST_KINDS else _camel(kind)
                if key in REQUEST_KINDS:
                    bad += unknown_names(inner, REQUEST_KINDS[key], f"requests[{i}].{snake(key)}")
                elif key not in GOOGLE_KINDS:
                    bad.append((kind, f"requests[{i}]"))
    if bad:
        raise unknown_fields(bad)


def unknown_fields(bad: list[tuple[str, str]]) -> ApiError:
    """One line per unknown name, as Google lists them; a BadRequest violation for each."""
    lines, violations = [], []
    for name, path in bad:
        where = f" at '{path}'" if path else ""
        text = f'Invalid JSON payload received. Unknown name "{name}"{where}: Cannot find field.'
        lines.append(text)
        violations.append({"field": path, "description": text} if path else {"description": text})
    return ApiError(400, "\n".join(lines), "INVALID_ARGUMENT",
                    [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": violations}])
