"""The perjanjian kerja sama (status Diproses); refuses incomplete input, writing nothing."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from pathlib import Path

from pipeline.core.errors import KerjasamaError
from pipeline.core.models import ExtractedLetter
from pipeline.documents import context as part
from pipeline.documents.render import BULAN, HARI, KOSONG, TEMPLATES, render_docx, tanggal_indonesia, teks
from pipeline.documents.rupiah import format_rupiah, parse_rupiah, rupiah_terbilang, terbilang
from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod

TEMPLATE = TEMPLATES / "perjanjian_kerja_sama.docx"
# "6 bulan", a number cell "6", or "1 tahun" (12 months); "setahun", "3 bln" are refused.
BULAN_ANGKA = re.compile(r"^(\d{1,2})(?:\s*(bulan|tahun))?$", re.IGNORECASE)
MAX_BULAN = 12  # a regency's budget (DPA) is yearly: one agreement never runs longer
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


def months(value: object) -> int:
    """The term typed in Jangka Waktu as whole months; ValueError (Indonesian) when it is not one."""
    text = " ".join(str(value or "").split())
    m = BULAN_ANGKA.match(text.removesuffix(".0"))
    n = int(m.group(1)) * (12 if (m.group(2) or "").lower() == "tahun" else 1) if m else 0
    if not 1 <= n <= MAX_BULAN:
        raise ValueError(f"Jangka Waktu '{teks(text)[:40]}' harus jumlah bulan 1 sampai {MAX_BULAN} "
                         "(contoh: 12 bulan)")
    return n


def end_date(start: date, n_months: int) -> date:
    """The last day of a term of `n_months` months beginning on `start` (1 Jan + 12 -> 31 Dec)."""
    month = start.month - 1 + n_months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1])) - timedelta(days=1)


def _jangka(value: object, problems: list[str]) -> int | None:
    if not " ".join(str(value or "").split()):
        problems.append("Jangka Waktu belum diisi")
        return None
    try:
        return months(value)
    except ValueError as exc:
        problems.append(str(exc))
        return None


def rekening(value: object) -> str:
    """The media's bank account as the agenda's Rekening Bank holds it, or room to write it."""
    return part.or_dots(value)


def _instansi_jabatan(jabatan: str, instansi: str) -> str:
    """'Kepala Dinas' + 'Dinas Komunikasi dan Informatika' -> 'Kepala Dinas Komunikasi dan Informatika'."""
    jabatan, instansi = jabatan.strip(), instansi.strip()
    last = jabatan.split()[-1] if jabatan.split() else ""
    if last and instansi.split() and instansi.split()[0].casefold() == last.casefold():
        return f"{jabatan} {' '.join(instansi.split()[1:])}".strip()
    return " ".join(x for x in (jabatan, instansi) if x)


def contract_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, nilai: object, jangka_waktu: object,
                     serial: object = None, nomor_pihak_kedua: str | None = None, tanggal: date | None = None,
                     result: ev.EvaluationResult | None = None, sop: sop_mod.Sop | None = None,
                     rekening_bank: object = None) -> dict:
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
    anggaran = office.get("anggaran") or {}
    return {
        "kantor": part.kantor(office),
        "anggaran": {"dpa": part.or_dots(anggaran.get("dpa")),
                     "kode_rekening": teks(anggaran["kode_rekening"]) if anggaran.get("kode_rekening") else ""},
        "rekening": rekening(rekening_bank),
        "mulai": tanggal_indonesia(tanggal), "berakhir": tanggal_indonesia(end_date(tanggal, durasi)),
        "berakhir_iso": end_date(tanggal, durasi).isoformat(),
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
        "jangka_waktu": f"{durasi} ({terbilang(durasi)}) bulan",
        "nilai": format_rupiah(amount),
        "nilai_terbilang": rupiah_terbilang(amount),
        "kelas": teks(result.kelas) if result else KOSONG,
    }


def write_contract(path: Path, *, agenda_no: str, letter: ExtractedLetter, office: dict, nilai: object,
                   jangka_waktu: object, serial: object = None, nomor_pihak_kedua: str | None = None,
                   tanggal: date | None = None, result: ev.EvaluationResult | None = None,
                   rekening_bank: object = None, template: Path | None = None) -> Path:
    """The cooperation agreement. `nilai`/`jangka_waktu` are the agenda's Nilai Kerja Sama and
    Jangka Waktu as typed (whole months), `rekening_bank` its Rekening Bank; `serial` the office's outgoing number (dots when not yet known).
    Raises ContractInputError (nothing written) when value, duration or company is missing."""
    context = contract_context(agenda_no=agenda_no, letter=letter, office=office, nilai=nilai,
                               jangka_waktu=jangka_waktu, serial=serial, nomor_pihak_kedua=nomor_pihak_kedua,
                               tanggal=tanggal, result=result, rekening_bank=rekening_bank)
    return render_docx(template or TEMPLATE, context, path)
