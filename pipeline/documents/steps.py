"""Documents of SOP steps 3-7, rendered from Word templates staff may edit.

  write_evaluation_form   lembar isian evaluasi (step 3): blank with the letter's pre-check,
                          or completed with the verifier's answers and the result
  write_rejection_record  berita acara penolakan (status Ditolak)
  write_contract          perjanjian kerja sama (status Diproses); refuses incomplete input
  pdf_copy                a PDF beside a .docx, when LibreOffice is installed

Same safety rules as the disposition sheet (`pipeline.documents.disposition`): letter and agenda
text is passed only as data, cleaned by `teks`, XML-escaped and rendered in a sandbox.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod
from pipeline.agenda.base import _field_text, review_labels
from pipeline.documents.disposition import BULAN, KOSONG, KOTAK, KOTAK_CENTANG, render_docx, tanggal_indonesia, teks
from pipeline.core.errors import KerjasamaError
from pipeline.core.models import ExtractedLetter
from pipeline.documents.rupiah import format_rupiah, parse_rupiah, rupiah_terbilang, terbilang

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
EVALUATION_TEMPLATE = TEMPLATES / "lembar_isian_evaluasi.docx"
REJECTION_TEMPLATE = TEMPLATES / "berita_acara_penolakan.docx"
CONTRACT_TEMPLATE = TEMPLATES / "perjanjian_kerja_sama.docx"

# The document keys of config/sop.yaml (statuses[].documents) -> file name in the case folder.
DOCUMENT_FILES = {
    "lembar_disposisi": "lembar_disposisi.docx",  # pipeline.documents.disposition.write_disposition_sheet
    "lembar_isian_evaluasi": "lembar_isian_evaluasi.docx",  # write_evaluation_form, blank
    "hasil_evaluasi": "hasil_evaluasi.docx",  # write_evaluation_form with answers and result
    "berita_acara_penolakan": "berita_acara_penolakan.docx",  # write_rejection_record
    "perjanjian_kerja_sama": "perjanjian_kerja_sama.docx",  # write_contract
}
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
TITIK = "................................"  # room to write by hand
KELAS_URAIAN = {
    "A": "terverifikasi faktual oleh Dewan Pers",
    "B": "terverifikasi administratif oleh Dewan Pers",
    "C": "belum terverifikasi oleh Dewan Pers",
}
_DURASI = re.compile(r"^(\d{1,4})\s*(hari|minggu|bulan|tahun)$", re.IGNORECASE)
PDF_TIMEOUT = 120  # seconds; a first LibreOffice start on a slow PC takes a while


class ContractInputError(KerjasamaError):
    """The agreement cannot be drawn up; `message` is for Pesan Sistem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Perjanjian kerja sama tidak dibuat: " + "; ".join(problems) + ".", code="contract_input")
        self.problems = problems


# --- shared context pieces -------------------------------------------------------------------


def _kantor(office: dict) -> dict:
    kepala = office.get("kepala") or {}
    return {
        **{k: teks(office.get(k)) for k in ("pemerintah", "nama", "alamat", "telepon", "email", "website")},
        "kepala": {k: teks(kepala.get(k)) for k in ("jabatan", "nama", "nip")},
    }


def _company(letter: ExtractedLetter) -> str:
    """'PT Media Maju' (legal form prefixed once), or the media name when no company is stated."""
    company = (letter.nama_perusahaan or "").strip()
    bentuk = letter.bentuk_badan_usaha
    if company and bentuk and not company.upper().startswith(bentuk.upper()):
        company = f"{bentuk} {company}"
    return company or (letter.nama_media or "").strip()


def _case(agenda_no: str, letter: ExtractedLetter) -> dict:
    return {
        "no_agenda": teks(agenda_no),
        "perusahaan": teks(_company(letter)),
        "media": teks(letter.nama_media),
        "jenis_media": teks(_field_text("jenis_media", letter.jenis_media) or None),
        "alamat": teks(letter.alamat),
        "nomor_surat": teks(letter.nomor_surat),
        "tanggal_surat": tanggal_indonesia(letter.tanggal_surat),
        "perihal": teks(letter.perihal),
    }


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0").replace(".", ",")


