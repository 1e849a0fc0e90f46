"""The signature block under "Hormat kami": company line, signatory's name, position."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import Optional

from pipeline.core import settings as config
from pipeline.extract import kop
from pipeline.extract.found import Found
from pipeline.extract.names import clean_person, company_rx, person_found, prefixes, repair_degrees, tidy_punctuation, degree_rx as _degree_rx, person_prefix_rx, person_rx
from pipeline.extract.rules import alternation, pattern, rules, rx
from pipeline.extract.text import Text, columns, line_text
from pipeline.extract.zones import is_fuzzy_signature_marker, last_marker, place_date_rx, signature_marker_rx
from pipeline.core.models import Line
from pipeline.core.text import normalize



def _cfg():
    return config.settings("extraction").signature


@dataclass
class SignatureBlock:
    company: Optional[Found] = None
    name: Optional[Found] = None
    position: Optional[Found] = None


def _position(text: str) -> Optional[tuple[str, bool]]:
    """The position named by a line, and whether it took a fuzzy repair.

    Positions are many ("Ketua Pengurus", "Pimpinan", "Kepala Stasiun Radio"): a line made
    only of position words, one of them a head word, names one even when it is not listed.
    """
    t = re.sub(r"[^\w\s]", " ", text).strip().lower()
    t = re.sub(r"\s+", " ", t)
    positions = rules()["positions"]
    if rx(r"^" + alternation([re.escape(p) for p in positions]) + r"$").match(t):
        return t, False
    words = t.split()
    if 0 < len(words) <= 6 and set(words) <= set(_cfg().position_words) and set(words) & set(_cfg().position_heads):
        return t, False
    close = difflib.get_close_matches(t, positions, n=1, cutoff=0.8)
    if close:
        return close[0], True
    return _position_by_words(words)


POSITION_WORD_CUTOFF = 0.8  # a misread word ("Birektur", "Pigapinan") this close to a position word is it
DEBRIS = 2  # a leading token this short, or with a digit ("6)", "SA"), is stamp or signature debris


def _position_by_words(words: list[str]) -> Optional[tuple[str, bool]]:
    """A damaged position line ("6) Pimpinan", "SA Birektur"): between the debris a stamp leaves
    at its ends, every word is close to a position word and one to a head word. Always a
    fuzzy repair: such a line is no signatory's name, yet the clerk must check it."""
    while words and (len(words[0]) <= DEBRIS or re.search(r"\d", words[0])):
        words = words[1:]
    while words and len(words[-1]) <= DEBRIS:  # "Retua BA": the stamp's ink after it
        words = words[:-1]
    if not 0 < len(words) <= 4 or any(len(w) < 4 for w in words):
        return None
    cfg = _cfg()
    repaired = []
    for word in words:
        close = difflib.get_close_matches(word, cfg.position_words, n=1, cutoff=POSITION_WORD_CUTOFF)
        if not close:
            return None
        repaired.append(close[0])
    if not set(repaired) & set(cfg.position_heads):
        return None
    return " ".join(repaired), True


def _incomplete(position: str) -> bool:
    """A head word alone that the listed positions always complete ("Pemimpin" of "Pemimpin
    Umum" or "Pemimpin Redaksi"): the rest of the line was probably lost under a stamp."""
    positions = rules()["positions"]
    return position not in positions and " " not in position and any(p.startswith(position + " ") for p in positions)


def _not_a_person(text: str) -> bool:
    """A company's or a medium's line ("Mitra Blitar FM", "Harian Suluh"), never a signatory."""
    words = set(re.sub(r"[^\w\s]", " ", text).lower().split())
    return bool(words & set(_cfg().not_person_words))


def _slogan(text: str) -> bool:
    """A motto in quotes ("Tajam, Terpercaya, Berimbang") of a letterhead printed below the block."""
    return bool(re.fullmatch(r"\W{0,2}[\"“”‘’].{6,}[\"“”‘’]\W{0,2}", text.strip()))


