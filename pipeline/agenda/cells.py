"""Cell and row helpers both agenda backends share: cell-safe text, the header row, the key index.

Both backends find the header row as the first of the top rows that holds `No. Agenda`
(people sometimes put a title above it) and rows by their No. Agenda, the first of
duplicated rows (copy-paste) winning. Rows and columns here are 0-based positions in
what was read; each backend maps them onto its own addressing.
"""
from __future__ import annotations

import re
from itertools import islice
from typing import Iterable, Sequence

from pipeline.agenda.base import KEY

MAX_CELL_CHARS = 32767  # Excel's limit; longer text would make the file unreadable there
HEADER_SEARCH_ROWS = 10  # people sometimes put a title above the header row
# Everything XML 1.0 forbids (its `Char` production's complement): C0 controls but tab and
# line breaks, lone surrogates, U+FFFE and U+FFFF. One such character in a text layer made
# the workbook unsavable, and with it every later agenda write.
XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: object) -> str:
    """Cell-safe text: nothing XML 1.0 forbids (xlsx is XML), within Excel's length limit."""
    text = "" if value is None else str(value)
    text = XML_FORBIDDEN.sub("", text).strip()
    return text[:MAX_CELL_CHARS]


def find_header(rows: Iterable[Sequence[str]]) -> tuple[int | None, dict[str, int]]:
    """The header row among the first rows (the first holding 'No. Agenda') and {header: column}."""
    for r, row in enumerate(islice(rows, HEADER_SEARCH_ROWS)):
        headers: dict[str, int] = {}
        for c, name in enumerate(row):
            if name and name not in headers:
                headers[name] = c
        if KEY in headers:
            return r, headers
    return None, {}


def key_index(keys: Iterable[str], start: int = 0) -> dict[str, int]:
    """{No. Agenda: row} from the key cells in row order (the first at row `start`)."""
    index: dict[str, int] = {}
    for r, key in enumerate(keys, start):
        if key and key not in index:  # a duplicated row (copy-paste): the first one wins
            index[key] = r
    return index
