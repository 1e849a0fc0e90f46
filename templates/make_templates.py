"""Generates the Word templates in this folder (run: .venv/bin/python templates/make_templates.py).

This file makes the disposition sheet and the printable agenda book, and holds the drawing helpers every template shares
(`make_step_templates.py` makes the documents of steps 3-7 with them).

The generated .docx files are committed; staff may then edit them in Word, keeping the
`{{ ... }}` placeholders (docxtpl/Jinja syntax). Re-running this script overwrites edits.
Each placeholder is written as one run so Word/docxtpl keep it intact.

Layout rules both Word and LibreOffice honour the same way: every table has a fixed layout
whose column grid (`w:tblGrid`) equals its cells' widths (LibreOffice lays a table out by
its grid, Word by its cells; when they disagree the columns come out wrong in one of them);
headings keep with the text below them; signature blocks are table rows that cannot split.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
CENTER, RIGHT, LEFT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)
TEXT_WIDTH = 17.0  # cm: A4 (21 cm) less 2 cm margins each side
LOGO_COLUMN = 2.6  # cm: the regency logo beside the letterhead (and as much room on the right)


def new_document(title: str, *, margins_cm: float = 2.0):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margins_cm))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.font.name = "Liberation Serif"  # metric twin of Times New Roman: same line breaks in Word and LibreOffice
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Times New Roman")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    doc.core_properties.title = title
    return doc


def _para(doc_or_cell, text: str = "", *, bold=False, size=None, align=None, italic=False, keep=False, after=0):
    p = doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def _bottom_rule(paragraph) -> None:
    """A thick-thin line under the letterhead, as on Indonesian official letterheads."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "thickThinSmallGap"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), val)
    borders.append(bottom)
    ppr.append(borders)


def _cell(cell, text: str, *, bold=False, align=None, size=None) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        cell.paragraphs[0].alignment = align


def _set(element, tag: str, **attrs: str):
    """The child `tag` of `element` (made if missing) with `attrs` set."""
    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        element.append(child)
    for key, val in attrs.items():
        child.set(qn(f"w:{key}"), val)
    return child


def fix_grid(table, widths_cm: tuple[float, ...]) -> None:
    """Fixed layout; grid columns, table width and every cell's width all the same numbers."""
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=str(int(sum(Cm(w) for w in widths_cm) / 635)), type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    for col, width in zip(table.columns, widths_cm):
        col.width = Cm(width)
    for row in table.rows:
        start = 0
        for tc in row._tr.tc_lst:  # a merged cell spans several grid columns
            span = tc.grid_span
            tc.width = Cm(sum(widths_cm[start:start + span]))
            start += span


def no_split(table, *, keep_rows_together: bool = False) -> None:
    """Rows never break across pages; with `keep_rows_together`, the whole table stays on one page."""
    for row in table.rows:
        _set(row._tr.get_or_add_trPr(), "w:cantSplit")
        if keep_rows_together:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def no_borders(table) -> None:
    borders = _set(table._tbl.tblPr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="nil")


