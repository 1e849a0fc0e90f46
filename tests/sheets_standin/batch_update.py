"""spreadsheets.batchUpdate: the request kinds the agenda needs, applied all-or-nothing."""
from __future__ import annotations

import copy
import random

from . import fieldmask
from .errors import ApiError, invalid, protected_cell, unimplemented
from .model import Spreadsheet, out_range

# Request kinds Google knows but the stand-in does not model -> 501, never silently ignored.
GOOGLE_KINDS = {
    "updateSpreadsheetProperties", "updateSheetProperties", "updateDimensionProperties",
    "updateNamedRange", "repeatCell", "addNamedRange", "deleteNamedRange", "addSheet",
    "deleteSheet", "autoFill", "cutPaste", "copyPaste", "mergeCells", "unmergeCells",
    "updateBorders", "updateCells", "addFilterView", "appendCells", "clearBasicFilter",
    "deleteDimension", "deleteEmbeddedObject", "deleteFilterView", "duplicateFilterView",
    "duplicateSheet", "findReplace", "insertDimension", "insertRange", "moveDimension",
    "updateEmbeddedObjectPosition", "pasteData", "textToColumns", "updateFilterView",
    "deleteRange", "appendDimension", "addConditionalFormatRule", "updateConditionalFormatRule",
    "deleteConditionalFormatRule", "sortRange", "setDataValidation", "setBasicFilter",
    "addProtectedRange", "updateProtectedRange", "deleteProtectedRange", "autoResizeDimensions",
    "addChart", "updateChartSpec", "updateBanding", "addBanding", "deleteBanding",
    "createDeveloperMetadata", "updateDeveloperMetadata", "deleteDeveloperMetadata",
    "randomizeRange", "addDimensionGroup", "deleteDimensionGroup", "updateDimensionGroup",
    "trimWhitespace", "deleteDuplicates", "updateEmbeddedObjectBorder", "addSlicer",
    "updateSlicerSpec", "addDataSource", "updateDataSource", "deleteDataSource",
    "refreshDataSource", "cancelDataSourceRefresh", "addTable", "updateTable", "deleteTable"}


def apply(ss: Spreadsheet, user: str, body: dict) -> tuple[Spreadsheet, dict]:
    """Apply body["requests"] to a copy; the caller keeps the copy only if nothing failed."""
    if not body.get("requests"):
        raise invalid("Must specify at least one request.")
    work = copy.deepcopy(ss)
    replies = []
    for i, req in enumerate(body.get("requests") or []):
        kinds = [k for k, v in req.items() if v is not None]
        if len(kinds) != 1:
            raise invalid(f"Invalid requests[{i}]: exactly one request kind must be set.")
        kind = kinds[0]
        handler = _HANDLERS.get(kind)
        if handler is None:
            if kind in GOOGLE_KINDS:
                raise unimplemented(f"requests[{i}].{kind}")
            msg = f'Invalid JSON payload received. Unknown name "{kind}" at \'requests[{i}]\': Cannot find field.'
            raise ApiError(400, msg, "INVALID_ARGUMENT",
                           [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                             "fieldViolations": [{"field": f"requests[{i}]", "description": msg}]}])
        try:
            replies.append(handler(work, user, req[kind]) or {})
        except ApiError as e:
            if e.code == 400 and not e.message.startswith(("Invalid requests", "You are trying")):
                e.message = f"Invalid requests[{i}].{kind}: {e.message}"
            raise
    work.touch()
    out = {"spreadsheetId": ss.id, "replies": replies}
    if str(body.get("includeSpreadsheetInResponse")).lower() == "true":
        out["updatedSpreadsheet"] = work.metadata(user)
    return work, out


def _add_sheet(ss, user, r):
    p = r.get("properties") or {}
    grid = p.get("gridProperties") or {}
    sh = ss.add_sheet(p.get("title") or f"Sheet{len(ss.sheets) + 1}", grid.get("rowCount", 1000),
                      grid.get("columnCount", 26), p.get("sheetId"), p.get("index"))
    sh.frozen_rows = grid.get("frozenRowCount", 0)
    sh.frozen_cols = grid.get("frozenColumnCount", 0)
    return {"addSheet": {"properties": sh.properties()}}


def _delete_sheet(ss, user, r):
    sh = ss.by_id(r.get("sheetId", 0))
    if len(ss.sheets) == 1:
        raise invalid("You can't remove all the sheets in a document.")
    ss.sheets.remove(sh)
    ss.protected = [p for p in ss.protected if p["range"].get("sheetId", 0) != sh.sheet_id]
    ss.reindex()


