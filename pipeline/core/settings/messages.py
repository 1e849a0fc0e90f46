"""A pydantic validation error of a config file, said as one Indonesian line for the office."""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError

# pydantic error type -> what the value should have been.
SHOULD_BE = {
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
}
BOUNDS = {"greater_than": ("gt", "harus lebih dari"), "greater_than_equal": ("ge", "minimal"),
          "less_than": ("lt", "harus kurang dari"), "less_than_equal": ("le", "maksimal")}


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def shown(value: Any, limit: int = 60) -> str:
    text = one_line(repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def key_of(loc: tuple) -> str:
    """('google_sheets', 'roles', 'pejabat') -> 'google_sheets.roles.pejabat'."""
    return ".".join(str(p) for p in loc)


def reason(error: dict) -> str:
    """What is wrong with the value, e.g. "harus berupa angka, bukan 'lima'"."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "wajib diisi"
    if error.get("input", "") is None and kind in SHOULD_BE:
        return "tidak boleh kosong"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return one_line(ctx["error"])
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " atau ")
        return f"harus salah satu dari {expected}, bukan {shown(error.get('input'))}"
    if kind in BOUNDS:
        name, words = BOUNDS[kind]
        return f"{words} {ctx.get(name)}, bukan {shown(error.get('input'))}"
    if kind in SHOULD_BE:
        return f"{SHOULD_BE[kind]}, bukan {shown(error.get('input'))}"
    return f"tidak valid ({one_line(error.get('msg', kind))})"


def describe(exc: ValidationError, file_of: Any) -> str:
    """The first problem as one line; `file_of(loc)` names the file the key came from."""
    # An unknown key first: most often a typo, and the likely cause of the other problems.
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = tuple(first["loc"])
    where = file_of(loc)
    if first["type"] == "extra_forbidden":
        line = f"{where}: kunci '{key_of(loc)}' tidak dikenal"
    else:
        line = f"{where} tidak valid: kunci '{key_of(loc)}' {reason(first)}"
    if len(errors) > 1:
        line += f" (dan {len(errors) - 1} masalah lain)"
    return line
