"""Letterhead fields: company, media brand, address, phone, e-mail and website."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract import branches as branch_office, kop, validators as v
from pipeline.extract.found import Found
from pipeline.extract.names import clean_company, company_rx
from pipeline.extract.rules import alternation, pattern, rules, rx
from pipeline.extract.text import Text, line_text
from pipeline.core.models import Line


def company(lines: list[Line]) -> Optional[Found]:
    for line in lines:
        t = line_text(line)
        m = company_rx().search(t.s)
        if m and not kop.contact_rx().match(t.s):
            return t.found(clean_company(m.group(0)), m.start(), m.end(), "kop")
    return None


# A side band wraps an address over many short lines; it ends at its postcode or a contact line.
ADDRESS_MAX_LINES = 6


def join_address(first: str, more: str) -> str:
    """Two address lines as one: a comma between parts, none inside a part wrapped over the
    line end ("Kec." / "Kaliwates", "Kabupaten Nganjuk" / "64437", "Blok C" / "No. 235B")."""
    first, more = first.rstrip(), more.strip()
    last = first.split()[-1].strip(".,") if first.split() else ""  # "No. 5" ends the part, "No." does not
    open_part = last.lower() in rules()["address_open_words"]
    # "... Blok C" / "No. 235B": the house number, block or kilometre goes on the street's part
    head = re.match(r"[A-Za-z]+", more)
    goes_on = bool(head) and head.group(0).lower() in rules()["address_continue_words"]
    if first.endswith(",") or not more or more[0].isdigit() or more[0].islower() or open_part or goes_on:
        return f"{first} {more}"
    return f"{first}, {more}"


# what a letterhead prints between its address and its contacts ("… 80235 · Telp. …")
_SEPARATORS = " |;,·•∙◦–—"


def address(lines: list[Line], *, branches: bool = False) -> Optional[Found]:
    """Address lines between the name lines and the contact line, joined with ', '.

    A branch office's address ("Biro Jawa Timur", "Kantor Cabang") is the sender's only
    with `branches`, when the letter gives no other.
    """
    # a line labelled "Alamat:" is the address even when a name line above it holds an
    # address word ("Gema Desa", "Graha ...")
    labelled = [i for i, line in enumerate(lines) if kop.address_label(line.text)]
    order = labelled[:1] + [i for i in range(len(lines)) if not labelled]
    for i in order:
        line = lines[i]
        if company_rx().search(line.text) and kop.address_start(line.text) is None:
            continue
        start = kop.address_start(line.text)
        if start is None or (not branches and branch_office.is_branch_address(lines, i, start)):
            continue
        parts: list[tuple[Text, int, int]] = []
        # the address goes on in its own column: a line beside it (the brand left of a
        # right-hand contact block) comes between its lines in reading order
        column = [nxt for nxt in lines[i:i + 2 * ADDRESS_MAX_LINES] if nxt is line or kop.same_column(line, nxt)]
        for nxt in column[:ADDRESS_MAX_LINES]:
            t = line_text(nxt)
            s = start if nxt is line else 0
            c = kop.contact_rx().search(t.s, s)
            e = c.start() if c else len(t.s)
            if t.s[s:e].strip(_SEPARATORS):
                parts.append((t, s, e))
            if c or (nxt is not line and kop.is_contact(nxt)) or pattern("postcode").search(t.s[s:e].strip(_SEPARATORS)):
                break
        if not parts:
            return None
        texts = [p.s[s:e].strip(_SEPARATORS.replace(",", "")) for p, s, e in parts]
        value = texts[0]
        for more in texts[1:]:
            value = join_address(value, more)
        # "JI." is no Indonesian word: it is always "Jl." (Jalan) with the l read as I (or i, 1, |)
        value = re.sub(r"(?<![\w.])J[Ii1|]\.(?=\s)", "Jl.", value)
        f = Found(value.strip(" ,"), min(p.span_conf(s, e) for p, s, e in parts), "kop",
                  places=[pl for p, s, e in parts for pl in p.places(s, e)])
        if rules().get("alamat_requires_postcode") and not pattern("postcode").search(f.value):
            f.doubt("alamat tanpa kode pos (mungkin terpotong)")
        if "|" in f.value:  # "Kec. Ilir Barat |": a Roman I, or a separator, read as a bar
            f.doubt("tanda '|' di dalam alamat (huruf I atau pemisah yang salah baca?)")
        if branches and branch_office.is_branch_address(lines, i, start):
            f.doubt("alamat kantor cabang/perwakilan (alamat kantor pusat tidak terbaca)")
        return f
    return None


def _contact_text(lines: list[Line]) -> Optional[Text]:
    idx = next((i for i, l in enumerate(lines) if kop.is_contact(l)), None)
    if idx is None:  # no labels: the first number in the letterhead that is shaped like a phone
        return Text.build(lines, joiner=" \n ") if lines else None
    return Text.build(lines[idx:], joiner=" \n ")


def phone(lines: list[Line]) -> Optional[Found]:
    """The first phone number in the letterhead (after a phone label when there is one)."""
    t = _contact_text(lines)
    if t is None:
        return None
    lab = rx(r"(?<!\w)" + alternation(rules()["phone_labels"]) + r"(?!\w)\.?\s*[:.]?\s*")
    m_lab = lab.search(t.s)
    for m in pattern("phone").finditer(t.s, m_lab.end() if m_lab else 0):
        value = m.group(0).strip(" .-")
        if len(v.digits(value)) < 8 or _other_number(t.s, m.start(), value):
            continue
        if not m_lab and pattern("contact_person").search(t.s[max(0, m.start() - 60):m.start()]):
            continue  # "... dapat menghubungi Cahyo Utomo (0856…)": a person's own number
        f = t.found(value, m.start(), m.end(), "kop")
        if not m_lab and _labelled(t.s, m.start(), rules()["fax_labels"], r"[\s.:]*"):
            f.doubt("nomor ini tertulis sebagai faks; nomor telepon mungkin tidak terbaca")
        if not v.is_valid_phone(value):
            f.doubt("nomor telepon tidak sah")
        if _merged_groups(value):
            f.doubt("pemisah pada nomor telepon mungkin terbaca sebagai angka")
        ext = rx(r"[^\S\n]*[,(]?[^\S\n]*(?:ext|ekst|psw|pes)\.?[^\S\n]*\d{1,5}\)?").match(t.s, m.end())
        if ext:  # "(0561) 734512 ext. 12": the extension is part of what the clerk dials
            f.value = value + " " + ext.group(0).strip(" ,()")
            f.places = t.places(m.start(), ext.end())
        between = kop.contact_rx().sub(" ", t.s[m_lab.end():m.start()]) if m_lab else ""
        if re.search(r"[A-Za-z0-9]", between):
            # something unreadable sits between the label and this number: it may be the real first number
            f.doubt("nomor telepon pertama mungkin tidak terbaca")
        if m_lab and any(len(v.digits(e.group(0))) >= 8 for e in pattern("phone").finditer(t.s, 0, m_lab.start())):
            # "Tlp. (0342) 7690, HP. 0812…" with the first label misread: the first number stands before
            f.doubt("nomor telepon lain tertulis sebelum label")
        return f
    return None


def _labelled(s: str, at: int, labels: list[str], gap: str) -> bool:
    """One of `labels` stands just before position `at` of `s`, `gap` (a regex) between them."""
    return bool(labels) and bool(rx(r"(?<!\w)" + alternation(labels) + r"(?!\w)" + gap + "$").search(s[max(0, at - 30):at]))


def _other_number(s: str, at: int, value: str) -> bool:
    """An NPWP or NIB shaped like a phone number: its label stands just before it, or it has
    more digits than any Indonesian phone number and no phone label."""
    if _labelled(s, at, rules()["npwp_labels"] + rules()["nib_labels"], r"[^0-9]{0,12}"):
        return True
    return len(v.phone_digits(value)) > 13 and not _labelled(s, at, rules()["phone_labels"], r"[^0-9]{0,6}")


def _merged_groups(value: str) -> bool:
    """A mobile number printed in groups with one group far too long ("081213399-9360" for
    "0812-3399-9360"): a dash or space was read as a digit."""
    groups = re.findall(r"\d+", value)
    return v.phone_digits(value).startswith("08") and len(groups) > 1 and max(len(g) for g in groups) >= 7


def email(lines: list[Line]) -> Optional[Found]:
    t = Text.build(lines, joiner=" \n ")
    m = next((m for p in ("email", "email_spaced") for m in pattern(p).finditer(t.s)
              if not _not_senders(m.group(0)) and not _social_handle(t.s, m)), None)
    if not m:
        return None
    # OCR sets a space beside the "@" ("humas @nusaaktual.co.id"): the same characters, no repair
    f = t.found(re.sub(r"\s", "", m.group(0)).rstrip("."), m.start(), m.end(), "kop")
    if not v.is_valid_email(f.value):
        f.doubt("alamat e-mail tidak sah")
    return f


def website(lines: list[Line]) -> Optional[Found]:
    t = Text.build(lines, joiner=" \n ")
    m = next((m for m in pattern("website").finditer(t.s) if not _not_senders(m.group(0))), None)
    fixed = False
    if m:
        raw = m.group(0)
    else:  # "Website: domain.tld" or "laman domain.tld" without www
        # the separator may be read as any small mark ("laman-domain.tld")
        lab = rx(r"(?<!\w)" + alternation(rules()["website_labels"]) + r"\s*[:.;\-]?\s*")
        m = next((md for ml in lab.finditer(t.s) if (md := pattern("domain").match(t.s, ml.end()))
                  and not _not_senders(md.group(0))), None)
        if not m:
            return _website_cut_scheme(t) or _website_without_www(t)
        raw = m.group(0)
    # "www, x" and "www x" lost the dot; "www. x" only has a space after it (no repair);
    # "ww w.x" had a space read inside it
    split_www = re.match(r"^(?:https?://)?w ?w ?w", raw) and not re.match(r"^(?:https?://)?www", raw)
    raw = re.sub(r"^(https?://)?w ?w ?w", lambda g: (g.group(1) or "") + "www", raw)
    value = re.sub(r"^(https?://)?www(?:[,\s]|\.\s)\s*", lambda g: (g.group(1) or "") + "www.", raw).rstrip("/.")
    fixed = bool(split_www) or value.replace("www.", "", 1) != re.sub(r"\s+", "", raw.replace("www.", "", 1)).rstrip("/.")
    f = t.found(value, m.start(), m.end(), "kop")
    if fixed:
        f.repaired("alamat situs diperbaiki dari hasil OCR")
    if not v.is_valid_url(value):
        f.doubt("alamat situs tidak sah")
    return f


def _social_handle(s: str, m: re.Match) -> bool:
    """"Instagram @kabarx.media": a platform's name before a handle, not a mailbox."""
    return m.group(0).split("@")[0].strip().lower() in rules().get("social_labels", [])


