"""What an input file *is*, judged by its bytes, and whether it is safe to read.

`sniff()` looks at the first bytes only and either names a supported kind (PDF, PNG,
JPEG, TIFF) or refuses the file with an Indonesian message that says what it seems to be
(and when its name lies about that). `inspect_pdf()` / `inspect_image()` then check the
structure against the limits in `config/limits.yaml` *before* anything heavy happens:
page counts and pixel sizes come from headers, so a hostile file is refused before it
can eat memory or time. Every failure is an `InputRejected`, never a raw traceback.
"""
from __future__ import annotations

import os
import stat
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.core.errors import InputRejected
from pipeline.core.models import InputKind, Sniffed

HEAD_BYTES = 8192
SUPPORTED_HINT = "kirim surat sebagai PDF, PNG, JPEG, atau TIFF"

# A PDF may carry junk before its header; readers accept it within the first 1024 bytes.
PDF_HEADER_WINDOW = 1024
# Acrobat requires %%EOF within the last 1024 bytes; a file cut short loses it, while
# PDFium silently rebuilds what it can from a truncated file.
PDF_EOF_WINDOW = 1024
# Pillow format name -> our kind. Phone cameras often write MPO (a JPEG with extra
# images appended); its first image is an ordinary JPEG.
IMAGE_FORMATS: dict[str, InputKind] = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff"}
# Only TIFF pages are pages; other formats' extra frames (APNG, MPO) are not read.
MULTI_PAGE_KINDS = ("tiff",)


@dataclass(frozen=True)
class PdfInfo:
    path: str
    pages: int
    page_sizes: tuple[tuple[float, float], ...]  # (width, height) in points, per page


@dataclass(frozen=True)
class ImageInfo:
    path: str
    kind: InputKind
    frames: int
    sizes: tuple[tuple[int, int], ...]  # (width, height) in pixels, per frame
    dpi: tuple[float, float] | None  # as stated in the file; None when absent or nonsense


@dataclass(frozen=True)
class _Unsupported:
    """A recognised but unsupported content type: how to name it and what to do."""

    family: str
    label: str
    hint: str


_SAVE_AS_PDF = "simpan atau ekspor sebagai PDF terlebih dahulu"
_CONVERT_IMAGE = "ubah ke JPEG atau PNG terlebih dahulu, atau pindai ulang"
_UNPACK = "keluarkan berkas surat dari arsip dan kirim berkasnya saja"

UNSUPPORTED = {
    "docx": _Unsupported("docx", "dokumen Word (.docx)", _SAVE_AS_PDF),
    "xlsx": _Unsupported("xlsx", "lembar kerja Excel (.xlsx)", _SAVE_AS_PDF),
    "pptx": _Unsupported("pptx", "presentasi PowerPoint (.pptx)", _SAVE_AS_PDF),
    "odf": _Unsupported("odf", "dokumen OpenDocument (LibreOffice)", _SAVE_AS_PDF),
    "zip": _Unsupported("zip", "arsip ZIP", _UNPACK),
    "ole_word": _Unsupported("ole", "dokumen Word lama (.doc)", _SAVE_AS_PDF),
    "ole_excel": _Unsupported("ole", "lembar kerja Excel lama (.xls)", _SAVE_AS_PDF),
    "ole_ppt": _Unsupported("ole", "presentasi PowerPoint lama (.ppt)", _SAVE_AS_PDF),
    "ole": _Unsupported("ole", "dokumen Office lama (format OLE, mis. .doc/.xls)", _SAVE_AS_PDF),
    "rtf": _Unsupported("rtf", "dokumen RTF", _SAVE_AS_PDF),
    "html": _Unsupported("html", "halaman web (HTML)", _SAVE_AS_PDF),
    "svg": _Unsupported("svg", "gambar vektor SVG", _CONVERT_IMAGE),
    "xml": _Unsupported("xml", "berkas XML", _SAVE_AS_PDF),
    "text": _Unsupported("text", "teks biasa", _SAVE_AS_PDF),
    "gif": _Unsupported("gif", "gambar GIF", _CONVERT_IMAGE),
    "bmp": _Unsupported("bmp", "gambar BMP", _CONVERT_IMAGE),
    "webp": _Unsupported("webp", "gambar WebP", _CONVERT_IMAGE),
    "heic": _Unsupported("heic", "foto HEIC/HEIF (format bawaan iPhone)", _CONVERT_IMAGE),
    "avif": _Unsupported("avif", "gambar AVIF", _CONVERT_IMAGE),
    "jp2": _Unsupported("jp2", "gambar JPEG 2000", _CONVERT_IMAGE),
    "video": _Unsupported("video", "video", "kirim hasil pindaian surat, bukan video"),
    "rar": _Unsupported("rar", "arsip RAR", _UNPACK),
    "7z": _Unsupported("7z", "arsip 7-Zip", _UNPACK),
    "gzip": _Unsupported("gzip", "arsip gzip", _UNPACK),
    "ps": _Unsupported("ps", "berkas PostScript", _SAVE_AS_PDF),
    "exe": _Unsupported("exe", "program Windows (.exe)", "berkas ini bukan surat"),
    "elf": _Unsupported("elf", "program Linux", "berkas ini bukan surat"),
    "unknown": _Unsupported("unknown", "jenis berkas yang tidak dikenali", SUPPORTED_HINT),
}

