"""Rows read from line geometry: "Label : value" lists, table rows and attached pages.

A reader often returns one row of a list or table as separate lines (the label cell, the
value cell), and a value wrapped in its cell as a line of its own under the value column.
Put back together, each row reads as one statement, so the body's rules (NPWP, NIB, deed,
Dewan Pers, editor, UKW, website) find values that are stated only in a list, a table or
on a "LAMPIRAN" page.
"""
from __future__ import annotations

from dataclasses import replace

import re

from typing import Optional

from pipeline.core.models import Line
from pipeline.extract.found import Found
from pipeline.extract.rules import alternation, rx
from pipeline.extract.text import Text
from pipeline.extract.zones import page_scale

# Geometry, as fractions of the page. (They belong in config/extraction.yaml once its schema,
# pipeline.core.settings.extraction, has a section for them.)
SAME_ROW_DY = 0.004   # cells of one row: baselines this close
WRAP_DY = 0.022       # a value wrapped in its cell: the next line, at most this far below
WRAP_DX = 0.03        # ... starting this close to the row's value column
CELL_GAP_HEIGHTS = 1.5  # a space this many text heights wide parts a table's cells, not words
LABEL_MAX_WORDS = 6     # a list's label cell ("11. Redaktur Pelaksana"), not a line of prose


def _value_x(row: Line) -> float | None:
    """Where a row's value column starts (page fraction): the word after the ':' separator."""
    scale = page_scale(row)
    if scale is None:
        return None
    for i, w in enumerate(row.words):
        if w.text.startswith(":") or w.text.endswith(":"):
            rest = row.words[i:] if w.text.strip(":") else row.words[i + 1:]
            if rest:
                return rest[0].left * scale
    # a table row without a separator: its value cell starts after the first gap between cells
    cut = _cell_break(row)
    return row.words[cut].left * scale if cut is not None else None


def _cell_break(row: Line) -> Optional[int]:
    """Index of the first word after a gap between cells (wider than a word space), if any."""
    for i, (a, b) in enumerate(zip(row.words, row.words[1:])):
        if a.width > 0 and b.left - (a.left + a.width) > CELL_GAP_HEIGHTS * max(a.height, b.height, 1e-9):
            return i + 1
    return None


def first_cell(row: Line) -> Optional[str]:
    """The text of a table row's first cell, when a gap between cells parts it from the rest."""
    cut = _cell_break(row)
    return " ".join(w.text for w in row.words[:cut]) if cut is not None else None


def _same_row(a: Line, b: Line) -> bool:
    return a.page == b.page and abs(a.y - b.y) <= SAME_ROW_DY and b.x != a.x


def _continues(row: Line, line: Line, last_y: float) -> bool:
    """A line wrapped inside the value cell of `row`: just below its last line (`last_y`: a
    value may wrap over several), starting at its value column."""
    vx = _value_x(row)
    if vx is None or line.page != row.page or not line.words or line.words[0].text.startswith(":"):
        return False
    dy = line.y - last_y
    return 0 < dy <= WRAP_DY and abs(line.x - vx) <= WRAP_DX


def _label_cell(out: list[Line], value: Line, cells: dict[int, int]) -> Optional[Line]:
    """The label cell of a value cell (": 0911 6583 8012 1000") read far from it: a reader
    may give a list's label column as one block and its value column as the next, so the
    label on the value's baseline, left of it and still without a value, stands many rows back."""
    return next((r for r in reversed(out) if _same_row(r, value) and r.x < value.x and cells.get(id(r), 1) < 2
                 and ":" not in r.text), None)


def _waiting_label(out: list[Line], value: Line, cells: dict[int, int]) -> Optional[Line]:
    """A short label cell on the baseline of a value cell whose ':' the scan lost ("5. Telepon"
    beside "(0431) 862315"): that value is this row's, not the row above's wrapped on."""
    label = _label_cell(out, value, cells)
    if label is None or len(label.words) > LABEL_MAX_WORDS or not label.words:
        return None
    right = max(w.left + w.width for w in label.words)
    return label if right <= value.words[0].left else None


def _separator_at(line: Line) -> int:
    """How many words stand before a row's lone ':' separator (0: none, or it starts the line)."""
    return next((i for i, w in enumerate(line.words) if w.text == ":"), 0)


