"""The signature block under "Hormat kami": company line, signatory's name, position.

What each line of it is (a position, a name, debris) is told by signature_lines.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from pipeline.core import settings as config
from pipeline.core.models import Line
from pipeline.extract import signature_lines as sl
from pipeline.extract.found import Found
from pipeline.extract.names import clean_person, company_rx, person_found, person_prefix_rx, person_rx, repair_degrees, tidy_punctuation
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.text import columns, line_text
from pipeline.extract.zones import is_fuzzy_signature_marker, last_marker, place_date_rx, signature_marker_rx



def _cfg():
    return config.settings("extraction").signature


@dataclass
class SignatureBlock:
    company: Optional[Found] = None
    name: Optional[Found] = None
    position: Optional[Found] = None


def own_column(marker: Line, lines: list[Line], around: list[Line]) -> list[Line]:
    """The lines under the signature marker's own column.

    A second block beside it ("Mengetahui," on the same baseline) is a co-signer's: its
    name and position must not be taken for the signatory's.
    """
    # on the marker's baseline or just below it (a photo's skew), never the prose above it
    cfg = _cfg()
    others = [l.x for l in around if l.page == marker.page and -cfg.same_row_dy <= l.y - marker.y <= cfg.same_line_dy
              and abs(l.x - marker.x) > cfg.column_gap]
    if not others:
        return lines
    return [l for l in lines if all(abs(l.x - marker.x) <= abs(l.x - x) for x in others)]


COLUMN_ALIGN = 0.02  # two parts start in the same column when this close (page fraction)


def _parted(closing: list[Line]) -> list[Line]:
    """Two blocks side by side that OCR joined into one line each ("Mengetahui,   Hormat
    kami,") are parted again: at wide gaps where another line of the block starts a part, or
    starts itself (the right-hand position read apart, "Direktur Utama", under a stamp).
    A single wide gap in one line is glyphs lost under a signature, not a second column."""
    split = {id(l): columns(l, _cfg().column_gap_heights) for l in closing}
    starts = [[p.x for p in parts] for parts in split.values()]
    out = []
    for line in closing:
        parts = split[id(line)]
        others = [x for sid, xs in zip(split, starts) if sid != id(line) for x in xs]
        if len(parts) > 1 and all(any(abs(p.x - x) <= COLUMN_ALIGN for x in others) for p in parts[1:]):
            out += parts
        else:
            out.append(line)
    return out


def _one_signer(lines: list[Line]) -> list[Line]:
    """Two signatories side by side (names on one baseline, positions on the next): the
    lines of one of them. The company's head signs for it
    (a Direktur beside the Pemimpin Redaksi); failing that, the right-hand one, as the
    co-signer who knows ("Mengetahui") stands at the left."""
    cfg = _cfg()
    rows: list[list[Line]] = []
    for line in lines:
        row = next((r for r in rows if r[0].page == line.page and abs(r[0].y - line.y) <= cfg.same_row_dy), None)
        if row is None:
            rows.append([line])
        else:
            row.append(line)
    pairs = [sorted(r, key=lambda l: l.box[0]) for r in rows if len(r) == 2]
    if len(pairs) < 2 or max(p[0].box[2] for p in pairs) >= min(p[1].box[0] for p in pairs):
        return lines
    heads = cfg.primary_positions

    def heads_company(side: int) -> bool:
        return any((pos := sl.position(p[side].text)) and pos[0] in heads for p in pairs)

    def signs(side: int) -> bool:  # a signatory's column holds a position or a name
        person = rx(r"^\W*(" + person_rx() + r")\W*$", 0)
        return any(sl.position(p[side].text) or person.match(p[side].text) for p in pairs)
    if signs(0) != signs(1):
        # a disposition scribbled beside the block ("cek legalitas") is no co-signer
        keep = 0 if signs(0) else 1
    else:
        keep = 0 if heads_company(0) and not heads_company(1) else 1
    drop = {id(p[1 - keep]) for p in pairs}
    return [l for l in lines if id(l) not in drop]


def _wrapped_positions(lines: list[Line]) -> list[Line]:
    """"Pemimpin Redaksi merangkap" over "Direktur": one position wrapped over two lines."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and 0 < line.y - prev.y <= 0.03 and (
                (sl.OPEN_POSITION.search(prev.text) and sl.position(sl.OPEN_POSITION.sub("", prev.text)) and sl.position(line.text))
                or sl.completes(prev.text, line.text)):
            out[-1] = replace(prev, words=prev.words + line.words)
            continue
        out.append(line)
    return out


HEADING_REACH = 5  # a company line heads a block whose name stands this many lines below it at most


def _company_heading(closing: list[Line], companies: list[str]) -> Optional[int]:
    """The line of the company's name with a signatory's name a few lines under it."""
    person = rx(r"^[\s(\[_]*(" + person_rx() + r")[\s)\]_.,]*$", 0)
    for i, line in enumerate(closing):
        m = company_rx().search(line.text)
        if not ((m and m.start() <= 3) or sl.like_company(line.text, list(companies))):
            continue
        below = closing[i + 1:i + 1 + HEADING_REACH]
        if any(person.match(repair_degrees(tidy_punctuation(l.text))[0]) and sl.position(l.text) is None for l in below):
            return i
    return None


UNREAD_LINES = 2  # scribbled lines under the position to look past for a readable name

ON_BEHALF = re.compile(r"^\W{0,3}(?:a\.?\s?n\.|atas\s+nama)\s", re.I)


