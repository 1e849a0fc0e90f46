"""Generates the Word templates in this folder (run: .venv/bin/python templates/make_templates.py).

The generated .docx files are committed; staff may then edit them in Word, keeping the
`{{ ... }}` placeholders (docxtpl/Jinja syntax). Re-running this script overwrites edits.
Each placeholder is written as one run so Word/docxtpl keep it intact.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent


def _para(doc_or_cell, text: str = "", *, bold=False, size=None, align=None, italic=False, color=None):
    p = doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor(*color)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    return p


def _bottom_rule(paragraph) -> None:
    """A double line under the letterhead, as on Indonesian official letterheads."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "double"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), val)
    borders.append(bottom)
    ppr.append(borders)


def _cell(cell, text: str, *, bold=False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold


def _letterhead(doc) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "{{ kantor.pemerintah|upper }}", bold=True, size=13, align=center)
    _para(doc, "{{ kantor.nama|upper }}", bold=True, size=15, align=center)
    _para(doc, "{{ kantor.alamat }}", size=9, align=center)
    last = _para(
        doc,
        "Telepon {{ kantor.telepon }} · Pos-el {{ kantor.email }} · Laman {{ kantor.website }}",
        size=9,
        align=center,
    )
    _bottom_rule(last)
    _para(doc)
    _para(doc, "LEMBAR DISPOSISI", bold=True, size=13, align=center)
    _para(doc)


def _letter_table(doc) -> None:
    rows = [
        ("Surat dari", "{{ pengirim }}", "Diterima tanggal", "{{ tanggal_terima }}"),
        ("Nomor surat", "{{ nomor_surat }}", "No. Agenda", "{{ no_agenda }}"),
        ("Tanggal surat", "{{ tanggal_surat }}", "Sifat", "{{ sifat }}"),
    ]
    table = doc.add_table(rows=len(rows) + 1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            _cell(table.cell(r, c), text, bold=c in (0, 2))
    perihal = table.cell(len(rows), 1).merge(table.cell(len(rows), 3))
    _cell(table.cell(len(rows), 0), "Perihal", bold=True)
    _cell(perihal, "{{ perihal }}")
    for row in table.rows:
        for c, width in enumerate((Cm(3.0), Cm(5.5), Cm(3.2), Cm(5.3))):
            row.cells[c].width = width


def _disposition_table(doc) -> None:
    # {%tr %} rows are replaced by the loop: one row per (Diteruskan kepada, instruksi) pair.
    table = doc.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(table.cell(0, 0), "Diteruskan kepada Sdr.:", bold=True)
    _cell(table.cell(0, 1), "Dengan hormat harap:", bold=True)
    _cell(table.cell(1, 0), "{%tr for b in baris %}")
    _cell(table.cell(2, 0), "{{ b.kepada }}")
    _cell(table.cell(2, 1), "{{ b.instruksi }}")
    _cell(table.cell(3, 0), "{%tr endfor %}")


def _notes(doc) -> None:
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.cell(0, 0)
    _cell(cell, "Catatan / isi disposisi:", bold=True)
    _para(cell, "{{ catatan }}")
    for _ in range(4):
        _para(cell)
    _para(doc)
    _para(doc, "Data yang perlu diperiksa terhadap surat asli: {{ perlu_ditinjau }}", italic=True, size=9,
          color=(0xC0, 0x00, 0x00))


def _signature(doc) -> None:
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc)
    _para(doc, "{{ kantor.kepala.jabatan }},", align=right)
    for _ in range(3):
        _para(doc)
    name = _para(doc, align=right)
    run = name.add_run("{{ kantor.kepala.nama }}")
    run.bold = run.underline = True
    _para(doc, "NIP. {{ kantor.kepala.nip }}", align=right)


def make_disposition(path: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    doc.styles["Normal"].font.size = Pt(11)
    _letterhead(doc)
    _letter_table(doc)
    _para(doc)
    _disposition_table(doc)
    _para(doc)
    _notes(doc)
    _signature(doc)
    doc.core_properties.title = "Lembar Disposisi"
    doc.save(path)
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    print(make_disposition(out / "lembar_disposisi.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
