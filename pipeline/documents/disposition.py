"""The pre-filled disposition sheet (lembar disposisi) for a registered letter.

Rendered from `templates/lembar_disposisi.docx`, a Word file staff may edit, with the
safety rules of `pipeline.documents.render` (letter text only as data, sandboxed).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pipeline.agenda.letter_row import review_labels
from pipeline.core.models import ExtractedLetter
from pipeline.documents.context import kepala_jabatan, legal_name, letterhead, signer
from pipeline.documents.render import KOTAK, TEMPLATES, kotak, render_docx, tanggal_indonesia, teks, waktu_terima

TEMPLATE = TEMPLATES / "lembar_disposisi.docx"
TANDA_PERIKSA = " (perlu diperiksa)"
TITIK_PENDEK = "..................."  # room to write a date in a narrow column
DEFAULT_LEVELS = ({"dari": "Kepala Dinas", "kepada": "................................"},)


def pengirim(letter: ExtractedLetter) -> str:
    company = legal_name(letter)
    media = (letter.nama_media or "").strip()
    if company and media and media.casefold() != company.casefold():
        return f"{company} (media: {media})"
    return company or media or ""


def _chain_rows(disposisi: dict) -> list[dict[str, str]]:
    """Pairs 'Diteruskan kepada' with 'Dengan hormat harap' boxes, one table row each."""
    kepada = [f"{KOTAK} {teks(x)}" for x in disposisi.get("diteruskan", [])]
    instruksi = [f"{KOTAK} {teks(x)}" for x in disposisi.get("instruksi", [])]
    n = max(len(kepada), len(instruksi))
    kepada += [""] * (n - len(kepada))
    instruksi += [""] * (n - len(instruksi))
    return [{"kepada": k, "instruksi": i} for k, i in zip(kepada, instruksi)]


def levels(office: dict, filled: list[dict] | None = None) -> list[dict[str, str]]:
    """One block per level the SOP passes the letter down (`disposisi.tingkat` of office.yaml).

    `filled[i]` holds what is known of level i (instruksi: the official's Catatan, tanggal,
    tenggat as dates already written out); the rest is left as room to write by hand.
    """
    chain = (office.get("disposisi") or {}).get("tingkat") or list(DEFAULT_LEVELS)
    filled = filled or []
    out = []
    for i, level in enumerate(chain):
        known = filled[i] if i < len(filled) else {}
        out.append({
            "no": str(i + 1), "dari": teks(level.get("dari")), "kepada": teks(level.get("kepada")),
            "instruksi": teks(known["instruksi"]) if str(known.get("instruksi") or "").strip() else "",
            "tanggal": teks(known.get("tanggal") or TITIK_PENDEK),
            "tenggat": teks(known.get("tenggat") or TITIK_PENDEK),
        })
    return out


def _field(letter: ExtractedLetter, key: str, shown: str) -> str:
    return shown + TANDA_PERIKSA if key in letter.perlu_ditinjau else shown


def build_context(*, agenda_no: str, received: datetime, letter: ExtractedLetter, office: dict,
                  sifat: str | None = None, tingkat: list[dict] | None = None, tanggal: str | None = None) -> dict:
    """Everything the template may use; every value is plain text or a list of it."""
    disposisi = office.get("disposisi") or {}
    labels = review_labels(letter)
    sender_flagged = {"nama_perusahaan", "nama_media", "bentuk_badan_usaha"} & set(letter.perlu_ditinjau)
    kepala = office.get("kepala") or {}
    return {
        **letterhead(office),
        "no_agenda": teks(agenda_no),
        "tanggal_terima": waktu_terima(received),
        "pengirim": teks(pengirim(letter)) + (TANDA_PERIKSA if sender_flagged else ""),
        "nomor_surat": _field(letter, "nomor_surat", teks(letter.nomor_surat)),
        "tanggal_surat": _field(letter, "tanggal_surat", tanggal_indonesia(letter.tanggal_surat)),
        "perihal": _field(letter, "perihal", teks(letter.perihal)),
        "sifat": kotak([teks(x) for x in disposisi.get("sifat", [])], sifat),
        "baris": _chain_rows(disposisi),
        "tingkat": levels(office, tingkat),
        # Printed only when something was flagged: the clerk checks those fields on the letter.
        "keterangan": (f"Isian bertanda{TANDA_PERIKSA} dibaca mesin dengan ragu; cocokkan dengan surat asli."
                       if labels else ""),
        "tanggal": teks(tanggal) if tanggal else TITIK_PENDEK,
        "kepala": {**signer("", f"{kepala_jabatan(office)},", kepala), "judul": ""},
    }


def write_disposition_sheet(
    path: Path,
    *,
    agenda_no: str,
    received: datetime,
    letter: ExtractedLetter,
    office: dict,
    sifat: str | None = None,
    tingkat: list[dict] | None = None,
    tanggal: str | None = None,
    template: Path | None = None,
) -> Path:
    """Render the disposition sheet to `path` (atomically) and return it.

    `office` is `config.load("office")`; `sifat` ticks one urgency box (normally left
    for the head of office to choose); `tingkat` what is known of each level of the chain
    (see `levels`) and `tanggal` the date the disposition was given, once it was.
    """
    context = build_context(agenda_no=agenda_no, received=received, letter=letter, office=office, sifat=sifat,
                            tingkat=tingkat, tanggal=tanggal)
    return render_docx(template or TEMPLATE, context, path)