def _label_goes_on(row: Line, line: Line, label_words: int) -> bool:
    """A line just under a row's label, in its column, carrying on a label left open ("... /")."""
    if not label_words or line.page != row.page or ":" in line.text:
        return False
    label = " ".join(w.text for w in row.words[:label_words])
    return (label.rstrip().endswith(("/", "&", "-", ",")) and abs(line.x - row.x) <= WRAP_DX
            and 0 < line.y - row.y <= WRAP_DY and len(line.words) <= 4)


def rows(lines: list[Line]) -> list[Line]:
    """Lines merged into rows: cells of one row joined left to right, wrapped values appended."""
    out: list[Line] = []
    cells: dict[int, int] = {}
    bottom: dict[int, float] = {}  # per row, the y of its last wrapped line
    joined: Optional[Line] = None  # the row last given a value cell (its value may wrap)
    label_words = 0  # ... how many words its label has (0: its label may no longer wrap)
    for line in lines:
        if not line.words:
            continue
        # only the last few rows can be the same row or the one wrapped; a side band interleaves
        recent = out[-6:]
        # a row is a label and its value: a third cell on that baseline is another column
        # (a side band letterhead), not part of the value
        host = next((r for r in reversed(recent) if _same_row(r, line) and cells.get(id(r), 1) < 2), None)
        if host is None and line.words[0].text.startswith(":"):
            host = _label_cell(out, line, cells)
        if host is not None:
            # a photo's reader may give a list's value column before its labels: left to right
            label_words = len(host.words) if line.x > host.x else len(line.words)
            host.words = host.words + line.words if line.x > host.x else line.words + host.words
            host.x = min(host.x, line.x)
            cells[id(host)] = 2
            joined = host
            continue
        if joined is not None and _label_goes_on(joined, line, label_words):
            # "Penanggung Jawab /" over "Pemimpin Redaksi": the label wrapped in its cell
            joined.words = joined.words[:label_words] + line.words + joined.words[label_words:]
            label_words = 0
            continue
        candidates = recent + ([joined] if joined is not None and joined not in recent else [])
        host = next((r for r in reversed(candidates) if _continues(r, line, bottom.get(id(r), r.y))), None)
        label = _waiting_label(out, line, cells) if host is not None else None
        if label is not None:
            label.words = label.words + line.words
            cells[id(label)] = 2
            joined, label_words = label, 0
            continue
        if host is not None:
            host.words = host.words + line.words
            bottom[id(host)] = line.y
            continue
        out.append(replace(line, words=list(line.words)))  # keeps which engine read it
        sep = _separator_at(line)
        if sep:
            # a text layer gives "Penanggung Jawab / : Nama" as one line: its label may wrap too
            joined, label_words = out[-1], sep
    return out


def document_rows(lines: list[Line]) -> Text:
    """Every row of the document as one text, one row per line; a row ends a sentence."""
    return Text.build(rows(lines), joiner="\n")


def stated_rows(lines: list[Line]) -> Text:
    """The rows that state a value ("NPWP : …", "NIB 9120…"), not a bare list of items.

    A list of enclosed documents ("4. Sertifikat UKW Pemimpin Redaksi") names a field
    without stating it, so it is no trace of a value the reader missed.
    """
    kept = [r for r in rows(lines) if _states_value(r.text)]
    return Text.build(kept, joiner="\n")


def _states_value(text: str) -> bool:
    rest = re.sub(r"^\s*\d{1,2}[.)]\s*", "", text)
    return ":" in rest or any(c.isdigit() for c in rest)


def labelled(t: Text, labels: list[str]) -> Optional[Found]:
    """The value of the first row of `t` (see document_rows) that starts with one of `labels`
    ("2. Nama Media : Koran X", or a table row "Nama Media  Koran X")."""
    # a label may name itself twice ("Nama Media/Brand", "Alamat / Address"): the value is after both
    # a row may be numbered "2.", "2)" or, in a table's first column, "2", or bulleted "- ", "• "
    row = rx(r"^[^\S\n]*(?:\d{1,2}(?:[.)][^\S\n]*|[^\S\n]+)|[-•·*][^\S\n]*)?(?:" + alternation(labels) + r")(?:[^\S\n]*/[^\S\n]*[A-Za-z]+)?"
             r"[^\S\n]*:?[^\S\n]*(?P<v>[^\n]*?)[\s:;,]*$", re.M | re.I)
    for m in row.finditer(t.s):
        if m.group("v").strip(" :"):
            return t.found(m.group("v").strip(" :"), m.start("v"), m.end("v"), "daftar")
    return None