# File-name extension -> the content family it promises. Unknown extensions promise
# nothing, so only a known one can "lie".
EXTENSION_FAMILY = {
    ".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg",
    ".tif": "tiff", ".tiff": "tiff",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".pptx": "pptx", ".odt": "odf", ".ods": "odf", ".odp": "odf", ".zip": "zip",
    ".doc": "ole", ".xls": "ole", ".ppt": "ole", ".rtf": "rtf", ".htm": "html", ".html": "html",
    ".svg": "svg", ".xml": "xml", ".txt": "text", ".csv": "text", ".md": "text",
    ".gif": "gif", ".bmp": "bmp", ".webp": "webp", ".heic": "heic", ".heif": "heic", ".avif": "avif",
    ".jp2": "jp2", ".mp4": "video", ".mov": "video", ".rar": "rar", ".7z": "7z", ".gz": "gzip",
    ".ps": "ps", ".eps": "ps", ".exe": "exe",
}

# Family name for messages about a *supported* kind that an extension promised.
KIND_LABEL = {"pdf": "PDF", "png": "gambar PNG", "jpeg": "gambar JPEG", "tiff": "gambar TIFF"}


# ---------------------------------------------------------------------------- limits


def _limits(limits: dict | None) -> dict[str, Any]:
    if limits is not None:
        return limits
    from pipeline.core import settings as config

    return config.load("limits")


def _mb(n: float) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def _megapixels(n: float) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " juta piksel"


# ---------------------------------------------------------------------------- sniff


def sniff(path: str | os.PathLike, limits: dict | None = None) -> Sniffed:
    """Name the kind of a supported input, or raise InputRejected saying what it is."""
    lim = _limits(limits)
    p = Path(path)
    size = _regular_file_size(p)
    if size == 0:
        raise InputRejected("Berkas kosong (0 byte); kemungkinan salinan atau pemindaian gagal.", code="empty")
    max_bytes = int(lim["max_bytes"])
    if size > max_bytes:
        raise InputRejected(
            f"Berkas terlalu besar ({_mb(size)}; batas {_mb(max_bytes)}).", code="too_large"
        )
    head, tail = _read_head_tail(p, size)
    kind = _supported_kind(head)
    if kind is not None:
        return Sniffed(path=str(p), kind=kind, size=size)
    what = _identify_unsupported(p, head, tail)
    raise InputRejected(_unsupported_message(p, what), code="unsupported")


def _regular_file_size(p: Path) -> int:
    # stat first: reading a FIFO or a device would block or never end.
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputRejected(f"Berkas tidak ditemukan: {p}", code="not_found") from None
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibuka: {p} ({exc.strerror})", code="unreadable") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputRejected(f"Bukan berkas biasa (folder atau perangkat): {p}", code="not_a_file")
    return st.st_size


