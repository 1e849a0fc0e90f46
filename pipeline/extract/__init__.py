"""Field extraction: DocumentText → ExtractedLetter (the keys of CONTRACT.md).

The letter is split into zones (zones.py), each zone's rules produce readings
(header.py, letterhead.py, body.py, signature.py), one value per field is settled from
its readings (settle.py), and cross-field checks (crosscheck.py) add review reasons.
Every key with a reason ends up in `perlu_ditinjau`.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pipeline.extract import body, crosscheck, header, letterhead, signature, zones
from pipeline.extract.found import Found
from pipeline.extract.names import legal_form_of
from pipeline.extract.rules import review, rules, rx
from pipeline.extract.settle import settle
from pipeline.extract.text import flow
from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter
from pipeline.core.text import normalize

__all__ = ["extract", "extract_with_reasons", "is_media_request"]


def is_media_request(doc: DocumentText) -> bool:
    """Whether the text reads like a media company's request for a publication partnership."""
    cfg = rules()["media_request"]
    text = doc.text
    score = sum(g["weight"] for g in cfg["groups"] if any(rx(p).search(text) for p in g["phrases"]))
    return score >= cfg["min_score"]


def _contains(a: str, b: str) -> bool:
    """One name is the other with words added (e.g. a logo letter before the brand): whole words only."""
    na, nb = normalize(a, words_only=True).split(), normalize(b, words_only=True).split()
    if not na or not nb:
        return False
    short, long_ = sorted((na, nb), key=len)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _company(kop: Optional[Found], prose, sig: signature.SignatureBlock) -> tuple[Optional[Found], Optional[Found]]:
    """Company name from letterhead, body and signature block (they must agree), and its legal form."""
    mentions = body.companies(prose)
    readings = [kop] + mentions[:1] + [sig.company]
    chosen = settle("nama_perusahaan", readings)
    if chosen and chosen.value.isupper():  # prefer the body's casing for an all-caps letterhead
        nicer = next((m for m in mentions if normalize(m.value, words_only=True) == normalize(chosen.value, words_only=True)), None)
        if nicer:
            chosen.value = nicer.value
    form = None
    if chosen:
        forms = {legal_form_of(r.value) for r in readings if r is not None}
        form = Found(legal_form_of(chosen.value), chosen.conf, chosen.source)
        if len(forms - {None}) > 1:
            form.doubt("bentuk badan usaha berbeda antarsumber")
    return chosen, form


def _media(z: zones.Zones, prose) -> tuple[Optional[Found], Optional[Found]]:
    intro = body.media_intro(prose)
    kop = letterhead.brand(z.letterhead)
    brand_readings = [intro[0] if intro else None, kop]
    brand = settle("nama_media", brand_readings, agree=_contains, weak=("kop-judul",))
    if brand and brand.source == "kop-judul" and intro is None:
        brand.doubt("nama media hanya dari judul kop surat")
    kind = intro[1] if intro else None
    if brand and isinstance(brand.value, str):
        from_brand = body.media_kind_of(brand.value)
        if kind is None and from_brand:
            kind = Found(from_brand, brand.conf, "nama-media")
        elif kind is None and rx(rules()["patterns"]["domain"]).fullmatch(brand.value.lower()):
            kind = Found("online", brand.conf, "domain").doubt("jenis media disimpulkan dari nama situs")
        elif kind is not None and from_brand and from_brand != kind.value:
            kind.doubt("jenis media berbeda dengan nama media")
    if kind is not None:
        kind = settle("jenis_media", [kind])
    return brand, kind


