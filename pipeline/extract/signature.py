"""The signature block under "Hormat kami": company line, signatory's name, position."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Optional

from pipeline.extract.found import Found
from pipeline.extract.names import clean_person, company_rx, person_rx
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.text import line_text
from pipeline.extract.zones import is_fuzzy_signature_marker, place_date_rx
from pipeline.core.models import Line
from pipeline.core.text import normalize

NOISE_MIN_CONF = 40  # stamp and scribble fragments come out below this
SAME_LINE_DY = 0.02   # two blocks side by side: first lines this close (fraction of the page; photos skew)
SAME_ROW_DY = 0.006   # ... a line this little above the marker still stands on its baseline
COLUMN_GAP = 0.15     # ... and starting this far apart


@dataclass
class SignatureBlock:
    company: Optional[Found] = None
    name: Optional[Found] = None
    position: Optional[Found] = None


def _position(text: str) -> Optional[tuple[str, bool]]:
    """The position named by a line, and whether it took a fuzzy repair."""
    t = re.sub(r"[^\w\s]", " ", text).strip().lower()
    t = re.sub(r"\s+", " ", t)
    positions = rules()["positions"]
    if rx(r"^" + alternation([re.escape(p) for p in positions]) + r"$").match(t):
        return t, False
    close = difflib.get_close_matches(t, positions, n=1, cutoff=0.8)
    return (close[0], True) if close else None


def _is_noise(line: Line) -> bool:
    letters = re.findall(r"[A-Za-z]", line.text)
    return len(letters) < 3 or len(letters) < 0.5 * len(line.text.replace(" ", ""))


def _title_case(position: str, printed: str) -> str:
    """The position as printed when it matched exactly, else in title case."""
    words = re.sub(r"[^\w\s]", " ", printed).split()
    if " ".join(words).lower() == position:
        return " ".join(words)
    return position.title()


def _like_company(text: str, companies: list[str]) -> bool:
    """A stamp-damaged company line still resembles the company's name."""
    t = normalize(text, words_only=True)
    return any(difflib.SequenceMatcher(None, t, normalize(c, words_only=True)).ratio() >= 0.7 for c in companies if c)


def own_column(marker: Line, lines: list[Line], around: list[Line]) -> list[Line]:
    """The lines under the signature marker's own column.

    A second block beside it ("Mengetahui," on the same baseline) is a co-signer's: its
    name and position must not be taken for the signatory's.
    """
    # on the marker's baseline or just below it (a photo's skew), never the prose above it
    others = [l.x for l in around if l.page == marker.page and -SAME_ROW_DY <= l.y - marker.y <= SAME_LINE_DY
              and abs(l.x - marker.x) > COLUMN_GAP]
    if not others:
        return lines
    return [l for l in lines if all(abs(l.x - marker.x) <= abs(l.x - x) for x in others)]


def read(closing: list[Line], companies: list[str] = ()) -> SignatureBlock:
    """The block under the signature marker; `companies` are the company names read elsewhere."""
    block = SignatureBlock()
    marker = rx(r"^\W{0,3}" + alternation(rules()["zones"]["signature_markers"]) + r"(?!\w)")
    start = next((i for i, l in enumerate(closing) if marker.search(l.text)), None)
    if start is None:
        start = next((i for i, l in enumerate(closing) if is_fuzzy_signature_marker(l)), None)
    if start is None:
        return block
    closing = closing[:start + 1] + own_column(closing[start], closing[start + 1:], closing)
    person = rx(r"^[\s(\[_]*(" + person_rx() + r")[\s)\]_.,]*$", 0)
    before: list[Found] = []  # name lines above the position line (the usual order)
    after: list[Found] = []   # ... and below it ("Direktur," above the signature, name under it)
    ends = rx(r"^\W{0,3}" + alternation(rules()["zones"]["closing_markers"]) + r"(?!\w)")
    for line in closing[start + 1:]:
        t = line_text(line)
        if ends.search(t.s):
            break
        if _is_noise(line) or place_date_rx().search(t.s):
            continue
        names = after if block.position else before
        pos = None if (block.position and after) else _position(t.s)
        if pos and block.position is None:
            f = Found(_title_case(pos[0], t.s), t.span_conf(0, len(t.s)), "ttd")
            if pos[1]:
                f.doubt("jabatan dibaca samar")
            block.position = f
            if before:
                break
            continue
        m_company = company_rx().search(t.s)
        if m_company and m_company.start() <= 3 and block.company is None and not names:
            block.company = Found(m_company.group(0).strip(" .,"), t.span_conf(m_company.start(), m_company.end()), "ttd")
            continue
        if not names and _like_company(t.s, list(companies)):
            continue
        m = person.match(t.s)
        if m:
            f = Found(clean_person(m.group(1)), t.span_conf(m.start(1), m.end(1)), "ttd")
            if t.s.rstrip(" _)]").endswith(","):  # "Sri Prasetyo," — the titles after the comma were not read
                f.doubt("gelar setelah nama tidak terbaca")
            names.append(f)
        elif line.min_conf >= NOISE_MIN_CONF:
            names.append(Found(t.s.strip(), t.span_conf(0, len(t.s)), "ttd").doubt("baris nama tidak terbaca sebagai nama"))
        if names is after and after and line.page != closing[start].page:
            # a name under the position but on the next page may be that page's first line, not the signatory
            after[-1].doubt("nama penanda tangan terbaca di halaman berikutnya")
        if after:
            break
    block.name = before[-1] if before else (after[0] if after else None)
    return block
