"""What a letterhead line is: a contact line, the start of an address, a line of the same column.

Shared by the letterhead's fields (letterhead.py) and the brand rules (brand.py).
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.core.models import Line, words_box
from pipeline.extract.names import company_rx
from pipeline.extract.rules import alternation, pattern, rules, rx


def contact_rx() -> re.Pattern[str]:
    return rx(r"(?<!\w)" + alternation(rules()["contact_labels"]) + r"(?!\w)\s*[:.]?")


def is_contact(line: Line) -> bool:
    return bool(contact_rx().search(line.text) or pattern("email").search(line.text))


def address_label(text: str) -> Optional[re.Match]:
    lab = rx(r"^\W{0,3}" + alternation(rules()["address_labels"]) + r"\s*[:.]\s*").match(text)
    return lab if lab and len(text) > lab.end() + 5 else None


def marker_rx() -> re.Pattern[str]:
    return rx(r"(?<!\w)" + alternation(rules()["address_markers"]) + r"(?!\w)")


def address_start(text: str) -> Optional[int]:
    lab = address_label(text)
    if lab:
        return lab.end()
    # a company name may itself begin with an address word ("CV Graha ..."): look after it
    name = company_rx().search(text)
    skip = name.end() if name and name.start() <= 3 else 0
    # an address word ends no address: "Gema Desa" is a name
    # ("JI.", "Ji.", "J1." are "Jl." with the l read as I, i or 1; "J." lost it: misreads.py)
    m = rx(r"(?<![\w])(?:" + alternation(rules()["address_starts"]) + r"|(?-i:J[Ii1|]?)(?=\.))\b\.?(?=\s*\w)").search(text, skip)
    markers = marker_rx().findall(text, skip)
    # the word must open the address ("Jl. ...", a logo's "KI Jl. ... No. 4"), not close a name ("Gema Desa TV")
    if m and (not re.search(r"\w", text[skip:m.start()]) or len(markers) >= 2
              or (m.start() - skip <= 6 and marker_rx().search(text, m.end()))):
        return m.start()
    return skip if len(markers) >= 3 else None


def same_column(a: Line, b: Line) -> bool:
    """Whether two lines of a page share some of their width (text units: pixels or points)."""
    if not (a.words and b.words) or a.page != b.page:
        return True  # nothing to tell them apart by
    a_left, _, a_right, _ = words_box(a.words)
    b_left, _, b_right, _ = words_box(b.words)
    if a_right <= a_left or b_right <= b_left:
        return True  # lines without word boxes (an old reading)
    return b_left < a_right and a_left < b_right
