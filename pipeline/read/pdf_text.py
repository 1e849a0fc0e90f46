"""Reading a PDF's own text layer with pdfplumber (born-digital letters need no OCR)."""
from __future__ import annotations

from pipeline.core.models import Line, PageText, Word

# Words further apart than this many times the font size start a new segment: a
# letter often prints "Nomor : ..." and "Trenggalek, <date>" on one baseline, and the
# OCR path sees those as separate blocks too.
COLUMN_GAP_EM = 2.5
# Words whose tops differ by less than this many points share a line.
LINE_TOLERANCE_PT = 3.0


def page_lines(page, number: int) -> list[Line]:
    """Lines of one pdfplumber page, split into segments at wide horizontal gaps."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE_PT:
            rows[-1].append(w)
        else:
            rows.append([w])
    width = float(page.width) or 1.0
    height = float(page.height) or 1.0
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment: list[dict] = []
        for w in row:
            if segment and w["x0"] - segment[-1]["x1"] > COLUMN_GAP_EM * float(w.get("size") or 10):
                lines.append(_line(segment, number, width, height))
                segment = []
            segment.append(w)
        if segment:
            lines.append(_line(segment, number, width, height))
    return lines


def _line(ws: list[dict], number: int, width: float, height: float) -> Line:
    words = [
        Word(text=w["text"], conf=100.0, left=w["x0"], top=w["top"], width=w["x1"] - w["x0"], height=w["bottom"] - w["top"])
        for w in ws
    ]
    return Line(page=number, words=words, y=min(w["top"] for w in ws) / height, x=ws[0]["x0"] / width)


def read_text_layer(pdf) -> list[PageText]:
    """PageText for every page of an open pdfplumber PDF."""
    return [PageText(number=i, lines=page_lines(p, i), source="text_layer", width=float(p.width), height=float(p.height))
            for i, p in enumerate(pdf.pages, 1)]
