"""The printable Buku Agenda of one month or one year (`kerjasama buku-agenda`).

One row per letter received in the period, from the agenda as officials see it (rows in
the order of their No. Agenda's receipt), rendered from `templates/buku_agenda.docx`
(landscape, header row on every page, signed by the head of office) and copied to PDF.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.agenda import KEY
from pipeline.documents.context import kantor, kepala_jabatan, signer
from pipeline.documents.render import BULAN, KOSONG, TEMPLATES, render_docx, tanggal_indonesia, teks

TEMPLATE = TEMPLATES / "buku_agenda.docx"


@dataclass(frozen=True)
class Period:
    """A month (`month` set) or a whole year."""

    year: int
    month: int | None = None

    @classmethod
    def parse(cls, bulan: str | None = None, tahun: str | None = None) -> "Period":
        """'2026-11' or '2026'; ValueError (Indonesian) for anything else."""
        if bulan is not None:
            m = re.fullmatch(r"(\d{4})-(\d{2})", bulan.strip())
            if not m or not 1 <= int(m.group(2)) <= 12:
                raise ValueError(f"--bulan '{bulan}' harus berbentuk TAHUN-BULAN, mis. 2026-11")
            return cls(int(m.group(1)), int(m.group(2)))
        m = re.fullmatch(r"\d{4}", (tahun or "").strip())
        if not m:
            raise ValueError(f"--tahun '{tahun}' harus empat angka, mis. 2026")
        return cls(int(m.group(0)))

    @property
    def prefix(self) -> str:  # of an ISO date in the period
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}-"

    @property
    def slug(self) -> str:
        return self.prefix.rstrip("-")

    @property
    def shown(self) -> str:
        return f"{BULAN[self.month - 1]} {self.year}" if self.month else f"Tahun {self.year}"


def _keterangan(row: dict[str, str]) -> str:
    parts = [f"Perjanjian {row['Nomor Perjanjian']}" if row.get("Nomor Perjanjian") else "",
             f"Evaluasi: {row['Hasil Evaluasi']}" if row.get("Hasil Evaluasi") else "",
             f"berakhir {tanggal_indonesia(row['Tanggal Berakhir'][:10])}" if row.get("Tanggal Berakhir") else ""]
    return teks("; ".join(p for p in parts if p) or None)


def book_rows(rows: dict[str, dict[str, str]], period: Period) -> list[dict[str, str]]:
    """The agenda rows received in the period, oldest first, as the book prints them."""
    chosen = [r for r in rows.values() if str(r.get("Tanggal Terima") or "").startswith(period.prefix)]
    chosen.sort(key=lambda r: (str(r.get("Tanggal Terima") or ""), str(r.get(KEY) or "")))
    out = []
    for n, r in enumerate(chosen, start=1):
        received = str(r.get("Tanggal Terima") or "")
        media = r.get("Media") or ""
        company, bentuk = (r.get("Perusahaan") or "").strip(), (r.get("Bentuk Badan Usaha") or "").strip()
        if company and bentuk and not company.upper().startswith(bentuk.upper()):
            company = f"{bentuk} {company}"
        asal = f"{company} ({media})" if company and media and media != company else company or media
        out.append({
            "no": str(n), "no_agenda": teks(r.get(KEY)),
            "diterima": teks(f"{tanggal_indonesia(received[:10])} {received[11:16].replace(':', '.')}".strip()
                             if received else None),
            "surat": teks(" / ".join(x for x in (r.get("Nomor Surat") or "",
                                                 tanggal_indonesia(r["Tanggal Surat"][:10]) if r.get("Tanggal Surat")
                                                 else "") if x) or None),
            "asal": teks(asal or None), "perihal": teks(r.get("Perihal")), "status": teks(r.get("Status")),
            "keterangan": _keterangan(r),
        })
    return out


def write_agenda_book(path: Path, *, rows: dict[str, dict[str, str]], period: Period, office: dict,
                      printed: date, template: Path | None = None) -> Path:
    """Render the book of `period` from the agenda `rows` ({No. Agenda: {header: text}}) to `path`."""
    lines = book_rows(rows, period)
    kepala = office.get("kepala") or {}
    context = {
        "kantor": kantor(office), "periode": period.shown, "jumlah": str(len(lines)),
        "baris": lines or [{k: KOSONG for k in ("no", "no_agenda", "diterima", "surat", "asal", "perihal", "status",
                                                 "keterangan")}],
        "dicetak": tanggal_indonesia(printed),
        "kepala": {**signer("", f"{kepala_jabatan(office)},", kepala), "judul": "Mengetahui,"},
    }
    return render_docx(template or TEMPLATE, context, path)
