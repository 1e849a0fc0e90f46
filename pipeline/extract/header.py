"""Header fields: the letter number and the letter date (Nomor / tanggal); the subject is in subject.py."""
from __future__ import annotations

from dataclasses import replace

import datetime as dt
import difflib
import re
from typing import Optional

from pipeline.extract import validators as v
from pipeline.extract.found import Found
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.text import Text, line_text
from pipeline.extract.zones import Zones, place_date_rx
from pipeline.core.models import Line


def label_rx(key: str) -> re.Pattern[str]:
    return rx(r"^\W{0,3}" + alternation(rules()["labels"][key]) + r"(?!\w)" + rules()["label_separator"])


SAME_ROW = 0.006  # lines whose tops differ by less than this (page fraction) share a row


def right_neighbour(lines: list[Line], line: Line) -> Optional[Line]:
    """The nearest segment to the right of `line` on the same row (a text layer splits rows at tab gaps)."""
    row = [l for l in lines if l is not line and l.page == line.page and abs(l.y - line.y) < SAME_ROW and l.x > line.x]
    return min(row, key=lambda l: l.x, default=None)


def label_row(lines: list[Line], line: Line, label: re.Pattern[str]) -> Line:
    """A line holding only its label ("Nomor" | ": 12/ABC/2026") joined to the value segment beside it."""
    m = label.search(line.text)
    if m and not re.search(r"\w", line.text[m.end():]):
        partner = right_neighbour(lines, line)
        if partner is not None:
            return replace(line, words=line.words + partner.words)
    return line


def labelled(lines: list[Line], key: str) -> list[tuple[int, Text, int]]:
    """(line index, line text, value start) for each line that starts with the label `key`."""
    out = []
    lab = label_rx(key)
    for i, line in enumerate(lines):
        if not lab.search(line.text):
            continue
        t = line_text(label_row(lines, line, lab))
        m = lab.search(t.s)
        if m:
            out.append((i, t, m.end()))
    return out


# --- Nomor surat ----------------------------------------------------------------

COLUMN_GAP_HEIGHTS = 1.5  # a gap this many text heights wide separates two columns ...
RIGHT_COLUMN_X = 0.45     # ... when what follows it starts in the right part of the page


def column_end(t: Text, start: int) -> int:
    """Where the value starting at `start` ends: before a second column printed beside it on
    the same row (an addressee block beside the header rows), else at the end of the line.

    A wide gap in the left part of the page is no column but glyphs lost under a stain;
    the value keeps it, and its confidence says so.
    """
    first = t.words[0] if t.words else None
    line = t.lines[0] if t.lines else None
    if first is None or line is None or first.left <= 0:
        return len(t.s)
    scale = line.x / first.left
    pos = [i for i in range(len(t.s)) if t.word_of[i] >= 0 and (i == 0 or t.word_of[i - 1] != t.word_of[i])]
    for a, b in zip(pos, pos[1:]):
        left, right = t.words[t.word_of[a]], t.words[t.word_of[b]]
        if b <= start or left.width <= 0 or right.width <= 0:
            continue
        size = max(left.height, right.height)
        wide = size > 0 and right.left - (left.left + left.width) > COLUMN_GAP_HEIGHTS * size
        if wide and right.left * scale >= RIGHT_COLUMN_X:
            return b
    return len(t.s)


def _nomor_from(t: Text, start: int, source: str) -> Optional[Found]:
    end = column_end(t, start)
    d = place_date_rx().search(t.s, start, end)
    if d:
        end = d.start()
    # "041/STI/V/2025 Trenggalek, ..." with a damaged date: the number is the first token
    m_tail = re.match(r"(\S*/\S*)\s+[A-Z][a-z]+\b", re.sub(r"\s*/\s*", "/", t.s[start:end]).strip())
    if m_tail and t.s.find(m_tail.group(1), start, end) >= 0:
        end = t.s.find(m_tail.group(1), start, end) + len(m_tail.group(1))
    value, fixed_month = _number_read(t.s[start:end])
    if value is None:
        return None
    repair = (f"bulan romawi pada nomor diperbaiki dari '{fixed_month}'", lambda alt: _number_read(alt, repair=False)[0])
    f = t.found(value, start, end, source, reads_as=lambda alt: _number_read(alt)[0], repair=repair if fixed_month else None)
    for problem in v.letter_number_problems(value):
        f.doubt(problem)
    return f


def _number_read(span: Optional[str], repair: bool = True) -> tuple[Optional[str], Optional[str]]:
    """The letter number in the text after "Nomor", and the Roman month as read if repaired."""
    if span is None:
        return None, None
    raw = re.sub(r"\s*/\s*", "/", span)
    m_tail = re.match(r"(\S*/\S*)\s+[A-Z][a-z]+\b", raw.strip())
    if m_tail:
        raw = m_tail.group(1)
    value = re.sub(r"^[\W_]+", "", raw).strip(" .,;:|-—")  # specks before the number ("_ :", ">")
    # the colon after "Nomor" read as "1:" or "!" before the number ("1: 176/SP/SBV/2026")
    rest = re.sub(r"^(?:[1lI|!]:?|:)\s+(?=\S*/)", "", value)
    if rest != value and v.letter_number_problems(rest) == []:
        value = rest
    if not re.search(r"\d", value):
        return None, None
    return _roman_month_repair(value) if repair else (value, None)


