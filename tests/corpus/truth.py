"""Structured truth first: one fictional media company and one letter, drawn from the pools.

`make_letter(rng)` returns a dict `facts` holding everything a layout may print (with printed
forms), and the layouts decide what is shown; `clerk_truth(facts, shown)` turns what was
actually printed into the CONTRACT's truth, null where the page does not state it.
"""
from __future__ import annotations

import datetime as dt
import re
from random import Random

from tests.corpus import identifiers as ids
from tests.corpus import pools

FORMS = ("PT",) * 11 + ("CV",) * 4 + ("Yayasan",) * 2 + ("Perkumpulan",) + ("Koperasi",) * 2
KINDS = ("online",) * 5 + ("cetak",) * 2 + ("radio",) * 2 + ("televisi",) * 2
KIND_PHRASES = {
    "online": ("media siber", "portal berita online", "media online", "situs berita daring", "media daring"),
    "cetak": ("surat kabar harian", "media cetak", "tabloid mingguan", "media cetak mingguan", "majalah bulanan"),
    "radio": ("radio siaran", "lembaga penyiaran radio", "stasiun radio", "radio siaran swasta"),
    "televisi": ("lembaga penyiaran televisi", "stasiun televisi lokal", "televisi lokal", "televisi swasta lokal"),
}
DP_PHRASES = {
    "terverifikasi_faktual": ("telah terverifikasi faktual oleh Dewan Pers",
                              "telah terverifikasi administrasi dan faktual oleh Dewan Pers",
                              "merupakan media yang terverifikasi faktual di Dewan Pers"),
    "terverifikasi_administratif": ("telah terverifikasi administratif oleh Dewan Pers",
                                    "telah terverifikasi secara administrasi oleh Dewan Pers"),
    "belum": ("belum terverifikasi Dewan Pers dan saat ini sedang mengajukan verifikasi",
              "belum terverifikasi oleh Dewan Pers"),
}
DP_SHORT = {"terverifikasi_faktual": ("Terverifikasi Faktual", "Terverifikasi Administrasi & Faktual"),
            "terverifikasi_administratif": ("Terverifikasi Administratif", "Terverifikasi Administrasi"),
            "belum": ("Belum terverifikasi", "Dalam proses (belum terverifikasi)")}
SUBJECTS = ("Permohonan Kerja Sama Publikasi", "Permohonan Kerjasama Publikasi", "Permohonan Kerja Sama Media",
            "Permohonan Menjadi Mitra Publikasi", "Penawaran Kerja Sama Iklan", "Pengajuan Kemitraan Media",
            "Permohonan Kerja Sama Publikasi dan Penyebarluasan Informasi Pembangunan Daerah",
            "Penawaran Kerja Sama Penayangan Iklan Layanan Masyarakat", "Permohonan Kerja Sama Pemberitaan",
            "Penawaran Kemitraan Publikasi Tahun Anggaran {year}", "Permohonan Kerja Sama Siaran")
PROVINCES = {"0274": "DI Yogyakarta", "0271": "Jawa Tengah", "024": "Jawa Tengah", "022": "Jawa Barat",
             "021": "DKI Jakarta", "0361": "Bali"}
JOBS = {"PT": ("Direktur", "Direktur Utama", "Pemimpin Umum", "Pemimpin Perusahaan", "General Manager"),
        "CV": ("Direktur", "Pimpinan", "Pemimpin Umum", "Persero Pengurus"),
        "Yayasan": ("Ketua", "Ketua Yayasan", "Ketua Pengurus", "Pemimpin Umum"),
        "Perkumpulan": ("Ketua", "Ketua Pengurus", "Station Manager"),
        "Koperasi": ("Ketua", "Ketua Pengurus", "Manajer")}


def person(rng: Random) -> str:
    given = rng.choice(pools.GIVEN)
    name = given if rng.random() < 0.12 else f"{given} {rng.choice(pools.FAMILY)}"
    if rng.random() < 0.25:
        name = f"{rng.choice(pools.GIVEN)} {name}"
    before, after = rng.choice(pools.TITLE_BEFORE), rng.choice(pools.TITLE_AFTER)
    if before in ("Drs. ", "Dra. ") and after.startswith("S."):  # Drs. replaces the S.x. degree
        after = rng.choice(("", "M.Si.", "M.M."))
    return f"{before}{name}{', ' + after if after else ''}"


