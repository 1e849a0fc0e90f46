"""Cell values: how an input is stored (RAW vs USER_ENTERED) and how a stored cell renders.

A stored cell is a dict shaped like Google's CellData: "userEnteredValue" ({"stringValue"|
"numberValue"|"boolValue"|"formulaValue": ...}), optional "userEnteredFormat",
"dataValidation". Effective and formatted values are derived on read.
Only the en_US conventions are modelled (decimal point, M/D/YYYY dates).
"""
from __future__ import annotations

import datetime as dt
import math
import re

from .errors import invalid

_NUMBER = re.compile(r"^([+-]?)\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_EPOCH = dt.date(1899, 12, 30)       # Sheets' serial-number day zero
_HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$',
                        re.IGNORECASE)
_STRING_LIT = re.compile(r'^=\s*"((?:[^"]|"")*)"\s*$')
_NUMBER_LIT = re.compile(r"^=\s*([+-]?\d+(?:\.\d+)?)\s*$")


def is_text_format(cell: dict | None) -> bool:
    nf = ((cell or {}).get("userEnteredFormat") or {}).get("numberFormat") or {}
    return nf.get("type") == "TEXT"


def _date_serial(y: int, m: int, d: int) -> int | None:
    try:
        return (dt.date(y, m, d) - _EPOCH).days
    except ValueError:
        return None


def parse_input(value, user_entered: bool, text_formatted: bool = False, where: str = "values"):
    """-> (userEnteredValue or None for an empty cell, number format to apply or None)."""
    if isinstance(value, bool):
        return {"boolValue": value}, None
    if isinstance(value, (int, float)):
        return {"numberValue": value}, None
    if isinstance(value, (list, dict)):
        raise invalid(f"Invalid {where}: {type(value).__name__}_value", field=where)
    s = str(value)
    if s == "":
        return None, None      # Google stores "" as an empty cell (trimmed on read)
    if not user_entered or text_formatted:
        return {"stringValue": s}, None      # RAW: "=x", "0123", "TRUE" all stay text
    if s.startswith("'"):
        return {"stringValue": s[1:]}, None  # the apostrophe forces text, as in the browser
    if s.startswith("=") and len(s) > 1:
        return {"formulaValue": s}, None
    if s.upper() in ("TRUE", "FALSE"):
        return {"boolValue": s.upper() == "TRUE"}, None
    m = _NUMBER.match(s.strip())
    if m:
        sign, digits, exp, pct = m.groups()
        n = float(digits.replace(",", "")) * (10 ** int(exp) if exp else 1)
        n = -n if sign == "-" else n
        fmt = None
        if pct:
            n, fmt = n / 100, {"type": "PERCENT", "pattern": "0%" if n % 100 == 0 else "0.00%"}
        elif "$" in s:
            fmt = {"type": "CURRENCY", "pattern": '"$"#,##0.00'}
        return {"numberValue": int(n) if n.is_integer() and abs(n) < 2**53 else n}, fmt
    m = _ISO_DATE.match(s)
    if m and (serial := _date_serial(*map(int, m.groups()))) is not None:
        return {"numberValue": serial}, {"type": "DATE", "pattern": "yyyy-mm-dd"}
    m = _US_DATE.match(s)
    if m:
        mo, d, y = map(int, m.groups())
        if (serial := _date_serial(y, mo, d)) is not None:
            return {"numberValue": serial}, {"type": "DATE", "pattern": "M/d/yyyy"}
    return {"stringValue": s}, None


def effective(cell: dict | None) -> dict | None:
    """effectiveValue: the formula's result for the few formulas evaluated here, else the input."""
    uev = (cell or {}).get("userEnteredValue")
    if not uev or "formulaValue" not in uev:
        return uev
    f = uev["formulaValue"]
    if m := _HYPERLINK.match(f):
        return {"stringValue": (m.group(2) if m.group(2) is not None else m.group(1)).replace('""', '"')}
    if m := _STRING_LIT.match(f):
        return {"stringValue": m.group(1).replace('""', '"')}
    if m := _NUMBER_LIT.match(f):
        n = float(m.group(1))
        return {"numberValue": int(n) if n.is_integer() else n}
    # Not evaluated by the stand-in: shown as an error, never as a made-up value.
    return {"errorValue": {"type": "ERROR", "message": "Formula not evaluated by the stand-in."}}