def table(doc, rows: list[tuple[str, ...]], widths: tuple[float, ...], *, header: bool = False,
          label_column: bool | None = None, size: float | None = None):
    """A bordered table; `header` bolds (and repeats) the first row, `label_column` the first column."""
    t = doc.add_table(rows=len(rows), cols=len(widths))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    labels = len(widths) == 2 if label_column is None else label_column
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            _cell(t.cell(r, c), text, bold=(header and r == 0) or (labels and c == 0 and not header), size=size)
    if header:
        _set(t.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    fix_grid(t, widths)
    no_split(t)
    return t


def letterhead(doc) -> None:
    """Logo | the office's name and address | an empty column as wide as the logo (keeps the text centred)."""
    side = LOGO_COLUMN
    t = doc.add_table(rows=1, cols=3)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(t)
    logo, text, _ = t.rows[0].cells
    _cell(logo, "{{ logo }}", align=CENTER)
    lines = [("{{ kantor.pemerintah|upper }}", 13, True), ("{{ kantor.nama|upper }}", 14, True),
             ("{{ kantor.alamat }}{% if kantor.kode_pos %} {{ kantor.kode_pos }}{% endif %}"
              " · Laman {{ kantor.website }}", 9.5, False),
             ("Telepon {{ kantor.telepon }} · Pos-el {{ kantor.email }}", 9.5, False)]
    for i, (line, size, bold) in enumerate(lines):
        if i == 0:
            _cell(text, line, bold=bold, align=CENTER, size=size)
        else:
            _para(text, line, bold=bold, size=size, align=CENTER)
    fix_grid(t, (side, TEXT_WIDTH - 2 * side, side))
    no_split(t)
    rule = _para(doc, size=4)
    _bottom_rule(rule)
    _para(doc)


def signature_cell(cell, who: str, *, meterai: bool = False, place_date: str | None = None) -> None:
    """One signature block in a table cell: [place, date], title, office, room to sign, name, NIP."""
    first = True
    if place_date:
        _cell(cell, place_date, align=CENTER)
        first = False
    if first:
        _cell(cell, f"{{{{ {who}.judul }}}}", bold=True, align=CENTER)
    else:
        _para(cell, f"{{{{ {who}.judul }}}}", bold=True, align=CENTER)
    _para(cell, f"{{{{ {who}.jabatan }}}}", align=CENTER)
    _para(cell)
    # A run even without the meterai text, so both blocks of a row keep their lines level.
    _para(cell, "Meterai Rp10.000" if meterai else " ", italic=True, size=8, align=CENTER)
    _para(cell)
    _para(cell)
    name = _para(cell, align=CENTER)
    run = name.add_run(f"{{{{ {who}.nama }}}}")
    run.bold = run.underline = True
    _para(cell, f"{{{{ {who}.nip }}}}", align=CENTER)


def signatures(doc, *blocks: str, meterai: tuple[str, ...] = (), place_date: dict[str, str] | None = None,
               width: float | None = None) -> None:
    """Signature blocks side by side in one row that never splits across pages."""
    t = doc.add_table(rows=1, cols=len(blocks))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(t)
    for cell, who in zip(t.rows[0].cells, blocks):
        if who:  # "" leaves the column empty (one block on the right)
            signature_cell(cell, who, meterai=who in meterai, place_date=(place_date or {}).get(who))
    fix_grid(t, tuple((width or TEXT_WIDTH) / len(blocks) for _ in blocks))
    no_split(t, keep_rows_together=True)


def title(doc, *lines: str, size: float = 13) -> None:
    for i, line in enumerate(lines):
        _para(doc, line, bold=True, size=size if i == 0 else None, align=CENTER, keep=True)


# --- lembar disposisi ---------------------------------------------------------------------

DISPOSITION_COLUMNS = (4.2, 6.6, 3.6, 2.6)  # Dari / kepada | isi disposisi | tanggal, batas waktu | paraf


def _letter_table(doc) -> None:
    rows = [
        ("Surat dari", "{{ pengirim }}", "Diterima tanggal", "{{ tanggal_terima }}"),
        ("Nomor surat", "{{ nomor_surat }}", "No. Agenda", "{{ no_agenda }}"),
        ("Tanggal surat", "{{ tanggal_surat }}", "Sifat", "{{ sifat }}"),
        ("Perihal", "{{ perihal }}", "", ""),
    ]
    t = table(doc, rows, (3.0, 6.2, 3.0, 4.8), label_column=False)
    for r in range(len(rows)):
        for c in (0, 2):
            for run in t.cell(r, c).paragraphs[0].runs:
                run.bold = True
    merged = t.cell(3, 1).merge(t.cell(3, 3))
    for extra in merged.paragraphs[1:]:  # merging keeps each cell's (empty) paragraph
        extra._p.getparent().remove(extra._p)
    fix_grid(t, (3.0, 6.2, 3.0, 4.8))


def _disposition_levels(doc) -> None:
    """One row per level the SOP passes the letter down; {%tr %} rows are replaced by the loop."""
    head = ("Dari → diteruskan kepada", "Isi disposisi / instruksi", "Tanggal / batas waktu", "Paraf")
    t = table(doc, [
        head,
        ("{%tr for t in tingkat %}", "", "", ""),
        ("{{ t.no }}. {{ t.dari }}", "{{ t.instruksi }}", "Tgl: {{ t.tanggal }}", ""),
        ("{%tr endfor %}", "", "", ""),
    ], DISPOSITION_COLUMNS, header=True)
    cell = t.cell(2, 0)
    _para(cell, "→ {{ t.kepada }}")
    _para(t.cell(2, 2), "Batas: {{ t.tenggat }}")
    for _ in range(2):
        _para(t.cell(2, 1))
    for r in (1, 3):  # the loop rows hold only the tag, in one merged cell
        t.cell(r, 0).merge(t.cell(r, 3))
    t.rows[2].height, t.rows[2].height_rule = Cm(2.2), WD_ROW_HEIGHT_RULE.AT_LEAST  # room to write and paraf
    fix_grid(t, DISPOSITION_COLUMNS)


def _choices(doc) -> None:
    t = table(doc, [
        ("Diteruskan kepada Sdr.:", "Dengan hormat harap:"),
        ("{%tr for b in baris %}", ""),
        ("{{ b.kepada }}", "{{ b.instruksi }}"),
        ("{%tr endfor %}", ""),
    ], (8.5, 8.5), header=True, label_column=False, size=10)
    for r in (1, 3):
        t.cell(r, 0).merge(t.cell(r, 1))
    fix_grid(t, (8.5, 8.5))


def make_disposition(path: Path) -> Path:
    doc = new_document("Lembar Disposisi")
    letterhead(doc)
    title(doc, "LEMBAR DISPOSISI")
    _para(doc)
    _letter_table(doc)
    _para(doc)
    _choices(doc)
    _para(doc)
    _para(doc, "Alur disposisi (SOP 7.1 langkah 2)", bold=True, keep=True)
    _disposition_levels(doc)
    _para(doc)
    _para(doc, "{{ keterangan }}", italic=True, size=9)
    _para(doc)
    signatures(doc, "", "kepala", place_date={"kepala": "Trenggalek, {{ tanggal }}"})
    doc.save(path)
    return path


# --- buku agenda (kerjasama buku-agenda) -------------------------------------------------

BOOK_COLUMNS = (1.0, 2.6, 2.4, 3.6, 4.4, 5.4, 2.4, 3.9)  # landscape A4 less 1.5 cm margins: 25.7 cm


def make_agenda_book(path: Path) -> Path:
    """The printable agenda book of one month or year: one row per letter, header on every page."""
    doc = new_document("Buku Agenda", margins_cm=1.5)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    title(doc, "BUKU AGENDA SURAT MASUK", "KERJA SAMA MEDIA MASSA (SOP 7.1)", "{{ kantor.nama|upper }}",
          "{{ kantor.pemerintah|upper }}")
    _para(doc, "Periode: {{ periode }} · {{ jumlah }} surat", align=CENTER, after=6)
    t = table(doc, [
        ("No", "No. Agenda", "Diterima", "Nomor / tanggal surat", "Asal surat", "Perihal", "Status",
         "Keterangan"),
        ("{%tr for r in baris %}", "", "", "", "", "", "", ""),
        ("{{ r.no }}", "{{ r.no_agenda }}", "{{ r.diterima }}", "{{ r.surat }}", "{{ r.asal }}", "{{ r.perihal }}",
         "{{ r.status }}", "{{ r.keterangan }}"),
        ("{%tr endfor %}", "", "", "", "", "", "", ""),
    ], BOOK_COLUMNS, header=True, size=9)
    for r in (1, 3):
        t.cell(r, 0).merge(t.cell(r, 7))
    fix_grid(t, BOOK_COLUMNS)
    for cell in t.rows[2].cells:
        for p in cell.paragraphs:
            for run in p.runs:
                run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = RIGHT
    run = footer.add_run("Dicetak {{ dicetak }} oleh kerjasama")
    run.font.size = Pt(8)
    _para(doc)
    signatures(doc, "", "", "kepala", place_date={"kepala": "Trenggalek, {{ dicetak }}"}, width=sum(BOOK_COLUMNS))
    doc.save(path)
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    print(make_disposition(out / "lembar_disposisi.docx"))
    print(make_agenda_book(out / "buku_agenda.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
