"""Fields left empty whose traces are still in the letter go to review, never stay blank in silence.

A label with no readable value beside it ("NPWP :" under a stamp), a hint anywhere on any page
or zone ("Akta Notaris ..." in a foundation's letterhead), or a scan whose contacts' line was
lost: the clerk is shown where to look.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract import body
from pipeline.extract.found import Found
from pipeline.extract.rules import alternation, rules, rx


def site_in_unread_contacts(out: dict[str, Optional[Found]]) -> None:
    """No website read on a scan whose e-mail or phone was not read either, or both read only
    in doubt: the contacts' line was lost or garbled (white on a dark band, a fold, a stamp) and
    may have held the site too."""
    def empty(key: str) -> bool:
        return out.get(key) is None or out[key].value in (None, "")

    def unsure(key: str) -> bool:
        return empty(key) or bool(out[key].reasons)

    if empty("website") and (empty("email") or empty("telepon") or (unsure("email") and unsure("telepon"))):
        out["website"] = (out.get("website") or Found(None, 0.0, "jejak")).doubt(
            "kontak di kop tidak terbaca: periksa apakah ada alamat situs")


LIST_ITEM = r"(?<=\s)(?=\d{1,2}[.)]\s+[A-Z])"  # "… 8. Pemimpin Redaksi : …" starts an item of a list run into prose


def _without_ukw(prose) -> str:
    """The body without its UKW sentences: they name Dewan Pers as the certifier, not the
    media's status. A list run into one sentence loses only its UKW items, not the status row;
    a piece that also speaks of verification holds the status too (a table read label
    column first: "Verifikasi Dewan Pers Kompetensi Pemimpin : Belum terverifikasi : UKW …")."""
    anchor = rx(rules()["ukw"]["anchor"])
    verified = rx(alternation(rules()["dewan_pers"]["verbs"]))
    pieces = [p for s, e in body.sentences(prose) for p in re.split(LIST_ITEM, prose.s[s:e])]
    return " ".join(p for p in pieces if not anchor.search(p) or verified.search(p))


# Fields a letterhead may state too (a foundation's deed and decree under its name); its
# "Alamat Redaksi" names no editor, so the others are not looked for there.
STATED_IN_LETTERHEAD = ("npwp", "nib", "nomor_akta", "sk_kemenkumham")


def flag_traces(out: dict[str, Optional[Found]], prose, rest, table, labels, head) -> None:
    """Empty fields whose traces are still anywhere in the letter (every page and zone) go to review.

    `rest` holds the rows outside letterhead, body and signature that state a value; `labels`
    all of them, for a label whose value cell was lost ("Pemimpin Redaksi" on an attached page);
    `head` the letterhead.
    """
    for key, hints in rules()["presence_hints"].items():
        f = out.get(key)
        if f is not None and f.value not in (None, ""):
            continue
        text = {"website": table.s, "status_dewan_pers": _without_ukw(prose) + "\n" + _without_ukw(rest)}.get(key, prose.s + "\n" + rest.s)
        if key in STATED_IN_LETTERHEAD:
            text += "\n" + head.s
        row = rules()["presence_rows"].get(key)
        bare = row and rx(r"^[^\S\n]*\W{0,3}(?:\d{1,2}[.)][^\S\n]*)?" + alternation(row) + r"\b", re.I | re.M).search(labels.s)
        if bare or any(rx(h).search(text) for h in hints):
            out[key] = (f or Found(None, 0.0, "jejak")).doubt("disebut di surat tetapi nilainya tidak terbaca")
            # where it is mentioned: the clerk's crop, and where a second look reads again (not
            # for Dewan Pers: the first mention may be a UKW sentence, not the status)
            if not out[key].places and key != "status_dewan_pers":
                out[key].places = (labels.places(bare.start(), bare.end()) if bare
                                   else _mention(hints, (table,) if key == "website" else (prose, rest, head)))


def _mention(hints: list[str], texts) -> list:
    for t in texts:
        for h in hints:
            m = rx(h).search(t.s)
            if m:
                return t.places(m.start(), m.end())
    return []