def _degrees_only(text: str) -> bool:
    """A line holding only academic titles: the rest of a name wrapped over two lines."""
    return bool(re.fullmatch(r"[\s,]*" + _degree_rx() + r"(?:\s*,\s*" + _degree_rx() + r")*[\s,.]*", text))


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


DEBRIS_CHARS = 8  # stamp or signature ink read before a name: at most this much


def _after_debris(t: Text) -> Optional[Found]:
    """The name after the marks a stamp or signature left before it on its line ("slop Ir.
    Yanuar Purnomo, S.Sos.", "a| Siti Baihaqi"): from an honorific, or a capital after
    non-letters, to the line's end. The marks may have hidden part of it: always checked."""
    person = rx(r"(" + person_rx() + r")[\s)\]_.,]*$", 0)
    starts = [m.start() for m in rx(r"(?<![\w.])(?i:" + prefixes() + r")\.\s", 0).finditer(t.s)]
    starts += [m.end() for m in re.finditer(r"^\W*\w?[^\w\s]+\s*(?=[A-Z][a-z])", t.s)]  # "a| Siti", "_Rina"
    starts += [m.end() for m in re.finditer(r"^[a-z]{1,3}\s+(?=[A-Z][a-z])", t.s)]  # "aj Siti"
    for start in sorted(s for s in starts if 0 < s <= DEBRIS_CHARS):
        fixed = repair_degrees(tidy_punctuation(t.s[start:]))[0]
        m = person.match(fixed)
        if m and len(m.group(1)) >= 6 and _position(m.group(1)) is None and not _not_a_person(m.group(1)):
            return person_found(t, start, start + m.end(1), "ttd").doubt("coretan sebelum nama (cap atau tanda tangan?)")
    return None


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
    kami,") are parted again: at wide gaps where another line of the block starts a part too.
    A single wide gap in one line is glyphs lost under a signature, not a second column."""
    split = {id(l): columns(l, _cfg().column_gap_heights) for l in closing}
    starts = [[p.x for p in parts[1:]] for parts in split.values()]
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
        return any((pos := _position(p[side].text)) and pos[0] in heads for p in pairs)

    def signs(side: int) -> bool:  # a signatory's column holds a position or a name
        person = rx(r"^\W*(" + person_rx() + r")\W*$", 0)
        return any(_position(p[side].text) or person.match(p[side].text) for p in pairs)
    if signs(0) != signs(1):
        # a disposition scribbled beside the block ("cek legalitas") is no co-signer
        keep = 0 if signs(0) else 1
    else:
        keep = 0 if heads_company(0) and not heads_company(1) else 1
    drop = {id(p[1 - keep]) for p in pairs}
    return [l for l in lines if id(l) not in drop]


_OPEN_POSITION = re.compile(r"(?:\s(?:merangkap|sekaligus|dan)|\s?[&/])\s*$", re.I)


def _wrapped_positions(lines: list[Line]) -> list[Line]:
    """"Pemimpin Redaksi merangkap" over "Direktur": one position wrapped over two lines."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == line.page and 0 < line.y - prev.y <= 0.03 and (
                (_OPEN_POSITION.search(prev.text) and _position(_OPEN_POSITION.sub("", prev.text)) and _position(line.text))
                or _completes(prev.text, line.text)):
            out[-1] = replace(prev, words=prev.words + line.words)
            continue
        out.append(line)
    return out


def _contact_line(line: Line) -> bool:
    """A line of contacts: a phone, an e-mail, a site, a social handle ("IG @kabarx"), an address."""
    # a label alone is not enough: "Wa" also opens a Buton name ("Hj. Wa Ode Nurhaya")
    labelled = rx(kop.contact_rx().pattern + r"\s*(?::|[\d(+])")
    return bool(labelled.search(line.text) or pattern("email").search(line.text)
                or re.search(r"(?<![\w.])@\w{3,}", line.text)) or kop.address_start(line.text) is not None


HEADING_REACH = 5  # a company line heads a block whose name stands this many lines below it at most


