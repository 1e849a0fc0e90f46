"""The office's incoming-mail receipt stamp ("DITERIMA", "No. Agenda", "Paraf").

Staff stamp a letter where there is room, often over or beside its header. The stamp
carries a number and a date of its own, which are not the letter's, and it may hide the
end of the subject line under it. Its place is found from the words such stamps always
print; a line of the header that starts inside that place is the stamp's, unless it is
one of the letter's header rows ("Nomor", "Perihal") or its own date line ("Trenggalek,
8 Januari 2024": a stamp gives no place).
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.models import Line
from pipeline.extract.found import Place
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.zones import extent, header_label_rx, page_scale, place_date_rx

# Around the lines that name the stamp (page fractions): a stamp's box is a few lines tall,
# its title ("DITERIMA") and its rows start a little left or right of one another.
MARGIN_X = 0.05
MARGIN_Y = 0.05
MAX_WORDS = 8  # a stamp's rows are short; a prose line naming an "agenda" is not one
NEAR_HEIGHTS = 2.0  # a value ending this many text heights left of the stamp may go on under it


@dataclass(frozen=True)
class Region:
    page: int
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, line: Line) -> bool:
        return line.page == self.page and self.left <= line.x <= self.right and self.top <= line.y <= self.bottom


def regions(lines: list[Line]) -> list[Region]:
    """One region per page around the lines that name a receipt stamp."""
    words = rules()["zones"].get("receipt_stamp_words", [])
    if not words:
        return []
    named, label = rx(r"(?<!\w)" + alternation(words) + r"(?!\w)"), header_label_rx()
    out = []
    for page in sorted({l.page for l in lines}):
        # a header row with the stamp's words glued on by OCR ("Nomor: 277/… DITERIMA") is the letter's
        boxes = [b for l in lines if l.page == page and not label.search(l.text)
                 for b in [_named_part(l, named)] if b is not None]
        if not boxes:
            continue
        out.append(Region(page, min(b[0] for b in boxes) - MARGIN_X, min(b[1] for b in boxes) - MARGIN_Y,
                          max(b[2] for b in boxes) + MARGIN_X, max(b[1] for b in boxes) + MARGIN_Y))
    return out


def _named_part(line: Line, named) -> tuple[float, float, float] | None:
    """(left, top, right) of a line's part from the stamp's first word on: OCR glues a stamp's
    row onto the letter's line beside it ("Iklan Layanan Masyarakat    DITERIMA")."""
    m = named.search(line.text)
    if m is None:
        return None
    k = line.text[:m.start()].count(" ")  # the word the stamp's text starts in
    part, edges, scale = line.words[k:], extent(line), page_scale(line)
    if not part or len(part) > MAX_WORDS or edges is None or scale is None:
        return None
    return part[0].left * scale, line.y, edges[1]


def stamp_lines(lines: list[Line], found: list[Region]) -> set[int]:
    """ids of the lines that are the stamp's own (not the letter's header rows, nor its place
    and date line)."""
    date, label = place_date_rx(), header_label_rx()
    return {id(l) for l in lines if any(r.holds(l) for r in found) and not date.search(l.text) and not label.search(l.text)}


def may_hide_end_of(place: Place, found: list[Region]) -> bool:
    """A value's words run up to a stamp on their row, closer than a word space or two: its
    end may be under the stamp. (A stamp set well clear of the value's end hides nothing.)"""
    line = place.line
    scale = page_scale(line)
    if scale is None:
        return False
    end, near = place.box[2] * scale, NEAR_HEIGHTS * (place.box[3] - place.box[1]) * scale
    return any(r.page == line.page and r.top <= line.y <= r.bottom and line.x < r.left
               and end >= r.left + MARGIN_X - near for r in found)