def _brand(rng: Random, kind: str) -> tuple[str, str, str]:
    """(brand as printed, word stem for domains, company-name core)."""
    a, b = rng.sample(pools.BRAND_A, 1)[0], rng.choice(pools.BRAND_B + pools.PLACE_WORDS)
    stem = re.sub(r"[^a-z]", "", (a + b).lower())
    core = f"{a} {b}"
    if kind == "online":
        if rng.random() < 0.5:
            return f"{stem}{rng.choice(pools.TLD[:4])}", stem, core
        return rng.choice((f"{a}{b}", f"{a} {b}", f"{a}{b}.com", f"{a} {b} News")), stem, core
    if kind == "cetak":
        return f"{rng.choice(('Harian', 'Koran', 'Tabloid', 'Majalah', 'Surat Kabar Mingguan', 'Koran Harian'))} {a} {b}", stem, core
    if kind == "radio":
        freq = f"{rng.randint(88, 107)}.{rng.choice('13579')}"
        return rng.choice((f"Radio {a} {b} {freq} FM", f"{a} {b} FM", f"Radio {a} {b}")), stem, core
    return rng.choice((f"{a} {b} TV", f"{a} TV", f"{a} {b} Televisi", f"{a} Channel")), stem, core


def make_company(rng: Random) -> dict:
    kind = rng.choice(KINDS)
    form = rng.choice(FORMS)
    if kind == "radio" and rng.random() < 0.3:
        form = "Perkumpulan"
    brand, stem, core = _brand(rng, kind)
    tail = rng.choice(pools.COMPANY_TAIL)
    name = {"PT": f"PT {core} {'Televisi' if kind == 'televisi' and rng.random() < 0.6 else tail}",
            "CV": f"CV {core} {tail}", "Yayasan": f"Yayasan {core} {rng.choice(('Nusantara', 'Mandiri', 'Informasi'))}",
            "Perkumpulan": f"Perkumpulan {'Radio Komunitas ' if kind == 'radio' else 'Media '}{core}",
            "Koperasi": f"Koperasi {rng.choice(('Jasa', 'Produsen', 'Serba Usaha'))} {core} {rng.choice(('Sejahtera', 'Mandiri'))}"}[form]
    if kind == "radio" and form == "PT" and rng.random() < 0.5:
        name = f"PT Radio {core} {tail}"
    initials = "".join(w[0] for w in name.split()[1:] if w[0].isalpha()).upper()[:4]
    city, area, post, kec_map = rng.choice(pools.PLACES)
    kec = rng.choice(sorted(kec_map))
    segs = [f"{rng.choice(pools.STREETS)} No. {rng.randint(1, 240)}{rng.choice(('', '', '', 'A', 'B'))}"]
    if rng.random() < 0.3:
        segs.append(f"RT {rng.randint(1, 9):02d}/RW {rng.randint(1, 12):02d}")
    segs.append(rng.choice(pools.KEL_PREFIX) + rng.choice(kec_map[kec]))
    segs.append(rng.choice(pools.KEC_PREFIX) + kec)
    postcode = f"{post}{rng.randint(10, 99)}"
    province = PROVINCES.get(area, "Jawa Timur")
    segs.append(f"{city} {postcode}" if rng.random() < 0.8 else f"{city}, {province} {postcode}")
    if rng.random() < 0.3:
        segs = [segs[0], segs[-1]]  # short addresses are common too
    phones = [ids.landline(rng, area) if rng.random() < 0.6 else ids.mobile(rng)]
    if rng.random() < 0.5:
        phones.append(ids.mobile(rng))
    fax = ids.landline(rng, area) if rng.random() < 0.2 else None
    own_domain = stem + rng.choice(pools.TLD)
    if kind == "online" and "." in brand:
        own_domain = brand.lower()
    r = rng.random()
    email = (f"{rng.choice(pools.MAIL_USER)}@{own_domain}" if r < 0.55 else
             f"{stem}{rng.choice(('', 'media', 'official', str(rng.randint(1, 99))))}@{rng.choice(pools.FREE_MAIL)}" if r < 0.9 else
             f"{initials.lower()}.{rng.choice(('kantor', 'redaksi', 'group'))}@{rng.choice(pools.FREE_MAIL)}")
    website = rng.choice((f"www.{own_domain}", f"https://{own_domain}", own_domain, f"https://www.{own_domain}/",
                          f"www.{initials.lower()}group.co.id"))
    year_est = rng.randint(2005, 2022)
    akta_date = dt.date(year_est, rng.randint(1, 12), rng.randint(1, 28))
    npwp_printed, npwp = ids.npwp(rng)
    ukw = rng.choice(("Utama", "Utama", "Madya", "Muda", "none"))
    pemred = person(rng)
    signer_same = rng.random() < 0.2
    jabatan = "Pemimpin Redaksi" if signer_same else rng.choice(JOBS[form])
    return dict(
        kind=kind, kind_phrase=rng.choice(KIND_PHRASES[kind]), form=form, name=name, brand=brand,
        initials=initials or "RED", city=city, city_short=re.sub(r"^(Kabupaten|Kota) ", "", city),
        address_segments=segs, phones=phones, fax=fax, email=email, website=website,
        npwp=npwp, npwp_printed=npwp_printed, nib=ids.nib(rng), akta=ids.akta(rng), akta_date=akta_date,
        notary=f"{person(rng).split(',')[0]}, {rng.choice(pools.NOTARY_TITLES)}",
        sk=ids.ahu(rng, form, min(year_est + rng.randint(0, 2), 2024)),
        dp=rng.choice(tuple(DP_PHRASES)), pemred=pemred, ukw=ukw,
        ukw_cert=ids.ukw_number(rng, ukw, rng.randint(2012, 2023)) if ukw != "none" else None,
        signer=pemred if signer_same else person(rng), jabatan=jabatan,
        contact=(person(rng).split(",")[0], ids.mobile(rng)), tagline=rng.choice(
            ("Tajam, Terpercaya, Berimbang", "Suara Rakyat Daerah", "Berita Hari Ini, Untuk Esok", "Informatif & Edukatif",
             "Dekat dan Bersahabat", "", "")),
    )


