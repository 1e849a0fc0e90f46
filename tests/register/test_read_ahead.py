"""A pile of letters keeps every core busy: while one letter is registered, the letters behind
it are read meanwhile; registration itself stays one at a time, in arrival order."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import threading
import time
from pathlib import Path

from pipeline import register as I
from pipeline.core.errors import InputRejected
from pipeline.intake.worker import InboxWorker
from pipeline.read.isolated import READER_NAME
from pipeline.register.readahead import STARTED, ReadAhead, prefetch_dir
from tests.conftest import SAMPLES

SCANS = ["surat_07_lenteranusantara-or-id.png", "surat_08_menaksopalnews-com.png",
         "surat_09_kabardesa-id.png", "surat_13_teropongselatan-com.png"]


def drop_in_order(inbox: Path, names: list[str]) -> list[Path]:
    """Copies with strictly increasing modification times: the order the clerk dropped them."""
    out, t = [], time.time() - 100
    for i, name in enumerate(names):
        target = inbox / name
        shutil.copy(SAMPLES / name, target)
        os.utime(target, (t + i, t + i))
        out.append(target)
    return out


def open_root(tmp_path: Path) -> I.Intake:
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    settings = I.load_settings().model_copy(update={"stability_seconds": 0.0, "check_interval_seconds": 0.05})
    return I.Intake.open(root, settings)


def test_letters_behind_the_first_are_read_ahead_and_registered_in_arrival_order(tmp_path):
    ix = open_root(tmp_path)
    dropped = drop_in_order(ix.inbox, SCANS)
    worker = InboxWorker(ix)
    assert ix.read_ahead is not None and ix.read_ahead.workers >= 1
    worker.run_until_empty(max_wait=600)
    cases = sorted(ix.journal.cases(), key=lambda c: c.agenda_no)
    assert [c.agenda_no.split("/")[0] for c in cases] == ["001", "002", "003", "004"]
    originals = [ix.journal.input(c.input_id).original_name for c in cases]
    assert originals == [p.name for p in dropped]  # agenda numbers follow arrival
    read_ahead = [e for e in ix.journal.events() if e.what == "dibaca_lebih_awal"]
    assert len(read_ahead) >= 2  # every letter after the first was waiting while one registered
    assert not any(ix.paths.stash_dir.glob("pra-*"))  # nothing left behind
    assert list(ix.inbox.iterdir()) == []
    ix.close()


def test_a_pile_is_read_by_one_reader_per_core_and_the_registering_process_never_reads_alone(tmp_path):
    # The letter in its turn is read by a reader too: the registering process waits for it
    # while the other readers read the letters behind it, so no core idles during that wait,
    # and no more readings run at once than there are readers.
    ix = open_root(tmp_path)
    drop_in_order(ix.inbox, SCANS)
    worker = InboxWorker(ix)
    readers = max(1, os.cpu_count() or 1)
    assert ix.read_ahead is not None and ix.read_ahead.workers == readers
    most, done = 0, threading.Event()

    def count_readers() -> None:
        nonlocal most
        while not done.is_set():
            most = max(most, sum(c.name.startswith(READER_NAME) for c in mp.active_children()))
            time.sleep(0.02)

    counter = threading.Thread(target=count_readers)
    counter.start()
    try:
        worker.run_until_empty(max_wait=600)
    finally:
        done.set()
        counter.join()
    read_ahead = [e for e in ix.journal.events() if e.what == "dibaca_lebih_awal"]
    assert len(read_ahead) == len(SCANS)  # the first letter too: nothing was read in place
    assert 1 <= most <= readers
    assert len(ix.journal.cases()) == len(SCANS)
    ix.close()


def test_with_read_ahead_off_every_letter_is_read_in_its_turn(tmp_path):
    ix = open_root(tmp_path)
    ix.settings = ix.settings.model_copy(update={"read_ahead": False})
    drop_in_order(ix.inbox, SCANS[:2])
    InboxWorker(ix).run_until_empty(max_wait=600)
    assert len(ix.journal.cases()) == 2
    assert not [e for e in ix.journal.events() if e.what == "dibaca_lebih_awal"]
    ix.close()


def test_a_read_ahead_a_killed_process_left_unfinished_is_not_tried_ahead_again(tmp_path):
    root = tmp_path / "root"
    sha = "ab" * 32
    left = prefetch_dir(root, sha)
    left.mkdir(parents=True)
    (left / STARTED).write_bytes(b"")  # marked as started, never finished: the process died reading it
    calls = []
    ahead = ReadAhead(root, 1, reader=lambda path, target: calls.append(path))
    assert not left.exists()
    ahead.start(tmp_path / "surat.png", sha)
    assert calls == [] and ahead.busy() == 0  # read in its own turn, where attempts are counted
    ahead.close()


def test_a_file_the_reader_refuses_ahead_is_refused_with_the_same_reason_in_its_turn(tmp_path):
    def refuse(path: Path, target: Path) -> None:
        raise InputRejected("Berkas PDF ini terkunci kata sandi.", code="encrypted")

    ahead = ReadAhead(tmp_path, 1, reader=refuse)
    ahead.start(tmp_path / "x.pdf", "cd" * 32)
    try:
        ahead.claim("cd" * 32, tmp_path / "stash")
        raised = None
    except InputRejected as exc:
        raised = exc
    assert raised is not None and raised.code == "encrypted"
    ahead.close()


def test_a_timeout_while_reading_ahead_is_tried_again_in_its_turn(tmp_path):
    def slow(path: Path, target: Path) -> None:
        raise InputRejected("Pembacaan berkas melebihi batas waktu.", code="read_timeout")

    ahead = ReadAhead(tmp_path, 1, reader=slow)
    ahead.start(tmp_path / "x.png", "ef" * 32)
    assert ahead.claim("ef" * 32, tmp_path / "stash") is False  # maybe the load of reading ahead
    ahead.close()


def test_stopping_ends_the_readers_still_reading_ahead(tmp_path):
    ix = open_root(tmp_path)
    drop_in_order(ix.inbox, SCANS[:1])
    ahead = ReadAhead(ix.root, 1)
    ahead.start(ix.inbox / SCANS[0], "12" * 32)
    deadline = time.monotonic() + 60
    while not any(c.name.startswith(READER_NAME) for c in mp.active_children()) and time.monotonic() < deadline:
        time.sleep(0.05)
    ahead.close()
    assert not any(c.name.startswith(READER_NAME) for c in mp.active_children())
    ix.close()


def test_a_letter_is_read_while_its_stability_wait_runs(tmp_path):
    ix = open_root(tmp_path)
    ix.settings = ix.settings.model_copy(update={"stability_seconds": 3.0, "read_ahead_quiet_seconds": 0.0})
    drop_in_order(ix.inbox, SCANS[:1])
    InboxWorker(ix).run_until_empty(max_wait=600)
    assert len(ix.journal.cases()) == 1
    # even the first (and only) letter was read during its wait, not after it
    assert len([e for e in ix.journal.events() if e.what == "dibaca_lebih_awal"]) == 1
    assert not any(ix.paths.stash_dir.glob("pra-*"))
    ix.close()


def test_a_file_that_changes_after_its_reading_began_is_registered_from_its_final_bytes(tmp_path):
    ix = open_root(tmp_path)
    ix.settings = ix.settings.model_copy(update={"stability_seconds": 1.0, "read_ahead_quiet_seconds": 0.0})
    first, final = SCANS[0], SCANS[1]
    path = ix.inbox / "pindaian.png"
    shutil.copy(SAMPLES / first, path)
    worker = InboxWorker(ix)
    worker.start()
    worker.step()  # seen once: quiet so far, so reading it ahead begins
    assert ix.read_ahead.busy() == 1
    shutil.copy(SAMPLES / final, path)  # the scanner rewrote it meanwhile
    os.utime(path, (time.time() + 5, time.time() + 5))
    worker.run_until_empty(max_wait=600)
    cases = ix.journal.cases()
    assert len(cases) == 1
    truth = json.loads((SAMPLES / final).with_suffix(".json").read_text())
    assert json.loads(cases[0].letter_json)["nomor_surat"] == truth["nomor_surat"]
    assert not [e for e in ix.journal.events() if e.what == "dibaca_lebih_awal"]  # that reading was not used
    deadline = time.monotonic() + 60
    while any(ix.paths.stash_dir.glob("pra-*")) and time.monotonic() < deadline:
        time.sleep(0.1)  # the dropped reading is removed when it ends
    assert not any(ix.paths.stash_dir.glob("pra-*"))
    ix.close()
