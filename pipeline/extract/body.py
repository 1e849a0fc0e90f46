"""Body statements: company and media named in prose, legal numbers, press-council
status (the editor-in-chief and the UKW level: editor.py)."""
from __future__ import annotations

import difflib
import re
from typing import Callable, Optional

from pipeline.extract import validators as v
from pipeline.extract.found import Found
from pipeline.extract.names import clean_company, company_rx
from pipeline.extract.rules import alternation, pattern, phrase_rx, rules, rx
from pipeline.extract.text import Text


def sentences(t: Text) -> list[tuple[int, int]]:
    """Sentence spans; a dot ends a sentence only after a lowercase word (not after 'S.H.'), or a line break."""
    out, start = [], 0
    # a line break ends a sentence too: texts of rows (lists, tables) keep one row per line
    for m in re.finditer(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z(])|\n", t.s):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(t.s)))
    return out


def companies(t: Text) -> list[Found]:
    return [t.found(clean_company(m.group(0)), m.start(), m.end(), "isi") for m in company_rx().finditer(t.s)]


# --- Media brand and kind -------------------------------------------------------------

def kind_phrase(text: str) -> Optional[tuple[str, int, int]]:
    """(kind, start, end) of the longest media-kind phrase in `text`."""
    best: Optional[tuple[str, int, int]] = None
    for kind, phrases in rules()["media_kinds"].items():
        for p in phrases:
            m = rx(r"(?<!\w)" + re.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)").search(text)
            if m and (best is None or m.end() - m.start() > best[2] - best[1]):
                best = (kind, m.start(), m.end())
    return best


def kinds_in(text: str) -> set[str]:
    """Every media kind named in `text`, ignoring phrases inside a longer phrase of another kind."""
    spans = []
    for kind, phrases in rules()["media_kinds"].items():
        for p in phrases:
            for m in rx(r"(?<!\w)" + re.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)").finditer(text):
                spans.append((m.start(), m.end(), kind))
    return {k for a, b, k in spans if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans)}


def media_kind_of(text: str) -> Optional[str]:
    """online/cetak/radio/televisi from the longest kind phrase found in `text`."""
    found = kind_phrase(text)
    return found[0] if found else None


