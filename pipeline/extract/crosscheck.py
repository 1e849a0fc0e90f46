"""Checks across fields: facts the letter states twice must agree."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Optional

from pipeline.extract import validators as v
from pipeline.extract.found import Found
from pipeline.extract.names import company_initials, degree_parts, name_words, person_prefix_rx, unknown_degrees
from pipeline.extract.rules import alternation, pattern, review, rules, rx
from pipeline.core.text import normalize


def tanggal_plausible(tanggal: Optional[Found], today: Optional[dt.date]) -> None:
    if tanggal and isinstance(tanggal.value, dt.date) and not v.is_plausible_letter_date(tanggal.value, today):
        tanggal.doubt("tanggal surat di luar rentang wajar")


def _host(url: str) -> str:
    h = re.sub(r"^[a-z]+://", "", url.lower())
    return re.sub(r"^www\.", "", h).split("/")[0]


def brand_matches_website(brand: str, website: str, *, exact: bool = False) -> bool:
    """A media brand and its website's domain share a distinctive word. With `exact`, the
    website's name is exactly the brand's distinctive words ("Suara Tulungagung" →
    suaratulungagung.com), not merely one of them ("Mingguan Brantas" → brantasjatim.id)."""
    host = _host(website)
    label = host.split(".")[0]
    b = brand.lower().strip()
    if pattern("domain").fullmatch(b):
        return _host(b) == host
    generic = set(rules()["brand_generic_words"])
    words = re.findall(r"[a-z0-9]+", b)
    tokens = [w for w in words if w not in generic]
    squashed = "".join(words)
    if exact:
        return len(label) >= 4 and label in ("".join(w for w in tokens if not w.isdigit()), squashed)
    return any(len(w) >= 4 and w in label for w in tokens) or (len(label) >= 4 and label in squashed)


def title_only_brand(brand: Optional[Found], website: Optional[Found], email: Optional[Found] = None) -> None:
    """A brand read only from a title line of the letterhead (no list or prose names it) may be
    a tagline or a category; it is trusted when the website, read elsewhere, spells it, or the
    company's own e-mail domain does (well read on its own: not confirmed by the brand itself)."""
    if brand is None or not isinstance(brand.value, str):
        return
    if website is not None and not website.reasons and website.source != "nama-media" \
            and isinstance(website.value, str) and brand_matches_website(brand.value, website.value, exact=True):
        return
    if email is not None and not email.reasons and email.conf >= review("min_word_conf") and isinstance(email.value, str) \
            and email.value.count("@") == 1:
        domain = email.value.split("@")[1].lower()
        if domain not in rules()["free_mail_domains"] and brand_matches_website(brand.value, domain, exact=True):
            return
    brand.doubt("nama media hanya dari judul kop surat")


def company_matches_website(company: str, website: str) -> bool:
    """A group's website named after the company's initials ("PT Mandala Tuban Kreasi" →
    mtkgroup.co.id), before a word such as "group"."""
    label = _host(website).split(".")[0]
    core, initials = _initials_core(company, website)
    # initials only: a site merely sharing a word with the company explains no other brand
    return len(initials) >= 3 and core in (initials, initials[1:], initials[:-1]) and core != label


def _initials_core(company: str, website: str) -> tuple[str, str]:
    """(the website's name without a word such as "group", the company's initials)."""
    label = _host(website).split(".")[0]
    core = re.sub(r"(?:group|grup|media|corp|network|official|online)$", "", label) or label
    return core, company_initials(company)


def website_near_initials(company: str, website: str) -> bool:
    """A group's website one letter away from the company's initials ("kwggroup" for PT Kabar
    Warga Sejahtera's "kwsgroup"): one of the letters was misread."""
    core, initials = _initials_core(company, website)
    return len(initials) >= 3 and len(core) == len(initials) and sum(a != b for a, b in zip(core, initials)) == 1


