"""Field extraction: DocumentText → ExtractedLetter (the keys of CONTRACT.md).

The letter is split into zones (zones.py), each zone's rules produce readings
(header.py, letterhead.py, body.py, signature.py), one value per field is settled from
its readings (settle.py), cross-field checks (crosscheck.py) add review reasons, and
fields left empty whose traces remain in the letter go to review (traces.py).
Every key with a reason ends up in `perlu_ditinjau`.
"""
from __future__ import annotations

from functools import partial

import datetime as dt
import re
from typing import Literal, Optional

from pipeline.extract import body, branches, contacts, crosscheck, editor, evidence, header, letterhead, mailbox, misreads, months, signature, stamp, subject, traces, zones
from pipeline.extract.rows import document_rows, labelled, rows, stated_rows
from pipeline.extract import brand as media_brand
from pipeline.extract.found import Found
from pipeline.extract.names import legal_form_of
from pipeline.extract.rules import review, rules, rx
from pipeline.extract.settle import or_rows, same, settle
from pipeline.extract.text import flow
from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter, Line
from pipeline.core.text import normalize

__all__ = ["extract", "extract_with_evidence", "extract_with_reasons", "is_media_request", "request_verdict"]


def request_verdict(doc: DocumentText) -> Literal["ya", "mungkin", "bukan"]:
    """Whether the text is a media company's request for a partnership: clearly ("ya"),
    possibly ("mungkin": registered, flagged for the clerk) or clearly not ("bukan")."""
    cfg = rules()["media_request"]
    text = doc.text
    score = sum(g["weight"] for g in cfg["groups"] if any(rx(p).search(text) for p in g["phrases"]))
    if score >= cfg["min_score"]:
        return "ya"
    if score >= cfg.get("maybe_score", cfg["min_score"]) and any(rx(p).search(text) for p in cfg.get("maybe_phrases", [])):
        return "mungkin"
    return "bukan"


def is_media_request(doc: DocumentText) -> bool:
    """Whether the text clearly reads like a media company's request for a publication partnership."""
    return request_verdict(doc) == "ya"


def _contains(a: str, b: str) -> bool:
    """One name is the other with words added (e.g. a logo letter before the brand): whole words only."""
    na, nb = normalize(a, words_only=True).split(), normalize(b, words_only=True).split()
    if not na or not nb:
        return False
    short, long_ = sorted((na, nb), key=len)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _same_or_wrapped(a, b) -> bool:
    if same("nama_perusahaan", a, b):
        return True
    wa, wb = (normalize(x, words_only=True).split() if isinstance(x, str) else [] for x in (a, b))
    short, long_ = sorted((wa, wb), key=len)
    return len(short) >= 2 and long_[:len(short)] == short


def _prefer_whole_name(chosen: Optional[Found], others: list[Found]) -> None:
    """The chosen name is only the start of another reading's: take the longer when a third
    reading says the same, else let the clerk decide between them."""
    if chosen is None or not isinstance(chosen.value, str):
        return
    words = normalize(chosen.value, words_only=True).split()
    run_on = set(rules().get("company_run_on_words", []))
    longer = [o for o in others if isinstance(o.value, str) and _same_or_wrapped(o.value, chosen.value)
              and len(normalize(o.value, words_only=True).split()) > len(words)
              and not set(normalize(o.value, words_only=True).split()[len(words):]) & run_on]
    if not longer:
        return
    confirmed = [o for o in longer if sum(same("nama_perusahaan", o.value, x.value) for x in longer) >= 2]
    if confirmed:
        chosen.value = confirmed[0].value
    else:
        chosen.doubt("nama perusahaan mungkin lebih panjang (sumber lain menulisnya lebih lengkap)")


def _complete_wrapped_name(kop: Optional[Found], others: list[Found], head_words: set[str]) -> None:
    """A letterhead that wraps the company's name over two lines ("Koperasi Produsen" /
    "Gaung Pagi Mandiri") gives only its first line; another mention that continues it with
    words the letterhead also prints is the whole name."""
    if kop is None or not isinstance(kop.value, str):
        return
    short = normalize(kop.value, words_only=True).split()
    for other in others:
        if not isinstance(other.value, str):
            continue
        long_ = normalize(other.value, words_only=True).split()
        if len(long_) > len(short) and long_[:len(short)] == short and set(long_[len(short):]) <= head_words:
            kop.value = other.value
            return