def kind_stated(t: Text) -> Optional[Found]:
    """The kind the prose says the medium is ("… adalah media siber yang dikelola …"): the
    first such statement; another naming a different kind sends it to review."""
    verbs = rules().get("media_kind_verbs", [])
    if not verbs:
        return None
    said: list[Found] = []
    for m in rx(r"(?<!\w)" + alternation(verbs) + r"\s+").finditer(t.s):
        starts = [(kind, len(p)) for kind, phrases in rules()["media_kinds"].items() for p in phrases
                  if rx(re.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)").match(t.s, m.end())]
        if starts:
            kind, n = max(starts, key=lambda k: k[1])  # "media online" before "online"
            said.append(t.found(kind, m.end(), m.end() + n, "isi"))
    if not said:
        return None
    if any(f.value != said[0].value for f in said[1:]):
        said[0].doubt("isi surat menyebut jenis media yang berbeda")
    return said[0]


def _descriptor_word(words: list[re.Match], i: int) -> bool:
    """A capitalised kind word still describing the media ("TV lokal X"): a lowercase word follows it."""
    w = words[i].group(0).strip(".,;")
    nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
    return bool(media_kind_of(w)) and nxt[:1].islower()


def media_intro(t: Text) -> Optional[tuple[Found, Optional[Found]]]:
    """'selaku pengelola <descriptor> <Brand> bermaksud …' → (brand, kind from the descriptor)."""
    intro = phrase_rx("media_intro")
    stop = rx(r"\s+" + alternation([re.escape(s) for s in rules()["media_stopwords"]]) + r"\b|[,;:]\s|\.\s|[.:]$")  # "… pengelola X:" then a list
    domain = pattern("domain")
    for m in intro.finditer(t.s):
        if re.match(r"\s*:", t.s[m.end():]):
            continue  # "Penerbit : PT X": a list row naming the publisher, the company, not the brand
        end_m = stop.search(t.s, m.end())
        end = end_m.start() if end_m else min(len(t.s), m.end() + 80)
        seg_start = m.end()
        words = list(re.finditer(r"\S+", t.s[seg_start:end]))
        # The descriptor is the leading run of lowercase words that are not a domain.
        k = next((i for i, w in enumerate(words) if (w.group(0)[0].isupper() or w.group(0)[0].isdigit() or w.group(0)[0] in "\"“„'"
                  or domain.fullmatch(w.group(0).lower())) and not _descriptor_word(words, i)), None)
        if k is None:
            continue
        b0 = seg_start + words[k].start()
        descriptor = t.s[seg_start:b0]
        if m.group(0).lower() in rules().get("media_intro_needs_kind", []) and not kind_phrase(descriptor):
            continue
        first_word = words[k].group(0).rstrip(".,;")
        # a domain is one token: never let it run into the next (possibly misread) word
        quoted = re.match(r'["“”„\']([^"“”„\']{2,60})["“”„\']', t.s[b0:])
        if quoted:  # a brand written in quotes: exactly what is between them
            brand, b0 = quoted.group(1).strip(), b0 + 1
        elif domain.fullmatch(first_word.lower()):
            brand = first_word
        else:  # a brand is a run of capitalised words and numbers; a lowercase word ends it
            run = [w for w in words[k:] if seg_start + w.start() < end]
            cut = next((i for i, w in enumerate(run) if w.group(0)[0].islower()), len(run))
            brand = t.s[b0:min(end, seg_start + run[cut - 1].end())].strip(" .,-—")
            brand = re.split(r"\s\((?=[a-z])", brand)[0]  # "Gelora Brantas (surat kabar …)": what it is
        kind = None
        km = kind_phrase(descriptor)
        if km:  # confidence of the kind phrase itself, not of stray marks around it
            kind = t.found(km[0], seg_start + km[1], seg_start + km[2], "isi-deskripsi")
            if len(kinds_in(descriptor)) > 1:
                kind.doubt("lebih dari satu jenis media disebut")
        return t.found(brand, b0, b0 + len(brand), "isi"), kind
    return None


# --- Legal numbers ------------------------------------------------------------------

NUMBER_LABEL_KEYS = ("npwp_labels", "nib_labels", "akta_labels", "sk_labels")


def _other_label(gap: str, labels_key: str) -> bool:
    """The words between a label and a number name another identifier ("NPWP dan NIB 912…")."""
    return any(phrase_rx(k, escape=False).search(gap) for k in NUMBER_LABEL_KEYS if k != labels_key)


def _after_label(t: Text, labels_key: str, value_pat: str, window: int = 40,
                 not_own: Optional[Callable[[str], bool]] = None) -> Optional[re.Match]:
    """The first value after one of the labels; `not_own` tells, from the words between label
    and value, a number that is someone else's ("NPWP pribadi Direktur")."""
    lab = phrase_rx(labels_key, escape=False)
    value = rx(r"[\s:.()A-Za-z]{0," + str(window) + r"}?(?:-\s)?(?<![\w])((?-i:" + value_pat + r"))")
    for m in lab.finditer(t.s):
        at = m.end()
        # a word of digit look-alikes only ("(OSS)" after "NIB") is no number: look past it
        while (mv := value.match(t.s, at)) and not re.search(r"\d", mv.group(1)) and mv.end() - m.end() <= window:
            at = mv.end()
        if mv and re.search(r"\d", mv.group(1)) and not _other_label(t.s[m.end():mv.start(1)], labels_key) \
                and not (not_own and not_own(t.s[m.end():mv.start(1)])):
            return mv
    return None


def _personal(gap: str) -> bool:
    """"NPWP pribadi Direktur: …": the words between label and number name a person's number."""
    words = rules().get("personal_number_words") or []
    return bool(words) and bool(rx(r"(?<!\w)(?:" + alternation(words) + r")(?!\w)").search(gap))


def _number(t: Text, labels_key: str, pat_name: str, validate, name: str,
            not_own: Optional[Callable[[str], bool]] = None) -> Optional[Found]:
    # "NPWP) perusahaan: 01.234…" — a word or two may stand between label and number
    m = _after_label(t, labels_key, rules()["patterns"][pat_name], window=24, not_own=not_own)
    if not m:
        if label := phrase_rx(labels_key, escape=False).search(t.s):
            # where the label stands, so that a second look reads the number beside it again
            return Found(None, 0.0, "isi", places=t.places(label.start(), label.end())).doubt(
                f"{name} disebut tetapi nomornya tidak terbaca")
        return None
    raw = m.group(1).strip(" .,-")
    start = m.start(1)
    stray = re.match(r"[0-9Il|]\s+", raw)
    dropped = bool(stray and not _valid(validate, raw) and _valid(validate, raw[stray.end():]))
    if dropped:
        # "NPWP - 1 31.552.880.1-913.000": the separator read as a digit before a whole number
        start += m.group(1).index(raw) + stray.end()
        raw = raw[stray.end():]
    fixed_raw, fixed = v.fix_digits(raw)
    value = v.digits(fixed_raw)
    f = t.found(value, start, m.end(1), "isi")
    if dropped:
        f.doubt(f"angka lepas sebelum {name} diabaikan (tanda ':' terbaca sebagai angka?)")
    if fixed:
        f.repaired(f"{name}: huruf dibaca sebagai angka")
    if not _valid(validate, raw):
        f.doubt(f"{name} tidak sah")
    return f


def _valid(validate, raw: str) -> bool:
    fixed_raw, _ = v.fix_digits(raw)
    return validate(fixed_raw.strip() if "." in fixed_raw else v.digits(fixed_raw))


def npwp(t: Text) -> Optional[Found]:
    return _number(t, "npwp_labels", "npwp_value", v.is_valid_npwp, "NPWP", not_own=_personal)


def nib(t: Text) -> Optional[Found]:
    return _number(t, "nib_labels", "nib_value", v.is_valid_nib, "NIB")


def nomor_akta(t: Text) -> Optional[Found]:
    lab = phrase_rx("akta_labels", escape=False)
    num = alternation(rules()["akta_number_labels"])
    change = rx(r"\s*(?:" + alternation(rules().get("akta_change_words") or ["(?!)"]) + r")(?!\w)")
    for m in lab.finditer(t.s):
        if change.match(t.s, m.end()):
            continue  # "Akta Perubahan Nomor 54": a deed of change, not the founding deed
        # between "Akta" and its number: the notary's name with its titles ("Akta Notaris Ratna
        # Dewi, S.H., M.Kn. Nomor 3"), but no sentence's end
        gap = r"(?:[^.]|\.(?=\S)|\b[A-Z][a-z]{0,3}\.\s+|\.\s+(?=[A-Z][A-Za-z]{0,3}\.)|\.\s+(?=" + num + r"\b))"
        mv = rx(gap + r"{0,70}?\b" + num + r"\s*[:.]?\s*(" + rules()["patterns"]["akta_value"] + r")").match(t.s, m.end())
        if mv and _crosses_address(t.s[m.end():mv.start(1)]):
            continue  # "Akta Notaris X, S.H. / Jalan Raya No. 5": the street's number, not the deed's
        if mv:
            raw = mv.group(1).rstrip(".,")
            fixed_raw, fixed = v.fix_digits(raw)
            if fixed and not v.is_valid_akta(fixed_raw):
                continue  # a word after "Nomor" ("Nomor Induk Berusaha" in the next row), not a number
            f = t.found(fixed_raw if fixed else raw, mv.start(1), mv.end(1), "isi")
            if fixed:
                f.repaired("nomor akta: huruf dibaca sebagai angka")
            if not v.is_valid_akta(f.value):
                f.doubt("nomor akta tidak lazim")
            return f
    return None


def _crosses_address(gap: str) -> bool:
    return bool(rx(r"(?<!\w)" + alternation(rules()["address_starts"]) + r"\b\.?\s").search(gap))


def _spaced(value: str) -> str:
    # "…01.01.TAHUN TAHUN 2009": a word glued by one engine and kept by the other
    return re.sub(r"(?i)\b(tahun)\s+tahun\b", r"\1", re.sub(r"\s+", " ", value).strip())


def sk_kemenkumham(t: Text) -> Optional[Found]:
    found = list(pattern("ahu_value").finditer(t.s))
    # a deed of change has its own SK beside the founding one ("AH.01.01": the legal entity's approval)
    m = min(found, key=lambda m: (not v.is_valid_ahu(_spaced(m.group(0))), "01.01" not in m.group(0)), default=None)
    if m:
        value = _spaced(m.group(0))
        f = t.found(value, m.start(), m.end(), "isi")
        if not v.is_valid_ahu(value):
            f.doubt("nomor SK Kemenkumham tidak sesuai pola AHU")
        return f
    m = pattern("sk_old_value").search(t.s)
    if m:  # the Minister of Justice's approval, before AHU numbers existed
        return t.found(re.sub(r"\s+", " ", m.group(0)), m.start(), m.end(), "isi")
    lab = phrase_rx("sk_labels", escape=False)
    for ml in lab.finditer(t.s):
        mv = rx(r"[^.]{0,30}?\bnomor\s*[:.]?\s*(\S+(?:\s+\S+){0,3}?)(?=[.,]\s|\s+tanggal|\s+tgl|$)").match(t.s, ml.end())
        if mv:
            return t.found(mv.group(1), mv.start(1), mv.end(1), "isi").doubt("nomor SK bukan pola AHU")
    return None


# --- Press council, editor-in-chief, UKW ---------------------------------------------

def dewan_pers(t: Text) -> Optional[Found]:
    cfg = rules()["dewan_pers"]
    anchor, verbs = rx(cfg["anchor"]), rx(alternation(cfg["verbs"]))
    for s, e in sentences(t):
        sent = t.s[s:e]
        if not anchor.search(sent) or not verbs.search(sent):
            continue
        hits = _status_hits(sent, cfg)
        matched = [status for status, _ in hits]
        if matched:
            # the status rests on its phrase's words, not on the whole sentence's
            at = hits[0][1]
            f = t.found(matched[0], s + at.start(), s + at.end(), "isi")
            if _misread_keyword(sent, cfg, matched):
                f.doubt("kata kunci status Dewan Pers terbaca rusak")
            if "belum" in matched and len(matched) > 1:  # "administratif, faktual masih dalam proses"
                f.doubt("status Dewan Pers bercampur (sebagian belum)")
            return f
        return t.found(None, s, e, "isi").doubt("status Dewan Pers tidak jelas")
    return None


def _status_hits(sentence: str, cfg: dict) -> list:
    """(status, match) of every status whose phrase the sentence holds, in the order of cfg."""
    return [(r["status"], m) for r in cfg["statuses"]
            if (m := rx(alternation([re.escape(p) for p in r["phrases"]])).search(sentence))]


def _misread_keyword(sentence: str, cfg: dict, matched: list[str]) -> bool:
    """A word that nearly spells a status keyword ('faktuai', 'beium') may hide the real
    status: it does when, read as that keyword, the sentence names other statuses. A damaged
    word that changes nothing ('terverifikasl' beside 'faktual') is no reason for review."""
    keys = {w for rule in cfg["statuses"] for p in rule["phrases"] for w in p.split() if len(w) >= 5}

    def repaired(m: re.Match) -> str:
        word = m.group(0).lower()
        close = [] if word in keys else difflib.get_close_matches(word, keys, n=1, cutoff=0.75)
        return close[0] if close else m.group(0)

    fixed = re.sub(r"[A-Za-z]{4,}", repaired, sentence)
    return fixed != sentence and [status for status, _ in _status_hits(fixed, cfg)] != matched