angka = _number  # public: a score as the documents show it (95, 62,5)


def _result(result: ev.EvaluationResult | None) -> dict | None:
    if result is None:
        return None
    return {
        "skor": _number(result.score),
        "maks": _number(result.max_score),
        "kelas": teks(result.kelas),
        "kelas_uraian": KELAS_URAIAN.get(result.kelas, KOSONG),
        "kesimpulan": result.hasil.upper(),
        "alasan": [teks(r) for r in result.reasons] or [KOSONG],
    }


def _signer(judul: str, jabatan: object, person: dict | None = None) -> dict:
    person = person or {}
    nip = str(person.get("nip") or "").strip()
    return {"judul": judul, "jabatan": teks(jabatan), "nama": teks(person.get("nama") or TITIK),
            "nip": f"NIP. {teks(nip or TITIK)}"}


def _notes(catatan: str | list[str] | None) -> list[str]:
    """Officials' notes, one bullet per line they wrote."""
    items = catatan if isinstance(catatan, list) else str(catatan or "").splitlines()
    lines = [teks(x) for x in items if str(x).strip()]
    return lines or [KOSONG]


def _render(template: Path, context: dict, path: Path) -> Path:
    return render_docx(template, context, path)


# --- lembar isian evaluasi ---------------------------------------------------------------------


def _boxes(options: tuple[str, ...], chosen: str | None) -> str:
    return "   ".join(f"{KOTAK_CENTANG if o == chosen else KOTAK} {o}" for o in options)


def _criteria_rows(cfg: ev.EvaluationConfig, pre: dict, answers: dict | None) -> list[dict]:
    rows = []
    for no, (key, c) in enumerate(cfg.criteria.items(), start=1):
        chosen = c.match(answers.get(key)) if answers else None
        rows.append({
            "no": str(no), "uraian": teks(c.uraian), "bobot": _number(c.bobot),
            "pra": teks(pre.get(key)), "jawaban": _boxes(c.options, chosen),
            "keterangan": "wajib" if c.wajib else "",
        })
    return rows


def evaluation_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, answers: dict | None = None,
                       result: ev.EvaluationResult | None = None, catatan: str | None = None,
                       tanggal: date | None = None, verifikator: dict | None = None,
                       cfg: ev.EvaluationConfig | None = None, sop: sop_mod.Sop | None = None) -> dict:
    cfg, sop = cfg or ev.load(), sop or sop_mod.load()
    labels = review_labels(letter)
    return {
        "kantor": _kantor(office),
        **_case(agenda_no, letter),
        "npwp": teks(_npwp(letter.npwp) or None), "nib": teks(letter.nib), "nomor_akta": teks(letter.nomor_akta),
        "sk_kemenkumham": teks(letter.sk_kemenkumham),
        "dewan_pers": teks(_field_text("status_dewan_pers", letter.status_dewan_pers) or None),
        "pemimpin_redaksi": teks(letter.pemimpin_redaksi), "website": teks(letter.website),
        "kriteria": _criteria_rows(cfg, ev.prefill(letter, cfg), answers),
        "perlu_ditinjau": teks("Perlu diperiksa: " + ", ".join(labels) + ".") if labels else "",
        "hasil": _result(result),
        "catatan": teks(catatan),
        "tanggal": tanggal_indonesia(tanggal) if tanggal else TITIK,
        "verifikator": _signer("Verifikator,", " / ".join(sop.step(3).actors), verifikator),
    }


def write_evaluation_form(path: Path, *, agenda_no: str, letter: ExtractedLetter, office: dict,
                          answers: dict | None = None, result: ev.EvaluationResult | None = None,
                          catatan: str | None = None, tanggal: date | None = None, verifikator: dict | None = None,
                          template: Path | None = None) -> Path:
    """The evaluation form; pass `answers` and `result` for the completed variant."""
    context = evaluation_context(agenda_no=agenda_no, letter=letter, office=office, answers=answers, result=result,
                                 catatan=catatan, tanggal=tanggal, verifikator=verifikator)
    return _render(template or EVALUATION_TEMPLATE, context, path)