def _update_sheet_properties(ss, user, r):
    p = r.get("properties") or {}
    sh = ss.by_id(p.get("sheetId", 0))
    cur = sh.properties()
    fields = r.get("fields")
    if not fields:
        raise invalid("At least one field must be updated.")
    fieldmask.copy_paths(p, cur, fieldmask.parse(fields))
    grid = cur.get("gridProperties", {})
    if cur.get("title") and cur["title"] != sh.title:
        if any(s.title.lower() == cur["title"].lower() for s in ss.sheets if s is not sh):
            raise invalid(f'A sheet with the name "{cur["title"]}" already exists. Please enter another name.')
        sh.title = cur["title"]
    sh.row_count = grid.get("rowCount", sh.row_count)
    sh.col_count = grid.get("columnCount", sh.col_count)
    sh.frozen_rows = grid.get("frozenRowCount", 0)
    sh.frozen_cols = grid.get("frozenColumnCount", 0)
    sh.truncate_to_grid()
    if "index" in cur and cur["index"] != sh.index:
        ss.sheets.remove(sh)
        ss.sheets.insert(min(cur["index"], len(ss.sheets)), sh)
        ss.reindex()


def _update_spreadsheet_properties(ss, user, r):
    p, fields = r.get("properties") or {}, fieldmask.parse(r.get("fields") or "")
    cur = {"title": ss.title, "locale": ss.locale, "timeZone": ss.time_zone}
    fieldmask.copy_paths(p, cur, fields)
    ss.title, ss.locale, ss.time_zone = cur.get("title", ss.title), cur.get("locale", ss.locale), \
        cur.get("timeZone", ss.time_zone)


def _cells(ss, user, gr):
    sh, (r0, c0, r1, c1) = ss.grid_range(gr or {})
    ss.check_box(user, sh, r0, c0, r1, c1)
    return sh, [(r, c) for r in range(r0, r1) for c in range(c0, c1)]


def _set_data_validation(ss, user, r):
    sh, cells = _cells(ss, user, r.get("range"))
    rule = r.get("rule")
    if rule:
        cond = rule.get("condition") or {}
        if cond.get("type") == "ONE_OF_LIST" and not cond.get("values"):
            raise invalid("ONE_OF_LIST condition requires at least one value.")
    for rr, cc in cells:
        if rule:
            sh.cell_for_write(rr, cc)["dataValidation"] = copy.deepcopy(rule)
        elif sh.get(rr, cc):
            sh.get(rr, cc).pop("dataValidation", None)


def _repeat_cell(ss, user, r):
    sh, cells = _cells(ss, user, r.get("range"))
    src = r.get("cell") or {}
    if "userEnteredValue" in src:
        raise unimplemented("repeatCell with userEnteredValue")
    paths = fieldmask.parse(r.get("fields") or "")
    if not paths:
        raise invalid("At least one field must be updated.")
    for rr, cc in cells:
        cell = sh.cell_for_write(rr, cc)
        fieldmask.copy_paths(copy.deepcopy(src), cell, paths)
        _add_color_styles(cell)
        if not cell.get("userEnteredFormat", True):
            cell.pop("userEnteredFormat")


def _add_color_styles(cell: dict) -> None:
    """Google mirrors every colour into its *ColorStyle twin (rgbColor) when storing a format."""
    fmt = cell.get("userEnteredFormat") or {}
    if "backgroundColor" in fmt:
        fmt.setdefault("backgroundColorStyle", {"rgbColor": fmt["backgroundColor"]})
    tf = fmt.get("textFormat") or {}
    if "foregroundColor" in tf:
        tf.setdefault("foregroundColorStyle", {"rgbColor": tf["foregroundColor"]})


def _protected_range(ss, user, pr, *, new: bool) -> dict:
    gr = dict(pr.get("range") or {})
    gr.setdefault("sheetId", 0)
    ss.by_id(gr["sheetId"])
    users = list((pr.get("editors") or {}).get("users") or [])
    if pr.get("warningOnly") and users:
        raise invalid("ProtectedRange is warningOnly. Editors cannot be set on it.")
    out = {"protectedRangeId": pr.get("protectedRangeId") or random.randrange(1, 2**31 - 1),
           "range": gr}
    for k in ("description", "warningOnly", "namedRangeId"):
        if pr.get(k):
            out[k] = pr[k]
    if pr.get("unprotectedRanges"):
        out["unprotectedRanges"] = [dict(u, sheetId=u.get("sheetId", gr["sheetId"]))
                                    for u in pr["unprotectedRanges"]]
    if not pr.get("warningOnly"):
        # The account that protects a range stays one of its editors, as in Sheets.
        out["editors"] = {"users": users + ([user] if new and user not in users else [])}
    return out


