"""What a line of the signature block is: a position, a person's name or what is left of
it under a stamp or a scribble, a company's or medium's line, the page's contacts.

signature.py reads the block with these; each answers for one line (or two lines one under
the other) and knows nothing of the block's order.
"""
from __future__ import annotations

import difflib
import re
from typing import Optional

from pipeline.core import settings as config
from pipeline.core.models import Line
from pipeline.core.text import normalize
from pipeline.extract import kop
from pipeline.extract.found import Found
from pipeline.extract.names import degree_rx as _degree_rx, person_found, person_rx, prefixes, repair_degrees, tidy_punctuation
from pipeline.extract.rules import alternation, pattern, rules, rx
from pipeline.extract.text import Text


def _cfg():
    return config.settings("extraction").signature


def position(text: str) -> Optional[tuple[str, bool]]:
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
    return position_by_words(words)


POSITION_WORD_CUTOFF = 0.8  # a misread word ("Birektur", "Pigapinan") this close to a position word is it
DEBRIS = 2  # a leading token this short, or with a digit ("6)", "SA"), is stamp or signature debris


def position_by_words(words: list[str]) -> Optional[tuple[str, bool]]:
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


def incomplete(position: str) -> bool:
    """A head word alone that the listed positions always complete ("Pemimpin" of "Pemimpin
    Umum" or "Pemimpin Redaksi"): the rest of the line was probably lost under a stamp."""
    positions = rules()["positions"]
    return position not in positions and " " not in position and any(p.startswith(position + " ") for p in positions)


def not_a_person(text: str) -> bool:
    """A company's or a medium's line ("Mitra Blitar FM", "Harian Suluh"), never a signatory."""
    words = set(re.sub(r"[^\w\s]", " ", text).lower().split())
    return bool(words & set(_cfg().not_person_words))


def slogan(text: str) -> bool:
    """A motto in quotes ("Tajam, Terpercaya, Berimbang") of a letterhead printed below the block."""
    return bool(re.fullmatch(r"\W{0,2}[\"“”‘’].{6,}[\"“”‘’]\W{0,2}", text.strip()))


def degrees_only(text: str) -> bool:
    """A line holding only academic titles: the rest of a name wrapped over two lines."""
    return bool(re.fullmatch(r"[\s,]*" + _degree_rx() + r"(?:\s*,\s*" + _degree_rx() + r")*[\s,.]*", text))


def is_noise(line: Line) -> bool:
    letters = re.findall(r"[A-Za-z]", line.text)
    return len(letters) < 3 or len(letters) < 0.5 * len(line.text.replace(" ", ""))


def title_case(position: str, printed: str) -> str:
    """The position as printed when it matched exactly, else in title case."""
    words = re.sub(r"[^\w\s]", " ", printed).split()
    if " ".join(words).lower() == position:
        return " ".join(words)
    return position.title()


def like_company(text: str, companies: list[str]) -> bool:
    """A stamp-damaged company line still resembles the company's name."""
    t = normalize(text, words_only=True)
    return any(difflib.SequenceMatcher(None, t, normalize(c, words_only=True)).ratio() >= 0.7 for c in companies if c)


DEBRIS_CHARS = 8  # stamp or signature ink read before a name: at most this much


def after_debris(t: Text) -> Optional[Found]:
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
        if m and len(m.group(1)) >= 6 and position(m.group(1)) is None and not not_a_person(m.group(1)):
            return person_found(t, start, start + m.end(1), "ttd").doubt("coretan sebelum nama (cap atau tanda tangan?)")
    return None


OPEN_POSITION = re.compile(r"(?:\s(?:merangkap|sekaligus|dan)|\s?[&/])\s*$", re.I)


def contact_line(line: Line) -> bool:
    """A line of contacts: a phone, an e-mail, a site, a social handle ("IG @kabarx"), an address."""
    # a label alone is not enough: "Wa" also opens a Buton name ("Hj. Wa Ode Nurhaya")
    labelled = rx(kop.contact_rx().pattern + r"\s*(?::|[\d(+])")
    return bool(labelled.search(line.text) or pattern("email").search(line.text)
                or re.search(r"(?<![\w.])@\w{3,}", line.text)) or kop.address_start(line.text) is not None


def surname_wrapped(above: Line, line: Line, name: Found) -> bool:
    """A one-word line right under a name line without titles after it: the name's last word
    wrapped in a narrow column ("Ustadz H. Muhammad Ridwan" / "Alatas")."""
    word = line.text.strip()
    return (re.fullmatch(r"[A-Z][a-z]{2,}", word) is not None and line.page == above.page
            and 0 < line.y - above.y <= 0.03 and isinstance(name.value, str)
            and not re.search(r"[.,]\s*$", name.value) and position(word) is None and not not_a_person(word))


def completes(prev: str, line: str) -> bool:
    """"Pemimpin Umum merangkap Pemimpin" over "Redaksi": a position line whose last word and
    the next line's one or two words make a listed position the last word alone is not."""
    if position(prev) is None:
        return False
    words = re.sub(r"[^\w\s]", " ", line).lower().split()
    tail = re.sub(r"[^\w\s]", " ", prev).lower().split()[-1:]
    positions = rules()["positions"]
    return 0 < len(words) <= 2 and bool(tail) and " ".join(tail + words) in positions and tail[0] not in positions