def _roman_month_repair(value: str) -> tuple[str, Optional[str]]:
    """"X1" for "XI", "II1" for "III": a Roman month before the year with an I read as 1 or l.

    Returns the repaired number and the part as it was read (None when nothing was changed);
    the repair stands unflagged only when the letter's date confirms the month.
    """
    parts = v.letter_number_parts(value)
    if len(parts) < 3 or not re.fullmatch(r"(19|20)\d{2}", parts[-1]):
        return value, None
    month = parts[-2]
    if v.roman_month(month) or any(v.roman_month(p) for p in parts[:-2]):
        return value, None
    if re.fullmatch(r"[IVXl1|]+", month) and re.search(r"[IVX]", month) and re.search(r"[l1|]", month):
        roman = re.sub(r"[l1|]", "I", month)
    else:
        # "KWSIVII" for "KWS/VII": the slash before the month read as an I
        glued = re.fullmatch(r"([A-Z0-9.\-]*?[A-Z0-9])[Il1|](XI{1,2}|IX|IV|VI{0,3}|I{1,3}|X)", month)
        roman = f"{glued.group(1)}/{glued.group(2)}" if glued and v.roman_month(glued.group(2)) else None
    if not roman or not v.roman_month(roman.rsplit("/", 1)[-1]):
        return value, None
    cut = value.rfind(month)
    return value[:cut] + roman + value[cut + len(month):], month


def nomor_surat(z: Zones) -> list[Found]:
    """Every reading of the letter number: the header's first, then attachment pages'."""
    out = []
    for zone, src in ((z.header, "header"), (z.attachments, "lampiran")):
        for _, t, start in labelled(zone, "nomor_surat"):
            f = _nomor_from(t, start, src)
            # on an attached page "Nomor" also heads other numbers ("Akta : Nomor 5, …"):
            # one that is no letter number is not a second reading of it
            if f and not (src == "lampiran" and f.reasons):
                out.append(f)
            if src == "header":
                break
    return out


# --- Tanggal surat ------------------------------------------------------------------

def _month(word: str) -> tuple[Optional[int], bool]:
    """Month number and whether it took a fuzzy repair (an OCR-damaged month name)."""
    m = v.month_number(word)
    if m:
        return m, False
    full = [n for n in v.month_lookup() if len(n) >= 5]
    close = difflib.get_close_matches(word.lower().rstrip("."), full, n=1, cutoff=0.8)
    return (v.month_number(close[0]), True) if close else (None, False)


def _date_value(m: Optional[re.Match]) -> tuple[Optional[dt.date], bool]:
    """The date a day-month-year match names, and whether its month took a fuzzy repair."""
    if m is None:
        return None, False
    if m.groupdict().get("mnum"):  # "12-11-2026": day first
        month, fixed = int(m.group("mnum")), False
    else:
        month, fixed = _month(m.group("month"))
    if not month:
        return None, False
    try:
        return dt.date(int(m.group("year")), month, int(m.group("day"))), fixed
    except ValueError:
        return None, False


_DATE_SPAN = (r"\s*(?P<day>\d{1,2})(?:\s*(?P<month>[A-Za-z]{3,10}\.?)\s*|\s?[-/.]\s?(?P<mnum>\d{1,2})\s?[-/.]\s?)"
              r"(?P<year>(?:19|20)\d{2})\s*")


def _date_found(t: Text, m: re.Match, source: str) -> Optional[Found]:
    value, fixed = _date_value(m)
    if value is None:
        return None
    start, end = m.start("day"), m.end("year")
    return t.found(value, start, end, source, reads_as=lambda alt: _date_value(re.fullmatch(_DATE_SPAN, alt))[0],
                   repair=("nama bulan diperbaiki dari hasil OCR", _exact_date) if fixed else None)


def _exact_date(span: str) -> Optional[dt.date]:
    """The date a span names without a fuzzy month repair (None where it needs one)."""
    value, fixed = _date_value(re.fullmatch(_DATE_SPAN, span))
    return None if fixed else value


def tanggal_surat(z: Zones) -> list[Found]:
    out = []
    place_date = place_date_rx()
    for zone, src in ((z.header, "header"), (z.closing, "penutup")):
        for line in zone:
            t = line_text(line)
            for m in place_date.finditer(t.s):
                f = _date_found(t, m, src)
                if f:
                    out.append(f)
    if not out:  # a date on a line of its own, without the place
        alone = rx(r"^\W*(?P<day>\d{1,2})\s*(?P<month>[A-Za-z]{3,10}\.?)\s*(?P<year>(?:19|20)\d{2})\W*$")
        for zone, src in ((z.header, "header"), (z.closing, "penutup")):
            for line in zone:
                t = line_text(line)
                m = alone.search(t.s)
                f = _date_found(t, m, src) if m else None
                if f:
                    out.append(f)
    labelled_date = rx(r"(?P<day>\d{1,2})\s*(?P<month>[A-Za-z]{3,10}\.?)\s*(?P<year>(?:19|20)\d{2})")
    # "Dikeluarkan di : Medan / Pada tanggal : 12 Februari 2025" above the signature: only
    # when the header and the lines around the signature name no date otherwise
    zones = ((z.header, "header"), (z.attachments, "lampiran")) + (((z.closing, "penutup"),) if not out else ())
    for zone, src in zones:
        for _, t, start in labelled(zone, "tanggal"):
            m = labelled_date.search(t.s, start)
            f = _date_found(t, m, src + "-label") if m else None
            if f:
                out.append(f)
    return out