def brand_vs_website(brand: Optional[Found], website: Optional[Found], company: Optional[Found] = None) -> None:
    if not brand or not website or not isinstance(brand.value, str):
        return
    if not brand_matches_website(brand.value, website.value):
        named = company is not None and isinstance(company.value, str)
        if not (named and company_matches_website(company.value, website.value)):
            brand.doubt("nama media tidak cocok dengan alamat situs")
        if named and website_near_initials(company.value, website.value):
            website.doubt("alamat situs hampir sama dengan singkatan nama perusahaan (salah baca?)")
        return
    # "Mata Kota" vs "motakota.tv": nearly the same letters means one of the two is misread
    generic = set(rules()["brand_generic_words"])
    # a radio's frequency ("107.8 FM") is not part of its domain
    distinct = "".join(w for w in re.findall(r"[a-z0-9]+", brand.value.lower()) if w not in generic and not w.isdigit())
    label = _host(website.value).split(".")[0]
    if distinct and label and distinct not in label and label not in distinct \
            and difflib.SequenceMatcher(None, distinct, label).ratio() >= 0.75:
        brand.doubt("nama media hampir sama dengan alamat situs (salah baca?)")
        website.doubt("alamat situs hampir sama dengan nama media (salah baca?)")


def _whole_single_name(f: Found) -> bool:
    """Many Indonesians have one name ("Drs. Zainal, M.M."). It is whole when titles close it
    (the end was read) or a text layer printed it (nothing can hide under a stamp there) after
    an honorific, or as the signature's own name line ("Suyitno", under "Hormat kami")."""
    if degree_parts(f.value):
        return True
    printed = f.conf >= 100
    return printed and (bool(person_prefix_rx().match(f.value)) or (f.source == "ttd" and len(f.value.strip()) >= 4))


def person_name(f: Optional[Found], what: str) -> None:
    """A person's name needs enough name words and titles that exist."""
    if not f or not isinstance(f.value, str):
        return
    words = name_words(f.value)
    if len(words) < int(rules()["min_name_words"]) and not _whole_single_name(f):
        f.doubt(f"{what}: nama tampak terpotong")
    elif words and len(words[-1].strip(".,")) <= 2 and not words[-1].endswith("."):
        # "Agus Pu" for "Agus Purnomo": the rest of the word was lost under the signature
        f.doubt(f"{what}: kata terakhir nama tampak terpotong")
    bad = unknown_degrees(f.value)
    if bad:
        f.doubt(f"{what}: gelar tidak dikenal ({', '.join(bad)})")
    if any(re.search(r"[A-Z]{2}[a-z]|[a-z][A-Z]", w) for w in words):
        # "CEMPAKEko", "HayantoHariyanto": the stamp's text or another word run into the name
        f.doubt(f"{what}: nama tampak tergabung dengan teks lain")


def signatory_vs_editor(signer: Optional[Found], position: Optional[Found], editor: Optional[Found]) -> None:
    """When the signatory signs as editor-in-chief, the names must agree."""
    if not signer or not position or not editor:
        return
    if "redaksi" in normalize(position.value, words_only=True) and "pemimpin" in normalize(position.value, words_only=True):
        a, b = normalize(signer.value, words_only=True), normalize(editor.value, words_only=True)
        if a != b:
            # A damaged signature line explains the difference by itself; a clean one does not.
            # Nor does a signature that holds only the end of the editor's name (its start lost
            # under the scribble): that is the signature's damage, not the editor's.
            cut = b.endswith(" " + a)
            if not signer.reasons and not cut:
                editor.doubt("nama Pemimpin Redaksi berbeda dengan penanda tangan")
            signer.doubt("nama penanda tangan tampak terpotong" if cut else "nama penanda tangan berbeda dengan Pemimpin Redaksi")


def signature_block(signer: Optional[Found], position: Optional[Found]) -> None:
    """A damaged block makes both of its values doubtful."""
    if signer and (position is None or position.reasons):
        signer.doubt("blok tanda tangan tidak utuh")
    if position and signer is not None and signer.reasons and position.conf < review("min_word_conf"):
        position.doubt("blok tanda tangan tidak utuh")


