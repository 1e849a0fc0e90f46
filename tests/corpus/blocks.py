"""Letter parts as reportlab flowables: styles, number/subject block, addressee, body,
signature, Tembusan, attachment page. Layouts choose and arrange them."""
from __future__ import annotations

from random import Random

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from tests.corpus.identity import esc


def styles(font: str, size: float) -> dict:
    lead = size * 1.32
    base = ParagraphStyle("base", fontName=font, fontSize=size, leading=lead)
    return {"body": ParagraphStyle("body", base, alignment=TA_JUSTIFY, spaceAfter=size * 0.6, firstLineIndent=0),
            "indent": ParagraphStyle("indent", base, alignment=TA_JUSTIFY, spaceAfter=size * 0.6, firstLineIndent=28),
            "body_left": ParagraphStyle("bl", base, alignment=TA_LEFT),
            "right": ParagraphStyle("r", base, alignment=TA_RIGHT),
            "center": ParagraphStyle("c", base, alignment=TA_CENTER),
            "title": ParagraphStyle("t", base, alignment=TA_CENTER, fontSize=size + 3, leading=lead + 4),
            "small": ParagraphStyle("s", base, fontSize=size - 1.5, leading=(size - 1.5) * 1.25)}


class Scribble(Flowable):
    """A hand signature: a few random Bezier strokes."""

    def __init__(self, rng: Random, width: float = 120, height: float = 34, align: str = "LEFT"):
        super().__init__()
        self.w, self.h, self.seed = width, height, rng.random()
        self.hAlign = align

    def wrap(self, aw, ah):
        return self.w, self.h

    def draw(self):
        rng = Random(self.seed)
        c = self.canv
        c.setStrokeColor(colors.HexColor(rng.choice(("#1a237e", "#0d47a1", "#111111"))))
        c.setLineWidth(rng.uniform(0.8, 1.4))
        x, y = rng.uniform(5, 20), self.h * 0.4
        for _ in range(rng.randint(2, 4)):
            p = c.beginPath()
            p.moveTo(x, y)
            pts = [(x + rng.uniform(8, 40), rng.uniform(0, self.h)) for _ in range(3)]
            p.curveTo(*pts[0], *pts[1], *pts[2])
            c.drawPath(p, stroke=1, fill=0)
            x, y = pts[2]
            x = min(x, self.w - 40)


def number_rows(f: dict, hal: str, rng: Random, with_date: bool = False) -> list[tuple[str, str]]:
    rows = [("Nomor", f["number"])]
    if rng.random() < 0.25:
        rows.append(("Sifat", rng.choice(("Biasa", "Penting", "Segera"))))
    rows.append(("Lampiran", rng.choice(("1 (satu) berkas", "-", "1 (satu) bendel", "2 (dua) lembar"))))
    rows.append((hal, f["subject"]))
    if with_date:
        rows.insert(1, ("Tanggal", f["printed_date"]))
    return rows