# --- berita acara penolakan ---------------------------------------------------------------------


def rejection_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, result: ev.EvaluationResult | None,
                      catatan: str | list[str] | None = None, tanggal: date | None = None, nomor: str | None = None,
                      pembuat: dict | None = None, mengetahui: dict | None = None,
                      sop: sop_mod.Sop | None = None) -> dict:
    sop = sop or sop_mod.load()
    tanggal = tanggal or date.today()
    return {
        "kantor": _kantor(office),
        **_case(agenda_no, letter),
        "nomor": teks(nomor or TITIK),
        "hari": HARI[tanggal.weekday()],
        "tanggal": tanggal_indonesia(tanggal),
        "hasil": _result(result) or {"skor": KOSONG, "maks": KOSONG, "kelas": KOSONG, "kelas_uraian": KOSONG,
                                     "kesimpulan": "TIDAK MEMENUHI", "alasan": [KOSONG]},
        "catatan": _notes(catatan),
        "pembuat": _signer("Yang membuat,", " / ".join(sop.step(3).actors), pembuat),
        "mengetahui": _signer("Mengetahui,", " / ".join(sop.step(5).actors), mengetahui),
    }


def write_rejection_record(path: Path, *, agenda_no: str, letter: ExtractedLetter, office: dict,
                           result: ev.EvaluationResult | None, catatan: str | list[str] | None = None,
                           tanggal: date | None = None, nomor: str | None = None, pembuat: dict | None = None,
                           mengetahui: dict | None = None, template: Path | None = None) -> Path:
    """The rejection record of a case set to Ditolak (with its evaluation and the officials' notes)."""
    context = rejection_context(agenda_no=agenda_no, letter=letter, office=office, result=result, catatan=catatan,
                                tanggal=tanggal, nomor=nomor, pembuat=pembuat, mengetahui=mengetahui)
    return _render(template or REJECTION_TEMPLATE, context, path)


# --- perjanjian kerja sama -----------------------------------------------------------------------


def _nilai(value: object, problems: list[str]) -> int | None:
    if value is None or not str(value).strip():
        problems.append("Nilai Kerja Sama belum diisi")
        return None
    try:
        amount = value if isinstance(value, int) and not isinstance(value, bool) else parse_rupiah(value)
    except ValueError:
        problems.append(f"Nilai Kerja Sama '{teks(value)[:40]}' bukan jumlah rupiah (contoh: 5.000.000)")
        return None
    if amount <= 0 or amount >= 10**15:
        problems.append(f"Nilai Kerja Sama harus lebih dari nol dan masuk akal (terbaca: {format_rupiah(amount)})")
        return None
    return amount


def _jangka(value: object, problems: list[str]) -> str | None:
    text = " ".join(str(value or "").split())
    if not text:
        problems.append("Jangka Waktu belum diisi")
        return None
    m = _DURASI.match(text)  # "12 bulan" -> "12 (dua belas) bulan", as contracts write it
    return f"{int(m.group(1))} ({terbilang(int(m.group(1)))}) {m.group(2).lower()}" if m else teks(text)


def _instansi_jabatan(jabatan: str, instansi: str) -> str:
    """'Kepala Dinas' + 'Dinas Komunikasi dan Informatika' -> 'Kepala Dinas Komunikasi dan Informatika'."""
    jabatan, instansi = jabatan.strip(), instansi.strip()
    last = jabatan.split()[-1] if jabatan.split() else ""
    if last and instansi.split() and instansi.split()[0].casefold() == last.casefold():
        return f"{jabatan} {' '.join(instansi.split()[1:])}".strip()
    return " ".join(x for x in (jabatan, instansi) if x)