def website_confirmations(website: Optional[Found], brand: Optional[Found], email: Optional[Found]) -> list[Found]:
    """Other spellings of the site's domain in the letter: a domain-shaped brand, the e-mail domain."""
    if not website:
        return []
    out = []
    if brand and isinstance(brand.value, str) and pattern("domain").fullmatch(brand.value.lower()):
        out.append(brand.derived("www." + brand.value.lower(), "nama-media"))
    if email and "@" in email.value:
        domain = email.value.split("@", 1)[1].lower()
        if domain not in rules().get("free_mail_domains", []):
            out.append(email.derived("www." + domain, "email"))
    return out


def person_not_brand(person: Optional[Found], *names: Optional[Found]) -> None:
    """A 'name' that is really the media's or company's name was read from the wrong place."""
    if not person or not isinstance(person.value, str):
        return
    p = normalize(person.value.split(",")[0], words_only=True)
    for n in names:
        if n and isinstance(n.value, str) and p and (p in normalize(n.value, words_only=True) or normalize(n.value, words_only=True) in p):
            person.doubt("nama orang sama dengan nama media/perusahaan")


def email_vs_website(email: Optional[Found], website: Optional[Found]) -> None:
    """A company e-mail domain that nearly equals the site's domain means one of them is misread."""
    if not email or not website or "@" not in email.value:
        return
    domain, host = email.value.split("@", 1)[1].lower(), _host(website.value)
    if domain != host and difflib.SequenceMatcher(None, domain, host).ratio() >= 0.8:
        email.doubt("domain e-mail hampir sama dengan situs (salah baca?)")
        website.doubt("domain situs hampir sama dengan e-mail (salah baca?)")


def free_mail_vs_website(email: Optional[Found], website: Optional[Found]) -> None:
    """A free mailbox named after the site ("samudraprobolinggomedia@ymail.com" beside
    samudraprobolinggo.or.id) that starts almost, not exactly, like the site's name: its
    first letters were misread ("nudraprobolinggomedia")."""
    if not email or not website or "@" not in str(email.value):
        return
    local, domain = str(email.value).lower().split("@", 1)
    local = re.sub(r"[._\-]", "", local)  # "lbg.group" is the site lbggroup
    label = _host(website.value).split(".")[0].replace("-", "")
    if domain not in rules()["free_mail_domains"] or len(label) < 6 or label in local:
        return
    # where the site's name would stand: at the start, give or take a letter or two misread
    blocks = difflib.SequenceMatcher(None, local[: len(label) + 2], label, autojunk=False).get_matching_blocks()
    spelled = sum(b.size for b in blocks)
    # nearly all of the site's name, down to its end, and not preceded by letters of its own:
    # "tvsuarajawa" is another name than suarajatim, and "lenterarakyat" the site
    # lenterarakyattv without its "tv", not misreadings of them
    to_end = max((b.b + b.size for b in blocks if b.size), default=0) == len(label)
    if to_end and blocks[0].a <= blocks[0].b and spelled >= max(0.8 * len(label), len(label) - 4):
        email.doubt("nama e-mail hampir sama dengan nama situs (salah baca?)")


def signatory_near_editor(signer: Optional[Found], editor: Optional[Found]) -> None:
    """Signatory and editor-in-chief spelled almost alike: one of the two is misread."""
    if not signer or not editor:
        return
    a, b = normalize(signer.value, words_only=True), normalize(editor.value, words_only=True)
    if a != b and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85:
        signer.doubt("nama hampir sama dengan Pemimpin Redaksi (salah baca?)")
        editor.doubt("nama hampir sama dengan penanda tangan (salah baca?)")


def misread_words(f: Optional[Found], vocabulary_key: str) -> None:
    """Flag a text whose words nearly — but not exactly — spell words of a known vocabulary."""
    if not f or not isinstance(f.value, str):
        return
    vocab = set(rules()["vocabulary"][vocabulary_key])
    for word in re.findall(r"[A-Za-z]{6,}", f.value):  # short words differ by one letter too often
        w = word.lower()
        if w not in vocab and (difflib.get_close_matches(w, vocab, n=1, cutoff=0.85) or _one_letter_off(w, vocab)):
            f.doubt(f"kata '{word}' tampak salah baca")
            return


