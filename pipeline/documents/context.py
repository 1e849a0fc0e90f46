"""Context pieces the documents share: the office, the case, the evaluation result, signers.

Every value is plain text (cleaned by `teks`) or a list/dict of it, ready for a template.
"""
from __future__ import annotations

import re

from pipeline.agenda.letter_row import field_text
from pipeline.core.models import ExtractedLetter
from pipeline.documents import logo as logo_file
from pipeline.documents.render import KOSONG, TITIK, Gambar, tanggal_indonesia, teks
from pipeline.policy.evaluation import EvaluationResult

KELAS_URAIAN = {
    "A": "terverifikasi faktual oleh Dewan Pers",
    "B": "terverifikasi administratif oleh Dewan Pers",
    "C": "belum terverifikasi oleh Dewan Pers",
}


def kantor(office: dict) -> dict:
    """The office's letterhead and head of office (`config/office.yaml`)."""
    kepala = office.get("kepala") or {}
    return {
        **{k: teks(office.get(k)) for k in ("pemerintah", "nama", "alamat", "telepon", "email", "website")},
        "kode_pos": teks(office.get("kode_pos")) if office.get("kode_pos") else "",
        "kepala": {k: teks(kepala.get(k)) for k in ("jabatan", "nama", "nip")},
    }


def letterhead(office: dict) -> dict:
    """What every letterhead needs: `kantor` and the `logo` image ('' when there is none)."""
    path = logo_file.logo_path(office)
    return {"kantor": kantor(office), "logo": Gambar(path, logo_file.HEIGHT_MM) if path else ""}


def legal_name(letter: ExtractedLetter) -> str:
    """'PT Media Maju': the company with its legal form prefixed once ('' when not stated)."""
    company = (letter.nama_perusahaan or "").strip()
    bentuk = letter.bentuk_badan_usaha
    if company and bentuk and not company.upper().startswith(bentuk.upper()):
        company = f"{bentuk} {company}"
    return company


def company(letter: ExtractedLetter) -> str:
    """The company's legal name, or the media name when no company is stated."""
    return legal_name(letter) or (letter.nama_media or "").strip()


def field_shown(key: str, value: object) -> str:
    """A letter field as the agenda shows it ('online' -> 'Online'), '-' when unstated."""
    return teks(field_text(key, value) or None)


def case(agenda_no: str, letter: ExtractedLetter) -> dict:
    return {
        "no_agenda": teks(agenda_no),
        "perusahaan": teks(company(letter)),
        "media": teks(letter.nama_media),
        "jenis_media": field_shown("jenis_media", letter.jenis_media),
        "alamat": teks(letter.alamat),
        "nomor_surat": teks(letter.nomor_surat),
        "tanggal_surat": tanggal_indonesia(letter.tanggal_surat),
        "perihal": teks(letter.perihal),
    }


def angka(x: float) -> str:
    """A score as the documents show it (95, 62,5)."""
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0").replace(".", ",")


def result(evaluated: EvaluationResult | None) -> dict | None:
    if evaluated is None:
        return None
    return {
        "skor": angka(evaluated.score),
        "maks": angka(evaluated.max_score),
        "kelas": teks(evaluated.kelas),
        "kelas_uraian": KELAS_URAIAN.get(evaluated.kelas, KOSONG),
        "kesimpulan": evaluated.hasil.upper(),
        "alasan": [teks(r) for r in evaluated.reasons] or [KOSONG],
    }


def signer(judul: str, jabatan: object, person: dict | None = None) -> dict:
    """A signature block; dots to write on when the person is not known yet."""
    person = person or {}
    nip = str(person.get("nip") or "").strip()
    return {"judul": judul, "jabatan": teks(jabatan), "nama": teks(person.get("nama") or TITIK),
            "nip": f"NIP. {teks(nip or TITIK)}"}


def notes(catatan: str | list[str] | None) -> list[str]:
    """Officials' notes, one bullet per line they wrote."""
    items = catatan if isinstance(catatan, list) else str(catatan or "").splitlines()
    lines = [teks(x) for x in items if str(x).strip()]
    return lines or [KOSONG]


def npwp(digits: str | None) -> str:
    """15 digits shown the usual way (01.234.567.8-901.234); anything else as given."""
    d = (digits or "").strip()
    if re.fullmatch(r"\d{15}", d):
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    return d


def or_dots(value: object) -> str:
    """The text, or room to write it by hand."""
    text = teks(value)
    return TITIK if text == KOSONG else text


def kepala_jabatan(office: dict) -> str:
    """'Kepala Dinas Komunikasi dan Informatika': the head's title with the office's name."""
    kepala = office.get("kepala") or {}
    name = str(office.get("nama") or "").split()
    tail = " ".join(name[1:]) if name and name[0].casefold() == "dinas" else " ".join(name)
    return " ".join(x for x in (str(kepala.get("jabatan") or "Kepala Dinas"), tail) if x)