def _not_senders(address: str) -> bool:
    return any(rx(p).search(address) for p in rules()["not_sender_contacts"])


def _website_cut_scheme(t: Text) -> Optional[Found]:
    """"ttps://domain.tld": a website whose scheme lost its first letters at the page's edge
    (a shifted photocopy, a side band printed to the margin). Its domain stands; the clerk checks."""
    for m in rx(r"(?<![\w:/])([A-Za-z]{0,4})://(" + rules()["patterns"]["domain"] + r")").finditer(t.s):
        cut = m.group(1).lower()
        scheme = next((s for s in ("https", "http") if s.endswith(cut) and s != cut), None)
        if scheme is not None:
            return t.found(f"{scheme}://{m.group(2)}", m.start(), m.end(), "kop").doubt("awal alamat situs terpotong")
    return None


def _website_without_www(t: Text) -> Optional[Found]:
    """".domain.tld" standing alone (not after an "@"): a website whose "www" was not read."""
    m = next((m for m in rx(r"(?<![@\w])[.,]\s?(" + rules()["patterns"]["domain"] + r")").finditer(t.s)
              if not _not_senders(m.group(1))), None)
    if not m:
        return None
    return t.found("www." + m.group(1), m.start(1), m.end(1), "kop").doubt("alamat situs tanpa 'www' (tidak terbaca?)")
