"""The editor-in-chief and the UKW level of his or her certificate, from the body's prose or
a list's rows (a name after its label; the level and whose certificate it is)."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract.body import sentences
from pipeline.extract.found import Found
from pipeline.extract.names import GLUED_DOT, person_found, person_rx, repair_degrees
from pipeline.extract.rules import alternation, rules, rx
from pipeline.extract.text import Text


# The end of a row after the name: only a remark in brackets may follow ("(UKW Utama)").
ROW_END = r"[^\S\n]*(?:\([^()\n]{0,40}\)[^\S\n]*)?(?:\n|$)"


def pemimpin_redaksi(t: Text, *, one_row: bool = False) -> Optional[Found]:
    """The editor-in-chief named in `t`; with `one_row`, label and name must share a line
    (in a list, the line below belongs to another label or to the signature block) and a
    name after its label must fill the rest of the row (else it is prose wrapped mid-name)."""
    # "S.l.Kom." is a title too, "Lalu.Ahmad" a name; the spans stay where they are
    text = GLUED_DOT.sub(" ", repair_degrees(t.s)[0])
    for pat in rules()["pemimpin_redaksi"]["patterns"]:
        if one_row:
            pat = pat.replace(r"\s", r"[^\S\n]")
        regex = rx(pat.replace("NAME", "(?P<name>" + person_rx(one_row) + ")"))
        spans = ((m.start("name"), _name_end(m)) for m in regex.finditer(text))
        span = next(((s, e) for s, e in spans if e is not None and (
                     not one_row or not pat.endswith("NAME") or re.match(ROW_END, text[e:]))), None)
        if span:
            f = person_found(t, *span, "isi")
            if re.match(r"\s*,?\s*[A-Z][^\s,]*[.,]", t.s[span[1]:]):
                f.doubt("nama mungkin terpotong (gelar tidak terbaca)")
            return f
    return None


def _name_end(m: re.Match) -> Optional[int]:
    """Where the name of match `m` ends: before a word no name has ("UKW", "Wartawan": a list's
    next label or value run on), None when no name is left before it."""
    words = set(rules()["pemimpin_redaksi"]["not_name_words"])
    name = m.group("name")
    cut = next((w.start() for w in re.finditer(r"[A-Za-z]+", name) if w.group(0).lower() in words), None)
    if cut is None:
        return m.end("name")
    kept = name[:cut].rstrip(" ,\n")
    return m.start("name") + len(kept) if re.search(r"[A-Za-z]{3,}", kept) else None


def ukw_utama(t: Text, editor: Optional[str] = None) -> Optional[Found]:
    """The editor-in-chief's UKW level: true for Utama, false for a lower level or none.

    A level stated for the staff ("seluruh wartawan kami ... Muda") says nothing about the
    editor; a level whose owner the letter does not name goes to review.
    """
    anchor = rx(rules()["ukw"]["anchor"])
    spans = sentences(t)
    staff_only = False
    unowned: Optional[Found] = None
    for n, (s, e) in enumerate(spans):
        if not anchor.search(t.s[s:e]):
            continue
        found = _ukw_level(t, s, e)
        if found is None:
            continue
        f, at = found
        owner = _owner(t.s[s:e], at - s, editor)
        if owner == "editor":
            return f
        if owner == "staff":
            staff_only = True
            continue
        previous = t.s[spans[n - 1][0]:spans[n - 1][1]] if n else ""
        if unowned is None:
            unowned = f if _owner(previous, len(previous), editor) == "editor" else f.doubt("tidak jelas milik siapa sertifikat UKW ini")
    if unowned is None and staff_only:
        return Found(None, 0.0, "isi").doubt("UKW disebut untuk wartawan, bukan untuk Pemimpin Redaksi")
    return unowned


def _owner(sentence: str, at: int, editor: Optional[str]) -> Optional[str]:
    """Whose level stands at `at`: the nearest mention before it of the editor or the staff, else any mention."""
    cfg = rules()["ukw"]
    mentions = [(m.start(), "editor") for m in rx(cfg["editor"]).finditer(sentence)]
    mentions += [(m.start(), "staff") for m in rx(cfg["staff"]).finditer(sentence)]
    words = [w for w in (editor or "").split(",")[0].split() if len(w) >= 3 and not w.endswith(".")]
    if words:
        mentions += [(m.start(), "editor") for m in rx(r"(?<!\w)" + re.escape(words[0]) + r"(?!\w)").finditer(sentence)]
    before = [m for m in mentions if m[0] < at]
    if before:
        return max(before)[1]
    kinds = {k for _, k in mentions}
    return kinds.pop() if len(kinds) == 1 else None


def _ukw_level(t: Text, s: int, e: int) -> Optional[tuple[Found, int]]:
    """The level named in sentence [s, e) and where it stands."""
    cfg = rules()["ukw"]
    sent = t.s[s:e]
    levels = {k.lower(): val for k, val in cfg["levels"].items()}
    lv = rx(r"(?<!\w)(" + "|".join(levels) + r")(?!\w)").search(sent)
    neg = rx(alternation([re.escape(n) for n in cfg["negations"]])).search(sent)
    # "Belum mengikuti UKW" then a level word further on (a brand "... Utama", the next row
    # of a table): the negation stated first decides
    if lv and not (neg and neg.start() < lv.start()):
        return t.found(levels[lv.group(1).lower()], s + lv.start(), s + lv.end(), "isi"), s + lv.start()
    if neg:
        # The words that say it ("belum mengikuti UKW"), not the whole sentence: a table row's
        # label gap or a misread name elsewhere in it says nothing about the level.
        said = min(rx(cfg["anchor"]).finditer(sent),
                   key=lambda a: max(a.start() - neg.end(), neg.start() - a.end(), 0), default=neg)
        lo, hi = min(neg.start(), said.start()), max(neg.end(), said.end())
        return t.found(False, s + lo, s + hi, "isi"), s + neg.start()
    return None