def _rows_table(rows, st, width, bold_last=True) -> Table:
    data = []
    for i, (k, v) in enumerate(rows):
        val = f"<b>{esc(v)}</b>" if bold_last and i == len(rows) - 1 else esc(v)
        data.append([Paragraph(k, st["body_left"]), ":", Paragraph(val, st["body_left"])])
    st0 = st["body_left"]
    label_w = max(pdfmetrics.stringWidth(k, st0.fontName, st0.fontSize) for k, _ in rows) + 10
    t = Table(data, colWidths=[label_w, 8, width - label_w - 8], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                           ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return t


def header_block(f: dict, variant: str, hal: str, rng: Random, st, width: float, date_here: bool) -> list:
    """The Nomor/Lampiran/Perihal block: 'beside' the date, 'boxed', 'title' (under a centred title) or 'plain'."""
    place_date = f"{f['city_short']}, {f['printed_date']}"
    if variant == "title":
        title = rng.choice(("SURAT PERMOHONAN", "SURAT PERMOHONAN KERJA SAMA", "SURAT PENAWARAN", "SURAT PENGANTAR"))
        out = [Paragraph(f"<b><u>{title}</u></b>", st["title"]), Paragraph(f"Nomor: {esc(f['number'])}", st["center"]),
               Spacer(1, 10)]
        out.append(_rows_table([(hal, f["subject"])], st, width * 0.8))
        return out
    rows = number_rows(f, hal, rng)
    if variant == "boxed":
        inner = _rows_table(rows, st, width * 0.62 - 12)
        box = Table([[inner]], colWidths=[width * 0.62], hAlign="LEFT")
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.9, colors.black), ("TOPPADDING", (0, 0), (-1, -1), 4)]))
        if date_here:
            return [Table([[box, Paragraph(esc(place_date), st["right"])]], colWidths=[width * 0.64, width * 0.36],
                          style=[("VALIGN", (0, 0), (-1, -1), "TOP")])]
        return [box]
    left = _rows_table(rows, st, width * 0.62)
    if variant == "beside" and date_here:
        return [Table([[left, Paragraph(esc(place_date), st["right"])]], colWidths=[width * 0.64, width * 0.36],
                      style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    out = [Paragraph(esc(place_date), st["right"]), Spacer(1, 8)] if date_here else []
    return out + [left]


def addressee(f: dict, side: str, st, width: float) -> list:
    lines = "<br/>".join(esc(x) for x in f["addressee"])
    p = Paragraph(lines, st["body_left"])
    if side == "right":
        return [Spacer(1, 8), Table([["", p]], colWidths=[width * 0.5, width * 0.5]), Spacer(1, 8)]
    return [Spacer(1, 8), p, Spacer(1, 8)]


def opening(f: dict, rng: Random, st) -> list:
    greet = rng.choice(("Dengan hormat,", "Dengan hormat,", "Assalamu'alaikum Wr. Wb.", "Salam sejahtera,"))
    who = rng.choice((f"kami dari {f['name']} selaku pengelola {f['kind_phrase']} {f['brand']}",
                      f"{f['name']} sebagai penerbit {f['kind_phrase']} {f['brand']}",
                      f"kami, {f['brand']} ({f['kind_phrase']} di bawah naungan {f['name']})"))
    aim = rng.choice(("bermaksud mengajukan permohonan kerja sama publikasi",
                      "bermaksud menawarkan kerja sama publikasi dan pemasangan iklan",
                      "ingin menjalin kemitraan sebagai mitra publikasi",
                      "mengajukan permohonan untuk menjadi mitra media"))
    return [Paragraph(greet, st["body_left"]), Spacer(1, 4),
            Paragraph(esc(f"Bersama surat ini, {who} {aim} dengan Dinas Komunikasi dan Informatika Kabupaten Trenggalek."),
                      st["indent"])]


def offer_and_closing(f: dict, rng: Random, st, contact_person: bool = True) -> list:
    offers = ", ".join(f["offers"][:-1]) + f" dan {f['offers'][-1]}"
    out = [Paragraph(esc(f"Adapun bentuk kerja sama yang kami tawarkan meliputi {offers}."), st["indent"])]
    if contact_person:
        name, hp = f["contact"]
        out.append(Paragraph(esc(f"Untuk koordinasi lebih lanjut, Bapak/Ibu dapat menghubungi {name} ({hp})."), st["indent"]))
    out.append(Paragraph(rng.choice(("Demikian surat permohonan ini kami sampaikan. Atas perhatian dan kerja sama "
                                     "Bapak/Ibu, kami ucapkan terima kasih.",
                                     "Demikian permohonan ini kami ajukan, atas perkenan Bapak/Ibu kami sampaikan terima kasih.",
                                     "Besar harapan kami permohonan ini dapat dikabulkan. Terima kasih.")), st["indent"]))
    return out


def signature(f: dict, rng: Random, st, width: float, date_here: bool, dual: bool = False) -> list:
    """The signature block at the right; with `dual`, a 'Mengetahui' Pemimpin Redaksi at the left."""
    lines = []
    if date_here:
        lines.append(esc(f"{f['city_short']}, {f['printed_date']}"))
    lines += [rng.choice(("Hormat kami,", "Hormat kami,", "Salam hormat,")), esc(f["name"]) if rng.random() < 0.7 else esc(f["brand"])]
    name = f"<b><u>{esc(f['signer'])}</u></b>" if rng.random() < 0.6 else f"<b>{esc(f['signer'])}</b>"
    right = [Paragraph("<br/>".join(lines), st["body_left"]), Scribble(rng), Paragraph(name, st["body_left"]),
             Paragraph(esc(f["jabatan"]), st["body_left"])]
    left = ""
    if dual and f["say"]["pemred"] and f["signer"] != f["pemred"]:
        left = [Paragraph("Mengetahui,<br/>Redaksi", st["body_left"]), Scribble(rng),
                Paragraph(f"<b>{esc(f['pemred'])}</b>", st["body_left"]), Paragraph("Pemimpin Redaksi", st["body_left"])]
    t = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return [Spacer(1, 10), KeepTogether([t])]


def tembusan(f: dict, st) -> list:
    if not f["tembusan"]:
        return []
    items = "<br/>".join(f"{i + 1}. {esc(t)}" for i, t in enumerate(f["tembusan"]))
    return [Spacer(1, 12), Paragraph("<u>Tembusan</u> disampaikan kepada Yth.:<br/>" + items, st["small"])]
