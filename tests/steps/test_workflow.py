"""SOP steps 2-7 driven from the agenda: `kerjasama mark` + `sync` on real registered letters."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from workflow_util import (
    PDF1, PDF2, PDF3, answers, case, clone, db, docx_text, mark, register, rows, sheet_row, status_events, sync,
    tree, type_cells, walk,
)

ORDER = ["Tercatat", "Didisposisi", "Diverifikasi", "Diteliti", "Disetujui", "Ditolak", "Diproses", "Selesai"]


@pytest.fixture(scope="module")
def registered(tmp_path_factory) -> tuple[Path, list[str]]:
    template = tmp_path_factory.mktemp("terdaftar") / "root"
    numbers = register(template, PDF1, PDF2, PDF3)
    assert len(numbers) == 3
    return template, numbers


@pytest.fixture
def root(registered, tmp_path) -> Path:
    return clone(registered[0], tmp_path / "root")


@pytest.fixture
def nos(registered) -> list[str]:
    return registered[1]


def year(no: str) -> str:
    return no.rsplit("/", 1)[1]


# --- the whole path -----------------------------------------------------------------------------


def test_one_case_to_selesai_with_its_contract(root, nos):
    no = nos[0]
    type_cells(root, "Agenda", no, {"Perusahaan": "PT Arjuna Kanal Informasi Nusantara"})  # the clerk's correction
    walk(root, no, "Selesai")
    status, folder = case(root, no)
    assert status == "Selesai" and folder.startswith(f"arsip/{year(no)}/") and folder.count("/") == 2
    archived = root / folder
    files = sorted(p.name for p in archived.iterdir())
    for name in ("perjanjian_kerja_sama.docx", "lembar_isian_evaluasi.docx", "hasil_evaluasi.docx",
                 "lembar-disposisi.docx", PDF1.name):
        assert name in files
    text = docx_text(archived / "perjanjian_kerja_sama.docx")
    for expected in ("PT Arjuna Kanal Informasi Nusantara", "NPWP 09.526.005.4-525.000", "NIB 8120298061516",
                     "Rp15.000.000,00 (lima belas juta rupiah)", "12 (dua belas) bulan",
                     "Nomor PIHAK PERTAMA: 000.9/1/406.021/", "Nomor PIHAK KEDUA: 017/PKS/AKI/XI/2026"):
        assert expected in text, expected
    result = docx_text(archived / "hasil_evaluasi.docx")
    assert "MEMENUHI" in result and "100" in result
    row = rows(root)[no]
    assert (row["Status"], row["Hasil Evaluasi"], row["Kelas Media"], row["Skor"]) == ("Selesai", "Memenuhi", "A",
                                                                                      "100/100")
    assert row["Nomor Perjanjian"].startswith("000.9/1/406.021/")
    assert row["Tahap"] == "Selesai (arsip)" and row["Tenggat"] == "" and "arsip/" in row["Pesan Sistem"]
    assert status_events(root, no) == list(zip(ORDER[:4] + ["Disetujui", "Diproses"],
                                               ["Didisposisi", "Diverifikasi", "Diteliti", "Disetujui", "Diproses",
                                                "Selesai"]))
    details = [json.loads(d) for (d,) in db(root).execute(
        "SELECT details FROM events WHERE what = 'status_diubah' AND agenda_no = ? ORDER BY id", (no,))]
    assert [d["catatan"] for d in details][0] == "catatan Didisposisi"
    assert list((root / "masuk").iterdir()) == []
    ev = sheet_row(root, "Evaluasi", no)
    assert (ev["Skor"], ev["Kelas"], ev["Hasil"]) == (100, "A", "Memenuhi")


def test_other_case_to_ditolak_is_documented_and_archived_without_contract(root, nos):
    no = nos[1]
    walk(root, no, "Ditolak", evaluation={**answers(rekening="Tidak", dewan_pers="belum"),
                                          "Catatan Verifikator": "Rekening bank belum dilampirkan"})
    status, folder = case(root, no)
    assert status == "Ditolak" and folder.startswith(f"arsip/{year(no)}/ditolak/")
    files = sorted(p.name for p in (root / folder).iterdir())
    assert "berita_acara_penolakan.docx" in files and "perjanjian_kerja_sama.docx" not in files
    text = docx_text(root / folder / "berita_acara_penolakan.docx")
    assert "TIDAK MEMENUHI" in text and "PT Cempaka Pos Mandiri" in text
    for note in ("catatan Didisposisi", "catatan Diteliti", "catatan Ditolak", "Rekening Perusahaan",
                 "Verifikator: Rekening bank belum dilampirkan"):
        assert note in text, note
    assert db(root).execute("SELECT count(*) FROM contracts").fetchone() == (0,)
    assert rows(root)[no]["Hasil Evaluasi"] == "Tidak Memenuhi"


def test_approving_a_case_that_does_not_meet_the_requirements_is_allowed_but_said(root, nos):
    no = nos[0]
    walk(root, no, "Diteliti", evaluation=answers(npwp="Tidak"))
    assert mark(root, no, "Disetujui") == 0
    (applied,) = sync(root).applied
    assert applied.new == "Disetujui" and "PERHATIAN" in applied.message and "Tidak Memenuhi" in applied.message
    assert "PERHATIAN" in rows(root)[no]["Pesan Sistem"]
    (last,) = [json.loads(d) for (d,) in db(root).execute(
        "SELECT details FROM events WHERE what = 'status_diubah' AND agenda_no = ? ORDER BY id DESC LIMIT 1", (no,))]
    assert "Tidak Memenuhi" in last["peringatan"]


# --- refusals ------------------------------------------------------------------------------------


def _try_illegal(root: Path, no: str, current: str) -> None:
    legal = {"Tercatat": ["Didisposisi"], "Didisposisi": ["Diverifikasi"], "Diverifikasi": ["Diteliti"],
             "Diteliti": ["Disetujui", "Ditolak"], "Disetujui": ["Diproses"], "Diproses": ["Selesai"],
             "Selesai": [], "Ditolak": []}[current]
    before_tree, before_case = tree(root), case(root, no)
    for typed in [s for s in ORDER if s != current and s not in legal] + ["Dibatalkan", ""]:
        assert mark(root, no, typed) == 0
        result = sync(root)
        assert result.applied == [], (current, typed)
        (refused,) = result.refused
        shown = rows(root)[no]["Pesan Sistem"]
        assert shown == refused.message and "tidak" in shown
        for name in legal:
            assert f"'{name}'" in shown, (current, typed, shown)
        if not legal:
            assert "akhir" in shown
        assert f"'{typed}'" in shown or not typed  # what was typed, why, and what is legal
        assert f"dikembalikan ke '{current}'" in shown
        assert rows(root)[no]["Status"] == current  # the cell shows the real status again
        assert case(root, no) == before_case and tree(root) == before_tree  # nothing moved, nothing written
        again = sync(root)  # nothing waits: the put-back cell is the case's own status
        assert again.applied == [] and again.refused == []
        assert rows(root)[no]["Pesan Sistem"] == shown  # the explanation stays until the next change
    events = db(root).execute("SELECT count(*) FROM events WHERE what = 'status_tidak_diterapkan' AND agenda_no = ?"
                              " AND json_extract(details, '$.status') = ?", (no, current)).fetchone()[0]
    assert events == len([s for s in ORDER if s != current and s not in legal]) + 2


def test_every_illegal_jump_is_refused_and_nothing_moves(root, nos):
    no = nos[0]
    for current, nxt in [("Tercatat", "Didisposisi"), ("Didisposisi", "Diverifikasi"), ("Diverifikasi", "Diteliti"),
                         ("Diteliti", "Disetujui"), ("Disetujui", "Diproses"), ("Diproses", "Selesai"),
                         ("Selesai", None)]:
        _try_illegal(root, no, current)
        if nxt:
            walk(root, no, nxt)
    other = nos[1]
    walk(root, other, "Ditolak")
    _try_illegal(root, other, "Ditolak")


def test_incomplete_evaluation_is_refused_naming_the_missing_criteria(root, nos):
    no = nos[0]
    assert mark(root, no, "Didisposisi") == 0
    sync(root)
    prefilled = sheet_row(root, "Evaluasi", no)
    assert prefilled["Badan Hukum PT"] == "Ya" and prefilled["Perusahaan"] == "PT Arjuna Kanal Informasi"
    assert prefilled["Rekening Perusahaan"] in (None, "")  # never guessed from a letter
    assert mark(root, no, "Diverifikasi") == 0
    result = sync(root)
    (refused,) = result.refused
    assert "Rekening Perusahaan" in refused.message and "Usia Media" in refused.message
    assert "Badan Hukum PT" not in refused.message
    assert case(root, no)[0] == "Didisposisi" and case(root, no)[1].startswith("02-disposisi/")
    type_cells(root, "Evaluasi", no, {"Rekening Perusahaan": "ya ", "Usia Media ≥ 1 Tahun": "Tidak"})
    (applied,) = sync(root).applied  # the request still stands: applied once complete, no re-typing
    assert applied.new == "Diverifikasi" and "skor 95 dari 100, kelas A, Memenuhi" in applied.message
    assert (root / case(root, no)[1] / "hasil_evaluasi.docx").is_file()


def test_contract_needs_value_and_duration_and_serials_are_never_reused(root, nos):
    a, b = nos[0], nos[2]
    for no in (a, b):
        walk(root, no, "Disetujui")
    assert mark(root, a, "Diproses") == 0
    (refused,) = sync(root).refused
    assert "Nilai Kerja Sama belum diisi" in refused.message and "Jangka Waktu belum diisi" in refused.message
    assert case(root, a)[0] == "Disetujui"
    assert db(root).execute("SELECT count(*) FROM contracts").fetchone() == (0,)  # no number burnt
    type_cells(root, "Agenda", a, {"Nilai Kerja Sama": "lima juta", "Jangka Waktu": "6 bulan"})
    (refused,) = sync(root).refused
    assert "bukan jumlah rupiah" in refused.message
    type_cells(root, "Agenda", a, {"Nilai Kerja Sama": 5000000})  # a number cell, as Excel stores it
    (applied,) = sync(root).applied
    assert applied.new == "Diproses"
    type_cells(root, "Agenda", b, {"Nilai Kerja Sama": "Rp 2.500.000", "Jangka Waktu": "1 tahun"})
    assert mark(root, b, "Diproses") == 0
    sync(root)
    serials = db(root).execute("SELECT agenda_no, serial FROM contracts ORDER BY serial").fetchall()
    assert serials == [(a, 1), (b, 2)]
    assert "Rp5.000.000,00" in docx_text(root / case(root, a)[1] / "perjanjian_kerja_sama.docx")
    assert "000.9/2/406.021/" in docx_text(root / case(root, b)[1] / "perjanjian_kerja_sama.docx")


HOSTILE = "PT {{ 7*7 }} {% for x in range(3) %}X{% endfor %} Media"


@pytest.mark.parametrize("to", ["Selesai", "Ditolak"])
def test_company_name_with_template_syntax_renders_literally_everywhere(root, nos, to):
    no = nos[0]
    type_cells(root, "Agenda", no, {"Perusahaan": HOSTILE})
    walk(root, no, to)
    made = sorted((root / case(root, no)[1]).glob("*.docx"))
    # The disposition sheet is rendered again when the disposition is given, from the corrected row.
    assert len(made) == 4 and "lembar-disposisi.docx" in [p.name for p in made]
    for path in made:
        text = docx_text(path)
        assert "{{ 7*7 }}" in text and "{% for x in range(3) %}X{% endfor %}" in text, path.name
        assert "PT 49" not in text and "XXX" not in text


def test_sync_twice_changes_nothing_the_second_time(root, nos):
    assert mark(root, nos[0], "Didisposisi") == 0
    sync(root)
    before = (root / "agenda.xlsx").read_bytes()
    outbox = db(root).execute("SELECT count(*) FROM outbox").fetchone()
    result = sync(root)
    assert result.applied == [] and result.refused == []
    assert (root / "agenda.xlsx").read_bytes() == before  # an idle cycle does not rewrite the workbook
    assert db(root).execute("SELECT count(*) FROM outbox").fetchone() == outbox


def test_a_status_typed_while_the_agenda_is_open_waits_and_is_not_overwritten(root, nos):
    no = nos[0]
    assert mark(root, no, "didisposisi") == 0
    lock = root / ".~lock.agenda.xlsx#"
    lock.write_text("pejabat")
    result = sync(root)  # applied from the saved file; the agenda write waits
    assert [a.new for a in result.applied] == ["Didisposisi"] and result.waiting_rows
    lock.unlink()
    type_cells(root, "Agenda", no, {"Status": "Diverifikasi"})  # typed meanwhile
    sync(root)
    assert rows(root)[no]["Status"] == "Diverifikasi"  # not overwritten by the queued 'Didisposisi'
    assert case(root, no)[0] == "Didisposisi"  # and refused: answers missing


# --- mark ------------------------------------------------------------------------------------------


def test_mark_only_writes_the_agenda(root, nos, capsys):
    events = db(root).execute("SELECT count(*) FROM events").fetchone()
    assert mark(root, nos[0], "Didisposisi", catatan="=SUM(A1)") == 0
    row = rows(root)[nos[0]]
    assert (row["Status"], row["Catatan"]) == ("Didisposisi", "=SUM(A1)")
    assert db(root).execute("SELECT count(*) FROM events").fetchone() == events
    assert case(root, nos[0])[0] == "Tercatat"
    assert "kerjasama sync" in capsys.readouterr().out


def test_mark_refuses_unknown_numbers_and_an_open_agenda(root, nos, capsys):
    assert mark(root, "999/KSM/2000", "Didisposisi") == 2
    assert "999/KSM/2000" in capsys.readouterr().err
    before = (root / "agenda.xlsx").read_bytes()
    (root / "~$agenda.xlsx").write_text("x")
    assert mark(root, nos[0], "Didisposisi") == 2
    assert "tutup" in capsys.readouterr().err
    assert (root / "agenda.xlsx").read_bytes() == before


def test_a_case_folder_moved_away_by_hand_holds_the_change_and_says_so(root, nos, tmp_path):
    no = nos[0]
    folder = root / case(root, no)[1]
    folder.rename(tmp_path / "dipinjam")
    assert mark(root, no, "Didisposisi") == 0
    result = sync(root)
    assert result.applied == [] and result.errors
    assert "tidak ditemukan" in rows(root)[no]["Pesan Sistem"] and case(root, no)[0] == "Tercatat"
    (tmp_path / "dipinjam").rename(folder)  # brought back
    (applied,) = sync(root).applied
    assert applied.new == "Didisposisi" and "diterapkan" in rows(root)[no]["Pesan Sistem"]
    assert (root / case(root, no)[1] / "lembar_isian_evaluasi.docx").is_file()