def _read_head_tail(p: Path, size: int) -> tuple[bytes, bytes]:
    try:
        with p.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            fh.seek(max(0, size - HEAD_BYTES))
            tail = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibaca: {p} ({exc.strerror})", code="unreadable") from None
    return head, tail


def _supported_kind(head: bytes) -> InputKind | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # classic and BigTIFF
        return "tiff"
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    return None


def _identify_unsupported(p: Path, head: bytes, tail: bytes) -> str:
    """Key into UNSUPPORTED for content we recognise but do not read."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _identify_zip(p)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _identify_ole(head + tail)
    for magic, key in _MAGIC:
        if head.startswith(magic):
            return key
    ftyp = _ftyp_brand(head)
    if ftyp is not None:
        return ftyp
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    # Two-letter magics need a second look, or a text starting "BM"/"MZ" would match.
    if head[:2] == b"BM" and head[14:15] in (b"\x0c", b"\x28", b"\x34", b"\x38", b"\x6c", b"\x7c"):
        return "bmp"
    if head[:2] == b"MZ" and b"PE\x00\x00" in head[:1024]:
        return "exe"
    return _identify_text(head)


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jp2"),
    (b"\xff\x4f\xff\x51", "jp2"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
    (b"%!PS", "ps"),
    (b"\xc5\xd0\xd3\xc6", "ps"),  # DOS EPS binary header
    (b"\x7fELF", "elf"),
)


def _ftyp_brand(head: bytes) -> str | None:
    """ISO base media files (HEIC, AVIF, MP4, MOV) say what they are in an `ftyp` box."""
    if head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"):
        return "heic"
    if brand in (b"avif", b"avis"):
        return "avif"
    return "video"


def _identify_zip(p: Path) -> str:
    # Only the central directory is read: no member is decompressed.
    try:
        with zipfile.ZipFile(p) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    if {"content.xml", "META-INF/manifest.xml"} <= set(names):
        return "odf"
    prefixes = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
    for name in names:
        for prefix, key in prefixes.items():
            if name.startswith(prefix):
                return key
    return "zip"


def _identify_ole(sample: bytes) -> str:
    # OLE directory entries hold stream names in UTF-16LE; small files keep them near
    # the start or the end, which is all we read.
    streams = {"WordDocument": "ole_word", "Workbook": "ole_excel", "Book": "ole_excel", "PowerPoint Document": "ole_ppt"}
    for name, key in streams.items():
        if name.encode("utf-16-le") in sample:
            return key
    return "ole"


def _identify_text(head: bytes) -> str:
    text = _decode_text(head)
    if text is None:
        return "unknown"
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:1024]:
        return "html"
    if start.startswith("<svg") or (start.startswith("<?xml") and "<svg" in start[:1024]):
        return "svg"
    if start.startswith("<?xml"):
        return "xml"
    return "text"


def _decode_text(head: bytes) -> str | None:
    """The head as text if it looks like text (UTF-8/16 or mostly printable), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    for cut in range(4):  # the read may end inside a multi-byte character
        try:
            return head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    text = head.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text if printable >= 0.95 * len(text) else None


def _unsupported_message(p: Path, key: str) -> str:
    what = UNSUPPORTED[key]
    ext = p.suffix.lower()
    promised = EXTENSION_FAMILY.get(ext)
    if promised is not None and key == "unknown":
        claim = f"berkas bernama {ext} tetapi isinya bukan berkas {ext[1:].upper()} dan jenisnya tidak dikenali"
    elif promised is not None and promised != what.family:
        claim = f"berkas bernama {ext} tetapi isinya {what.label}"
    else:
        claim = f"isinya {what.label}"
    return f"Berkas tidak didukung: {claim}; {what.hint}."


def extension_mismatch(sniffed: Sniffed) -> str | None:
    """An Indonesian note when a *supported* file's name promises another kind, else None.

    Such a file is still read by what it is; the note is for logs and the clerk.
    """
    ext = Path(sniffed.path).suffix.lower()
    promised = EXTENSION_FAMILY.get(ext)
    if promised is None or promised == sniffed.kind:
        return None
    return f"berkas bernama {ext} tetapi isinya {KIND_LABEL[sniffed.kind]}; dibaca sebagai {KIND_LABEL[sniffed.kind]}"


