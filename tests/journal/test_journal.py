"""The intake journal: agenda serials, append-only events, the outbox."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from pipeline import journal as J
from pipeline.journal import schema

PATTERN = "{serial:03d}/KSM/{year}"


def _input(j: J.Journal, n: int) -> J.InputRecord:
    return j.add_input(sha256=f"{n:064x}", original_name=f"surat{n}.pdf", size=n, source_path=f"/in/surat{n}.pdf",
                       received_at="2026-11-26T10:00:00+07:00")


def _allocate(j: J.Journal, rec: J.InputRecord, *, year: int = 2026, dup_key: str | None = None) -> J.CaseRecord:
    return j.allocate_case(
        rec.id, year=year, number_pattern=PATTERN, folder_for=lambda no: "01-tercatat/" + no.replace("/", "-"),
        stage="01-tercatat", status="Tercatat", company="PT Contoh", nomor_surat="1/X", dup_key=dup_key,
        message_for=lambda earlier: f"duplikat {earlier}" if earlier else "", letter_json="{}",
    )


@pytest.fixture
def journal(tmp_path: Path):
    with J.Journal.open(tmp_path) as j:
        yield j


def test_lives_under_root_in_wal_mode(tmp_path: Path, journal: J.Journal) -> None:
    assert journal.path == tmp_path / ".kerjasama" / "journal.sqlite3"
    mode = sqlite3.connect(journal.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_serials_count_per_year_and_allocation_is_idempotent(journal: J.Journal) -> None:
    a, b, c = (_input(journal, n) for n in (1, 2, 3))
    assert _allocate(journal, a).agenda_no == "001/KSM/2026"
    assert _allocate(journal, b).agenda_no == "002/KSM/2026"
    assert _allocate(journal, a).agenda_no == "001/KSM/2026"  # resumed step: same number
    assert _allocate(journal, c, year=2027).agenda_no == "001/KSM/2027"
    assert journal.last_serial(2026) == 2
    assert journal.input(a.id).state == J.BERNOMOR and journal.input(a.id).agenda_no == "001/KSM/2026"


def test_serials_are_never_reused_across_reopen(tmp_path: Path) -> None:
    with J.Journal.open(tmp_path) as j:
        _allocate(j, _input(j, 1))
    with J.Journal.open(tmp_path) as j:
        assert _allocate(j, _input(j, 2)).agenda_no == "002/KSM/2026"


def test_parallel_allocations_get_distinct_numbers(tmp_path: Path) -> None:
    with J.Journal.open(tmp_path) as j:
        recs = [_input(j, n) for n in range(40)]
    numbers: list[str] = []

    def work(chunk: list[J.InputRecord]) -> None:
        with J.Journal.open(tmp_path) as j:  # one connection per thread, as two processes would
            numbers.extend(_allocate(j, r).agenda_no for r in chunk)

    threads = [threading.Thread(target=work, args=(recs[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [f"{n:03d}/KSM/2026" for n in range(1, 41)]


def test_rescan_key_points_at_the_earlier_case(journal: J.Journal) -> None:
    first = _allocate(journal, _input(journal, 1), dup_key="1 x|pt contoh")
    second = _allocate(journal, _input(journal, 2), dup_key="1 x|pt contoh")
    other = _allocate(journal, _input(journal, 3), dup_key="2 x|pt contoh")
    assert first.message == "" and other.message == ""
    assert second.message == f"duplikat {first.agenda_no}"


def test_events_are_append_only(journal: J.Journal) -> None:
    journal.log("uji", rincian="a")
    assert [e.what for e in journal.events()][-1] == "uji"
    db = sqlite3.connect(journal.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE events SET what = 'palsu'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM events")


def test_outbox_keeps_order_until_done(journal: J.Journal) -> None:
    recs = [_input(journal, n) for n in (1, 2)]
    cases = [_allocate(journal, r) for r in recs]
    for rec, case in zip(recs, cases):
        journal.finish_registration(rec.id, case.agenda_no, {"No. Agenda": case.agenda_no})
    journal.finish_registration(recs[0].id, cases[0].agenda_no, {"No. Agenda": cases[0].agenda_no})  # again
    waiting = journal.pending_outbox()
    assert [i.agenda_no for i in waiting] == ["001/KSM/2026", "002/KSM/2026"]  # queued once each
    journal.outbox_failed([waiting[0].id], "sibuk")
    assert journal.pending_outbox()[0].attempts == 1
    journal.outbox_done([i.id for i in waiting])
    assert journal.pending_outbox() == []
    assert all(journal.input(r.id).state == J.TERDAFTAR for r in recs)
    assert not journal.unfinished_inputs()


def test_unfinished_input_is_found_by_bytes_and_place(journal: J.Journal) -> None:
    rec = _input(journal, 7)
    assert journal.unfinished_input(rec.sha256, rec.source_path) == rec
    assert journal.unfinished_input(rec.sha256, "/elsewhere.pdf") is None
    journal.set_state(rec.id, J.DIKARANTINA, reason="x")
    assert journal.unfinished_input(rec.sha256, rec.source_path) is None


def test_a_reason_naming_a_file_whose_name_is_not_utf8_is_kept_with_the_byte_escaped(journal: J.Journal) -> None:
    # os.fsdecode(b"scan\xe9.pdf") holds a lone surrogate, which SQLite cannot store as text.
    rec = _input(journal, 8)
    name = "/masuk/" + "scan\udce9.pdf"
    journal.set_state(rec.id, J.DIKARANTINA, event="mulai_karantina", reason=f"Berkas tidak ditemukan: {name}", ke=name)
    assert journal.input(rec.id).reason == "Berkas tidak ditemukan: /masuk/scan\\xe9.pdf"
    assert journal.events(input_id=rec.id)[-1].what == "mulai_karantina"


def test_an_older_journal_gets_the_new_case_columns(tmp_path):
    import sqlite3

    from pipeline import journal as J

    path = tmp_path / ".kerjasama" / "journal.sqlite3"
    J.Journal(path).close()
    db = sqlite3.connect(path)
    for column in schema.CASE_COLUMNS_ADDED:
        db.execute(f"ALTER TABLE cases DROP COLUMN {column}")  # as the first release made it
    db.commit()
    db.close()
    J.Journal(path).close()
    have = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(cases)")}
    assert set(schema.CASE_COLUMNS_ADDED) <= have
