"""The layout families: each fixes where the letterhead, contacts, identity data and the
number/subject block go, and draws the rest at random. `render_pdf` builds one letter."""
from __future__ import annotations

from random import Random

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

from tests.corpus import blocks, fonts, identity as idb
from tests.corpus.kop import draw_kop, pick_color

PAPERS = {"A4": (210 * mm, 297 * mm), "F4": (215 * mm, 330 * mm)}
ANY = None  # drawn at random per letter
FAMILIES = {
    # id: kop, logo, contacts, identity, header, date position, addressee side
    "K1-footer-kop": dict(kop="footer", logo=ANY, contacts="letterhead", identity="table", header="boxed", date="signature"),
    "K2-side-band": dict(kop="side", logo="left", contacts="letterhead", identity="list", header="plain", date="top"),
    "K3-centred-title": dict(kop="top", logo="centre", contacts="table", identity="prose", header="title", date="signature"),
    "K4-memo": dict(kop="top", logo="right", contacts="kv", identity="kv", header="memo", date="memo"),
    "K5-lampiran-table": dict(kop="top", logo="right", contacts="letterhead", identity="lampiran", header="beside", date="top"),
    "K6-profile-kv": dict(kop="top", logo="centre", contacts="kv", identity="kv", header="plain", date="top"),
    "K7-date-top-prose": dict(kop="top", logo="left", contacts="body", identity="prose", header="plain", date="top", addressee="right"),
    "K8-f4-table-dual": dict(kop="top", logo="left", contacts="letterhead", identity="table", header="beside", date="top", paper="F4", dual=True),
    "K9-typed-sender": dict(kop="plain", logo="none", contacts="letterhead", identity="list", header="boxed", date="signature"),
    "K10-lampiran-kv": dict(kop="footer", logo=ANY, contacts="body", identity="lampiran", header="title", date="signature"),
}
MEMO_SUBJECTS = ("Permohonan Menjadi Mitra Publikasi", "Penawaran Kerja Sama Iklan", "Pengajuan Kemitraan Media")


def plan(family: str, f: dict, rng: Random) -> dict:
    spec = dict(FAMILIES[family])
    spec["family"] = family
    spec["logo"] = spec["logo"] or rng.choice(("left", "right", "centre"))
    spec.setdefault("addressee", rng.choice(("left", "left", "right")))
    spec["paper"] = spec.get("paper") or rng.choice(("A4", "A4", "F4"))
    spec["font"] = rng.choice(fonts.available())
    spec["size"] = rng.choice((10, 10.5, 11, 11.5)) if spec["font"] != "courier" else 10
    spec["hal"] = rng.choice(("Perihal", "Perihal", "Hal", "Hal"))
    spec["margin"] = rng.uniform(20, 28) * mm
    spec["color"] = pick_color(rng)
    spec["band"], spec["band_side"] = rng.uniform(130, 150), rng.choice(("left", "left", "right"))
    spec["kop_seed"] = rng.random()
    if spec["header"] == "memo" and rng.random() < 0.8:
        f["subject"] = rng.choice(MEMO_SUBJECTS)
    if spec["identity"] == "lampiran":  # identity data on the attachment page only
        spec["lampiran"] = True
    return spec


def _memo(f: dict, spec: dict, rng: Random, st, width: float) -> list:
    title = rng.choice(("NOTA PERMOHONAN", "MEMO", "SURAT PENGANTAR"))
    rows = [("Kepada", " ".join(f["addressee"]).replace("Yth. ", "Yth. ").replace("Kepada Yth. ", "")),
            ("Dari", f"{f['jabatan']} {f['name']}"), ("Tanggal", f["printed_date"]), ("Nomor", f["number"]),
            (spec["hal"], f["subject"])]
    return [Paragraph(f"<b>{title}</b>", st["title"]), Spacer(1, 8), blocks._rows_table(rows, st, width)]