def _company(kop: Optional[Found], prose, sig: signature.SignatureBlock,
             head_words: set[str] = frozenset()) -> tuple[Optional[Found], Optional[Found]]:
    """Company name from letterhead, body and signature block (they must agree), and its legal form."""
    mentions = body.companies(prose)
    readings = [kop] + mentions[:1] + [sig.company]
    _complete_wrapped_name(kop, [r for r in readings[1:] if r is not None], head_words)
    # a name wrapped over two lines of the signature column gives its first line only:
    # a reading that is the start of another (two words or more) does not contradict it
    chosen = settle("nama_perusahaan", readings, agree=_same_or_wrapped)
    _prefer_whole_name(chosen, [r for r in readings if r is not None and r is not chosen])
    if chosen and chosen.value.isupper():  # prefer the body's casing for an all-caps letterhead
        nicer = next((m for m in mentions if normalize(m.value, words_only=True) == normalize(chosen.value, words_only=True)), None)
        if nicer:
            chosen.value = nicer.value
    form = None
    if chosen:
        forms = {legal_form_of(r.value) for r in readings if r is not None}
        form = chosen.derived(legal_form_of(chosen.value), chosen.source)
        if len(forms - {None}) > 1:
            form.doubt("bentuk badan usaha berbeda antarsumber")
    return chosen, form


def _media(z: zones.Zones, prose, table) -> tuple[Optional[Found], Optional[Found], bool]:
    """Brand, kind, and whether the brand rests on a letterhead title alone (no list or prose)."""
    intro = body.media_intro(prose)
    kop = media_brand.brand(z.letterhead)
    # "Nama Media : X" in a list or table states the brand itself; prose may run past it
    listed = labelled(table, rules()["labels"]["nama_media"])
    # a reading with no word in it ("online 1 contohnews.id" gives "1") names no medium
    brand_readings = [r if r is None or not isinstance(r.value, str) or re.search(r"[A-Za-z]{2}", r.value) else None
                      for r in (listed, intro[0] if intro else None, kop)]
    brand = settle("nama_media", brand_readings, agree=_contains, weak=("kop-judul",))
    kind = intro[1] if intro else None
    listed_kind = labelled(table, rules()["labels"]["jenis_media"])
    if kind is None and listed_kind and body.media_kind_of(listed_kind.value):
        kind = listed_kind.derived(body.media_kind_of(listed_kind.value), "daftar")
    kind = kind or body.kind_stated(prose)
    if brand and isinstance(brand.value, str):
        from_brand = body.media_kind_of(brand.value)
        if kind is None and from_brand:
            kind = brand.derived(from_brand, "nama-media")
        elif kind is None and rx(rules()["patterns"]["domain"]).fullmatch(brand.value.lower()):
            kind = brand.derived("online", "domain")
            # a medium named by its domain is a news site (a broadcaster's ".tv"/".fm" names its kind above)
            if brand.reasons:
                kind.doubt("jenis media disimpulkan dari nama situs")
        elif kind is not None and from_brand and from_brand != kind.value:
            kind.doubt("jenis media berbeda dengan nama media")
    if kind is not None:
        kind = settle("jenis_media", [kind])
    return brand, kind, brand is not None and brand.source == "kop-judul" and intro is None


def _own_first(own, where, rule, labels) -> Optional[Found]:
    """The head office's contact, else a branch office's (reviewed)."""
    f = contacts.first(own, rule, labels)
    if f is None and (f := contacts.first(where, rule, labels)) is not None:
        f.doubt("kontak kantor cabang/perwakilan (kontak kantor pusat tidak terbaca)")
    return f


