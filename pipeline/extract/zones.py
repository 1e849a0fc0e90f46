"""Zones of a letter: letterhead, header (Nomor/Lampiran/Perihal, addressee), body,
signature block and attachment pages. Found by labels and markers, not by position,
so that other layouts still split the same way; positions are only a fallback.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Optional

from pipeline.extract.validators import month_pattern
from pipeline.extract.rules import alternation, rules, rx
from pipeline.core.models import DocumentText, Line


@dataclass
class Zones:
    letterhead: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)   # from the line before "Hormat kami" to the page end
    attachments: list[Line] = field(default_factory=list)


def _starts_with(key: str) -> re.Pattern[str]:
    z = rules()["zones"]
    return rx(r"^\W{0,3}" + alternation(z[key]) + r"(?!\w)")


def header_label_rx() -> re.Pattern[str]:
    # "No" alone must be followed by a separator (or stand alone, its value in the next
    # segment of a text layer) so an address line "No. 12" does not count, nor a
    # letterhead's "No. HP 0853…".
    return rx(r"^\W{0,3}(?:" + alternation([l for l in rules()["zones"]["header_labels"] if l not in ("no", "no\\.")])
              + r"(?!\w)|no\.?\s*(?:[:.]\s(?!\s*(?:" + alternation(rules()["contact_labels"]) + r")\b)|[:.]?\s*$))")


def place_date_rx() -> re.Pattern[str]:
    # "Trenggalek, 12 Nov. 2026" and the all-digit "Trenggalek, 12-11-2026" (day first, as written in Indonesia)
    # "Trenggalek, Senin 12 November 2026": a weekday may stand before the day
    # "Medan, tanggal 3 Maret 2025": the word "tanggal" may stand before it too
    return rx(r"(?P<place>[A-Z][A-Za-z.'\- ]{1,40}),\s*(?:(?i:" + alternation(rules()["weekdays"]) + r")\s*,?\s*)?"
              r"(?:(?i:tanggal|tgl\.?)\s*)?(?P<day>\d{1,2})(?:\s*(?P<month>" + month_pattern()
              + r"|[A-Za-z]{3,10}\.?)\s*|\s?[-/.]\s?(?P<mnum>\d{1,2})\s?[-/.]\s?)(?P<year>(?:19|20)\d{2})\b", 0)


def is_fuzzy_signature_marker(line: Line) -> bool:
    """A short line that nearly spells "Hormat kami" (OCR slips such as "Horrnat karni,")."""
    text = re.sub(r"[^a-z ]", "", line.text.lower()).strip()
    if not text or len(text.split()) > 3:
        return False
    return bool(difflib.get_close_matches(text, rules()["zones"]["signature_phrases"], n=1, cutoff=0.75))


def signature_marker_rx() -> re.Pattern[str]:
    return _starts_with("signature_markers")


def last_marker(lines: list[Line], i: int) -> int:
    """The last of the signature markers in a row from line `i` ("Wassalamu'alaikum ..." then
    "Hormat kami,", "Dikeluarkan di" then "Pada tanggal"): the block is signed under it."""
    while i + 1 < len(lines) and signature_marker_rx().search(lines[i + 1].text):
        i += 1
    return i


def _first(lines: list[Line], start: int, pred) -> Optional[int]:
    return next((i for i in range(start, len(lines)) if pred(lines[i])), None)


def _letterhead_end(page1: list[Line]) -> int:
    head = header_label_rx()
    date = place_date_rx()
    addressee = _starts_with("addressee_markers")
    idx = _first(page1, 0, lambda l: bool(head.search(l.text) or date.search(l.text) or addressee.search(l.text)))
    if idx is None:  # no header at all: take what sits in the top fifth of the page
        idx = _first(page1, 0, lambda l: l.y > 0.2) or min(4, len(page1))
    return idx


CARRY_OVER_LINES = 4  # name, position and a stray line of a block cut by the page break


def _carried_over(lines: list[Line], sig: int, end: int) -> int:
    """How many lines at the top of the next page finish a signature block cut by the page break.

    Only when the marker sits at the foot of its page with hardly a line under it.
    """
    if end >= len(lines) or lines[sig].y < 0.7 or end - sig > 3:
        return 0
    nxt = lines[end].page
    return sum(1 for l in lines[end:end + CARRY_OVER_LINES] if l.page == nxt)


ROW_TOLERANCE = 0.006  # line tops closer than this (page fraction) may sit on one printed row


def reading_order(lines: list[Line]) -> list[Line]:
    """The lines with any that OCR returned out of place moved up to where they are printed.

    OCR may return a page's blocks column by column (the labels, then "Dengan hormat", then
    the values and the date printed beside the labels); the zones are cut by order. A line
    moves only above lines clearly lower on its page, so the reader's order is otherwise kept.
    """
    out: list[Line] = []
    for line in lines:
        j = len(out)
        while j > 0 and out[j - 1].page == line.page and out[j - 1].y > line.y + ROW_TOLERANCE:
            j -= 1
        out.insert(j, line)
    return out


BAND_MIN_LINES = 3     # a side band holds the name, the address and contacts
BAND_CLEARANCE = 0.01  # ... and stands clear of the text column (page fraction)


def page_scale(line: Line) -> Optional[float]:
    """Page fraction per word unit (points or pixels): Line.x is a fraction, Word.left is not."""
    first = line.words[0].left if line.words else 0.0
    return line.x / first if first > 0 and line.x > 0 else None


def extent(line: Line) -> Optional[tuple[float, float]]:
    """Left and right edge of a line as fractions of the page width."""
    scale = page_scale(line)
    if scale is None:
        return None
    last = line.words[-1]
    return line.x, (last.left + last.width) * scale


def side_band(page1: list[Line]) -> tuple[list[Line], dict[int, list[Line]]]:
    """A letterhead printed as a band down the left or right edge, beside the text column.

    Its lines sit between the text's lines in reading order and would run into the prose;
    they are found by standing wholly outside the column the long (prose) lines fill. OCR may
    join a band's line to the prose line on its baseline ("Kabupaten Trenggalek.   Kecamatan
    Nganjuk,"): such a line is cut where it crosses the column's edge, and its parts are
    returned by the joined line's id, the column's part first.
    """
    spans = [(l, e) for l in page1 if (e := extent(l))]
    long_ = sorted(e for l, e in spans if len(l.text) > 40)
    if len(long_) < 3:
        return [], {}
    lefts = sorted(e[0] for e in long_)
    rights = sorted(e[1] for e in long_)
    # the column's left edge by its outer lines, not its middle ones: indented first lines of
    # paragraphs and table value cells start right of it ("Hal" beside them is a label in the
    # column, no band); its right edge by the middle ones, ragged lines ending short of it
    col_left, col_right = lefts[len(lefts) // 10], rights[(3 * len(rights)) // 4]
    left = [l for l, (a, b) in spans if b < col_left - BAND_CLEARANCE]
    right = [l for l, (a, b) in spans if a > col_right + BAND_CLEARANCE]
    band = [l for side in (left, right) if len(side) >= BAND_MIN_LINES for l in side]
    parted: dict[int, list[Line]] = {}
    in_band = set(map(id, band))
    for line, _ in spans:
        if id(line) in in_band:
            continue
        if len(right) >= BAND_MIN_LINES and (parts := _cut_at(line, col_right + BAND_CLEARANCE)):
            parted[id(line)] = parts  # the prose, then the band's line
        elif len(left) >= BAND_MIN_LINES and (parts := _cut_at(line, col_left - BAND_CLEARANCE)):
            parted[id(line)] = parts[::-1]
    return band, parted


def _cut_at(line: Line, edge: float) -> Optional[list[Line]]:
    """The line cut in two where its words cross `edge` (a page fraction), or None."""
    scale = page_scale(line)
    ws = line.words
    if scale is None:
        return None
    for k in range(1, len(ws)):
        if (ws[k - 1].left + ws[k - 1].width) * scale <= edge < ws[k].left * scale:
            return [Line(page=line.page, words=part, y=line.y, x=part[0].left * scale, engine=line.engine)
                    for part in (ws[:k], ws[k:])]
    return None


CLOSING_LINES = 6  # without a readable marker, the signature block is the page's last lines


def split(doc: DocumentText) -> Zones:
    lines = reading_order(doc.lines)
    if not lines:
        return Zones()
    first_page = lines[0].page
    found, parted = side_band([l for l in lines if l.page == first_page])
    lines = [part for l in lines for part in parted.get(id(l), [l])]
    band = set(map(id, found)) | {id(parts[1]) for parts in parted.values()}
    band_lines = [l for l in lines if id(l) in band]
    lines = [l for l in lines if id(l) not in band]
    if not lines:
        return Zones(letterhead=band_lines)
    page1 = [l for l in lines if l.page == first_page]
    lh_end = _letterhead_end(page1)
    sal = _first(lines, lh_end, lambda l: bool(_starts_with("salutations").search(l.text)))
    if sal is None:  # no salutation: the body starts at the first long line after the header
        # (a long subject, "Perihal : Penawaran Kerja Sama Penyiaran Iklan ...", is still the header)
        sal = _first(lines, lh_end + 1, lambda l: len(l.text) > 60 and not header_label_rx().search(l.text)) \
            or min(lh_end + 1, len(lines))
    sig = _first(lines, sal + 1, lambda l: bool(signature_marker_rx().search(l.text)))
    if sig is not None:
        sig = last_marker(lines, sig)
    if sig is None:
        sig = _first(lines, sal + 1, is_fuzzy_signature_marker)
    z = Zones(letterhead=band_lines + lines[:lh_end], header=lines[lh_end:sal])
    if sig is None:  # marker unreadable: the page's last lines still hold the date and signature
        end = _first(lines, sal + 1, lambda l: l.page != first_page) or len(lines)
        z.body, rest = lines[sal:end], lines[end:]
        # ... above the copies list ("Tembusan:") when there is one
        ends = rx(r"^\W{0,3}" + alternation(rules()["zones"]["closing_markers"]) + r"(?!\w)")
        foot = _first(lines, sal + 1, lambda l: bool(ends.search(l.text)))
        foot = foot if foot is not None and foot < end else end
        z.closing = lines[max(sal + 1, foot - CLOSING_LINES):end]
    else:
        sig_page = lines[sig].page
        end = _first(lines, sig, lambda l: l.page != sig_page) or len(lines)
        z.body = lines[sal:sig]
        z.closing = lines[max(sig - 1, sal):end + _carried_over(lines, sig, end)]
        rest = lines[end:]
    z.attachments = rest
    return z