def _company_heading(closing: list[Line], companies: list[str]) -> Optional[int]:
    """The line of the company's name with a signatory's name a few lines under it."""
    person = rx(r"^[\s(\[_]*(" + person_rx() + r")[\s)\]_.,]*$", 0)
    for i, line in enumerate(closing):
        m = company_rx().search(line.text)
        if not ((m and m.start() <= 3) or _like_company(line.text, list(companies))):
            continue
        below = closing[i + 1:i + 1 + HEADING_REACH]
        if any(person.match(repair_degrees(tidy_punctuation(l.text))[0]) and _position(l.text) is None for l in below):
            return i
    return None


UNREAD_LINES = 2  # scribbled lines under the position to look past for a readable name

def _surname_wrapped(above: Line, line: Line, name: Found) -> bool:
    """A one-word line right under a name line without titles after it: the name's last word
    wrapped in a narrow column ("Ustadz H. Muhammad Ridwan" / "Alatas")."""
    word = line.text.strip()
    return (re.fullmatch(r"[A-Z][a-z]{2,}", word) is not None and line.page == above.page
            and 0 < line.y - above.y <= 0.03 and isinstance(name.value, str)
            and not re.search(r"[.,]\s*$", name.value) and _position(word) is None and not _not_a_person(word))


def _completes(prev: str, line: str) -> bool:
    """"Pemimpin Umum merangkap Pemimpin" over "Redaksi": a position line whose last word and
    the next line's one or two words make a listed position the last word alone is not."""
    if _position(prev) is None:
        return False
    words = re.sub(r"[^\w\s]", " ", line).lower().split()
    tail = re.sub(r"[^\w\s]", " ", prev).lower().split()[-1:]
    positions = rules()["positions"]
    return 0 < len(words) <= 2 and bool(tail) and " ".join(tail + words) in positions and tail[0] not in positions


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
        if _is_noise(line) or place_date_rx().search(t.s) or _slogan(t.s):
            continue
        if _contact_line(line):
            break  # the page's footer (phone, e-mail, "Instagram @…", an address) ends the block
        if under_name:
            # "Pengurus" / name / "Ketua": the position printed with the name is the signatory's
            # own; the one above the signature heads the block
            pos = _position(t.s)
            if pos and not pos[1] and not ON_BEHALF.match(t.s):
                block.position = t.found(_title_case(pos[0], t.s), 0, len(t.s), "ttd")
            break
        names = after if block.position else before
        pos = None if (block.position and after) else _position(t.s)
        if pos and block.position is None and ON_BEHALF.match(t.s) and on_behalf is None:
            # "a.n. Direktur Utama": whose behalf; the signatory's own position is printed with
            # the name ("Station Manager"), and stands only when none is
            on_behalf = t.found(_title_case(pos[0], t.s), 0, len(t.s), "ttd").doubt("ditandatangani atas nama (a.n.)")
            continue
        if pos and block.position is None:
            f = t.found(_title_case(pos[0], t.s), 0, len(t.s), "ttd")
            if pos[1]:
                f.doubt("jabatan dibaca samar")
            if _incomplete(pos[0]):
                f.doubt("jabatan tampak tidak lengkap")
            block.position = f
            if before:
                break
            continue
        m_company = company_rx().search(t.s)
        if m_company and m_company.start() <= 3 and block.company is None and not names:
            block.company = t.found(m_company.group(0).strip(" .,"), m_company.start(), m_company.end(), "ttd")
            continue
        if not names and _like_company(t.s, list(companies)):
            continue
        if names and _degrees_only(t.s) and names[-1].value.rstrip().endswith(","):
            names[-1].value = clean_person(names[-1].value + " " + t.s)  # "Dr. Yusuf Santoso," / "S.Psi."
            names[-1].places += t.places(0, len(t.s))
            names[-1].reasons = [r for r in names[-1].reasons if r != "gelar setelah nama tidak terbaca"]
            continue
        if _not_a_person(t.s) and not person_prefix_rx().match(t.s):
            continue
        if names and last_name is not None and _surname_wrapped(last_name, line, names[-1]):
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
        elif (f := _after_debris(t)) is not None:
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
