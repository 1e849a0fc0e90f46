"""How kinds of file are named to the clerk: what a refused file seems to be and what to do
about it, and the note when a file's name promises another kind than its bytes are."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.core.models import Sniffed

SUPPORTED_HINT = "kirim surat sebagai PDF, PNG, JPEG, atau TIFF"


@dataclass(frozen=True)
class Unsupported:
    """A recognised but unsupported content type: how to name it and what to do."""

    family: str
    label: str
    hint: str


_SAVE_AS_PDF = "simpan atau ekspor sebagai PDF terlebih dahulu"
_CONVERT_IMAGE = "ubah ke JPEG atau PNG terlebih dahulu, atau pindai ulang"
_UNPACK = "keluarkan berkas surat dari arsip dan kirim berkasnya saja"

# Keys are what pipeline.sniff.magic.identify_unsupported() answers.
UNSUPPORTED = {
    "docx": Unsupported("docx", "dokumen Word (.docx)", _SAVE_AS_PDF),
    "xlsx": Unsupported("xlsx", "lembar kerja Excel (.xlsx)", _SAVE_AS_PDF),
    "pptx": Unsupported("pptx", "presentasi PowerPoint (.pptx)", _SAVE_AS_PDF),
    "odf": Unsupported("odf", "dokumen OpenDocument (LibreOffice)", _SAVE_AS_PDF),
    "zip": Unsupported("zip", "arsip ZIP", _UNPACK),
    "ole_word": Unsupported("ole", "dokumen Word lama (.doc)", _SAVE_AS_PDF),
    "ole_excel": Unsupported("ole", "lembar kerja Excel lama (.xls)", _SAVE_AS_PDF),
    "ole_ppt": Unsupported("ole", "presentasi PowerPoint lama (.ppt)", _SAVE_AS_PDF),
    "ole": Unsupported("ole", "dokumen Office lama (format OLE, mis. .doc/.xls)", _SAVE_AS_PDF),
    "rtf": Unsupported("rtf", "dokumen RTF", _SAVE_AS_PDF),
    "html": Unsupported("html", "halaman web (HTML)", _SAVE_AS_PDF),
    "svg": Unsupported("svg", "gambar vektor SVG", _CONVERT_IMAGE),
    "xml": Unsupported("xml", "berkas XML", _SAVE_AS_PDF),
    "text": Unsupported("text", "teks biasa", _SAVE_AS_PDF),
    "gif": Unsupported("gif", "gambar GIF", _CONVERT_IMAGE),
    "bmp": Unsupported("bmp", "gambar BMP", _CONVERT_IMAGE),
    "webp": Unsupported("webp", "gambar WebP", _CONVERT_IMAGE),
    "heic": Unsupported("heic", "foto HEIC/HEIF (format bawaan iPhone)", _CONVERT_IMAGE),
    "avif": Unsupported("avif", "gambar AVIF", _CONVERT_IMAGE),
    "jp2": Unsupported("jp2", "gambar JPEG 2000", _CONVERT_IMAGE),
    "video": Unsupported("video", "video", "kirim hasil pindaian surat, bukan video"),
    "rar": Unsupported("rar", "arsip RAR", _UNPACK),
    "7z": Unsupported("7z", "arsip 7-Zip", _UNPACK),
    "gzip": Unsupported("gzip", "arsip gzip", _UNPACK),
    "ps": Unsupported("ps", "berkas PostScript", _SAVE_AS_PDF),
    "exe": Unsupported("exe", "program Windows (.exe)", "berkas ini bukan surat"),
    "elf": Unsupported("elf", "program Linux", "berkas ini bukan surat"),
    "unknown": Unsupported("unknown", "jenis berkas yang tidak dikenali", SUPPORTED_HINT),
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


def unsupported_message(p: Path, key: str) -> str:
    """The refusal of an unsupported file: what it is (and what its name claimed), what to do."""
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