def make_letter(rng: Random) -> dict:
    """Company + this letter's own data (number, date, subject, offer)."""
    c = make_company(rng)
    if c["kind"] == "cetak":  # the kind's wording follows the title's own word
        first = c["brand"].split()[0]
        c["kind_phrase"] = {"Tabloid": "tabloid mingguan", "Majalah": "majalah"}.get(first, rng.choice(
            ("surat kabar harian", "media cetak", "surat kabar")))
    date = ids.letter_date(rng)
    subject = rng.choice(SUBJECTS).format(year=date.year)
    if c["kind"] not in ("radio", "televisi") and "Siaran" in subject:
        subject = "Permohonan Kerja Sama Publikasi"
    c.update(
        number=ids.letter_number(rng, c["initials"], date.month, date.year), date=date, subject=subject,
        date_style=dict(old_months=rng.random() < 0.35, zero_pad=rng.random() < 0.45, weekday=rng.random() < 0.1,
                        upper_month=rng.random() < 0.05),
        offers=rng.sample(pools.OFFERS, rng.randint(2, 4)), addressee=rng.choice(pools.ADDRESSEES),
        tembusan=rng.sample(pools.TEMBUSAN, rng.randint(1, 3)) if rng.random() < 0.4 else [],
        # Which optional facts this letter states at all.
        say=dict(website=rng.random() < 0.7, pemred=rng.random() < 0.8, ukw=rng.random() < 0.7,
                 dp=rng.random() < 0.8, npwp=rng.random() < 0.9, nib=rng.random() < 0.85,
                 akta=rng.random() < 0.85, sk=rng.random() < 0.8, fax=c["fax"] is not None),
    )
    c["printed_date"] = ids.printed_date(rng, date, c["date_style"])
    if not c["say"]["pemred"]:
        c["say"]["ukw"] = False
    return c


def clerk_truth(f: dict) -> dict:
    """What a careful clerk types from the page; `f["say"]` records what the layout printed."""
    s = f["say"]
    ukw = None
    if s["ukw"]:
        ukw = f["ukw"] == "Utama"
    return {
        "nomor_surat": f["number"], "tanggal_surat": f["date"].isoformat(), "perihal": f["subject"],
        "nama_perusahaan": f["name"], "bentuk_badan_usaha": f["form"], "nama_media": f["brand"],
        "jenis_media": f["kind"], "alamat": ", ".join(f["address_segments"]), "telepon": f["phones"][0],
        "email": f["email"], "website": f["website"] if s["website"] else None,
        "npwp": f["npwp"] if s["npwp"] else None, "nib": f["nib"] if s["nib"] else None,
        "nomor_akta": f["akta"] if s["akta"] else None, "sk_kemenkumham": f["sk"] if s["sk"] else None,
        "status_dewan_pers": f["dp"] if s["dp"] else None,
        "pemimpin_redaksi": f["pemred"] if s["pemred"] else None, "ukw_utama": ukw,
        "penandatangan": f["signer"], "jabatan_penandatangan": f["jabatan"],
    }
