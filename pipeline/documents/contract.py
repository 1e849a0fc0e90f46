"""The perjanjian kerja sama (status Diproses); refuses incomplete input, writing nothing."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pipeline.core.errors import KerjasamaError
from pipeline.core.models import ExtractedLetter
from pipeline.documents import context as part
from pipeline.documents.render import BULAN, HARI, KOSONG, TEMPLATES, render_docx, tanggal_indonesia, teks
from pipeline.documents.rupiah import format_rupiah, parse_rupiah, rupiah_terbilang, terbilang
from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod

TEMPLATE = TEMPLATES / "perjanjian_kerja_sama.docx"
DURASI = re.compile(r"^(\d{1,4})\s*(hari|minggu|bulan|tahun)$", re.IGNORECASE)
MAX_NILAI = 10**15  # rupiah; anything above is a typo, and `terbilang` stops there


class ContractInputError(KerjasamaError):
    """The agreement cannot be drawn up; `message` is for Pesan Sistem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Perjanjian kerja sama tidak dibuat: " + "; ".join(problems) + ".", code="contract_input")
        self.problems = problems


def _nilai(value: object, problems: list[str]) -> int | None:
    if value is None or not str(value).strip():
        problems.append("Nilai Kerja Sama belum diisi")
        return None
    try:
        amount = value if isinstance(value, int) and not isinstance(value, bool) else parse_rupiah(value)
    except ValueError:
        problems.append(f"Nilai Kerja Sama '{teks(value)[:40]}' bukan jumlah rupiah (contoh: 5.000.000)")
        return None
    if amount <= 0 or amount >= MAX_NILAI:
        problems.append(f"Nilai Kerja Sama harus lebih dari nol dan masuk akal (terbaca: {format_rupiah(amount)})")
        return None
    return amount


def _jangka(value: object, problems: list[str]) -> str | None:
    text = " ".join(str(value or "").split())
    if not text:
        problems.append("Jangka Waktu belum diisi")
        return None
    m = DURASI.match(text)  # "12 bulan" -> "12 (dua belas) bulan", as contracts write it
    return f"{int(m.group(1))} ({terbilang(int(m.group(1)))}) {m.group(2).lower()}" if m else teks(text)


def _instansi_jabatan(jabatan: str, instansi: str) -> str:
    """'Kepala Dinas' + 'Dinas Komunikasi dan Informatika' -> 'Kepala Dinas Komunikasi dan Informatika'."""
    jabatan, instansi = jabatan.strip(), instansi.strip()
    last = jabatan.split()[-1] if jabatan.split() else ""
    if last and instansi.split() and instansi.split()[0].casefold() == last.casefold():
        return f"{jabatan} {' '.join(instansi.split()[1:])}".strip()
    return " ".join(x for x in (jabatan, instansi) if x)


def contract_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, nilai: object, jangka_waktu: object,
                     serial: object = None, nomor_pihak_kedua: str | None = None, tanggal: date | None = None,
                     result: ev.EvaluationResult | None = None, sop: sop_mod.Sop | None = None) -> dict:
    """Everything the agreement shows; raises ContractInputError listing what is missing."""
    problems: list[str] = []
    amount = _nilai(nilai, problems)
    durasi = _jangka(jangka_waktu, problems)
    company = part.company(letter)
    if not company:
        problems.append("nama perusahaan (PIHAK KEDUA) tidak diketahui dari surat")
    if problems:
        raise ContractInputError(problems)
    sop = sop or sop_mod.load()
    tanggal = tanggal or date.today()
    kepala = office.get("kepala") or {}
    return {
        "kantor": part.kantor(office),
        **part.case(agenda_no, letter),
        "nomor_pihak_pertama": teks(sop.contract_number(serial, tanggal.year)),
        "nomor_pihak_kedua": part.or_dots(nomor_pihak_kedua),
        "hari": HARI[tanggal.weekday()], "tanggal": tanggal_indonesia(tanggal),
        "tanggal_kata": terbilang(tanggal.day), "bulan": BULAN[tanggal.month - 1], "tahun_kata": terbilang(tanggal.year),
        "pihak_pertama": {
            **part.signer("PIHAK PERTAMA,", _instansi_jabatan(str(kepala.get("jabatan") or ""),
                                                              str(office.get("nama") or "")), kepala),
        },
        "pihak_kedua": {
            **part.signer("PIHAK KEDUA,", " ".join(x for x in (letter.jabatan_penandatangan or "", company) if x),
                          {"nama": letter.penandatangan}),
            "nip": "",
            "nama_lengkap": teks(company),
            "penandatangan": part.or_dots(letter.penandatangan),
            "alamat": part.or_dots(letter.alamat),
            "npwp": part.or_dots(part.npwp(letter.npwp)),
            "nib": part.or_dots(letter.nib),
        },
        "jangka_waktu": durasi,
        "nilai": format_rupiah(amount),
        "nilai_terbilang": rupiah_terbilang(amount),
        "kelas": teks(result.kelas) if result else KOSONG,
    }


def write_contract(path: Path, *, agenda_no: str, letter: ExtractedLetter, office: dict, nilai: object,
                   jangka_waktu: object, serial: object = None, nomor_pihak_kedua: str | None = None,
                   tanggal: date | None = None, result: ev.EvaluationResult | None = None,
                   template: Path | None = None) -> Path:
    """The cooperation agreement. `nilai`/`jangka_waktu` are the agenda's Nilai Kerja Sama and
    Jangka Waktu as typed; `serial` the office's outgoing number (dots when not yet known).
    Raises ContractInputError (nothing written) when value, duration or company is missing."""
    context = contract_context(agenda_no=agenda_no, letter=letter, office=office, nilai=nilai,
                               jangka_waktu=jangka_waktu, serial=serial, nomor_pihak_kedua=nomor_pihak_kedua,
                               tanggal=tanggal, result=result)
    return render_docx(template or TEMPLATE, context, path)
