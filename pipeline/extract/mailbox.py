"""An e-mail address the letter's own words spell out: a second reading of it.

Tesseract often splits an address at its "@" ("sekretariat @oborgresik.my.id") and then
gives both parts a low confidence for the doubtful space, not for the letters. When every
part of the address is a word the letter states elsewhere with good confidence (the media's
or the company's name) or a usual mailbox name ("redaksi", "sekretariat"), and its domain
ends as domains do, the letters are confirmed by the letter itself.
"""
from __future__ import annotations

import difflib
import re
from typing import Optional

from pipeline.extract.found import Found
from pipeline.extract.names import company_initials
from pipeline.extract.rules import pattern, review, rules
from pipeline.extract.settle import near_miss

MIN_DISTINCTIVE = 4  # a name word this long ties an address to its owner ("obor", "panji")


def confirmation(email: Optional[Found], *names: Optional[Found]) -> list[Found]:
    """A reading of `email` derived from the trusted names that spell it, or none."""
    if email is None or not isinstance(email.value, str) or email.value.count("@") != 1:
        return []
    strong = [n for n in names if n is not None and isinstance(n.value, str) and not n.reasons
              and n.conf >= review("min_word_conf")]
    if not strong:
        return []
    words = {w for n in strong for w in re.findall(r"[a-z0-9]+", n.value.lower()) if len(w) >= 2}
    generic = set(rules()["brand_generic_words"])
    distinctive = {w for w in words if len(w) >= MIN_DISTINCTIVE and w not in generic and not w.isdigit()}
    mailbox = set(rules()["mailbox_words"])
    local, domain = email.value.lower().split("@")
    free = domain in rules()["free_mail_domains"]
    if not free and not pattern("domain").fullmatch(domain):
        return []
    label = domain.split(".")[0]
    if free:  # a free mailbox is the company's only by its name ("nawadesaofficial@gmail.com")
        ok = _spelled(local, words | mailbox, distinctive)
    else:
        ok = _spelled(local, words | mailbox, set()) and _spelled(label, words | mailbox, distinctive)
    if not ok:
        return []
    weakest = min(strong, key=lambda n: n.conf)
    return [weakest.derived(email.value, "nama")]


def _spelled(text: str, pieces: set[str], needed: set[str]) -> bool:
    """`text` is made only of `pieces` (between optional dots, dashes, underscores), at
    least one of them from `needed` when that is given."""
    parts = [p for p in re.split(r"[._\-]", text) if p]
    if not parts:
        return False
    used: set[str] = set()
    for part in parts:
        cut = _segment(part, pieces)
        if cut is None:
            return False
        used.update(cut)
    return not needed or bool(used & needed)


def _segment(s: str, pieces: set[str]) -> Optional[list[str]]:
    """`s` cut into pieces of the set, or None (dynamic programming over its prefixes)."""
    best: list[Optional[list[str]]] = [[]] + [None] * len(s)
    for end in range(1, len(s) + 1):
        for start in range(end):
            if best[start] is not None and s[start:end] in pieces:
                best[end] = best[start] + [s[start:end]]
                break
    return best[len(s)]


MAX_LOST = 3  # letters a blur or a speck takes from an address's start ("erbangpantura77")


def cut_short(email: Optional[Found], *names: Optional[Found]) -> None:
    """Flag an address whose mailbox name has lost its first letters: none left before the "@"
    ("bengawanpacitan 1 @yahoo.com" read as "1@yahoo.com"), a usual mailbox name is cut
    ("daksi@" for "redaksi@"), or it begins inside a word of the media's or the company's
    name ("erbangpantura77" for Gerbang Pantura)."""
    if email is None or not isinstance(email.value, str) or email.value.count("@") != 1:
        return
    local = email.value.split("@")[0].lower()
    lead = re.match(r"[a-z]*", local).group(0)
    if not lead and not re.search(r"[a-z]", local):
        email.doubt("alamat e-mail tanpa huruf sebelum '@' (bagian awalnya hilang?)")
        return
    first = re.split(r"[._\-]", local)[0]
    mailbox = rules()["mailbox_words"]
    if len(first) >= 3 and first not in mailbox:
        for word in mailbox:
            if word.endswith(first):  # "daksi@" for "redaksi@", "ing@" for "marketing@"
                email.doubt(f"awal alamat e-mail tampak terpotong ('{first}' dari '{word}'?)")
                return
    if len(lead) < MIN_DISTINCTIVE:
        return
    for n in names:
        if n is not None and isinstance(n.value, str) and _starts_inside(lead, re.findall(r"[a-z]+", n.value.lower())):
            email.doubt("awal alamat e-mail tampak terpotong (dibandingkan dengan nama media/perusahaan)")
            return


