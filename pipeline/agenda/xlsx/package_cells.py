"""The cells of an xlsx package as its sheets' XML holds them, read the way openpyxl reads them.

`cached_values` compares the workbook before and after a pipeline save with these, and
needs what openpyxl never keeps: each formula's stored result. Trees are parsed whole (lxml,
in C); Python touches a cell only to read it once.
"""
from __future__ import annotations

import math
import posixpath
import re
from functools import lru_cache
from typing import Any, Iterator, NamedTuple
from zipfile import ZipFile

from lxml import etree
from openpyxl.formula.tokenizer import TokenizerError
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.utils.cell import column_index_from_string, get_column_letter

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C, F, V, IS, T, R, ROW, SI, SHEET = (f"{{{NS}}}{n}" for n in ("c", "f", "v", "is", "t", "r", "row", "si", "sheet"))
IS_T, NS_SHEET_DATA = f"{IS}/{T}", f"{{{NS}}}sheetData"
_FORMULA_CELLS = f"{NS_SHEET_DATA}/{ROW}/{C}[{F}]"  # ElementPath: lxml caches it, threads may share it
_UNNUMBERED = "boolean(m:sheetData/m:row[not(@r)] | m:sheetData/m:row/m:c[not(@r)])"
# Result types a cached value may carry back: number, text, boolean, error, ISO date.
RESULT_TYPES = frozenset({"n", "str", "b", "e", "d"})

Value = tuple[str, Any]  # ("n", 1.0), ("s", "text"), ("b", True), ("e", "#N/A"), ("f", formula key), ...
Pos = tuple[int, int]  # (row, column)


def parts(z: ZipFile) -> tuple[dict[str, str], str | None]:
    """{sheet name: part} of the worksheets in workbook order, and the shared strings part."""
    main = next((r.get("Target", "") for r in _xml(z, "_rels/.rels") if r.get("Type", "").endswith("/officeDocument")),
                None)
    if main is None:
        raise KeyError("officeDocument")
    main = main.lstrip("/")
    base = posixpath.dirname(main)
    rels = {r.get("Id"): (r.get("Type", ""), _resolve(base, r.get("Target", "")))
            for r in _xml(z, posixpath.join(base, "_rels", posixpath.basename(main) + ".rels"))}
    sheets: dict[str, str] = {}
    for s in _xml(z, main).iter(SHEET):
        kind, target = rels.get(s.get(f"{{{R_NS}}}id"), ("", ""))
        if kind.endswith("/worksheet"):  # not chartsheets
            sheets[s.get("name", "")] = target
    strings = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
    return sheets, strings


def _xml(z: ZipFile, part: str) -> etree._Element:
    # The file being replaced came from people's office programs: no entities, no network.
    # (A parser per call: lxml parsers must not be shared between threads.)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(z.read(part), parser)


def _resolve(base: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))


class Book:
    """One package's worksheets, parsed: trees and formula cells by casefolded sheet name."""

    def __init__(self, roots: dict[str, etree._Element], strings: list[str]) -> None:
        self.roots, self.strings = roots, strings
        self.formulas = {sheet: _formula_cells(root, strings) for sheet, root in roots.items()}

    @classmethod
    def parse(cls, sheets: dict[str, bytes]) -> "Book":
        """A package openpyxl just wrote (inline strings only), from its sheets' XML by name."""
        parser = etree.XMLParser(huge_tree=True)
        return cls({name.casefold(): etree.fromstring(data, parser) for name, data in sheets.items()}, [])

    @classmethod
    def read(cls, z: ZipFile) -> "Book":
        """A package as people's office programs saved it."""
        sheets, strings_part = parts(z)
        strings: list[str] = []
        if strings_part in z.namelist():
            with z.open(strings_part) as fh:
                for _, el in etree.iterparse(fh, tag=SI, resolve_entities=False, huge_tree=True):
                    strings.append(_text(el))
                    el.clear()
        roots = {name.casefold(): _numbered(_xml(z, part)) for name, part in sheets.items()}
        return cls(roots, strings)

    def values(self, sheet: str, columns: set[int] | None) -> dict[str, Value]:
        """{cell reference: value} of the sheet's non-empty cells (in `columns` only, if given)."""
        root = self.roots.get(sheet)
        if root is None:
            return {}
        formulas, out = self.formulas[sheet], {}
        cells = root.iter(C) if columns is None else cells_in(root, columns)
        for c in cells:
            ref = c.get("r")
            if ref in formulas:
                out[ref] = ("f", formulas[ref].key)
                continue
            value = _value(c, self.strings)
            if value is not None:
                out[ref] = value
        return out


