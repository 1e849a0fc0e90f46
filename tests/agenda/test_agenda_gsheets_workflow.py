"""The workflow tests' SOP path (steps 1-7) with the agenda on Google Sheets (the stand-in).

The same helpers as the xlsx workflow tests (`workflow_util`), with the backend switched by
config and an official's typing done in the "browser" (the stand-in's person_edits).
Request counts per ingest and per poll come from the stand-in's log.
"""
from __future__ import annotations

import pytest

import workflow_util as wu
from pipeline import cli
from sheets_standin import SheetsStandIn
from test_agenda_gsheets import make_office
from workflow_util import PDF1, PDF2, case, docx_text, mark, register, rows, status_events, sync, walk


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    """Two letters registered into a Google Sheets agenda, with the request log around it."""
    tmp = tmp_path_factory.mktemp("gsheets")
    with SheetsStandIn() as api, pytest.MonkeyPatch.context() as mp:
        office = make_office(api, tmp, mp)
        assert cli.main(["init", "--root", str(office.root)]) == 0
        before = len(api.requests)
        numbers = register(office.root, PDF1, PDF2)
        office.ingest_requests = office.sheets_requests(before)
        mp.setattr(wu, "type_cells", lambda root, sheet, no, cells: office.person_types(sheet, no, cells))
        yield office, numbers


def test_ingest_costs_at_most_one_read_and_one_write_per_letter(flow):
    office, numbers = flow
    assert len(numbers) == 2
    kinds = [(r.method, r.path.rsplit("/", 1)[-1]) for r in office.ingest_requests]
    # one write per run of letters read ahead: one for both, or one each if the second was read late
    writes = len(kinds) // 2
    assert 1 <= writes <= 2 and kinds == [("GET", "values:batchGet"), ("POST", "values:batchUpdate")] * writes
    for no in numbers:
        row = office.row(no)
        assert row["Status"] == "Tercatat" and row["Perusahaan"]
    assert office.row(numbers[0])["NPWP"] == "095260054525000"  # digits, as text


def test_a_poll_is_one_read_and_a_cycle_one_values_write(flow):
    office, numbers = flow
    sync(office.root)  # the first cycle fills Tahap/Tenggat/Terlambat
    before = len(office.api.requests)
    result = sync(office.root)
    assert result.applied == [] and result.refused == []
    (poll,) = office.sheets_requests(before)  # an idle poll: exactly one request
    assert (poll.method, poll.path.rsplit("/", 1)[-1]) == ("GET", "values:batchGet")
    for no in numbers:  # officials move both cases at once
        assert mark(office.root, no, "Didisposisi") == 0
    before = len(office.api.requests)
    result = sync(office.root)
    assert sorted(a.new for a in result.applied) == ["Didisposisi", "Didisposisi"]
    requests = office.sheets_requests(before)
    writes = [r.path.rsplit(":", 1)[-1] for r in requests if r.method != "GET"]
    assert writes == ["batchUpdate", "append"]  # whatever the number of cases: the agenda, then the Riwayat rows
    assert len(requests) == 5  # the poll's read, the read just before the write, the write, Riwayat read + append
    history = office.api.values(office.sid, "Riwayat")
    assert history[0][:4] == ["No.", "Waktu", "Oleh", "No. Agenda"]
    assert sorted(r[3] for r in history[1:] if r[5] == "Didisposisi") == sorted(numbers)
    prefilled = office.row(numbers[0], "Evaluasi")
    assert prefilled["Badan Hukum PT"] == "Ya" and prefilled["Rekening Perusahaan"] == ""


def test_full_sop_path_to_selesai_and_to_ditolak(flow):
    office, numbers = flow
    first, second = numbers
    office.person_types("Agenda", first, {"Perusahaan": "PT Arjuna Kanal Informasi Nusantara"})  # the clerk
    walk(office.root, first, "Selesai")
    status, folder = case(office.root, first)
    assert status == "Selesai" and folder.startswith("arsip/")
    archived = office.root / folder
    files = sorted(p.name for p in archived.iterdir())
    for name in ("perjanjian_kerja_sama.docx", "lembar_isian_evaluasi.docx", "hasil_evaluasi.docx", PDF1.name):
        assert name in files
    text = docx_text(archived / "perjanjian_kerja_sama.docx")
    for expected in ("PT Arjuna Kanal Informasi Nusantara", "NPWP 09.526.005.4-525.000", "NIB 8120298061516",
                     "Rp15.000.000,00 (lima belas juta rupiah)", "12 (dua belas) bulan",
                     "Nomor PIHAK KEDUA: 017/PKS/AKI/XI/2026"):
        assert expected in text, expected
    row = rows(office.root)[first]
    assert (row["Status"], row["Hasil Evaluasi"], row["Kelas Media"], row["Skor"]) == ("Selesai", "Memenuhi", "A",
                                                                                      "100/100")
    assert row["Nomor Perjanjian"].startswith("000.9/1/406.021/") and row["Tahap"] == "Selesai (arsip)"
    assert [new for _, new in status_events(office.root, first)][-1] == "Selesai"
    ev = office.row(first, "Evaluasi")
    assert (ev["Skor"], ev["Kelas"], ev["Hasil"]) == ("100", "A", "Memenuhi")
    assert office.api.cell(office.sid, "Evaluasi", "D2")  # the sheet holds the case's row

    walk(office.root, second, "Ditolak", evaluation={**wu.answers(rekening="Tidak", dewan_pers="belum"),
                                                     "Catatan Verifikator": "Rekening bank belum dilampirkan"})
    status, folder = case(office.root, second)
    assert status == "Ditolak" and "/ditolak/" in folder
    text = docx_text(office.root / folder / "berita_acara_penolakan.docx")
    assert "TIDAK MEMENUHI" in text and "Verifikator: Rekening bank belum dilampirkan" in text
    assert rows(office.root)[second]["Hasil Evaluasi"] == "Tidak Memenuhi"
    keys = [r[0] for r in office.api.values(office.sid, "Agenda")[1:]]
    assert sorted(keys) == sorted(numbers)  # no row twice