def _one_letter_off(word: str, vocab: set[str]) -> bool:
    """One letter of a known word read as its lookalike ("Sguare"): below difflib's cutoff in a
    six-letter word, but the commonest OCR slip. Only lookalikes: "Pantai" is no "lantai"."""
    pairs = {frozenset(p) for p in rules()["ocr_lookalike_letters"]}
    for x in vocab:
        if len(x) == len(word):
            diff = [frozenset((a, b)) for a, b in zip(x, word) if a != b]
            if len(diff) == 1 and diff[0] in pairs:
                return True
    return False


def subject_complete(f: Optional[Found]) -> None:
    """A subject cut short under a stamp ("Perm", "Perm@"): too few words, a stray symbol, or a
    last word that is only the beginning of a word of the subject vocabulary."""
    if not f or not isinstance(f.value, str):
        return
    vocab = set(rules()["vocabulary"]["perihal"])
    words = re.findall(r"[A-Za-z]+", f.value)
    last = words[-1].lower() if words else ""
    # a short stub of a subject word ("Perm"), or a long one a few letters short ("Pemberit")
    cut = last not in vocab and any(w.startswith(last) and len(w) - len(last) >= (1 if len(last) < 6 else 2)
                                    for w in vocab)
    known = [w for w in words if w.lower() in vocab]
    titled = sum(w[0].isupper() for w in words) >= len(words) / 2
    # in a subject written in capitals, an unknown word in lower case is a misreading ("Pem beritaangi")
    stray = titled and any(w[0].islower() and w.lower() not in vocab for w in words)
    if len(words) < 2 or re.search(r"[^\w\s.,:;/()&'’\-]", f.value) or cut or len(known) < len(words) / 2 \
            or stray or any(re.search(r"[a-z][A-Z]", w) for w in words):
        # (a subject is mostly subject words; "PendwaraniKemitraam" is words run together)
        f.doubt("perihal tampak terpotong atau rusak")


def doc_words(lines) -> frozenset[str]:
    """Well-read words of the whole letter (lower case, 5+ letters)."""
    return frozenset(w.text.strip(".,;:()").lower() for l in lines for w in l.words
                     if w.conf >= 80 and len(w.text.strip(".,;:()")) >= 5 and w.text.strip(".,;:()").isalpha())


def misread_against_letter(f: Optional[Found], words: frozenset[str]) -> None:
    """A word that nearly equals a different, well-read word elsewhere in the letter is a misreading
    (e.g. 'Trenggalck' in the address while 'Trenggalek' appears in the date line)."""
    if not f or not isinstance(f.value, str):
        return
    for word in re.findall(r"[A-Za-z]{5,}", f.value):
        w = word.lower()
        if w in words:
            continue
        if difflib.get_close_matches(w, words, n=1, cutoff=0.85):
            f.doubt(f"kata '{word}' berbeda tipis dengan kata yang sama di bagian lain surat")
            return


def address_segments(f: Optional[Found]) -> None:
    """A part of the address that begins in lowercase or punctuation, or is a scrap of letters
    (": jungan", "an", an empty part), lost its start under a blur or a stain."""
    if not f or not isinstance(f.value, str):
        return
    for part in f.value.split(","):
        p = part.strip()
        if not p or not (p[0].isupper() or p[0].isdigit()) or len(re.sub(r"[^A-Za-z0-9]", "", p)) < 3:
            f.doubt("bagian alamat tampak terpotong atau rusak")
            return


def deputy_signer(signer: Optional[Found], position: Optional[Found]) -> None:
    """A scan signed by a secretary, a station head or an advertising manager: the company's
    head often signs beside them, and a stamp over that half leaves only the deputy read."""
    deputies = rules()["signature"].get("deputy_positions") or []
    if signer is None or position is None or not isinstance(position.value, str) or not deputies:
        return
    if rx(r"(?:" + alternation(deputies) + r")").search(position.value):
        for f in (signer, position):
            f.doubt("penanda tangan bukan pimpinan perusahaan (periksa penanda tangan lain di bawah cap)")
