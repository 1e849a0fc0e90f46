"""Typed models at the pipeline's boundaries.

Text flows one way: a sniffed input (`Sniffed`) is read into a `DocumentText`
(lines of words, each with the reader's confidence), which the extraction engine
turns into an `ExtractedLetter` with exactly the keys of CONTRACT.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal, Optional

from pydantic import BaseModel, ConfigDict

InputKind = Literal["pdf", "png", "jpeg", "tiff"]
TextSource = Literal["text_layer", "ocr"]


@dataclass(frozen=True)
class Sniffed:
    """What a file *is*, judged by its bytes, not its name."""

    path: str
    kind: InputKind
    size: int


@dataclass(frozen=True)
class Word:
    text: str
    conf: float  # 0..100; a PDF text layer is read exactly, so it gets 100
    left: float = 0.0
    top: float = 0.0
    width: float = 0.0
    height: float = 0.0
    # Where two OCR engines read this word differently: the other engine's reading (the
    # text above is the vote's winner). None when they agree or only one engine read it.
    alt: Optional[str] = None


def words_box(words: Iterable[Word]) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) around the words, in their page's units; words not empty."""
    ws = list(words)
    return (min(w.left for w in ws), min(w.top for w in ws),
            max(w.left + w.width for w in ws), max(w.top + w.height for w in ws))


@dataclass
class Line:
    page: int  # 1-based
    words: list[Word]
    # Position of the line on its page as a fraction of the page size (0 = top/left);
    # the extraction rules use it to tell letterhead, body and signature block apart.
    y: float = 0.0
    x: float = 0.0
    # Which reader gave the line: "tesseract", "rapidocr" (a line only the second engine
    # saw), "both" (Tesseract's words voted against the second engine's), "" (the PDF's
    # text layer, or a dump older than the field).
    engine: str = ""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) around the line's words; the line has words."""
        return words_box(self.words)

    @property
    def disagreements(self) -> list[Word]:
        """The words the two OCR engines read differently (see Word.alt)."""
        return [w for w in self.words if w.alt is not None]

    @property
    def min_conf(self) -> float:
        return min((w.conf for w in self.words), default=0.0)


@dataclass
class PageText:
    number: int  # 1-based
    lines: list[Line]
    source: TextSource
    rotation: int = 0  # degrees the page was turned before OCR (0/90/180/270)
    seconds: float = 0.0  # wall time spent reading this page
    # Size of the page in the units of its word boxes (points for a text layer, pixels of
    # the image OCR read for a scan); 0 when unknown (dumps made before it was kept).
    width: float = 0.0
    height: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class DocumentText:
    kind: InputKind
    pages: list[PageText] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def source(self) -> TextSource:
        return "ocr" if any(p.source == "ocr" for p in self.pages) else "text_layer"


BentukBadanUsaha = Literal["PT", "CV", "Yayasan", "Perkumpulan", "Koperasi"]
JenisMedia = Literal["online", "cetak", "radio", "televisi"]
StatusDewanPers = Literal["terverifikasi_faktual", "terverifikasi_administratif", "belum"]


class ExtractedLetter(BaseModel):
    """The fields of one request letter: exactly the keys of CONTRACT.md."""

    model_config = ConfigDict(extra="forbid")

    nomor_surat: Optional[str] = None
    tanggal_surat: Optional[str] = None  # ISO YYYY-MM-DD
    perihal: Optional[str] = None
    nama_perusahaan: Optional[str] = None
    bentuk_badan_usaha: Optional[BentukBadanUsaha] = None
    nama_media: Optional[str] = None
    jenis_media: Optional[JenisMedia] = None
    alamat: Optional[str] = None
    telepon: Optional[str] = None
    email: Optional[str] = None
    website: Optional[str] = None
    npwp: Optional[str] = None  # digits only
    nib: Optional[str] = None  # digits only
    nomor_akta: Optional[str] = None
    sk_kemenkumham: Optional[str] = None
    status_dewan_pers: Optional[StatusDewanPers] = None
    pemimpin_redaksi: Optional[str] = None
    ukw_utama: Optional[bool] = None
    penandatangan: Optional[str] = None
    jabatan_penandatangan: Optional[str] = None
    perlu_ditinjau: list[str] = []


FIELD_NAMES: tuple[str, ...] = tuple(k for k in ExtractedLetter.model_fields if k != "perlu_ditinjau")


def document_to_dict(doc: DocumentText) -> dict:
    """Plain-JSON form of a DocumentText (golden-test fixtures, debugging dumps)."""
    from dataclasses import asdict

    return asdict(doc)


def document_from_dict(data: dict) -> DocumentText:
    pages = []
    for p in data["pages"]:
        # Dumps older than Line.engine were all read by Tesseract when the page was OCR'd.
        engine = "tesseract" if p["source"] == "ocr" else ""
        lines = [
            Line(page=ln["page"], words=[Word(**w) for w in ln["words"]], y=ln.get("y", 0.0), x=ln.get("x", 0.0),
                 engine=ln.get("engine", engine))
            for ln in p["lines"]
        ]
        pages.append(
            PageText(number=p["number"], lines=lines, source=p["source"], rotation=p.get("rotation", 0), seconds=p.get("seconds", 0.0),
                     width=p.get("width", 0.0), height=p.get("height", 0.0))
        )
    return DocumentText(kind=data["kind"], pages=pages)
