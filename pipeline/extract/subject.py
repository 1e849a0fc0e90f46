"""The subject line ("Perihal" or "Hal"), with the lines a long subject wraps onto."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract.found import Found
from pipeline.extract.header import SAME_ROW, label_rx, column_end, label_row, labelled, right_neighbour
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.text import line_text
from pipeline.extract.zones import Zones, extent, header_label_rx, place_date_rx
from pipeline.core.models import Line


def _value_column(line: Line, value_start: int) -> Optional[float]:
    """Relative x of the value's first word, from the words' pixel positions (None if unknown)."""
    if not line.words or line.words[0].left <= 0:
        return None
    scale = line.x / line.words[0].left
    pos = 0
    for w in line.words:
        if pos >= value_start:
            return w.left * scale
        pos += len(w.text) + 1
    return None


def _rows_below(lines: list[Line], first: Line) -> list[list[Line]]:
    """The rows of segments under `first` on its page, top to bottom."""
    below = sorted((l for l in lines if l.page == first.page and l.y > first.y + SAME_ROW / 2), key=lambda l: (l.y, l.x))
    rows: list[list[Line]] = []
    for l in below:
        if rows and abs(l.y - rows[-1][0].y) < SAME_ROW:
            rows[-1].append(l)
        else:
            rows.append([l])
    return rows


HANGING_GAP = 0.022  # a wrapped line right under the subject (one line spacing, page fraction)
HANGING_WORDS = 6  # ... that is short: the subject's last words, not a paragraph


def _continuation(lines: list[Line], first: Line, value_start: int) -> tuple[list[Line], bool]:
    """Lines that carry on a wrapped subject: indented to the value column, right below it;
    and whether the subject wrapped back under its label instead ("Perihal : … Informasi" /
    "Pembangunan Daerah"), which the clerk checks.

    A row may hold other segments further right (an addressee block beside the header):
    only the segment in the value's column carries the subject on.
    """
    column = _value_column(first, value_start)
    out: list[Line] = []
    stop = header_label_rx()
    addressee = rx(r"^\W{0,3}" + alternation(rules()["zones"]["addressee_markers"] + rules()["zones"]["salutations"]) + r"(?!\w)")
    prev = first
    # a speck read as a row of its own ("4" far right, a dot of noise) breaks no subject
    rows = [row for row in _rows_below(lines, first) if any(len(re.findall(r"\w", l.text)) > 2 for l in row)]
    for row in rows[:3]:
        line = row[0]
        if stop.search(line.text) or addressee.search(line.text) or place_date_rx().search(line.text):
            break
        if not out and _hanging(line, first):
            return [line], True
        if line.x < first.x + 0.04 or line.y - prev.y > 0.035:
            break
        if (column is not None and abs(line.x - column) > 0.03) or (column is None and line.x > 0.5):
            break
        out.append(line)
        prev = line
    return out, False


def _hanging(line: Line, first: Line) -> bool:
    """A short line under the label's own start, one line spacing down, that is no row of
    its own ("Label : value") and carries on a subject left without an ending."""
    return (abs(line.x - first.x) <= 0.01 and 0 < line.y - first.y <= HANGING_GAP
            and len(line.words) <= HANGING_WORDS and ":" not in line.text
            and bool(re.match(r"\W{0,2}[A-Z][a-z]", line.text)) and not first.text.rstrip().endswith((".", ":", ","))
            and line.page == first.page)


PIECE_GAP = 0.06  # the rest of a word read as a segment of its own stands this close (page fraction)


def _cut_piece(zone: list[Line], last: Line) -> Optional[Line]:
    """A segment right after the subject on its row that begins in lower case: the rest of
    its last word, read apart across a speck or a stamp's edge ("Publik" | "asi")."""
    span, piece = extent(last), right_neighbour(zone, last)
    if span is None or piece is None or not 0 < piece.x - span[1] <= PIECE_GAP or not re.match(r"[a-z]{2}", piece.text):
        return None
    return piece


def _join_piece(found: Found, zone: list[Line], last: Line) -> None:
    """The subject with its last word made whole again when the piece completes a known word;
    flagged when it does not (its first letter may be lost too: "Kerja Sama" | "emberitaan")."""
    piece = _cut_piece(zone, last)
    if piece is None:
        return
    words = found.value.split()
    whole = (words[-1] + piece.words[0].text).lower().strip(".,") if words else ""
    if len(piece.words) == 1 and whole in set(rules()["vocabulary"]["perihal"]):
        found.value = found.value + piece.text.rstrip(" .,")
        found.places += line_text(piece).places(0, len(piece.text))
        found.conf = min(found.conf, min(w.conf for w in piece.words))
    else:
        found.doubt(f"sebagian perihal terbaca terpisah di sebelahnya ('{piece.text}')")


def perihal(z: Zones) -> list[Found]:
    out = []
    for zone, src in ((z.header, "header"), (z.attachments, "lampiran")):
        for i, t, start in labelled(zone, "perihal"):
            parts = [(t, start, column_end(t, start))]
            first = label_row(zone, zone[i], label_rx("perihal"))
            more, hanging = _continuation(zone, first, start)
            for l in more:
                lt = line_text(l)
                parts.append((lt, 0, column_end(lt, 0)))
            value = " ".join(p.s[s:e].strip() for p, s, e in parts).strip(" .,;:|-—")
            value = re.sub(r"\s*[|]+\s*$", "", value).strip()
            # the colon after "Perihal" read as "!" or "|", a speck read as "«" at the end
            value = re.sub(r"^(?:[!|:;'\"«»]+|[1lI])\s+(?=[A-Z])", "", value)
            value = re.sub(r"\s+[!|'\"«»]+$", "", value).strip()
            if not re.search(r"[A-Za-z]{3}", value):
                continue
            conf = min(p.span_conf(s, e) for p, s, e in parts)
            out.append(Found(value, conf, src, places=[pl for p, s, e in parts for pl in p.places(s, e)]))
            _join_piece(out[-1], zone, more[-1] if more else first)
            if hanging:
                out[-1].doubt("baris lanjutan perihal tidak menjorok (periksa apakah bagian perihal)")
            if src == "header":
                break
    return out
