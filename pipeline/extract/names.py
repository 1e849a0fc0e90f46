"""Recognising proper names: company names (legal form + capitalised words) and
people's names (honorifics + capitalised words + academic titles)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.extract.found import Found
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.text import Text


@lru_cache(maxsize=1)
def legal_form_map() -> dict[str, str]:
    out = {}
    for form, words in rules()["legal_forms"].items():
        for w in words:
            out[w.lower().rstrip(".")] = form
    return out


def company_initials(company: str) -> str:
    """The initials of a company's name without its legal form and connectors ("PT Wilis
    Lumajang Global Media" → "wlgm"): what its group site or mailbox is often named after."""
    forms = set(legal_form_map())
    words = [w for w in re.findall(r"[a-z0-9]+", company.lower()) if w not in forms and w not in rules()["name_connectors"]]
    return "".join(w[0] for w in words)


def legal_form_of(name: str) -> Optional[str]:
    """`PT`/`CV`/… for a company name that begins with its legal form."""
    forms = legal_form_map()
    for key in sorted(forms, key=len, reverse=True):
        if re.match(rf"{re.escape(key)}\.?(?!\w)", name.strip(), re.IGNORECASE):
            return forms[key]
    return None


def legal_form_rx() -> re.Pattern[str]:
    alt = alternation([re.escape(k) for k in legal_form_map()])
    # The legal form is written capitalised ("PT", "Yayasan"); a lowercase "koperasi" in prose is not a name.
    return rx(r"(?<![\w.])(?i:" + alt + r")\.?(?=\s+[A-Z])", 0)


# a number in a name ("Radio 99.1 FM"), but not the next item of a list run on ("2. Nama Media");
# a full stop closes a short abbreviation ("Tbk."), after a longer word it ends the sentence
# ("… PT Radar Brantas Intermedia. Harian Radar …")
_CAP_WORD = r"(?:[A-Z][\w'’&\-]{0,3}\.(?!\w)|[A-Z][\w'’&\-]*|(?!\d{1,2}[.)](?:\s|$))\d[\w.\-]*)"


def company_rx() -> re.Pattern[str]:
    """Legal form followed by a run of capitalised words (connectors allowed before another capital)."""
    conn = alternation([re.escape(c) for c in rules()["name_connectors"]])
    stop = alternation([re.escape(c) for c in rules()["name_stopwords"]])
    word = rf"(?!(?i:{stop})\b){_CAP_WORD}"
    return rx(legal_form_rx().pattern + rf"(?:\s+{word}(?:\s+{conn}\s+{word})?)+", 0)


def clean_company(text: str) -> str:
    return re.sub(r"[\s.,;:]+$", "", text).strip()


# --- People --------------------------------------------------------------------

def degree_rx() -> str:
    return r"[A-Z][A-Za-z]{0,4}\.(?:[A-Z][A-Za-z]{0,4}\.)*(?!\w)"


_degree_rx = degree_rx


def prefixes() -> str:
    """Regex alternation of the honorifics before a name ("Dra", "H", "Ir"), without their dot."""
    return alternation([re.escape(p) for p in rules()["name_prefixes"]])


def person_prefix_rx() -> re.Pattern[str]:
    """An honorific at the start of a line ("Dra.", "H.", "Ir."): a person follows."""
    return rx(rf"^\W{{0,3}}(?i:{prefixes()})\.", 0)