def _read(doc: DocumentText, today: Optional[dt.date]) -> dict[str, Optional[Found]]:
    z = zones.split(doc)
    # the office's receipt stamp: its number and date are not the letter's
    stamps = stamp.regions(doc.lines)
    own = stamp.stamp_lines(z.header, stamps)
    z.header = [l for l in z.header if id(l) not in own]
    prose = flow(z.body)
    table = document_rows(doc.lines)  # every page and zone, "Label : value" rows put together
    kop_company = letterhead.company(z.letterhead)
    sig = signature.read(z.closing, [c.value for c in [kop_company] + body.companies(prose)[:1] if c])
    out: dict[str, Optional[Found]] = {}
    dates = header.tanggal_surat(z)
    out["tanggal_surat"] = settle("tanggal_surat", dates)
    numbers = header.nomor_surat(z)
    months.confirm_repair(numbers, out["tanggal_surat"])
    months.by_date(numbers, out["tanggal_surat"])
    out["nomor_surat"] = settle("nomor_surat", numbers)
    out["perihal"] = settle("perihal", subject.perihal(z))
    if out["perihal"] and any(stamp.may_hide_end_of(p, stamps) for p in out["perihal"].places[-1:]):
        out["perihal"].doubt("ujung perihal mungkin tertutup cap surat masuk")
    head_words = set(normalize(" ".join(l.text for l in z.letterhead), words_only=True).split())
    out["nama_perusahaan"], out["bentuk_badan_usaha"] = _company(kop_company, prose, sig, head_words)
    out["nama_media"], out["jenis_media"], title_only = _media(z, prose, table)
    # contacts from the letterhead wherever it stands, else from a list, a page or the prose
    where = contacts.places(z, doc)
    out["alamat"] = settle("alamat", [contacts.first(where, letterhead.address)
                                      or contacts.first(where, partial(letterhead.address, branches=True))])
    # a branch office's phone or mailbox ("Biro Trenggalek: Telp. …") is the sender's only when no other is read
    own = [(source, branches.without_branches(lines)) for source, lines in where]
    out["telepon"] = settle("telepon", [_own_first(own, where, letterhead.phone, rules()["phone_labels"])])
    email = _own_first(own, where, letterhead.email, ("e-?mail",))
    out["email"] = settle("email", [email] + mailbox.confirmation(email, out["nama_media"], out["nama_perusahaan"]),
                          weak=("nama",))
    # a website names its owner, so one printed in the prose ("laman www…") is as good
    site = contacts.first(where[:-1], letterhead.website) or letterhead.website(rows(doc.lines)) \
        or contacts.bare_site(where, email, out["nama_media"])
    others = crosscheck.website_confirmations(site, out["nama_media"], out["email"])
    # a different company e-mail domain is not a contradiction (near-misses are checked later)
    out["website"] = settle("website", [site] + others, weak=("email", "nama-media"))
    if title_only:
        crosscheck.title_only_brand(out["nama_media"], out["website"], out["email"])
    # legal numbers are stated in the body; some letterheads print them too
    head = flow(z.letterhead)
    for key, rule in (("npwp", body.npwp), ("nib", body.nib), ("nomor_akta", body.nomor_akta), ("sk_kemenkumham", body.sk_kemenkumham)):
        out[key] = or_rows(key, [rule(prose), rule(head)], rule(table))
    out["status_dewan_pers"] = or_rows("status_dewan_pers", [body.dewan_pers(prose)], body.dewan_pers(table))
    # a newspaper's masthead may name its editor too
    out["pemimpin_redaksi"] = or_rows("pemimpin_redaksi", [editor.pemimpin_redaksi(prose), editor.pemimpin_redaksi(head)],
                                      editor.pemimpin_redaksi(table, one_row=True))
    editor_name = out["pemimpin_redaksi"].value if out["pemimpin_redaksi"] else None
    out["ukw_utama"] = or_rows("ukw_utama", [editor.ukw_utama(prose, editor_name)], editor.ukw_utama(table, editor_name))
    out["penandatangan"] = settle("penandatangan", [sig.name])
    out["jabatan_penandatangan"] = settle("jabatan_penandatangan", [sig.position])
    _editor_from_signature(out)
    _cross_checks(out, today, doc.lines)
    if any(p.source == "ocr" for p in doc.pages):
        traces.site_in_unread_contacts(out)
        crosscheck.deputy_signer(out["penandatangan"], out["jabatan_penandatangan"])
    # traces outside the body: rows stating a value on another page or zone, but not the
    # letterhead ("Alamat Redaksi" names no editor) nor the signature block (its position)
    seen = set(map(id, z.letterhead + z.body + z.closing))
    outside = [l for l in doc.lines if id(l) not in seen]
    traces.flag_traces(out, prose, stated_rows(outside), table, document_rows(outside), head)
    return out


def _editor_from_signature(out: dict[str, Optional[Found]]) -> None:
    """No editor read, but the letter is signed by its Pemimpin Redaksi: that is the editor.

    The label of the editor's row may be lost (a stamp, a fold), so the clerk confirms it.
    """
    ed, name, pos = out["pemimpin_redaksi"], out["penandatangan"], out["jabatan_penandatangan"]
    if (ed is None or ed.value in (None, "")) and name and name.value and pos and \
            rx(rules()["ukw"]["editor"]).fullmatch(str(pos.value).strip()):
        out["pemimpin_redaksi"] = name.derived(name.value, "ttd").doubt(
            "Pemimpin Redaksi disimpulkan dari jabatan penanda tangan")