# ---------------------------------------------------------------------------- PDF


def inspect_pdf(path: str | os.PathLike, limits: dict | None = None) -> PdfInfo:
    """Page count and sizes of a PDF, refusing locked, broken, or oversized ones."""
    lim = _limits(limits)
    p = Path(path)
    _require_eof_marker(p)
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as exc:
        raise _pdf_open_error(exc) from None
    try:
        return _pdf_info(p, doc, lim)
    finally:
        doc.close()


def _require_eof_marker(p: Path) -> None:
    try:
        with p.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - PDF_EOF_WINDOW))
            tail = fh.read()
    except OSError as exc:
        raise InputRejected(f"Berkas tidak dapat dibaca: {p} ({exc.strerror})", code="unreadable") from None
    if b"%%EOF" not in tail:
        raise _corrupt_pdf()


def _corrupt_pdf() -> InputRejected:
    return InputRejected(
        "PDF rusak atau terpotong; minta berkas aslinya dikirim ulang.", code="pdf_corrupt"
    )


def _pdf_open_error(exc: Exception) -> InputRejected:
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        return InputRejected(
            "PDF terkunci kata sandi; minta pengirim mengirim ulang tanpa kata sandi.", code="pdf_encrypted"
        )
    if code == raw.FPDF_ERR_SECURITY:
        return InputRejected(
            "PDF terkunci dengan pengamanan yang tidak didukung; minta pengirim mengirim ulang tanpa kata sandi.",
            code="pdf_encrypted",
        )
    return _corrupt_pdf()


def _pdf_info(p: Path, doc, lim: dict[str, Any]) -> PdfInfo:
    import pypdfium2 as pdfium

    n = len(doc)
    if n == 0:
        raise InputRejected("PDF tidak berisi halaman.", code="pdf_empty")
    max_pages = int(lim["max_pages"])
    if n > max_pages:
        raise InputRejected(f"PDF berisi {n} halaman; batasnya {max_pages} halaman.", code="too_many_pages")
    sizes = []
    for i in range(n):
        try:
            page = doc[i]
            width, height = page.get_size()
            page.close()
        except pdfium.PdfiumError:
            raise _corrupt_pdf() from None
        _check_pdf_page_size(i + 1, width, height, lim)
        sizes.append((float(width), float(height)))
    return PdfInfo(path=str(p), pages=n, page_sizes=tuple(sizes))


def _check_pdf_page_size(number: int, width_pt: float, height_pt: float, lim: dict[str, Any]) -> None:
    if not (width_pt > 0 and height_pt > 0):  # also catches NaN
        raise _corrupt_pdf()
    dpi = float(lim["render_dpi"])
    w_px = round(width_pt / 72 * dpi)
    h_px = round(height_pt / 72 * dpi)
    max_px = int(lim["max_pixels_per_page"])
    if w_px * h_px > max_px:
        raise InputRejected(
            f"Halaman {number} PDF terlalu besar untuk dibaca: {w_px}×{h_px} piksel pada {dpi:g} dpi "
            f"(batas {_megapixels(max_px)}).",
            code="page_too_large",
        )


# ---------------------------------------------------------------------------- images


def inspect_image(path: str | os.PathLike, limits: dict | None = None) -> ImageInfo:
    """Frames, sizes and dpi of a PNG/JPEG/TIFF, refusing bombs and broken files.

    Sizes are checked from the header before any pixel is decoded; only then is each
    frame decoded once to prove it is complete.
    """
    lim = _limits(limits)
    p = Path(path)
    from PIL import Image

    with warnings.catch_warnings():
        # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that; refuse there too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with _open_image(p) as im:
                info = _header_info(p, im, lim)
                _decode_frames(im, info)
            with _open_image(p) as im:
                im.verify()  # PNG: chunk CRCs and the IEND marker, which decoding skips
        except InputRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError):
            raise _image_bomb(_effective_pixel_limit(lim)) from None
        except Exception:  # hostile bytes make Pillow raise anything; the verdict is the same
            raise _broken_image() from None
    return info