def _general_number(n: float) -> str:
    """Sheets' automatic number format: integers as is, up to 10 decimals, else 1.23457E+16."""
    if float(n).is_integer() and abs(n) < 1e15:
        return str(int(n))
    if abs(n) >= 1e15 or abs(n) < 1e-10:
        mant, exp = f"{n:.5E}".split("E")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    return f"{n:.10f}".rstrip("0").rstrip(".")


def _date_text(serial: float, pattern: str) -> str:
    d = _EPOCH + dt.timedelta(days=math.floor(serial))
    out, i, p = [], 0, pattern
    tokens = [("yyyy", f"{d.year:04d}"), ("yy", f"{d.year % 100:02d}"),
              ("mmmm", d.strftime("%B")), ("mmm", d.strftime("%b")),
              ("mm", f"{d.month:02d}"), ("m", str(d.month)), ("dd", f"{d.day:02d}"), ("d", str(d.day))]
    while i < len(p):
        for tok, val in tokens:
            if p[i:i + len(tok)].lower() == tok:
                out.append(val)
                i += len(tok)
                break
        else:
            out.append(p[i])
            i += 1
    return "".join(out)


def _number_text(n: float, nf: dict | None) -> str:
    t = (nf or {}).get("type")
    pat = (nf or {}).get("pattern", "")
    if t in ("DATE", "DATE_TIME") and pat:
        return _date_text(n, pat)
    if t == "PERCENT":
        decimals = len(pat.split(".")[1].rstrip("%")) if "." in pat else 0
        return f"{n * 100:.{decimals}f}%"
    if t in ("NUMBER", "CURRENCY") and pat:
        decimals = len(pat.split(".")[1]) if "." in pat else 0
        body = f"{abs(n):,.{decimals}f}" if "," in pat else f"{abs(n):.{decimals}f}"
        prefix = "$" if "$" in pat else ""
        return ("-" if n < 0 else "") + prefix + body
    return _general_number(n)


def formatted(cell: dict | None) -> str:
    ev = effective(cell)
    if not ev:
        return ""
    if "stringValue" in ev:
        return ev["stringValue"]
    if "boolValue" in ev:
        return "TRUE" if ev["boolValue"] else "FALSE"
    if "errorValue" in ev:
        return "#ERROR!"
    nf = ((cell or {}).get("userEnteredFormat") or {}).get("numberFormat")
    return _number_text(ev["numberValue"], nf)


def render(cell: dict | None, option: str, date_option: str = "SERIAL_NUMBER"):
    """One value of a values.get answer for valueRenderOption `option`."""
    if option == "FORMATTED_VALUE":
        return formatted(cell)
    uev = (cell or {}).get("userEnteredValue") or {}
    if option == "FORMULA" and "formulaValue" in uev:
        return uev["formulaValue"]
    ev = effective(cell) or {}
    nf = ((cell or {}).get("userEnteredFormat") or {}).get("numberFormat") or {}
    if "numberValue" in ev:
        if date_option == "FORMATTED_STRING" and nf.get("type") in ("DATE", "DATE_TIME", "TIME"):
            return formatted(cell)
        return ev["numberValue"]
    if "boolValue" in ev:
        return ev["boolValue"]
    if "errorValue" in ev:
        return "#ERROR!"
    return ev.get("stringValue", "")


def has_value(cell: dict | None) -> bool:
    return bool(cell and cell.get("userEnteredValue"))


def cell_data(cell: dict | None) -> dict:
    """CellData as spreadsheets.get(includeGridData) shows it (keys only when present)."""
    if not cell:
        return {}
    out = {}
    if cell.get("userEnteredValue"):
        out["userEnteredValue"] = dict(cell["userEnteredValue"])
        out["effectiveValue"] = effective(cell)
        out["formattedValue"] = formatted(cell)
    for k in ("userEnteredFormat", "dataValidation", "note"):
        if cell.get(k):
            out[k] = cell[k]
    return out
