"""Office data still left as shipped: the dotted placeholders of `config/office.yaml`.

Every document prints the office's letterhead and signatories from that file; a value that
still holds a run of dots (`Jl. ……`, `(0355) ……`, a dotted name or NIP) would be printed as
it is on an official document. `check_office()` gives `kerjasama doctor` its findings as
(level, name, detail, fix) tuples.
"""
from __future__ import annotations

import re
from typing import Any

from pipeline.core import settings as config
from pipeline.documents import logo

DOTS = re.compile(r"\.{3,}|\u2026")  # "..." or the ellipsis character
NAME = "data kantor (office.yaml)"
CHECKED = ("pemerintah", "nama", "alamat", "kode_pos", "telepon", "email", "website", "kepala", "anggaran")


def placeholders(data: Any, prefix: str = "") -> list[str]:
    """Dotted key paths ('kepala.nama') whose value still holds a placeholder."""
    if isinstance(data, dict):
        return [k for key, value in data.items() for k in placeholders(value, f"{prefix}{key}.")]
    if isinstance(data, list):
        return [k for i, value in enumerate(data) for k in placeholders(value, f"{prefix}{i}.")]
    return [prefix.rstrip(".")] if isinstance(data, str) and DOTS.search(data) else []


def _where() -> str:
    office = config.office_dir()
    return f"{office}/office.yaml" if office else f"office.yaml di folder yang ditunjuk {config.ENV}"


def check_office() -> list[tuple[str, str, str, str]]:
    try:
        office = config.load("office")
    except Exception as exc:  # a broken office.yaml is a finding, not a crash of the doctor
        return [("GAGAL", NAME, f"office.yaml tidak dapat dibaca ({str(exc).splitlines()[0][:160]})",
                 "perbaiki berkas itu")]
    findings = []
    left = placeholders({k: office.get(k) for k in CHECKED if k in office})
    if left:
        findings.append(("GAGAL", NAME, "masih berisi titik-titik, akan tercetak di setiap dokumen: " + ", ".join(left),
                         f"isi nilai itu di {_where()}"))
    else:
        findings.append(("OK", NAME, "kop surat dan penanda tangan terisi"))
    name = logo.configured(office)
    if name is None:
        findings.append(("PERINGATAN", "logo kop surat", "belum ditentukan; kop surat dicetak tanpa logo",
                         f"simpan gambar PNG/JPEG lambang daerah dan tulis `logo: nama-berkas.png` di {_where()}"))
    else:
        try:
            path = logo.resolve(name)
            findings.append(("OK", "logo kop surat", str(path)))
        except logo.LogoProblem as exc:
            findings.append(("GAGAL", "logo kop surat", str(exc), f"perbaiki `logo` di {_where()}"))
    return findings
