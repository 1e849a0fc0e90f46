"""The company's contacts (address, phone, e-mail, website) wherever the letter prints them.

A letterhead may stand at the top, as a footer or in a side band; the contacts may also be
given in a "Label : value" list in the body or on an attached page. The places are tried in
order of trust; a value read from running prose (a contact person's number, say) goes to
review, since prose also names other people's and offices' contacts.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from pipeline.core.models import DocumentText, Line
from pipeline.extract import validators as v
from pipeline.extract.found import Found
from pipeline.extract.rows import SAME_ROW_DY, first_cell, rows
from pipeline.extract.rules import alternation, pattern, rules, rx
from pipeline.extract.text import Text, flow
from pipeline.extract.zones import Zones, signature_marker_rx

# Positions as fractions of the page: a footer letterhead sits in the bottom band, a side
# band letterhead in the right-hand strip (the signature block starts left of it).
FOOTER_Y = 0.88
SIDE_X = 0.7
# A footer letterhead also stands apart: at least this many line pitches below the prose
# above it, starting no higher than FOOTER_TOP, and a few lines long.
FOOTER_GAP = 3.0
FOOTER_TOP = 0.85
FOOTER_LINES = 8
# a number given for a person to call, not the company's own line


def places(z: Zones, doc: DocumentText) -> list[tuple[str, list[Line]]]:
    """(source, lines) where a company prints its contacts, most trusted first."""
    header = set(map(id, z.header))  # the addressee's address is the office's, not the sender's
    body = set(map(id, z.body))
    lines = [l for l in doc.lines if id(l) not in header]
    apart = {id(l) for l in footer_blocks(lines)}
    # the last prose line of a long page may reach the footer band: it is not the letterhead
    footer = [l for l in lines if l.y >= FOOTER_Y and (id(l) not in body or id(l) in apart)]
    band = [l for l in doc.lines if l.page == 1 and l.x >= SIDE_X]
    attached = rows([l for l in lines if l.page > 1 and l.y < FOOTER_Y])
    # "Label : value" rows, and table rows whose first cell is a contact's label ("Alamat | Jl. …")
    label = rx(r"^\W{0,3}(?:" + alternation(rules()["address_labels"] + rules()["contact_labels"]) + r")\W{0,3}$")
    listed = [r for r in rows([l for l in z.body if l.x < SIDE_X])
              if re.search(r":(?!//)", r.text) or label.search(first_cell(r) or "")]  # a site's "https://" is no label's colon
    prose = reading_order([l for l in lines if id(l) in body and l.x < SIDE_X])
    return [("kop", z.letterhead), ("kop-bawah", footer), ("kop-samping", band),
            ("lampiran", attached), ("daftar", listed), ("bawah-ttd", _under_signature(z.closing)), ("isi", prose)]


def _under_signature(closing: list[Line]) -> list[Line]:
    """The company's block under the signatory (an e-mail's signature: "--", the company, its
    street, phone and mail): up to a list of copies or enclosures, without a contact person's line."""
    ends = rx(r"^\W{0,3}" + alternation(rules()["zones"]["closing_markers"]) + r"(?!\w)")
    person = pattern("contact_person")
    marker = signature_marker_rx()
    start = next((i for i, l in enumerate(closing) if marker.search(l.text)), len(closing))
    out: list[Line] = []
    for line in closing[start + 1:]:
        if ends.search(line.text):
            break
        if not person.search(line.text):
            out.append(line)
    return out


PIECE_GAP_HEIGHTS = 3  # pieces of one line stand this close (in text heights); columns stand further apart


def reading_order(lines: list[Line]) -> list[Line]:
    """The lines in the reader's order, except that a piece of a line the reader gave later
    (split off by a stamp) goes back right after the piece it continues on the same baseline:
    otherwise "dapat menghubungi" is parted from the contact person's number under it. A
    piece further off is another column (a side band) and stays where it is."""
    out = list(lines)
    for piece in lines:
        left = next((l for l in out if l is not piece and _continued_by(l, piece)), None)
        if left is not None and out.index(piece) != out.index(left) + 1:
            out.remove(piece)
            out.insert(out.index(left) + 1, piece)
    return out


def _continued_by(a: Line, b: Line) -> bool:
    if a.page != b.page or abs(a.y - b.y) > SAME_ROW_DY or not a.words or not b.words:
        return False
    gap = b.box[0] - a.box[2]
    return 0 <= gap <= PIECE_GAP_HEIGHTS * max(a.box[3] - a.box[1], b.box[3] - b.box[1])


