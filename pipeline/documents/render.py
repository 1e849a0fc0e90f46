"""Rendering staff-editable Word templates, and the text pieces every document shares.

Templates live in the top-level `templates/` folder (docxtpl placeholders such as
`{{ no_agenda }}`). Letter text is hostile input: it is only ever passed to a template as
*data* (never spliced into template source), cleaned by `teks`, XML-escaped (autoescape) and
rendered in a sandboxed Jinja environment, so a company called `{{ 7*7 }}` prints as typed.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment

from pipeline.core.fileops import replace_atomic
from pipeline.core.resources import templates_dir

# The one place the templates folder is named (shipped with the program, see core.resources).
TEMPLATES = templates_dir()

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
KOSONG = "-"  # what an unstated field shows
TITIK = "................................"  # room to write by hand
KOTAK, KOTAK_CENTANG = "\u2610", "\u2612"  # ☐ ☒

# Characters XML 1.0 cannot carry (a .docx with them does not open) and the ones docxtpl
# turns into document structure after rendering (\a new paragraph, \f page break).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# docxtpl rewrites "{_{" to "{{" (etc.) in the rendered XML; a word joiner keeps such a
# sequence in letter text looking exactly as typed instead of being rewritten.
DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


def teks(value: object) -> str:
    """One line of literal, XML-safe text (or '-' when empty)."""
    if value is None:
        return KOSONG
    text = XML_ILLEGAL.sub("", str(value))
    text = " ".join(text.split())
    while any(seq in text for seq in DOCXTPL_ESCAPES):
        for seq in DOCXTPL_ESCAPES:
            text = text.replace(seq, seq[0] + "\u2060" + seq[1:])
    return text or KOSONG


def tanggal_indonesia(value: date | datetime | str | None) -> str:
    """date(2026, 11, 12) or "2026-11-12" -> "12 November 2026"; unparseable text as is."""
    if value is None or value == "":
        return KOSONG
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return teks(value)
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def waktu_terima(received: datetime) -> str:
    # Indonesian writes clock times with a dot: "pukul 09.30".
    return f"{tanggal_indonesia(received)} pukul {received:%H.%M}"


def kotak(options: list[str] | tuple[str, ...], chosen: str | None) -> str:
    """Tick boxes in one line, the chosen one ticked: '☐ Ya   ☒ Tidak'."""
    return "   ".join(f"{KOTAK_CENTANG if o == chosen else KOTAK} {o}" for o in options)


@dataclass(frozen=True)
class Gambar:
    """An image for a top-level placeholder (the letterhead logo); made an InlineImage when rendering."""

    path: Path
    height_mm: float


def render_docx(template: Path, context: dict, path: Path) -> Path:
    """Render a staff-editable Word template with `context` (data only) to `path`, atomically.

    Sandboxed: the template is editable by staff; it should not reach Python internals.
    Autoescaped: letter text is XML-escaped, never markup.
    """
    tpl = DocxTemplate(str(template))
    # Images need the template they go into; only the program's own config names them.
    context = {k: InlineImage(tpl, str(v.path), height=Mm(v.height_mm)) if isinstance(v, Gambar) else v
               for k, v in context.items()}
    tpl.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
    # Zipped in memory, written in one plain write: on a full disk the half-made zip writer is
    # not left open, to fail again ("Exception ignored") when it is collected.
    buffer = io.BytesIO()
    tpl.save(buffer)
    return replace_atomic(Path(path), lambda tmp: tmp.write_bytes(buffer.getvalue()))