def test_an_illegal_status_is_refused_in_pesan_sistem(flow):
    office, numbers = flow
    first = numbers[0]
    before = case(office.root, first)
    assert mark(office.root, first, "Dibatalkan") == 0
    result = sync(office.root)
    assert result.applied == [] and result.refused
    assert "tidak" in office.row(first)["Pesan Sistem"] and case(office.root, first) == before


def test_during_an_outage_letters_and_cases_go_on_and_the_agenda_catches_up_once(tmp_path, monkeypatch):
    from workflow_util import PDF3, db

    with SheetsStandIn() as api:
        office = make_office(api, tmp_path, monkeypatch)
        assert cli.main(["init", "--root", str(office.root)]) == 0
        api.outage(True)  # Google unreachable: connections reset
        before = len(api.requests)
        (no,) = register(office.root, PDF3)
        status, folder = case(office.root, no)
        assert status == "Tercatat" and (office.root / folder / PDF3.name).is_file()  # registered all the same
        assert len(office.sheets_requests(before)) == 4  # given up after max_attempts, then paused:
        assert len(office.sleeps) == 3  # the later flush sent nothing (jittered waits on simulated time)
        office.advance(61)
        api.outage(False)
        sync(office.root)  # back: the row is written
        assert [r[0] for r in api.values(office.sid, "Agenda")[1:]] == [no]

        assert mark(office.root, no, "Didisposisi") == 0
        api.faults.add(status=503, times=1000, method="POST")  # reads work, every write fails
        result = sync(office.root)
        assert [a.new for a in result.applied] == ["Didisposisi"] and result.waiting_rows
        assert case(office.root, no)[1].startswith("02-disposisi/")  # the folder moved anyway
        assert "Didisposisi" not in office.row(no)["Pesan Sistem"]  # the agenda waits for Google
        api.faults.clear()
        result = sync(office.root)
        assert result.applied == [] and result.waiting_rows == 0
        assert [r[0] for r in api.values(office.sid, "Agenda")[1:]] == [no]
        assert [r[0] for r in api.values(office.sid, "Evaluasi")[1:]] == [no]  # prefilled once
        assert "Didisposisi" in office.row(no)["Pesan Sistem"]
        pending = db(office.root).execute("SELECT count(*) FROM outbox WHERE state = 'menunggu'").fetchone()
        assert pending == (0,)


def test_evaluation_answers_are_read_from_the_sheet_and_a_status_typed_meanwhile_stays(tmp_path, monkeypatch):
    from workflow_util import PDF3

    with SheetsStandIn() as api:
        office = make_office(api, tmp_path, monkeypatch)
        assert cli.main(["init", "--root", str(office.root)]) == 0
        (no,) = register(office.root, PDF3)
        assert mark(office.root, no, "didisposisi") == 0  # typed in lower case: shown back as the SOP spells it
        api.faults.add(status=503, times=1000, method="POST")  # the agenda cannot be written for now
        assert [a.new for a in sync(office.root).applied] == ["Didisposisi"]
        api.faults.clear()
        office.advance(61)
        office.person_types("Agenda", no, {"Status": "Diverifikasi"})  # an official moves on meanwhile
        (refused,) = sync(office.root).refused
        assert office.row(no)["Status"] == "Diverifikasi"  # the queued 'Didisposisi' did not overwrite it
        assert "Rekening Perusahaan" in refused.message and case(office.root, no)[0] == "Didisposisi"
        office.person_types("Evaluasi", no, wu.answers())
        (applied,) = sync(office.root).applied  # the request still stands: applied once answered
        assert applied.new == "Diverifikasi" and "Memenuhi" in applied.message
        assert office.row(no, "Evaluasi")["Hasil"] == "Memenuhi"