def person_rx(one_line: bool = False) -> str:
    """Regex source (case-sensitive) for a person's name with titles."""
    gap = r"[^\S\n]*" if one_line else r"\s*"
    prefix = rf"(?:(?i:{prefixes()})\.{gap})"
    particles = alternation([re.escape(p) for p in rules()["person_particles"]])
    # in a list of rows a name never runs over a line break: the next row is another label
    sp = r"[^\S\n]+" if one_line else r"\s+"
    # a capitalised word that starts the next sentence ("… Dewi Syahputra. Adapun …") is no name part
    stop = alternation([re.escape(w) for w in rules()["person_stopwords"]])
    # ... nor does one that begins a sentence ("Adapun") stand for a first name
    # ... and a given name written short ("Moh.") goes on to the next word
    # (any initial too: "Yohanes S. Halim", "T. Rizal Fahlevi")
    short = alternation([re.escape(a) for a in rules().get("name_abbreviations", [])] + ["[A-Z]"], escape=False)
    word = rf"(?:(?:{short})\.(?={sp}[A-Z])|[A-Z][a-zA-Z'’\-]+)" if short else r"[A-Z][a-zA-Z'’\-]+"
    # a Balinese name starts with a bare "I" ("I Gusti Ngurah …", "I Made …")
    word = rf"(?:I(?={sp}[A-Z][a-z])|{word})"
    core = rf"(?!(?i:{stop})\b){word}(?:{sp}(?:{particles}{sp})?(?!(?i:{stop})\b){word}){{0,5}}"
    degrees = rf"(?:\s*,\s*{_degree_rx()})*"
    return rf"(?-i:{prefix}*{core}{degrees})"


def degree_parts(name: str) -> list[str]:
    """The academic titles after the first comma of a name."""
    if "," not in name:
        return []
    return [p.strip() for p in name.split(",")[1:] if p.strip()]


def unknown_degrees(name: str) -> list[str]:
    """Titles not in the configured list (e.g. 'SSos.' read for 'S.Sos.')."""
    known = {d.replace(" ", "") for d in rules()["degrees"]}
    return [p for p in degree_parts(name) if p.replace(" ", "") not in known]


def name_words(name: str) -> list[str]:
    """The given/family-name words (no honorifics, no titles)."""
    core = name.split(",")[0]
    honorifics = {p.lower() for p in rules()["name_prefixes"]}
    return [w for w in core.split() if w.rstrip(".").lower() not in honorifics or not w.endswith(".")]


def clean_person(text: str) -> str:
    t = text.strip().strip("()[]_ ")
    t = re.sub(r"\s*,\s*", ", ", t)
    return re.sub(r"[\s,;:]+$", "", t)


def repair_degrees(text: str) -> tuple[str, bool]:
    """Titles with an I read as l, 1 or | ("S.l.Kom.", "M.1.Kom.") put right where that gives a
    listed title, letter for letter (spans keep their places); whether anything was changed."""
    known = {d.replace(" ", "") for d in rules()["degrees"]}

    def fix(m: re.Match) -> str:
        fixed = re.sub(r"[l1|]", "I", m.group(0))
        return fixed if m.group(0) not in known and fixed in known else m.group(0)

    out = re.sub(r"(?<![\w.])[A-Z][A-Za-z0-9.|]{1,10}\.(?!\w)", fix, text)
    return out, out != text


def tidy_punctuation(text: str) -> str:
    """A comma read as a full stop, or the reverse, around titles ("Ir, Zainal", "S.E.. M.M."):
    put right letter for letter, the letters being the same."""
    text = rx(rf"^(\W{{0,3}}(?i:{prefixes()})),(?=\s)", 0).sub(r"\1.", text)
    text = GLUED_DOT.sub(" ", text)  # "Lalu.Ahmad": a speck read between two words of the name
    return re.sub(r"(?<=[A-Z]\.)\.(?=\s+[A-Z][A-Za-z]{0,4}\.)", ",", text)


# a full stop between two whole words of a name: no title or initial ends with four small letters
GLUED_DOT = re.compile(r"(?<=[A-Z][a-z]{3})\.(?=[A-Z][a-z])")


def person_found(t: Text, start: int, end: int, source: str) -> Found:
    """A person's name read from the span [start, end), its titles put right where OCR read an
    I as l or 1: a repair that stands only where the second OCR engine read the title so."""
    def plain(span: str) -> str:
        return clean_person(tidy_punctuation(span))

    value, fixed = repair_degrees(plain(t.s[start:end]))
    f = t.found(value, start, end, source, reads_as=lambda alt: repair_degrees(plain(alt))[0],
                repair=("gelar diperbaiki dari huruf yang mirip (l/1 dibaca untuk I)", plain) if fixed else None)
    if GLUED_DOT.search(t.s[start:end]):
        f.doubt("titik di antara dua kata nama dibaca sebagai spasi (salah baca?)")
    return f
