"""A second look at a scanned letter whose fields came out doubtful (issue 10).

Page confidence cannot tell every hard page from a clean one: Tesseract may read a
photocopy confidently and still misread its numbers. What gives such a page away is the
extraction: values that fail their formats, look cut or are not found. The places of such
values are read once more (look_again.py: only the bands around them, or the whole page for
a value not found), first by Tesseract where it left ink unread, then, for what is still
doubtful, by the second engine; each new extraction is put together with the one before it
field by field, never one replacing the other:

- a value clean in the first reading stays; if the second reads it otherwise (and cleanly),
  the clerk decides between the two;
- a value flagged in the first reading and clean in the second is taken from the second;
- a value flagged in both stays flagged, with the reasons of both (the second's value when
  the first found none).
"""
from __future__ import annotations

import difflib
import re

from pipeline.core import settings as config
from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter, Line, words_box
from pipeline.core.settings.ocr import SIGNATURE_BLOCK, SecondEngineSection
from pipeline.core.text import comparable, normalize
from pipeline.extract import zones

Extraction = tuple[ExtractedLetter, dict[str, dict]]


def doubtful_places(doc: DocumentText, first: Extraction) -> dict[str, list[dict]]:
    """Where a second look may pay: per field of an OCR'd letter flagged for its reading,
    the places it was read and those of the values beside it (empty: anywhere). Empty when
    no second look is wanted."""
    cfg = config.settings("ocr").second_engine
    if not (cfg.enabled and cfg.second_look) or not any(p.source == "ocr" for p in doc.pages):
        return {}
    letter, bukti = first
    doubtful = [k for k in letter.perlu_ditinjau
                if any(word in reason for word in cfg.second_look_reasons for reason in bukti[k]["alasan"])]
    near = {name: [dict(p, baris_sekitar=cfg.near_band_lines) for p in places if p.get("satuan") == "px"]
            for name, places in _near_places(doc, bukti, cfg, doubtful).items()}
    return {k: list(bukti[k]["tempat"]) + [p for other in cfg.look_near.get(k, []) for p in near[other]]
            for k in doubtful}


def _near_places(doc: DocumentText, bukti: dict[str, dict], cfg: SecondEngineSection,
                 doubtful: list[str]) -> dict[str, list[dict]]:
    """The places of every value named beside a doubtful one (look_near); the signature block
    is found once. Around them a doubtful value may be read too (a signatory's name read from
    the wrong line, a value not found at all): reading every page instead costs most of a look."""
    names = {n for k in doubtful for n in cfg.look_near.get(k, [])}
    return {n: _signature_block(doc) if n == SIGNATURE_BLOCK else bukti[n]["tempat"] for n in names}


def _signature_block(doc: DocumentText) -> list[dict]:
    """One place per page of the signature block: from "Hormat kami" down to the page's foot,
    across the page. The signatory's name is printed well below the last line read when a
    signature or stamp covers it, and may stand at either side."""
    by_page: dict[int, list[Line]] = {}
    for line in zones.split(doc).closing:
        if line.words:
            by_page.setdefault(line.page, []).append(line)
    sizes = {p.number: (p.width, p.height) for p in doc.pages}
    places = []
    for page, lines in by_page.items():
        _, top, right, bottom = words_box(w for line in lines for w in line.words)
        width, height = sizes.get(page, (0.0, 0.0))
        places.append({"halaman": page, "satuan": "px", "kotak": [0.0, top, max(width, right), max(height, bottom)]})
    return places


# A second look costs at most about this many times the first reading (make bench): the
# second engine on every page, which happens when a value was not found at all.
SECOND_LOOK_COST = 2.5


def affordable(first_seconds: float) -> bool:
    """Whether a second reading fits well inside the letter's time limit: the reader is
    killed at the limit, and the first reading must not be lost to the second's time."""
    limit = float(config.load("limits")["seconds_per_document"])
    return first_seconds * SECOND_LOOK_COST < 0.5 * (limit - first_seconds)


def merge(first: Extraction, second: Extraction) -> Extraction:
    """The two extractions put together field by field (see the module's docstring)."""
    a, proof_a = first
    b, proof_b = second
    values, proof, flagged = {}, {}, []
    for k in FIELD_NAMES:
        va, vb = getattr(a, k), getattr(b, k)
        fa, fb = k in a.perlu_ditinjau, k in b.perlu_ditinjau
        if fa and not fb:
            values[k], proof[k] = vb, dict(proof_b[k], alasan=list(proof_b[k]["alasan"]))
            lost = _lost_words(va, vb)
            if lost:  # clean, but without words the first reading saw there (a wrapped line, say)
                flagged.append(k)
                proof[k]["alasan"].append(f"bacaan kedua tanpa kata yang terbaca pertama kali: '{lost}'")
            continue
        if fa and va is None and vb is not None:
            # not found at first, found but doubtful now: the clerk checks a value, not a blank
            values[k], proof[k] = vb, dict(proof_b[k], alasan=list(proof_b[k]["alasan"]))
        else:
            values[k], proof[k] = va, dict(proof_a[k], alasan=list(proof_a[k]["alasan"]))
        if fa:
            flagged.append(k)
            proof[k]["alasan"] += [r for r in proof_b[k]["alasan"] if r not in proof[k]["alasan"]]
        elif comparable(k, va) != comparable(k, vb) and (vb is not None or fb):
            # the second reading says otherwise, or finds this value doubtful: a person decides
            flagged.append(k)
            proof[k]["alasan"].append(f"dua bacaan OCR berbeda: '{va}' / '{vb}'" if vb is not None
                                      else "bacaan kedua tidak menemukan nilai ini")
    letter = ExtractedLetter(**values, perlu_ditinjau=[k for k in FIELD_NAMES if k in flagged])
    return letter, proof


LOST_LETTERS = 4  # letters a second reading may drop from a stretch of the first (specks, a split word)


def _lost_words(first, second) -> str:
    """The words of the first reading of a text that the second reading has nothing for ("Kerja
    Sama", a wrapped "Layanan Masyarakat"), or "". Words are aligned; a stretch of the first that
    the second replaces with far fewer letters was lost, not misread."""
    if not (isinstance(first, str) and isinstance(second, str)):
        return ""
    a, b = first.split(), second.split()
    def letters(words: list[str]) -> int:
        return sum(len(re.sub(r"[\W\d_]", "", w)) for w in words)

    lost = []
    matcher = difflib.SequenceMatcher(None, [normalize(w, words_only=True) for w in a], [normalize(w, words_only=True) for w in b],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace") and letters(a[i1:i2]) - letters(b[j1:j2]) >= LOST_LETTERS:
            lost.append(" ".join(a[i1:i2]))
    return " ... ".join(lost)

