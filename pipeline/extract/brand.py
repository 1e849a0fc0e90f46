"""The media brand a letterhead prints: its title line, a stacked logo, a "Penerbit X" line."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.core.models import Line
from pipeline.extract.found import Found
from pipeline.extract.kop import address_start, is_contact, same_column
from pipeline.extract.names import company_rx
from pipeline.extract.rules import alternation, pattern, rules, rx
from pipeline.extract.text import line_text


def _not_a_brand(line: str) -> bool:
    """A category line ("LEMBAGA PENYIARAN SWASTA") or a slogan in quotes, not the brand."""
    if re.fullmatch(r"[\"'“”‘’].*[\"'“”‘’]", line.strip()):
        return True
    words = " ".join(re.findall(r"\w+", line.lower()))
    return any(rx(p).fullmatch(words) for p in rules()["letterhead_not_brand"])


def brand(lines: list[Line]) -> Optional[Found]:
    """The media brand in the letterhead: 'Penerbit X', else a name line above the address."""
    intro = rx(r"^\W{0,3}" + alternation(rules()["letterhead_brand_intro"]) + r"\s+(?=\S)")
    for line in lines:
        t = line_text(line)
        m = intro.search(t.s)
        if m:
            named = _without_descriptor(t.s.strip())
            if named != t.s.strip():  # "Media Online · lenterakaltim.com": "Media" opened a kind, not a brand
                return t.found(named, t.s.index(named), t.s.index(named) + len(named), "kop-penerbit")
            return t.found(t.s[m.end():].strip(" .,"), m.end(), len(t.s), "kop-penerbit")
    # Below a contact or address line in its own column no brand stands; a contact block in
    # another column (the right of the kop) does not hide the brand at the left.
    stops: list[Line] = []
    for i, line in enumerate(lines):
        if any(same_column(stop, line) for stop in stops):
            continue
        if is_contact(line) or address_start(line.text) is not None or _masthead_section(line.text):
            stops.append(line)
            continue
        if company_rx().search(line.text):
            continue
        t = line_text(line)
        s = t.s.strip(" —-|.")
        if _not_a_brand(s):
            continue
        s = _without_descriptor(s)
        if len(re.findall(r"[A-Za-z0-9]", s)) >= 4:
            start = t.s.index(s)
            f = t.found(s, start, start + len(s), "kop-judul")
            below = [l for l in lines[i + 1:] if same_column(line, l)]
            if below and _kind_only(s) and not is_contact(below[0]) and not company_rx().search(below[0].text):
                # "RADIO" / "SUARA WILIS" / "98.7 FM": a stacked logo names its kind first
                _append(f, below.pop(0))
            if below and _channel_only(below[0].text):  # "RADIO LAWU PESISIR" / "101.7 FM"
                _append(f, below[0])
            return f
    return None


def _append(f: Found, line: Line) -> None:
    more = line_text(line)
    f.value += " " + more.s.strip(" —-|.")
    f.places += more.places(0, len(more.s))
    f.conf = min(f.conf, line.min_conf)


def _without_descriptor(title: str) -> str:
    """"Media Online · lenterakaltim.com": of a title's parts, the one that is no kind of medium."""
    parts = [p.strip() for p in re.split(r"\s+[·•|]\s+", title) if p.strip()]
    kinds = {p for phrases in rules()["media_kinds"].values() for p in phrases}
    named = [p for p in parts if not (_kind_only(p) or " ".join(re.findall(r"\w+", p.lower())) in kinds)]
    if len(parts) > 1 and len(named) == 1:
        return named[0]
    # "flobamorapost.com  Media online": a reader that lost the gap between the two
    m = pattern("domain").match(title.lower())
    rest = title[m.end():] if m else ""
    kind_words = {w for p in kinds for w in p.split()} | set(rules()["brand_generic_words"])
    words = re.findall(r"\w+", rest.lower())
    if m and rest[:1].isspace() and words and set(words) <= kind_words:
        return title[:m.end()]
    return title


def _kind_only(text: str) -> bool:
    """A title line naming only the kind of medium ("RADIO", "HARIAN", "TV"), not which."""
    words = re.findall(r"\w+", text.lower())
    return bool(words) and all(w in rules()["brand_generic_words"] for w in words)


def _masthead_section(text: str) -> bool:
    """A newspaper's masthead column ("SUSUNAN REDAKSI" and the names under it), not its brand."""
    return bool(rx(r"^\W{0,3}(?:susunan|dewan|box)\s+redaksi\b").search(text))


def _channel_only(text: str) -> bool:
    """A title line that only continues the brand above it: a frequency or channel ("101.7 FM")."""
    return bool(re.fullmatch(r"\s*\d{2,3}[.,]\d{1,2}\s*(?:fm|am|mhz|tv)\s*", text, re.I))