def _broken_image() -> InputRejected:
    return InputRejected("Gambar rusak atau terpotong; minta pindaian ulang.", code="image_corrupt")


def _effective_pixel_limit(lim: dict[str, Any]) -> int:
    # Pillow's own guard may be the stricter one; the message must name the limit that held.
    from PIL import Image

    ours = int(lim["max_pixels_per_page"])
    return min(ours, Image.MAX_IMAGE_PIXELS) if Image.MAX_IMAGE_PIXELS else ours


def _image_bomb(max_px: int) -> InputRejected:
    return InputRejected(
        f"Gambar terlalu besar untuk dibuka dengan aman (lebih dari {_megapixels(max_px)}); "
        "kemungkinan berkas rusak atau sengaja dibuat berbahaya.",
        code="image_too_large",
    )


def _open_image(p: Path):
    from PIL import Image

    # Only the formats we read: Pillow never gets to parse anything else.
    return Image.open(p, formats=["PNG", "JPEG", "TIFF"])


def _header_info(p: Path, im, lim: dict[str, Any]) -> ImageInfo:
    """Frames and sizes from the headers alone: no pixel is decoded here."""
    max_frames = int(lim["max_pages"])
    max_px = int(lim["max_pixels_per_page"])
    kind = _kind_of_format(im.format)
    dpi = _clean_dpi(im.info.get("dpi"))
    # Seek frame by frame and stop one past the limit, so a TIFF whose frame chain
    # loops or never ends costs at most max_frames + 1 seeks.
    tries = max_frames + 1 if kind in MULTI_PAGE_KINDS else 1
    sizes = []
    for index in range(tries):
        if index > 0 and not _seek(im, index):
            break
        if index == max_frames:
            raise InputRejected(
                f"Gambar berisi lebih dari {max_frames} halaman; batasnya {max_frames} halaman.",
                code="too_many_pages",
            )
        sizes.append(_checked_frame_size(im, index + 1, max_px))
    return ImageInfo(path=str(p), kind=kind, frames=len(sizes), sizes=tuple(sizes), dpi=dpi)


def _kind_of_format(fmt: str | None) -> InputKind:
    kind = IMAGE_FORMATS.get(fmt or "")
    if kind is None:
        raise _broken_image()
    return kind


def _seek(im, index: int) -> bool:
    try:
        im.seek(index)
    except EOFError:
        return False
    return True


def _checked_frame_size(im, number: int, max_px: int) -> tuple[int, int]:
    width, height = im.size
    if width <= 0 or height <= 0:
        raise _broken_image()
    if width * height > max_px:
        raise InputRejected(
            f"Gambar halaman {number} terlalu besar: {width}×{height} piksel (batas {_megapixels(max_px)}).",
            code="image_too_large",
        )
    return (width, height)


def _clean_dpi(value) -> tuple[float, float] | None:
    try:
        x, y = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    # 0, negative, NaN, or absurd (Pillow reports 1 dpi for a TIFF written without a
    # resolution): no scanner works outside this range.
    if not (20 <= x <= 10000 and 20 <= y <= 10000):
        return None
    return (x, y)


def _decode_frames(im, info: ImageInfo) -> None:
    """Decode every frame once (sizes already checked) to prove the file is complete."""
    for index in range(info.frames):
        im.seek(index)
        if info.kind == "jpeg":
            # Decode at 1/8 scale: the whole stream is still read (so truncation is
            # caught) at a fraction of the cost.
            im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
        im.load()


# ---------------------------------------------------------------------------- both


def check_input(path: str | os.PathLike, limits: dict | None = None) -> tuple[Sniffed, PdfInfo | ImageInfo]:
    """sniff() then the matching inspect_*(): everything to know before reading a file."""
    lim = _limits(limits)
    sniffed = sniff(path, lim)
    if sniffed.kind == "pdf":
        return sniffed, inspect_pdf(path, lim)
    return sniffed, inspect_image(path, lim)