def _cross_checks(out: dict[str, Optional[Found]], today: Optional[dt.date], lines: list[Line]) -> None:
    words = crosscheck.doc_words(lines)
    months.against_date(out["nomor_surat"], out["tanggal_surat"])
    months.roman_lookalike(out["nomor_surat"], out["tanggal_surat"])
    crosscheck.tanggal_plausible(out["tanggal_surat"], today)
    crosscheck.brand_vs_website(out["nama_media"], out["website"], out["nama_perusahaan"])
    crosscheck.email_vs_website(out["email"], out["website"])
    crosscheck.free_mail_vs_website(out["email"], out["website"])
    for key, what in (("email", "e-mail"), ("website", "situs")):
        misreads.glyphs_beside_digits(out[key], what, out["nama_media"], out["nama_perusahaan"])
    mailbox.cut_short(out["email"], out["nama_media"], out["nama_perusahaan"])
    mailbox.misread_elsewhere(out["email"], [letterhead.email([line]) for line in lines])
    mailbox.free_domain_misread(out["email"])
    mailbox.lookalike_of_named(out["email"], out["website"], out["nama_perusahaan"], out["nama_media"])
    crosscheck.misread_words(out["perihal"], "perihal")
    crosscheck.subject_complete(out["perihal"])
    crosscheck.misread_words(out["alamat"], "alamat")
    crosscheck.signatory_near_editor(out["penandatangan"], out["pemimpin_redaksi"])
    crosscheck.person_name(out["pemimpin_redaksi"], "Pemimpin Redaksi")
    crosscheck.person_not_brand(out["pemimpin_redaksi"], out["nama_media"], out["nama_perusahaan"])
    crosscheck.person_not_brand(out["penandatangan"], out["nama_media"], out["nama_perusahaan"])
    crosscheck.person_name(out["penandatangan"], "penanda tangan")
    for key in ("alamat", "perihal", "pemimpin_redaksi", "penandatangan", "nama_media", "jabatan_penandatangan"):
        crosscheck.misread_against_letter(out[key], words)
    misreads.mixed_digits(out["alamat"])
    misreads.stray_number(out["nama_media"], "nama media")
    misreads.stray_number(out["nama_perusahaan"], "nama perusahaan")
    misreads.street_without_l(out["alamat"])
    misreads.q_read_as_g(out["penandatangan"], "penanda tangan")
    misreads.q_read_as_g(out["pemimpin_redaksi"], "Pemimpin Redaksi")
    crosscheck.address_segments(out["alamat"])
    crosscheck.signatory_vs_editor(out["penandatangan"], out["jabatan_penandatangan"], out["pemimpin_redaksi"])
    crosscheck.signature_block(out["penandatangan"], out["jabatan_penandatangan"])


def _value(field: str, f: Optional[Found]):
    if f is None or f.value in (None, ""):
        return None
    if isinstance(f.value, dt.date):
        return f.value.isoformat()
    return f.value


def extract_with_evidence(doc: DocumentText, *, today: Optional[dt.date] = None) -> tuple[ExtractedLetter, dict[str, dict]]:
    """The letter's fields and, per field, its evidence (`bukti`): places, reading, reasons."""
    found = _read(doc, today)
    values = {k: _value(k, found.get(k)) for k in FIELD_NAMES}
    reasons: dict[str, list[str]] = {}
    for k in FIELD_NAMES:
        f = found.get(k)
        if f is not None and f.reasons:
            reasons[k] = list(dict.fromkeys(f.reasons))
        elif values[k] is None and k in review("required"):
            reasons[k] = ["tidak ditemukan di surat"]
    letter = ExtractedLetter(**values, perlu_ditinjau=[k for k in FIELD_NAMES if k in reasons])
    return letter, evidence.bukti(found, reasons, doc)


def extract_with_reasons(doc: DocumentText, *, today: Optional[dt.date] = None) -> tuple[ExtractedLetter, dict[str, list[str]]]:
    """The letter's fields and, per key in perlu_ditinjau, the reasons (Indonesian) for the clerk."""
    letter, proof = extract_with_evidence(doc, today=today)
    return letter, {k: proof[k]["alasan"] for k in letter.perlu_ditinjau}


def extract(doc: DocumentText, *, today: Optional[dt.date] = None) -> ExtractedLetter:
    return extract_with_evidence(doc, today=today)[0]
