"""`kerjasama extract FILE --json`: read one letter and print its fields; touches nothing on disk."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.core import settings as config
from pipeline.core.errors import InputRejected
from pipeline.read.isolated import read_letter_isolated

LABELS = {
    "nomor_surat": "Nomor surat",
    "tanggal_surat": "Tanggal surat",
    "perihal": "Perihal",
    "nama_perusahaan": "Perusahaan",
    "bentuk_badan_usaha": "Bentuk badan usaha",
    "nama_media": "Media",
    "jenis_media": "Jenis media",
    "alamat": "Alamat",
    "telepon": "Telepon",
    "email": "Email",
    "website": "Website",
    "npwp": "NPWP",
    "nib": "NIB",
    "nomor_akta": "Nomor akta",
    "sk_kemenkumham": "SK Kemenkumham",
    "status_dewan_pers": "Status Dewan Pers",
    "pemimpin_redaksi": "Pemimpin redaksi",
    "ukw_utama": "UKW Utama",
    "penandatangan": "Penandatangan",
    "jabatan_penandatangan": "Jabatan penandatangan",
}


def run(args) -> int:
    path = Path(args.file)
    if not path.exists():
        raise InputRejected(f"Berkas tidak ditemukan: {path}", code="not_found")
    if not path.is_file():
        raise InputRejected(f"Bukan berkas biasa (mungkin folder): {path}", code="not_a_file")
    # A child process does the reading, so no file can hang or crash this command.
    # This process has no threads yet, so a plain fork is safe and costs nothing.
    timeout = config.settings("limits").seconds_per_document
    reading = read_letter_isolated(path, timeout=timeout, context="fork")
    data = reading.letter.model_dump()
    if args.json:
        # `bukti` is the one key beyond CONTRACT.md's fields: where each value was read, why flagged
        sys.stdout.write(json.dumps({**data, "bukti": reading.bukti}, ensure_ascii=False) + "\n")
        return 0
    review = set(data["perlu_ditinjau"])
    for key, label in LABELS.items():
        value = data[key]
        why = "; ".join(reading.bukti.get(key, {}).get("alasan", []))
        mark = f"  (perlu ditinjau: {why})" if key in review and why else "  (perlu ditinjau)" if key in review else ""
        shown = "-" if value is None else {True: "Ya", False: "Tidak"}.get(value, value) if isinstance(value, bool) else value
        print(f"{label:<22}: {shown}{mark}")
    return 0