class FormulaCell(NamedTuple):
    key: tuple[str, ...] | None  # the formula as openpyxl loads it; None: a data table
    result: tuple[str, str] | None  # the cached (<v> text, t), if any
    element: etree._Element


def _formula_cells(root: etree._Element, strings: list[str]) -> dict[str, FormulaCell]:
    """The sheet's formula cells in sheet order, read the way openpyxl reads them (shared
    formulas translated to each cell), so the text here equals what openpyxl loads and saves."""
    shared: dict[str | None, Translator] = {}
    out = {}
    for c in root.iterfind(_FORMULA_CELLS):
        ref = c.get("r")
        key = _formula_key(c.find(F), ref, shared)
        out[ref] = FormulaCell(key, _result(c.get("t", "n"), c.findtext(V), strings), c)
    return out


def _formula_key(f: etree._Element, ref: str, shared: dict[str | None, Translator]) -> tuple[str, ...] | None:
    kind, text = f.get("t", "normal"), "=" + (f.text or "")
    if kind == "array":
        return ("array", f.get("ref", ""), text)
    if kind == "shared":  # openpyxl writes each cell of a shared formula as its own formula
        si = f.get("si")
        try:
            if si in shared:
                return ("normal", shared[si].translate_formula(ref))
            if text != "=":
                shared[si] = Translator(text, ref)
        except (TokenizerError, TranslatorError, ValueError):
            return None
        return ("normal", text)
    return ("normal", text) if kind == "normal" else None  # a data table: never given a value


def _result(t: str, v: str | None, strings: list[str]) -> tuple[str, str] | None:
    if v is None:
        return None
    if t == "s":  # a result in the old shared strings: carried as plain text
        try:
            return (strings[int(v)], "str")
        except (ValueError, IndexError):
            return None
    return (v, t) if t in RESULT_TYPES else None


def _value(c: etree._Element, strings: list[str]) -> Value | None:
    t = c.get("t", "n")
    if t == "inlineStr":
        text = c.findtext(IS_T)
        if text is None:  # rich text: runs
            node = c.find(IS)
            text = _text(node) if node is not None else ""
        return ("s", text) if text else None
    v = c.findtext(V)
    if not v:
        return None
    try:
        if t == "n":
            return ("n", float(v))
        if t == "s":
            text = strings[int(v)]
            return ("s", text) if text else None
    except (ValueError, IndexError):
        return ("?", v)
    if t == "str":
        return ("s", v)
    if t == "b":
        return ("b", v.strip() in ("1", "true"))
    return (t, v)


def _numbered(root: etree._Element) -> etree._Element:
    """Give rows and cells saved without a reference theirs, counted as openpyxl counts them."""
    if not root.xpath(_UNNUMBERED, namespaces={"m": NS}):
        return root
    row_no = 0
    for row in root.iter(ROW):
        r = row.get("r")
        row_no = int(r) if r else row_no + 1
        col = 0
        for c in row.iterchildren(C):
            ref = c.get("r")
            col = position(ref)[1] if ref else col + 1
            if not ref:
                c.set("r", f"{get_column_letter(col)}{row_no}")
    return root


def cells_in(root: etree._Element, columns: set[int]) -> Iterator[etree._Element]:
    names = {get_column_letter(col) for col in columns}  # "S12" is in column "S"
    return (c for c in root.iter(C) if c.get("r", "").rstrip("0123456789").upper() in names)


_COORDINATE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


@lru_cache(maxsize=1 << 14)
def _column(letters: str) -> int:
    return column_index_from_string(letters.upper())


def position(ref: str) -> Pos:
    m = _COORDINATE.fullmatch(ref)
    if m is None:
        raise ValueError(f"bad cell reference {ref!r}")
    return int(m[2]), _column(m[1])


def _text(node: etree._Element) -> str:
    """A shared or inline string's text: its <t>, or its runs' <t>s (not phonetic hints)."""
    parts = []
    for child in node:
        if child.tag == T:
            parts.append(child.text or "")
        elif child.tag == R:
            parts.append(child.findtext(T) or "")
    return "".join(parts)


def same(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return a is b
    if a[0] != b[0]:
        return False
    if a[0] == "n":  # a date read as a datetime and written back may move in the last digit
        return math.isclose(a[1], b[1], rel_tol=1e-12)
    if a[0] == "f":
        return a[1] is not None and a[1] == b[1]
    return a[1] == b[1]
