"""`kerjasama doctor` for the Google Sheets agenda: credentials, access, sharing, edit right.

Each finding is (level, name, detail, fix), the fix naming what a person does (in
Indonesian). The edit-right probe writes the header row's own text back (RAW) — the only
way the Sheets API tells whether we may edit — so nothing visible changes. `agenda` is a
`GSheetsAgenda`; this module reaches the spreadsheet only through it.
"""
from __future__ import annotations

import stat
from typing import Iterator

from pipeline.agenda.gsheets.client import EVALUATION_GROUP, LETTER_GROUP, AgendaAccessError, AgendaUnavailable
from pipeline.agenda.gsheets.grid import sheet_of

Finding = tuple[str, str, str, str]
NAME = "agenda Google Sheets"


def check(agenda) -> list[Finding]:
    return list(_checks(agenda))


def _checks(agenda) -> Iterator[Finding]:
    settings = agenda.settings
    path = settings.key_file()
    if path is None:
        yield ("GAGAL", "kunci akun layanan", "belum diatur",
               "isi google_sheets.credentials_file di config/agenda.yaml atau atur GOOGLE_APPLICATION_CREDENTIALS")
        return
    if not path.is_file():
        yield ("GAGAL", "kunci akun layanan", f"berkas {path} tidak ada",
               "unduh kunci JSON akun layanan dari Google Cloud Console (IAM & Admin → Service Accounts → Keys) "
               f"dan simpan di {path}")
        return
    try:
        client = agenda.connect()
    except AgendaAccessError as exc:
        yield ("GAGAL", "kunci akun layanan", exc.message, "unduh ulang kunci JSON dari Google Cloud Console")
        return
    email = client.service_account_email
    yield ("OK", "kunci akun layanan", f"{path} (akun {email})", "")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        yield ("PERINGATAN", "hak akses kunci", f"{path} dapat dibaca pengguna lain", f"jalankan: chmod 600 {path}")
    yield from _access(agenda, email)


def _access(agenda, email: str) -> Iterator[Finding]:
    try:
        meta = agenda.book.metadata()
    except AgendaAccessError as exc:
        yield ("GAGAL", NAME, exc.message, _fix(exc.code, email))
        return
    except AgendaUnavailable as exc:
        yield ("GAGAL", NAME, exc.message, "periksa sambungan internet/proxy kantor, lalu ulangi")
        return
    title = meta.get("properties", {}).get("title", agenda.sid)
    if sheet_of(meta, agenda.layout.sheet) is None:
        yield ("PERINGATAN", NAME, f"'{title}' terbuka, tetapi lembar '{agenda.layout.sheet}' belum ada",
               "jalankan: kerjasama init")
        return
    try:
        grid = agenda.book.read([agenda.layout.sheet])[0]
    except (AgendaAccessError, AgendaUnavailable) as exc:
        yield ("GAGAL", NAME, exc.message, _fix(exc.code, email))
        return
    if grid.header_row is None:
        yield ("PERINGATAN", NAME, f"lembar '{agenda.layout.sheet}' belum berjudul kolom", "jalankan: kerjasama init")
        return
    yield from _edit_right(agenda, grid, email)
    yield ("OK", NAME, f"'{title}' ({agenda.sid}); {len(grid.index)} surat tercatat", "")
    yield from _roles(agenda)


def _edit_right(agenda, grid, email: str) -> Iterator[Finding]:
    # gspread takes about a second to load; `kerjasama doctor` for an xlsx agenda never needs it.
    from gspread.utils import absolute_range_name, rowcol_to_a1

    row = grid.values[grid.header_row]
    a1 = f"{rowcol_to_a1(grid.header_row + 1, 1)}:{rowcol_to_a1(grid.header_row + 1, len(row))}"
    body = {"valueInputOption": "RAW", "data": [{"range": absolute_range_name(agenda.layout.sheet, a1),
                                                  "values": [row]}]}
    try:
        agenda.client.call("menulis agenda (uji hak ubah)", agenda.client.http.values_batch_update, agenda.sid, body)
    except (AgendaAccessError, AgendaUnavailable) as exc:
        yield ("GAGAL", "hak ubah agenda", exc.message, _fix(getattr(exc, "code", ""), email, writing=True))
        return
    yield ("OK", "hak ubah agenda", f"akun {email} dapat mengubah agenda", "")


def _roles(agenda) -> Iterator[Finding]:
    wanted = [*sorted(agenda.layout.official_columns), LETTER_GROUP, EVALUATION_GROUP]
    open_columns = [c for c in wanted if not agenda.settings.editors_of(c)]
    if open_columns:
        yield ("PERINGATAN", "peran pengisi kolom", "tanpa e-mail peran (siapa pun yang berhak Editor dapat "
               "mengisinya): " + ", ".join(open_columns),
               "isi google_sheets.roles di config/agenda.yaml, lalu jalankan: kerjasama init")


def _fix(code: str, email: str, writing: bool = False) -> str:
    if code == "agenda_api_disabled":
        return "aktifkan Google Sheets API: Google Cloud Console → APIs & Services → Library → Google Sheets API"
    if code in ("agenda_not_shared", "agenda_read_only") or writing:
        return f"buka spreadsheet → Bagikan (Share) → tambahkan {email} sebagai Editor"
    if code == "agenda_bad_key":
        return "buat kunci JSON baru untuk akun layanan itu dan ganti berkas kuncinya"
    if code == "agenda_unavailable":
        return "periksa sambungan internet/proxy kantor, lalu ulangi"
    return "periksa google_sheets di config/agenda.yaml"