def read(closing: list[Line], companies: list[str] = ()) -> SignatureBlock:
    """The block under the signature marker; `companies` are the company names read elsewhere."""
    block = SignatureBlock()
    closing = _parted(closing)
    marker = signature_marker_rx()
    start = next((i for i, l in enumerate(closing) if marker.search(l.text)), None)
    if start is None:
        start = next((i for i, l in enumerate(closing) if is_fuzzy_signature_marker(l)), None)
    headless = start is None
    if headless:
        # "Hormat kami" lost under the stamp's ring: the company line over a name heads the block
        start = _company_heading(closing, companies)
        if start is None:
            return block
        m_company = company_rx().search(closing[start].text)
        if m_company:
            block.company = line_text(closing[start]).found(m_company.group(0).strip(" .,"), m_company.start(), m_company.end(), "ttd")
    else:
        start = last_marker(closing, start)
    closing = closing[:start + 1] + own_column(closing[start], closing[start + 1:], closing)
    closing = _wrapped_positions(_one_signer(closing))
    person = rx(r"^[\s(\[_]*(" + person_rx() + r")[\s)\]_.,]*$", 0)
    before: list[Found] = []  # name lines above the position line (the usual order)
    after: list[Found] = []   # ... and below it ("Direktur," above the signature, name under it)
    on_behalf: Optional[Found] = None
    last_name: Optional[Line] = None  # the line of the last name read, whose surname may wrap
    unread: set[int] = set()  # name lines kept only because nothing better was read (a scribble?)
    under_name = False  # a name under the position was read: the next line may be its own position
    ends = rx(r"^\W{0,3}" + alternation(rules()["zones"]["closing_markers"]) + r"(?!\w)")
    for line in closing[start + 1:]:
        t = line_text(line)
        if ends.search(t.s):
            break
        if sl.is_noise(line) or place_date_rx().search(t.s) or sl.slogan(t.s):
            continue
        if sl.contact_line(line):
            break  # the page's footer (phone, e-mail, "Instagram @…", an address) ends the block
        if under_name:
            # "Pengurus" / name / "Ketua": the position printed with the name is the signatory's
            # own; the one above the signature heads the block
            pos = sl.position(t.s)
            if pos and not pos[1] and not ON_BEHALF.match(t.s):
                block.position = t.found(sl.title_case(pos[0], t.s), 0, len(t.s), "ttd")
            break
        names = after if block.position else before
        pos = None if (block.position and after) else sl.position(t.s)
        if pos and block.position is None and ON_BEHALF.match(t.s) and on_behalf is None:
            # "a.n. Direktur Utama": whose behalf; the signatory's own position is printed with
            # the name ("Station Manager"), and stands only when none is
            on_behalf = t.found(sl.title_case(pos[0], t.s), 0, len(t.s), "ttd").doubt("ditandatangani atas nama (a.n.)")
            continue
        if pos and block.position is None:
            f = t.found(sl.title_case(pos[0], t.s), 0, len(t.s), "ttd")
            if pos[1]:
                f.doubt("jabatan dibaca samar")
            if sl.incomplete(pos[0]):
                f.doubt("jabatan tampak tidak lengkap")
            block.position = f
            if before:
                break
            continue
        m_company = company_rx().search(t.s)
        if m_company and m_company.start() <= 3 and block.company is None and not names:
            block.company = t.found(m_company.group(0).strip(" .,"), m_company.start(), m_company.end(), "ttd")
            continue
        if not names and sl.like_company(t.s, list(companies)):
            continue
        if names and sl.degrees_only(t.s) and names[-1].value.rstrip().endswith(","):
            names[-1].value = clean_person(names[-1].value + " " + t.s)  # "Dr. Yusuf Santoso," / "S.Psi."
            names[-1].places += t.places(0, len(t.s))
            names[-1].reasons = [r for r in names[-1].reasons if r != "gelar setelah nama tidak terbaca"]
            continue
        if sl.not_a_person(t.s) and not person_prefix_rx().match(t.s):
            continue
        if names and last_name is not None and sl.surname_wrapped(last_name, line, names[-1]):
            names[-1].value = clean_person(names[-1].value + " " + t.s.strip())  # "Ustadz H. Muhammad Ridwan" / "Alatas"
            names[-1].places += t.places(0, len(t.s))
            last_name = None
            continue
        m = person.match(repair_degrees(tidy_punctuation(t.s))[0])  # "S.l.Kom.", "Ir, Zainal": a person too
        last_name = line if m else None
        if m:
            f = person_found(t, m.start(1), m.end(1), "ttd")
            if t.s.rstrip(" _)]").endswith(","):  # "Sri Prasetyo," — the titles after the comma were not read
                f.value += ","  # kept until the next line shows whether it holds them
                f.doubt("gelar setelah nama tidak terbaca")
            names.append(f)
        elif (f := sl.after_debris(t)) is not None:
            names.append(f)
        elif line.min_conf >= _cfg().noise_min_conf:
            names.append(t.found(t.s.strip(), 0, len(t.s), "ttd").doubt("baris nama tidak terbaca sebagai nama"))
            unread.add(id(names[-1]))
        if names is after and after and line.page != closing[start].page:
            # a name under the position but on the next page may be that page's first line, not the signatory
            after[-1].doubt("nama penanda tangan terbaca di halaman berikutnya")
        if after and id(after[-1]) not in unread:
            after[:] = [f for f in after if id(f) not in unread][:1]  # a name read under a scribble replaces it
            under_name = True
        elif len(after) > UNREAD_LINES:
            break
    if block.position is None:
        block.position = on_behalf
    # a scribble or stamp text read under the name is no better a name than the one read
    read_well = [f for f in before if id(f) not in unread]
    block.name = (read_well or before)[-1] if before else (after[0] if after else None)
    if headless and block.name is not None:
        block.name.doubt("salam penutup tidak terbaca; blok tanda tangan dikenali dari nama perusahaan")
    if block.name is not None and isinstance(block.name.value, str):
        block.name.value = block.name.value.rstrip(" ,")
    return block
