"""The company's identity and contact data as prose, a list, a key-value list or a table.

Each builder returns reportlab flowables and prints only what `f["say"]` allows.
"""
from __future__ import annotations

from random import Random

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from tests.corpus import identifiers as ids
from tests.corpus.truth import DP_PHRASES, DP_SHORT


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def akta_text(f: dict, rng: Random) -> str:
    d = ids.printed_date(rng, f["akta_date"], f["date_style"])
    return rng.choice((f"Nomor {f['akta']} tanggal {d}", f"No. {f['akta']} tanggal {d}", f"Nomor {f['akta']}, {d}")) + \
        f", Notaris {f['notary']}"


def ukw_text(f: dict, rng: Random, short: bool) -> str:
    if f["ukw"] == "none":
        return "Belum mengikuti UKW" if short else "belum mengikuti Uji Kompetensi Wartawan (UKW)"
    if short:
        return rng.choice((f"Wartawan {f['ukw']}", f"UKW {f['ukw']}", f"Jenjang {f['ukw']} No. {f['ukw_cert']}"))
    return rng.choice((f"telah memiliki sertifikat Uji Kompetensi Wartawan (UKW) jenjang {f['ukw']}",
                       f"telah lulus UKW dengan kompetensi Wartawan {f['ukw']} (sertifikat No. {f['ukw_cert']})",
                       f"bersertifikat kompetensi Wartawan {f['ukw']} Dewan Pers"))


def identity_items(f: dict, rng: Random) -> list[tuple[str, str]]:
    s = f["say"]
    rows = [("Nama Badan Usaha", f["name"]), ("Nama Media", f["brand"]), ("Jenis Media", f["kind_phrase"].capitalize())]
    if s["akta"]:
        rows.append((rng.choice(("Akta Pendirian", "Akta Notaris")), akta_text(f, rng)))
    if s["sk"]:
        rows.append((rng.choice(("SK Kemenkumham", "Pengesahan Kemenkumham", "SK Menkumham RI")), f["sk"]))
    if s["nib"]:
        rows.append((rng.choice(("NIB", "Nomor Induk Berusaha (NIB)", "NIB (OSS)")), f["nib"]))
    if s["npwp"]:
        rows.append(("NPWP", f["npwp_printed"]))
    if s["dp"]:
        rows.append((rng.choice(("Status Dewan Pers", "Verifikasi Dewan Pers")), rng.choice(DP_SHORT[f["dp"]])))
    if s["pemred"]:
        rows.append(("Pemimpin Redaksi", f["pemred"]))
    if s["ukw"]:
        rows.append((rng.choice(("Sertifikat UKW Pemred", "Kompetensi Pemimpin Redaksi", "UKW Pemimpin Redaksi")),
                     ukw_text(f, rng, short=True)))
    return rows


def identity_prose(f: dict, rng: Random, st) -> list:
    s, name, out = f["say"], f["name"], []
    legal = []
    if s["akta"]:
        legal.append(f"didirikan berdasarkan Akta Pendirian {akta_text(f, rng)}")
    if s["sk"]:
        legal.append(f"telah mendapat pengesahan Menteri Hukum dan HAM RI Nomor {f['sk']}")
    nums = []
    if s["nib"]:
        nums.append(f"Nomor Induk Berusaha (NIB) {f['nib']}")
    if s["npwp"]:
        nums.append(f"NPWP {f['npwp_printed']}")
    if legal or nums:
        text = f"{name} " + (", ".join(legal) if legal else "merupakan badan usaha yang sah")
        if nums:
            text += f", serta terdaftar dengan {' dan '.join(nums)}"
        out.append(Paragraph(esc(text) + ".", st["body"]))
    bits = []
    if s["dp"]:
        bits.append(f"{f['brand']} {rng.choice(DP_PHRASES[f['dp']])}.")
    if s["pemred"]:
        t = f"Pemimpin Redaksi kami, {f['pemred']}"
        bits.append(t + (f", {ukw_text(f, rng, short=False)}." if s["ukw"] else ", bertanggung jawab atas seluruh isi pemberitaan."))
    if bits:
        out.append(Paragraph(esc(" ".join(bits)), st["body"]))
    return out


def kv_list(items: list[tuple[str, str]], st, width: float, numbered: bool = False) -> Table:
    """'Label : value' rows without borders, as word processors lay them out with tabs."""
    rows = [[f"{i + 1}." if numbered else "", Paragraph(esc(k), st["body_left"]), ":", Paragraph(esc(v), st["body_left"])]
            for i, (k, v) in enumerate(items)]
    t = Table(rows, colWidths=[16 if numbered else 2, width * 0.34, 8, width * 0.66 - (26 if numbered else 12)])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                           ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return t


def bordered_table(items: list[tuple[str, str]], st, width: float, header: tuple[str, str] | None) -> Table:
    rows = ([[Paragraph(f"<b>{header[0]}</b>", st["body_left"]), Paragraph(f"<b>{header[1]}</b>", st["body_left"])]]
            if header else [])
    rows += [[Paragraph(esc(k), st["body_left"]), Paragraph(esc(v), st["body_left"])] for k, v in items]
    t = Table(rows, colWidths=[width * 0.36, width * 0.64])
    style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")))
    t.setStyle(TableStyle(style))
    return t


def contact_items(f: dict, rng: Random) -> list[tuple[str, str]]:
    phones = f["phones"]
    rows = [("Alamat", ", ".join(f["address_segments"])),
            (rng.choice(("Telepon", "Telp.", "No. Telp/HP", "Telp/WA")), ", ".join(phones) if rng.random() < 0.5 else phones[0])]
    if len(phones) > 1 and len(rows[1][1]) < 20:
        rows.append(("HP/WhatsApp", phones[1]))
    if f["say"]["fax"]:
        rows.append(("Faksimile", f["fax"]))
    rows.append(("E-mail", f["email"]))
    if f["say"]["website"]:
        rows.append(("Website", f["website"]))
    return rows


def contacts_prose(f: dict, rng: Random, st) -> list:
    tel = f["phones"][0]
    text = (f"Kantor kami beralamat di {', '.join(f['address_segments'])}, telepon {tel}" +
            (f", faksimile {f['fax']}" if f["say"]["fax"] else "") + f", e-mail {f['email']}" +
            (f", laman {f['website']}" if f["say"]["website"] else "") + ".")
    return [Paragraph(esc(text), st["body"])]


def spacer(h: float = 6) -> Spacer:
    return Spacer(1, h)