def _read(doc: DocumentText, today: Optional[dt.date]) -> dict[str, Optional[Found]]:
    z = zones.split(doc)
    prose = flow(z.body)
    kop_company = letterhead.company(z.letterhead)
    sig = signature.read(z.closing, [c.value for c in [kop_company] + body.companies(prose)[:1] if c])
    out: dict[str, Optional[Found]] = {}
    out["nomor_surat"] = settle("nomor_surat", header.nomor_surat(z))
    dates = header.tanggal_surat(z)
    out["tanggal_surat"] = settle("tanggal_surat", dates)
    out["perihal"] = settle("perihal", header.perihal(z))
    out["nama_perusahaan"], out["bentuk_badan_usaha"] = _company(kop_company, prose, sig)
    out["nama_media"], out["jenis_media"] = _media(z, prose)
    out["alamat"] = settle("alamat", [letterhead.address(z.letterhead)])
    out["telepon"] = settle("telepon", [letterhead.phone(z.letterhead)])
    out["email"] = settle("email", [letterhead.email(z.letterhead)])
    site = letterhead.website(z.letterhead)
    others = crosscheck.website_confirmations(site, out["nama_media"], out["email"])
    # a different company e-mail domain is not a contradiction (near-misses are checked later)
    out["website"] = settle("website", [site] + others, weak=("email",))
    # legal numbers are stated in the body; some letterheads print them too
    head = flow(z.letterhead)
    for key, rule in (("npwp", body.npwp), ("nib", body.nib), ("nomor_akta", body.nomor_akta), ("sk_kemenkumham", body.sk_kemenkumham)):
        out[key] = settle(key, [rule(prose), rule(head)])
    out["status_dewan_pers"] = settle("status_dewan_pers", [body.dewan_pers(prose)])
    out["pemimpin_redaksi"] = settle("pemimpin_redaksi", [body.pemimpin_redaksi(prose)])
    editor = out["pemimpin_redaksi"].value if out["pemimpin_redaksi"] else None
    out["ukw_utama"] = settle("ukw_utama", [body.ukw_utama(prose, editor)])
    out["penandatangan"] = settle("penandatangan", [sig.name])
    out["jabatan_penandatangan"] = settle("jabatan_penandatangan", [sig.position])
    _cross_checks(out, today, crosscheck.doc_words(doc.lines))
    _traces(out, prose, " ".join(l.text for l in z.letterhead))
    return out


def _without_ukw(prose) -> str:
    """The body without its UKW sentences: they name Dewan Pers as the certifier, not the media's status."""
    anchor = rx(rules()["ukw"]["anchor"])
    return " ".join(prose.s[s:e] for s, e in body.sentences(prose) if not anchor.search(prose.s[s:e]))


def _traces(out: dict[str, Optional[Found]], prose, letterhead_text: str) -> None:
    """Empty fields whose traces are still in the letter go to review."""
    for key, hints in rules()["presence_hints"].items():
        f = out.get(key)
        if f is not None and f.value not in (None, ""):
            continue
        text = {"website": letterhead_text, "status_dewan_pers": _without_ukw(prose)}.get(key, prose.s)
        if any(rx(h).search(text) for h in hints):
            out[key] = (f or Found(None, 0.0, "jejak")).doubt("disebut di surat tetapi nilainya tidak terbaca")


def _cross_checks(out: dict[str, Optional[Found]], today: Optional[dt.date], words: frozenset[str]) -> None:
    crosscheck.nomor_vs_tanggal(out["nomor_surat"], out["tanggal_surat"])
    crosscheck.nomor_roman_lookalike(out["nomor_surat"])
    crosscheck.tanggal_plausible(out["tanggal_surat"], today)
    crosscheck.brand_vs_website(out["nama_media"], out["website"])
    crosscheck.email_vs_website(out["email"], out["website"])
    crosscheck.misread_words(out["perihal"], "perihal")
    crosscheck.misread_words(out["alamat"], "alamat")
    crosscheck.signatory_near_editor(out["penandatangan"], out["pemimpin_redaksi"])
    crosscheck.person_name(out["pemimpin_redaksi"], "Pemimpin Redaksi")
    crosscheck.person_not_brand(out["pemimpin_redaksi"], out["nama_media"], out["nama_perusahaan"])
    crosscheck.person_not_brand(out["penandatangan"], out["nama_media"], out["nama_perusahaan"])
    crosscheck.person_name(out["penandatangan"], "penanda tangan")
    for key in ("alamat", "perihal", "pemimpin_redaksi", "penandatangan", "nama_media", "jabatan_penandatangan"):
        crosscheck.misread_against_letter(out[key], words)
    crosscheck.mixed_digits(out["alamat"])
    crosscheck.address_segments(out["alamat"])
    crosscheck.signatory_vs_editor(out["penandatangan"], out["jabatan_penandatangan"], out["pemimpin_redaksi"])
    crosscheck.signature_block(out["penandatangan"], out["jabatan_penandatangan"])


def _value(field: str, f: Optional[Found]):
    if f is None or f.value in (None, ""):
        return None
    if isinstance(f.value, dt.date):
        return f.value.isoformat()
    return f.value


def extract_with_reasons(doc: DocumentText, *, today: Optional[dt.date] = None) -> tuple[ExtractedLetter, dict[str, list[str]]]:
    """The letter's fields and, per key in perlu_ditinjau, the reasons (Indonesian) for the clerk."""
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
    return letter, reasons


def extract(doc: DocumentText, *, today: Optional[dt.date] = None) -> ExtractedLetter:
    return extract_with_reasons(doc, today=today)[0]
