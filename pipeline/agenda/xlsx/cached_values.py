"""Officials' formula results, kept through the pipeline's saves of the workbook.

openpyxl keeps a formula's text but stores no result (`<v>`) with it, so after a pipeline
save everything that reads values (a data_only load, the Evaluasi sheet, pandas, a phone
viewer) saw an empty cell until someone saved the file in an office program again.
`keep_cached_values` takes the package openpyxl wrote and puts back, for each formula whose
text is unchanged since the file was read, the result its office program stored, unless
that result may have changed with this write (`formula_deps`). The save stays one file
written whole: this runs on the bytes before they reach the temporary file.
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile, ZipInfo

from lxml import etree

from pipeline.agenda.xlsx.formula_deps import CellSet, Formula, Where, precedents, stale
from pipeline.agenda.xlsx.package_cells import F, V, Book, parts, position, same

_HAS_FORMULA = re.compile(rb"<f[\s>/]")
# Formulas reading this many columns or more: compare whole sheets rather than those columns.
WIDE = 12


def keep_cached_values(before: Path, package: bytes) -> bytes:
    """`package` (a workbook openpyxl just wrote over `before`) with the formula results of
    `before` put back where still true; `package` itself when there is nothing to keep or
    `before` cannot be read (then the office program computes the results on its next save)."""
    try:
        with ZipFile(BytesIO(package)) as new:
            names, _ = parts(new)
            xml = {name: new.read(part) for name, part in names.items()}
            if not any(_HAS_FORMULA.search(data) for data in xml.values()):
                return package
            with ZipFile(before) as old:
                was = Book.read(old)
            now = Book.parse(xml)
            touched = _restore(was, now)
            if not touched:
                return package
            return _rezip(new, {names[name]: etree.tostring(now.roots[name.casefold()], xml_declaration=True,
                                                            encoding="UTF-8", standalone=True)
                                for name in names if name.casefold() in touched})
    except (BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError):
        return package


# --- putting results back -----------------------------------------------------------------


def _restore(was: Book, now: Book) -> set[str]:
    """Put `was`'s results into `now`'s unchanged formulas that are still true; the sheets changed."""
    names = set(now.roots)
    formulas: list[Formula] = []
    every: list[Where] = []
    keep: dict[Where, tuple[etree._Element, tuple[str, str]]] = {}
    wanted: dict[str, set[int] | None] = {}  # per sheet, the columns formulas read (None: all)
    unknown = False
    for sheet in now.roots:
        old = was.formulas.get(sheet, {})
        for ref, cell in now.formulas[sheet].items():
            where = (sheet, *position(ref))
            every.append(where)
            before = old.get(ref)
            if cell.key is None or before is None or before.key != cell.key:
                continue  # a new or edited formula: its cell counts as changed below
            reads = precedents(cell.key[-1], sheet, names)
            formulas.append(Formula(where, reads))
            if before.result is not None:
                keep[where] = (cell.element, before.result)
            unknown |= reads is None
            for area in reads or ():
                _want(wanted, area)
    if not keep:
        return set()
    gone = stale(formulas, CellSet(_changed(was, now, None if unknown else wanted)), CellSet(every))
    touched: set[str] = set()
    for where, (c, (v, t)) in keep.items():
        if where not in gone:
            _put_result(c, v, t)
            touched.add(where[0])
    return touched


def _want(wanted: dict[str, set[int] | None], area: tuple[str, int, int, int, int]) -> None:
    sheet, _, _, c1, c2 = area
    if c2 - c1 >= WIDE:
        wanted[sheet] = None
    elif wanted.setdefault(sheet, set()) is not None:
        wanted[sheet].update(range(c1, c2 + 1))


def _changed(was: Book, now: Book, wanted: dict[str, set[int] | None] | None) -> list[Where]:
    """Cells whose content the write changed: all of them, or only in the `wanted` columns."""
    sheets = (set(was.roots) | set(now.roots)) if wanted is None else set(wanted)
    out: list[Where] = []
    for sheet in sheets:
        columns = None if wanted is None else wanted[sheet]
        before, after = was.values(sheet, columns), now.values(sheet, columns)
        out.extend((sheet, *position(ref)) for ref in before.keys() | after.keys()
                   if not same(before.get(ref), after.get(ref)))
    return out


def _put_result(c: etree._Element, v: str, t: str) -> None:
    if t != "n":
        c.set("t", t)
    node = c.find(V)
    if node is None:  # openpyxl writes an empty <v/> after <f>; in case it ever stops
        node = etree.Element(V)
        c.find(F).addnext(node)
    node.text = v


def _rezip(new: ZipFile, replaced: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with ZipFile(out, "w", ZIP_DEFLATED) as z:
        for info in new.infolist():
            copy = ZipInfo(info.filename, info.date_time)
            copy.compress_type, copy.external_attr = info.compress_type, info.external_attr
            z.writestr(copy, replaced.get(info.filename) or new.read(info.filename))
    return out.getvalue()
