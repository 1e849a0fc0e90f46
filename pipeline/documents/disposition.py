"""The pre-filled disposition sheet (lembar disposisi) for a registered letter.

Rendered from `templates/lembar_disposisi.docx`, a Word file staff may edit (docxtpl
placeholders such as `{{ no_agenda }}`). Letter text is hostile input: it is only ever
passed to the template as *data* (never spliced into template source), XML-escaped
(autoescape) and rendered in a sandboxed Jinja environment, so a company called
`{{ 7*7 }}` prints as typed.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from pipeline.agenda.base import review_labels
from pipeline.core.fileops import replace_atomic
from pipeline.core.models import ExtractedLetter

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "lembar_disposisi.docx"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
KOSONG = "-"  # what an unstated field shows
TANDA_PERIKSA = " (perlu diperiksa)"
KOTAK, KOTAK_CENTANG = "\u2610", "\u2612"  # ☐ ☒

# Characters XML 1.0 cannot carry (a .docx with them does not open) and the ones docxtpl
# turns into document structure after rendering (\a new paragraph, \f page break).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# docxtpl rewrites "{_{" to "{{" (etc.) in the rendered XML; a word joiner keeps such a
# sequence in letter text looking exactly as typed instead of being rewritten.
_DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


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


def teks(value: object) -> str:
    """One line of literal, XML-safe text (or '-' when empty)."""
    if value is None:
        return KOSONG
    text = _XML_ILLEGAL.sub("", str(value))
    text = " ".join(text.split())
    while any(seq in text for seq in _DOCXTPL_ESCAPES):
        for seq in _DOCXTPL_ESCAPES:
            text = text.replace(seq, seq[0] + "\u2060" + seq[1:])
    return text or KOSONG


def pengirim(letter: ExtractedLetter) -> str:
    company = (letter.nama_perusahaan or "").strip()
    bentuk = letter.bentuk_badan_usaha
    if company and bentuk and not company.upper().startswith(bentuk.upper()):
        company = f"{bentuk} {company}"
    media = (letter.nama_media or "").strip()
    if company and media and media.casefold() != company.casefold():
        return f"{company} (media: {media})"
    return company or media or ""


def _checkboxes(options: list[str], chosen: str | None) -> str:
    return "   ".join(f"{KOTAK_CENTANG if o == chosen else KOTAK} {o}" for o in options)


def _chain_rows(disposisi: dict) -> list[dict[str, str]]:
    """Pairs 'Diteruskan kepada' with 'Dengan hormat harap' boxes, one table row each."""
    kepada = [f"{KOTAK} {teks(x)}" for x in disposisi.get("diteruskan", [])]
    instruksi = [f"{KOTAK} {teks(x)}" for x in disposisi.get("instruksi", [])]
    n = max(len(kepada), len(instruksi))
    kepada += [""] * (n - len(kepada))
    instruksi += [""] * (n - len(instruksi))
    return [{"kepada": k, "instruksi": i} for k, i in zip(kepada, instruksi)]


def _field(letter: ExtractedLetter, key: str, shown: str) -> str:
    return shown + TANDA_PERIKSA if key in letter.perlu_ditinjau else shown


def build_context(*, agenda_no: str, received: datetime, letter: ExtractedLetter, office: dict,
                  sifat: str | None = None) -> dict:
    """Everything the template may use; every value is plain text or a list of it."""
    disposisi = office.get("disposisi") or {}
    kepala = office.get("kepala") or {}
    labels = review_labels(letter)
    sender_flagged = {"nama_perusahaan", "nama_media", "bentuk_badan_usaha"} & set(letter.perlu_ditinjau)
    return {
        "kantor": {
            "pemerintah": teks(office.get("pemerintah")),
            "nama": teks(office.get("nama")),
            "alamat": teks(office.get("alamat")),
            "telepon": teks(office.get("telepon")),
            "email": teks(office.get("email")),
            "website": teks(office.get("website")),
            "kepala": {k: teks(kepala.get(k)) for k in ("jabatan", "nama", "nip")},
        },
        "no_agenda": teks(agenda_no),
        "tanggal_terima": waktu_terima(received),
        "pengirim": teks(pengirim(letter)) + (TANDA_PERIKSA if sender_flagged else ""),
        "nomor_surat": _field(letter, "nomor_surat", teks(letter.nomor_surat)),
        "tanggal_surat": _field(letter, "tanggal_surat", tanggal_indonesia(letter.tanggal_surat)),
        "perihal": _field(letter, "perihal", teks(letter.perihal)),
        "sifat": _checkboxes([teks(x) for x in disposisi.get("sifat", [])], sifat),
        "baris": _chain_rows(disposisi),
        "catatan": "",
        "perlu_ditinjau": teks(", ".join(labels)) if labels else "tidak ada",
    }


def write_disposition_sheet(
    path: Path,
    *,
    agenda_no: str,
    received: datetime,
    letter: ExtractedLetter,
    office: dict,
    sifat: str | None = None,
    template: Path | None = None,
) -> Path:
    """Render the disposition sheet to `path` (atomically) and return it.

    `office` is `config.load("office")`; `sifat` ticks one urgency box (normally left
    for the head of office to choose).
    """
    context = build_context(agenda_no=agenda_no, received=received, letter=letter, office=office, sifat=sifat)
    return render_docx(template or TEMPLATE, context, path)


def render_docx(template: Path, context: dict, path: Path) -> Path:
    """Render a staff-editable Word template with `context` (data only) to `path`, atomically.

    Sandboxed: the template is editable by staff; it should not reach Python internals.
    Autoescaped: letter text is XML-escaped, never markup.
    """
    tpl = DocxTemplate(str(template))
    tpl.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
    return replace_atomic(Path(path), lambda tmp: tpl.save(str(tmp)))