def _starts_inside(lead: str, words: list[str]) -> bool:
    """`lead` spells the name from 1-MAX_LOST letters into one of its words, and no part of the
    name from a word's start ("pantura77" and "gerbangpanturafm" are whole)."""
    def along(lead: str, rest: str) -> int:  # letters lead and rest share from their start
        return len(lead) if rest.startswith(lead) else (len(rest) if lead.startswith(rest) else 0)

    if any(along(lead, "".join(words[i:])) for i in range(len(words))):
        return False
    for i, w in enumerate(words):
        for cut in range(1, min(MAX_LOST, len(w) - 1) + 1):
            shared = along(lead, "".join(words[i:])[cut:])
            if shared >= max(MIN_DISTINCTIVE, len(w) - cut):
                return True
    return False


LOOKALIKE = 0.8  # a domain this close to a free mailbox's, but not it, is that one misread


def free_domain_misread(email: Optional[Found]) -> None:
    """"@vahoo.com", "@gmaii.com": a free mailbox's domain with a letter misread. Nobody
    registers those for a newsroom; the clerk checks the address."""
    if email is None or not isinstance(email.value, str) or email.value.count("@") != 1:
        return
    domain = email.value.lower().rsplit("@", 1)[1]
    known = rules()["free_mail_domains"]
    if domain in known:
        return
    close = difflib.get_close_matches(domain, known, n=1, cutoff=LOOKALIKE)
    if close:
        email.doubt(f"domain e-mail mirip '{close[0]}' (salah baca?)")


def misread_elsewhere(email: Optional[Found], mentions: list[Optional[Found]]) -> None:
    """Flag an address that another mention in the scan spells almost alike: a letterhead icon
    read as a letter ("credaksi@" beside the body's "redaksi@") leaves two near copies, and
    only one can be right. A text layer prints what it prints, so only OCR readings count."""
    if email is None or not isinstance(email.value, str):
        return
    for other in mentions:
        if other is None or not isinstance(other.value, str) or min(other.conf, email.conf) >= 100:
            continue
        if other.value.lower() != email.value.lower() and near_miss(other.value, email.value):
            email.doubt(f"e-mail ditulis '{other.value}' di bagian lain surat (salah baca?)")
            return


# Glyphs a scan's blur turns into one another; in a mailbox name they change the address.
LOOKALIKES = {"i": "l1", "l": "i1", "1": "il", "o": "0", "0": "o"}


def lookalike_of_named(email: Optional[Found], website: Optional[Found], *names: Optional[Found]) -> None:
    """Flag an address whose mailbox name is one look-alike glyph (i/l/1, o/0) away from what
    the website or the initials of the company's name spell, and not that itself: "wigm.kantor@"
    beside www.wlgmgroup.co.id and PT Wilis Lumajang Global Media. Only OCR readings."""
    if email is None or not isinstance(email.value, str) or email.value.count("@") != 1 or email.conf >= 100:
        return
    spelled = []
    if website is not None and isinstance(website.value, str):
        spelled += re.findall(r"[a-z0-9]+", website.value.lower())
    spelled += [company_initials(n.value) for n in names if n is not None and isinstance(n.value, str)]
    spelled = [t for t in spelled if len(t) >= 3]
    local = email.value.lower().split("@")[0]
    for part in re.findall(r"[a-z0-9]{3,}", local):
        if any(part in t for t in spelled):
            continue
        for i, ch in enumerate(part):
            for alt in LOOKALIKES.get(ch, ""):
                variant = part[:i] + alt + part[i + 1:]
                if any(variant in t for t in spelled):
                    email.doubt(f"alamat e-mail mungkin salah baca: '{variant}' seperti pada situs atau nama perusahaan")
                    return