def story(f: dict, spec: dict, rng: Random, width: float) -> list:
    font = fonts.faces(spec["font"])
    st = blocks.styles(font[0], spec["size"])
    date_top = spec["date"] == "top"
    out = []
    if spec["header"] == "memo":
        out += _memo(f, spec, rng, st, width)
    else:
        out += blocks.header_block(f, spec["header"], spec["hal"], rng, st, width, date_here=date_top)
        out += blocks.addressee(f, spec["addressee"], st, width)
    out += blocks.opening(f, rng, st)
    ident = spec["identity"]
    if ident == "prose":
        out += idb.identity_prose(f, rng, st)
    elif ident in ("list", "kv", "table"):
        items = idb.identity_items(f, rng)
        if spec["contacts"] == "kv" and ident == "kv":
            items = items[:2] + idb.contact_items(f, rng) + items[2:]
        out.append(Paragraph(rng.choice(("Berikut kami sampaikan profil singkat perusahaan kami:",
                                         "Sebagai gambaran, data perusahaan kami adalah sebagai berikut:")), st["body"]))
        if ident == "table":
            out.append(idb.bordered_table(items, st, width, rng.choice((("Uraian", "Keterangan"), None))))
        else:
            out.append(idb.kv_list(items, st, width, numbered=ident == "list"))
        out.append(idb.spacer(8))
    else:
        out.append(Paragraph("Data legalitas perusahaan dan redaksi kami sampaikan dalam lampiran surat ini.", st["indent"]))
    if spec["contacts"] == "body":
        out += idb.contacts_prose(f, rng, st)
    elif spec["contacts"] == "table":
        out += [Paragraph("Kontak perusahaan:", st["body"]), idb.bordered_table(idb.contact_items(f, rng), st, width, None), idb.spacer(8)]
    elif spec["contacts"] == "kv" and ident != "kv":
        out += [idb.kv_list(idb.contact_items(f, rng), st, width), idb.spacer(6)]
    out += blocks.offer_and_closing(f, rng, st, contact_person=rng.random() < 0.7)
    out += blocks.signature(f, rng, st, width, date_here=spec["date"] == "signature", dual=spec.get("dual", False))
    out += blocks.tembusan(f, st)
    if spec.get("lampiran"):
        out += [NextPageTemplate("later"), PageBreak(), Paragraph("<b>LAMPIRAN</b>", st["title"]),
                Paragraph(esc_join(("Nomor", f["number"]), ("Tanggal", f["printed_date"]), (spec["hal"], f["subject"])), st["body_left"]),
                Spacer(1, 8), Paragraph("<b>DATA PERUSAHAAN DAN REDAKSI</b>", st["center"]), Spacer(1, 6)]
        items = idb.identity_items(f, rng)
        out.append(idb.bordered_table(items, st, width, ("Data", "Keterangan")) if rng.random() < 0.6
                   else idb.kv_list(items, st, width, numbered=True))
        out += [Spacer(1, 16), Paragraph(idb.esc(f["name"]), st["right"]), Spacer(1, 30),
                Paragraph(f"<b>{idb.esc(f['signer'])}</b>", st["right"])]
    return out


def esc_join(*rows) -> str:
    return "<br/>".join(f"{k} : {idb.esc(v)}" for k, v in rows)


def render_pdf(path: str, f: dict, spec: dict, rng: Random) -> int:
    """Writes the born-digital PDF; returns its number of pages."""
    page_w, page_h = PAPERS[spec["paper"]]
    font = fonts.faces(spec["font"])
    draw_kop(Canvas("/dev/null", pagesize=(page_w, page_h)), page_w, page_h, f, spec, font, Random(spec["kop_seed"]))
    m = spec["margin"]
    x0, x1 = m, page_w - m
    if spec["kop"] == "side":
        if spec["band_side"] == "left":
            x0 = spec["band"] + 18
        else:
            x1 = page_w - spec["band"] - 18
    bottom = spec.get("_body_bottom", 22 * mm)
    top = spec["_body_top"]
    first = Frame(x0, bottom, x1 - x0, top - bottom, id="first", leftPadding=0, rightPadding=0)
    later = Frame(m, 22 * mm, page_w - 2 * m, page_h - 44 * mm, id="later", leftPadding=0, rightPadding=0)
    doc = BaseDocTemplate(path, pagesize=(page_w, page_h), title=f"Surat {f['number']}", author=f["name"],
                          creator="tests.corpus", invariant=1)

    def on_first(c, d):
        draw_kop(c, page_w, page_h, f, spec, font, Random(spec["kop_seed"]))

    doc.addPageTemplates([PageTemplate("first", [first], onPage=on_first), PageTemplate("later", [later])])
    flow = story(f, spec, rng, x1 - x0)
    if not spec.get("lampiran"):
        flow.insert(0, NextPageTemplate("later"))
    doc.build(flow)
    return doc.page
