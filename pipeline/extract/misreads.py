"""Signs that OCR took one glyph for another inside a value: letters and digits mixed where
only one kind belongs, which the rest of the letter cannot settle."""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract.found import Found
from pipeline.extract.rules import rules


def _read_by_ocr(f: Optional[Found]) -> bool:
    """A text value whose words some OCR engine read (the reader marks each OCR line's engine)."""
    return bool(f) and isinstance(f.value, str) and any(getattr(p.line, "engine", "") for p in f.places)


def mixed_digits(f: Optional[Found]) -> None:
    """Numbers in an address with a letter that looks like a digit ('No. B4', '6S126'), or an
    RT/RW number that is not one ('RT OU/RW 05': the 0 and 1 of 'RT 01' misread)."""
    if not f or not isinstance(f.value, str):
        return
    for m in re.finditer(r"\b(?:RT|RW)\.?\s*:?\s*([0-9A-Za-z]{1,4})\b", f.value):
        if not m.group(1).isdigit():
            f.doubt("nomor RT/RW pada alamat tampak salah baca")
            return
    for m in re.finditer(r"\b(?=[0-9OIlSBZG]*\d)(?=[0-9]*[OIlSBZG])[0-9OIlSBZG]{2,}\b", f.value):
        if re.fullmatch(r"\d+[A-D]", m.group(0)):
            continue  # a house number with its letter ("No. 57B") is written so
        f.doubt("angka pada alamat tampak salah baca")
        return
    # "No. LISA" for "No. 115A": a house number read as letters (a lot's "No. A-12" has a digit)
    m = re.search(r"\bNo\.?\s*([A-Za-z|]{2,})(?=[\s,]|$)", f.value)
    if m and not re.fullmatch(r"[IVX]+", m.group(1)) and _read_by_ocr(f):
        f.doubt("nomor rumah pada alamat terbaca sebagai huruf")


# Where letters and digits meet in an address, OCR takes the letter l for the digit 1 and
# back ('jagadbangsa16' read 'jagadbangsal6'); unless the l ends or begins a word of the
# media's or company's name ('merapiaktual75'), nothing in the letter tells which it is.
L_BESIDE_DIGIT = re.compile(r"([a-z]*l)(?=\d)|(?<=\d)(l[a-z]*)")
MIN_NAME_WORD = 3


def glyphs_beside_digits(f: Optional[Found], what: str, *names: Optional[Found]) -> None:
    """An e-mail or site read by OCR with an 'l' beside a digit: a person checks it."""
    if not _read_by_ocr(f):
        return  # a text layer's characters are exact
    words = {w for n in names if n and isinstance(n.value, str)
             for w in re.findall(r"[a-z]+", n.value.lower()) if len(w) >= MIN_NAME_WORD}
    for m in L_BESIDE_DIGIT.finditer(f.value.lower()):
        before, after = m.group(1), m.group(2)
        if before and any(before.endswith(w) for w in words if w.endswith("l")):
            continue
        if after and any(after.startswith(w) for w in words if w.startswith("l")):
            continue
        f.doubt(f"huruf l di samping angka pada {what}: mungkin angka 1 salah baca")
        return


def street_without_l(f: Optional[Found]) -> None:
    """'J. Pattimura' read by OCR: the l of 'Jl.' (Jalan) lost under noise; put back, and checked."""
    if not _read_by_ocr(f):
        return  # a text layer says what is printed
    if re.match(r"J\.\s", f.value):
        f.value = "Jl." + f.value[2:]
        f.doubt("alamat: 'J.' dibaca untuk 'Jl.' (huruf l tidak terbaca)")


def q_read_as_g(f: Optional[Found], what: str) -> None:
    """A name read by OCR with a g where a known name has its q ('Baihagi' for 'Baihaqi'):
    put right, and checked (config/extraction.yaml, person_names_with_q)."""
    if not _read_by_ocr(f):
        return  # a text layer's characters are exact
    known = {w.lower(): w for w in rules()["person_names_with_q"]}
    for m in re.finditer(r"[A-Za-z]*g[A-Za-z]*", f.value):
        word = m.group(0)
        if word.lower() in known:
            continue
        for i in (i for i, c in enumerate(word) if c == "g"):
            spelt = known.get((word[:i] + "q" + word[i + 1:]).lower())
            if spelt:
                right = spelt if word[:1].isupper() else spelt.lower()
                f.value = f.value[:m.start()] + right + f.value[m.end():]
                f.doubt(f"{what}: '{word}' dibaca untuk '{right}' (huruf q terbaca g)")
                return


def stray_number(f: Optional[Found], what: str) -> None:
    """A lone number before a name ("1 merapipagi.co.id"): a list item's number or a speck read
    as a digit. Names of media and companies that begin with a number ("7 TV") are checked too."""
    if f and isinstance(f.value, str) and re.match(r"^\d{1,2}[.)]?\s", f.value) and _read_by_ocr(f):
        f.doubt(f"angka lepas di depan {what}")