def _npwp(digits: str | None) -> str:
    """15 digits shown the usual way (01.234.567.8-901.234); anything else as given."""
    d = (digits or "").strip()
    if re.fullmatch(r"\d{15}", d):
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    return d


def _or_dots(value: object) -> str:
    text = teks(value)
    return TITIK if text == KOSONG else text


def contract_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, nilai: object, jangka_waktu: object,
                     serial: object = None, nomor_pihak_kedua: str | None = None, tanggal: date | None = None,
                     result: ev.EvaluationResult | None = None, sop: sop_mod.Sop | None = None) -> dict:
    """Everything the agreement shows; raises ContractInputError listing what is missing."""
    problems: list[str] = []
    amount = _nilai(nilai, problems)
    durasi = _jangka(jangka_waktu, problems)
    company = _company(letter)
    if not company:
        problems.append("nama perusahaan (PIHAK KEDUA) tidak diketahui dari surat")
    if problems:
        raise ContractInputError(problems)
    sop = sop or sop_mod.load()
    tanggal = tanggal or date.today()
    kantor = _kantor(office)
    kepala = office.get("kepala") or {}
    return {
        "kantor": kantor,
        **_case(agenda_no, letter),
        "nomor_pihak_pertama": teks(sop.contract_number(serial, tanggal.year)),
        "nomor_pihak_kedua": _or_dots(nomor_pihak_kedua),
        "hari": HARI[tanggal.weekday()], "tanggal": tanggal_indonesia(tanggal),
        "tanggal_kata": terbilang(tanggal.day), "bulan": BULAN[tanggal.month - 1], "tahun_kata": terbilang(tanggal.year),
        "pihak_pertama": {
            **_signer("PIHAK PERTAMA,", _instansi_jabatan(str(kepala.get("jabatan") or ""),
                                                          str(office.get("nama") or "")), kepala),
        },
        "pihak_kedua": {
            **_signer("PIHAK KEDUA,", " ".join(x for x in (letter.jabatan_penandatangan or "", company) if x),
                      {"nama": letter.penandatangan}),
            "nip": "",
            "nama_lengkap": teks(company),
            "penandatangan": _or_dots(letter.penandatangan),
            "alamat": _or_dots(letter.alamat),
            "npwp": _or_dots(_npwp(letter.npwp)),
            "nib": _or_dots(letter.nib),
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
    return _render(template or CONTRACT_TEMPLATE, context, path)


# --- PDF copies ------------------------------------------------------------------------------------


def pdf_copy(docx: Path, *, timeout: float = PDF_TIMEOUT) -> Path | None:
    """A .pdf beside `docx` via LibreOffice; None when LibreOffice is not installed.

    Raises KerjasamaError when LibreOffice is there but fails or exceeds `timeout`.
    """
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        return None
    docx = Path(docx)
    with tempfile.TemporaryDirectory(prefix="kerjasama-lo-") as work:
        # A private profile: a LibreOffice already open on the office PC would otherwise
        # swallow the request (or lock the profile) and no PDF would appear. The PDF is
        # made in a scratch folder and moved beside the .docx only when complete.
        outdir = Path(work) / "out"
        cmd = [exe, f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
        out, err, code = _run_killing_group(cmd, timeout, docx.name)
        made = outdir / f"{docx.stem}.pdf"
        if code != 0 or not made.exists():
            detail = (err or out).decode("utf-8", "replace").strip()[:200]
            raise KerjasamaError(f"Konversi PDF {docx.name} gagal: {detail or code}", code="pdf_failed")
        pdf = docx.with_suffix(".pdf")
        shutil.move(str(made), str(pdf))
    return pdf


def _run_killing_group(cmd: list[str], timeout: float, name: str) -> tuple[bytes, bytes, int]:
    # Own process group: on timeout the soffice.bin child LibreOffice spawns dies too.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise KerjasamaError(f"Konversi PDF {name} melebihi {timeout:g} detik", code="pdf_timeout") from exc
    return out, err, proc.returncode