def footer_blocks(lines: list[Line]) -> list[Line]:
    """Each page's bottom block when it stands apart from the text above it: a footer
    letterhead, even where the zones took it for the end of the body (a letter that goes on
    to a second page has its body run past the first page's footer)."""
    out: list[Line] = []
    for page in sorted({l.page for l in lines}):
        on = sorted((l for l in lines if l.page == page), key=lambda l: l.y)
        steps = [b.y - a.y for a, b in zip(on, on[1:]) if b.y - a.y > 0.003]  # not side by side
        if len(steps) < 3:
            continue
        pitch = sorted(steps)[len(steps) // 2]
        start = len(on) - 1
        while start > 0 and on[start].y - on[start - 1].y < FOOTER_GAP * pitch:
            start -= 1
        block = on[start:]
        if start > 0 and block[0].y >= FOOTER_TOP and len(block) <= FOOTER_LINES:
            out += block
    return out


def first(where: list[tuple[str, list[Line]]], rule: Callable[[list[Line]], Optional[Found]],
          labels: tuple[str, ...] = ()) -> Optional[Found]:
    """The first place where `rule` reads a value; from prose it is marked for review.

    A place that shows the field's label (`labels`, regexes) without a readable value
    may hold the real one: a value found further on then goes to review.
    """
    label = rx(r"(?<!\w)(?:" + alternation(list(labels)) + r")(?!\w)") if labels else None
    unread = False
    for source, lines in where:
        if not lines:
            continue
        f = rule(lines)
        if f is not None and f.value not in (None, ""):
            if source == "isi" and not _only_one_in(flow(lines).s, f.value):
                f.doubt("dibaca dari isi surat, bukan dari kop surat")
            if unread:
                f.doubt("label di kop surat tanpa nilai yang terbaca; nilai diambil dari bagian lain")
            return f
        unread = unread or bool(label and source != "isi" and any(label.search(l.text) for l in lines))
    return None


def _only_one_in(prose: str, value: str) -> bool:
    """The prose states this contact and no competing one of its kind.

    A second phone number or e-mail address may be a contact person's; an address counts
    only right after its label ("beralamat di", "Alamat :").
    """
    if "@" in value:  # "nama @domain.id": OCR puts spaces around the "@"
        found = pattern("email").finditer(re.sub(r"\s*@\s*", "@", prose))
        return len({m.group(0).lower().rstrip(".") for m in found}) == 1
    if re.fullmatch(r"[\d\s()+.\-]+", value):
        at = prose.find(value)
        if at >= 0 and pattern("contact_person").search(prose[max(0, at - 60):at]):
            return False
        # ... then the number, its "+" perhaps read as "#" (the value keeps only what is sure)
        label = rx(r"(?<!\w)" + alternation(rules()["phone_labels"]) + r"(?!\w)[\s.:/A-Za-z]{0,12}[+#]?$")
        if at >= 0 and label.search(prose[max(0, at - 24):at]):
            return True  # "telepon 031 …", "Telp/WA 0274-…": the company's own line, by its label
        numbers = {v.digits(m.group(0)) for m in pattern("phone").finditer(prose) if len(v.digits(m.group(0))) >= 8
                   and not pattern("contact_person").search(prose[max(0, m.start() - 60):m.start()])}
        return len(numbers) == 1
    # found by its first words: the value's wrapped lines were joined and tidied, "JI." made "Jl."
    at = _lookalike(prose).find(_lookalike(" ".join(value.split()[:3])))
    labels = alternation(rules()["address_labels"] + ["beralamat(?:\\s+di)?"])
    return at > 0 and bool(rx(r"(?:" + labels + r")\s*[:.]?\s*$").search(prose[max(0, at - 30):at]))


def _lookalike(text: str) -> str:
    """I, 1 and | as l: the shapes OCR confuses, for finding a tidied value in the raw text."""
    return re.sub(r"[I1|]", "l", text)


def bare_site(where: list[tuple[str, list[Line]]], email: Optional[Found], brand: Optional[Found]) -> Optional[Found]:
    """A domain printed bare among the contacts ("… | redaksi@x.com | x.com", alone under the
    e-mail): the website, when it agrees with the company's own e-mail domain or is the
    media's name itself. Not a free mailbox's domain, nor the end of an address whose "@"
    a reader lost ("redaksi gmail.com")."""
    mail_domain = email.value.split("@")[-1].lower() if email is not None and isinstance(email.value, str) else ""
    named = brand.value.lower() if brand is not None and isinstance(brand.value, str) else ""
    free = set(rules()["free_mail_domains"])
    for source, lines in where:
        if source == "isi" or not lines:
            continue
        t = Text.build(lines, joiner=" \n ")
        rows = t.s.split("\n")
        for m in pattern("domain").finditer(t.s):
            domain = m.group(0).lower()
            if domain in free or t.s[m.start() - 1:m.start()] in ("@", ".", "-", "_") or t.s[m.end():m.end() + 1] == "@":
                continue
            row = t.s.count("\n", 0, m.start())
            # only after a separator, a label, an e-mail address or nothing on its line ...
            last = t.s[:m.start()].split("\n")[-1].split()
            if last and last[-1].endswith("@"):
                continue  # "marketing @ x.com": an e-mail address read with spaces around its "@"
            if last and not (last[-1] in ("|", "•", "·", "-", "–") or last[-1].endswith(":") or "@" in last[-1]):
                continue
            # ... and among the contacts: on a contact line, or alone under one (a title line
            # "NADAMADIUN.NET" names the medium, it prints no website)
            if not (_contact_line(rows[row]) or (not last and row and pattern("email").search(rows[row - 1]))):
                continue
            # the medium's name, with or without its ending ("Suara Dongko": suaradongko.com)
            if domain in (mail_domain, re.sub(r"\s+", "", named)) or _spells_brand(domain, named):
                return t.found(m.group(0), m.start(), m.end(), "kop")
    return None


SPARE_LETTERS = 3  # a domain may add a few letters to the brand's words ("tv", "fm")


def _spells_brand(domain: str, brand: str) -> bool:
    """The domain's name is the medium's name, its words in any order ("Suara Dongko":
    suaradongko.com; "Tabloid Bintang Timur": bintangtimur-tabloid.com)."""
    words = [w for w in re.findall(r"[a-z0-9]+", brand) if len(w) >= 3]
    stem = re.sub(r"\W", "", domain.split(".")[0])
    return bool(words) and sum(map(len, words)) >= 4 and all(w in stem for w in words) \
        and len(stem) - sum(map(len, words)) <= SPARE_LETTERS


def _contact_line(text: str) -> bool:
    labels = rx(r"(?<!\w)(?:" + alternation(rules()["contact_labels"]) + r")(?!\w)")
    return bool(pattern("email").search(text) or labels.search(text) or pattern("phone").search(text))