def _add_protected_range(ss, user, r):
    pr = r.get("protectedRange") or {}
    stored = _protected_range(ss, user, pr, new=True)
    ss.protected.append(stored)
    reply = {k: v for k, v in copy.deepcopy(stored).items()}
    reply["range"] = out_range(reply["range"])
    reply["requestingUserCanEdit"] = True
    # Google echoes the editors as sent (empty lists dropped), not the stored list.
    sent = {k: v for k, v in ((pr.get("editors") or {}).items()) if v}
    if not pr.get("warningOnly"):
        reply["editors"] = sent
    return {"addProtectedRange": {"protectedRange": reply}}


def _find_protected(ss, user, pid):
    pr = next((p for p in ss.protected if p["protectedRangeId"] == pid), None)
    if pr is None:
        raise invalid(f"No protected range with id: {pid}")
    if ss.role(user) != "owner" and not pr.get("warningOnly") and \
            user not in pr.get("editors", {}).get("users", []):
        raise protected_cell()
    return pr


def _update_protected_range(ss, user, r):
    pr_in = r.get("protectedRange") or {}
    pr = _find_protected(ss, user, pr_in.get("protectedRangeId"))
    fields = fieldmask.parse(r.get("fields") or "")
    if not fields:
        raise invalid("At least one field must be updated.")
    fieldmask.copy_paths(copy.deepcopy(pr_in), pr, fields)
    pr["range"].setdefault("sheetId", 0)


def _delete_protected_range(ss, user, r):
    pr = _find_protected(ss, user, r.get("protectedRangeId"))
    ss.protected.remove(pr)


def _dimension_range(ss, r):
    sh = ss.by_id(r.get("sheetId", 0))
    dim = r.get("dimension")
    if dim not in ("ROWS", "COLUMNS"):
        raise invalid("Dimension must be ROWS or COLUMNS.")
    limit = sh.row_count if dim == "ROWS" else sh.col_count
    start, end = r.get("startIndex", 0), r.get("endIndex", limit)
    return sh, dim, start, end, limit


def _insert_dimension(ss, user, r):
    sh, dim, start, end, limit = _dimension_range(ss, r.get("range") or {})
    if start > limit:
        raise invalid(f"Cannot insert {dim.lower()} at index {start}: the grid has only {limit}.")
    sh.insert(dim, start, end - start)
    ss.shift_protected(sh.sheet_id, dim, start, end - start)


def _delete_dimension(ss, user, r):
    sh, dim, start, end, limit = _dimension_range(ss, r.get("range") or {})
    end = min(end, limit)
    if dim == "ROWS":
        ss.check_box(user, sh, start, 0, end, sh.col_count)
    else:
        ss.check_box(user, sh, 0, start, sh.row_count, end)
    if end - start >= limit:
        raise invalid("You can't delete all the rows on the sheet." if dim == "ROWS"
                      else "You can't delete all the columns on the sheet.")
    sh.delete(dim, start, end)
    ss.shift_protected(sh.sheet_id, dim, start, start - end)


def _append_dimension(ss, user, r):
    sh = ss.by_id(r.get("sheetId", 0))
    if r.get("dimension") == "ROWS":
        sh.row_count += r.get("length", 0)
    else:
        sh.col_count += r.get("length", 0)


def _update_dimension_properties(ss, user, r):
    sh, dim, start, end, _ = _dimension_range(ss, r.get("range") or {})
    paths = fieldmask.parse(r.get("fields") or "")
    for i in range(start, end):
        props = sh.dimension_props.setdefault((dim, i), {})
        fieldmask.copy_paths(r.get("properties") or {}, props, paths)


def _auto_resize(ss, user, r):
    _dimension_range(ss, r.get("dimensions") or {})     # validates; widths are not modelled


def _set_basic_filter(ss, user, r):
    f = copy.deepcopy(r.get("filter") or {})
    sh = ss.by_id((f.get("range") or {}).get("sheetId", 0))
    f["range"] = out_range(f.get("range") or {})
    sh.basic_filter = f          # stored and reported; rows are never hidden by the stand-in


def _clear_basic_filter(ss, user, r):
    ss.by_id(r.get("sheetId", 0)).basic_filter = None


_HANDLERS = {
    "setBasicFilter": _set_basic_filter, "clearBasicFilter": _clear_basic_filter,
    "addSheet": _add_sheet, "deleteSheet": _delete_sheet,
    "updateSheetProperties": _update_sheet_properties,
    "updateSpreadsheetProperties": _update_spreadsheet_properties,
    "setDataValidation": _set_data_validation, "repeatCell": _repeat_cell,
    "addProtectedRange": _add_protected_range, "updateProtectedRange": _update_protected_range,
    "deleteProtectedRange": _delete_protected_range,
    "insertDimension": _insert_dimension, "deleteDimension": _delete_dimension,
    "appendDimension": _append_dimension,
    "updateDimensionProperties": _update_dimension_properties,
    "autoResizeDimensions": _auto_resize,
}
