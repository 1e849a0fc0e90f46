"""Registering letters from the inbox (SOP step 1): real sample letters, real reader."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline import register as I
from pipeline import journal as J
from pipeline.agenda import open_agenda
from pipeline.intake.worker import InboxWorker

LETTERS = Path(__file__).parent.parent / "fixtures" / "samples"
PDF1 = LETTERS / "surat_01_arjunakanal-com.pdf"
PDF2 = LETTERS / "surat_02_koran-harian-cempaka-pos.pdf"
PDF3 = LETTERS / "surat_03_gaungwilis-id.pdf"
PNG = LETTERS / "surat_09_kabardesa-id.png"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ix(tmp_path: Path):
    settings = I.IntakeSettings(stability_seconds=0, check_interval_seconds=0.05, ingest_max_wait_seconds=30)
    intake = I.Intake.open(tmp_path / "root", settings)
    intake.inbox.mkdir(parents=True)
    yield intake
    intake.close()


def drop(ix: I.Intake, *files: Path, name: str | None = None) -> list[Path]:
    out = []
    for f in files:
        target = ix.inbox / (name or f.name)
        shutil.copyfile(f, target)
        out.append(target)
    return out


def run(ix: I.Intake) -> list[I.Outcome]:
    outcomes: list[I.Outcome] = []
    left = InboxWorker(ix, report=outcomes.append, log=lambda m: None).run_until_empty(30)
    assert left == 0
    I.flush_outbox(ix)
    return outcomes


def agenda_rows(ix: I.Intake) -> dict[str, dict[str, str]]:
    return open_agenda(ix.root).read_rows()


def case_dirs(ix: I.Intake) -> list[Path]:
    return sorted(p for p in ix.stage_dir().iterdir() if p.is_dir())


def quarantined(ix: I.Intake) -> list[Path]:
    folder = ix.root / "karantina"
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".alasan.txt")) if folder.exists() else []


def test_mixed_batch_is_registered_completely(ix: I.Intake) -> None:
    dropped = {p.name: sha(p) for p in (PDF1, PDF2, PDF3, PNG)}
    drop(ix, PDF1, PDF2, PDF3, PNG)
    outcomes = run(ix)
    assert sorted(o.kind for o in outcomes) == ["terdaftar"] * 4
    assert list(ix.inbox.iterdir()) == []
    rows = agenda_rows(ix)
    assert sorted(rows) == [f"{n:03d}/KSM/{ix.settings.now().year}" for n in range(1, 5)]
    assert {r["Status"] for r in rows.values()} == {"Tercatat"}
    assert {r["Perusahaan"] for r in rows.values()} >= {"PT Arjuna Kanal Informasi", "PT Cempaka Pos Mandiri"}
    folders = case_dirs(ix)
    assert len(folders) == 4
    for case in ix.journal.cases():
        folder = ix.root / case.folder
        assert folder in folders
        data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
        original = folder / data["berkas_asli"]
        assert sha(original) == dropped[original.name] == data["sha256"]  # byte-identical
        assert (folder / "teks.txt").read_text(encoding="utf-8").strip()
        assert (folder / "lembar-disposisi.docx").stat().st_size > 0
        assert data["nomor_agenda"] == case.agenda_no
    png_case = next(c for c in ix.journal.cases() if "kabardesa" in (ix.root / c.folder / "data.json").read_text())
    assert (ix.root / png_case.folder / "surat_09_kabardesa-id.ocr.pdf").read_bytes()[:5] == b"%PDF-"
    assert quarantined(ix) == []


def test_byte_duplicate_goes_to_quarantine_naming_the_original(ix: I.Intake) -> None:
    drop(ix, PDF1)
    run(ix)
    (first,) = ix.journal.cases()
    drop(ix, PDF1, name="salinan.pdf")
    (outcome,) = run(ix)
    assert outcome.kind == "dikarantina" and first.agenda_no in (outcome.reason or "")
    (q,) = quarantined(ix)
    assert q.name == "salinan.pdf" and sha(q) == sha(PDF1)
    reason = (q.parent / "salinan.pdf.alasan.txt").read_text(encoding="utf-8")
    assert first.agenda_no in reason and sha(PDF1) in reason
    assert len(agenda_rows(ix)) == 1 and len(ix.journal.cases()) == 1
    assert list(ix.inbox.iterdir()) == []


def test_rescan_is_attached_to_the_case_not_registered_again(ix: I.Intake, tmp_path: Path) -> None:
    drop(ix, PDF1)
    run(ix)
    (case,) = ix.journal.cases()
    rescan = tmp_path / "pindai-ulang.pdf"
    rescan.write_bytes(PDF1.read_bytes() + b"\n% pindaian ulang\n")  # same letter, other bytes
    drop(ix, rescan)
    (outcome,) = run(ix)
    assert (outcome.kind, outcome.agenda_no) == ("terlampir", case.agenda_no)
    rows = agenda_rows(ix)
    assert list(rows) == [case.agenda_no] and len(ix.journal.cases()) == 1
    assert "pindaian-ulang-2.pdf" in rows[case.agenda_no]["Pesan Sistem"]
    assert sha(ix.root / case.folder / "pindaian-ulang-2.pdf") == sha(rescan)
    assert list(ix.inbox.iterdir()) == []


def test_bad_inputs_are_quarantined_with_reasons_and_the_rest_goes_on(ix: I.Intake) -> None:
    (ix.inbox / "catatan.txt").write_text("bukan surat", encoding="utf-8")
    (ix.inbox / "kosong.pdf").write_bytes(b"")
    (ix.inbox / "rusak.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (ix.inbox / "palsu.png").write_bytes(PDF1.read_bytes()[:3000])
    drop(ix, PDF2)
    outcomes = run(ix)
    assert sorted(o.kind for o in outcomes) == ["dikarantina"] * 4 + ["terdaftar"]
    names = sorted(q.name for q in quarantined(ix))
    assert names == ["catatan.txt", "kosong.pdf", "palsu.png", "rusak.pdf"]
    for q in quarantined(ix):
        reason = q.with_name(q.name + ".alasan.txt").read_text(encoding="utf-8")
        assert "Alasan" in reason and len(reason.split("Alasan", 1)[1].strip()) > 10
    assert list(ix.inbox.iterdir()) == []
    assert len(agenda_rows(ix)) == 1


def test_same_name_in_quarantine_does_not_overwrite(ix: I.Intake) -> None:
    (ix.inbox / "catatan.txt").write_text("satu", encoding="utf-8")
    run(ix)
    (ix.inbox / "catatan.txt").write_text("dua", encoding="utf-8")
    run(ix)
    texts = sorted(q.read_text(encoding="utf-8") for q in quarantined(ix))
    assert texts == ["dua", "satu"]
    assert sorted(q.name for q in quarantined(ix)) == ["catatan (2).txt", "catatan.txt"]


def test_locked_agenda_delays_rows_but_not_registration(ix: I.Intake) -> None:
    open_agenda(ix.root).ensure()
    lock = ix.root / ".~lock.agenda.xlsx#"
    lock.write_text("pegawai,PC-TU,26.11.2026 09:00", encoding="utf-8")
    drop(ix, PDF1, PDF2)
    outcomes = run(ix)
    assert [o.kind for o in outcomes] == ["terdaftar", "terdaftar"]
    assert list(ix.inbox.iterdir()) == [] and len(case_dirs(ix)) == 2
    assert agenda_rows(ix) == {}
    assert len(ix.journal.pending_outbox()) == 2
    assert I.flush_outbox(ix) == 2  # still locked: still waiting
    lock.unlink()
    assert I.flush_outbox(ix) == 0
    assert len(agenda_rows(ix)) == 2
    assert I.flush_outbox(ix) == 0 and len(agenda_rows(ix)) == 2  # exactly once


def test_row_already_in_agenda_is_not_added_twice(ix: I.Intake) -> None:
    """A crash after writing the workbook but before marking the outbox."""
    drop(ix, PDF1)
    run(ix)
    (case,) = ix.journal.cases()
    row = ix.journal.pending_outbox()  # nothing pending after a good run
    assert row == []
    ix.journal.enqueue("tambah_baris", case.agenda_no, {"No. Agenda": case.agenda_no, "Status": "Tercatat"})
    agenda = open_agenda(ix.root)
    agenda.upsert_rows([{"No. Agenda": case.agenda_no, "Status": "Didisposisi"}])  # an official moved on
    assert I.flush_outbox(ix) == 0
    assert agenda_rows(ix)[case.agenda_no]["Status"] == "Didisposisi"


def _register_from_stash(ix: I.Intake, company: str, perihal: str) -> J.CaseRecord:
    """Run the real registration from the reader's persisted result (the stash seam),
    with text a hostile letter could carry; the reader itself already refuses such names."""
    src = drop(ix, PDF1)[0]
    rec = ix.journal.add_input(sha256=sha(src), original_name=src.name, size=src.stat().st_size,
                               source_path=ix.rel(src), received_at=ix.settings.now().isoformat())
    rec = ix.journal.set_state(rec.id, J.MEMBACA)
    from pipeline.read.letter import read_letter

    reading = read_letter(src)
    letter = reading.letter.model_copy(update={"nama_perusahaan": company, "perihal": perihal})
    stash = ix.root / ".kerjasama" / "kerja" / str(rec.id)
    stash.mkdir(parents=True)
    (stash / "teks.txt").write_text(reading.text, encoding="utf-8")
    (stash / "data.json").write_text(json.dumps({"surat": letter.model_dump(mode="json")}), encoding="utf-8")
    assert I.advance(ix, ix.journal.input(rec.id)).kind == "terdaftar"
    I.flush_outbox(ix)
    return ix.journal.case_for_input(rec.id)


@pytest.mark.parametrize("company", ['=HYPERLINK("http://x","y")', "../../etc", "..", "/etc/passwd", "CON"])
def test_hostile_text_stays_plain_and_inside_root(ix: I.Intake, company: str) -> None:
    case = _register_from_stash(ix, company, '=HYPERLINK("http://x","y")')
    folder = (ix.root / case.folder).resolve()
    assert folder.parent == ix.stage_dir().resolve()
    assert (folder / PDF1.name).is_file()
    wb = openpyxl.load_workbook(ix.root / "agenda.xlsx")
    ws = wb["Agenda"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[headers.index("No. Agenda")].value == case.agenda_no)
    for header in ("Perusahaan", "Perihal"):
        cell = row[headers.index(header)]
        assert cell.data_type == "s"
    assert row[headers.index("Perusahaan")].value == company
    assert row[headers.index("Perihal")].value == '=HYPERLINK("http://x","y")'
    assert [p.name for p in ix.root.parent.iterdir()] == ["root"]  # nothing written beside ROOT
    assert sorted(p.name for p in ix.root.iterdir()) == [".kerjasama", "01-tercatat", "agenda.xlsx",
                                                          "masuk"]


def test_folder_dropped_into_inbox_is_taken_and_leftovers_refused(ix: I.Intake) -> None:
    batch = ix.inbox / "kiriman"
    (batch / "sub").mkdir(parents=True)
    shutil.copyfile(PDF1, batch / "a.pdf")
    shutil.copyfile(PDF2, batch / "sub" / "b.pdf")
    (batch / "Thumbs.db").write_bytes(b"\0" * 10)
    clean = ix.inbox / "bersih"
    clean.mkdir()
    shutil.copyfile(PDF3, clean / "c.pdf")
    outcomes = run(ix)
    assert sorted(o.kind for o in outcomes) == ["dikarantina", "terdaftar", "terdaftar", "terdaftar"]
    assert list(ix.inbox.iterdir()) == []
    assert len(agenda_rows(ix)) == 3
    (q,) = quarantined(ix)
    assert q.name == "kiriman" and (q / "Thumbs.db").is_file()
    assert "Thumbs.db" in (q.parent / "kiriman.alasan.txt").read_text(encoding="utf-8")


def test_symlink_is_refused_without_being_read(ix: I.Intake, tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.pdf"
    shutil.copyfile(PDF1, secret)
    (ix.inbox / "tautan.pdf").symlink_to(secret)
    (outcome,) = run(ix)
    assert outcome.kind == "dikarantina"
    assert (ix.root / "karantina" / "tautan.pdf").is_symlink()
    assert secret.is_file() and ix.journal.cases() == []


def test_every_step_is_in_the_event_log(ix: I.Intake) -> None:
    drop(ix, PDF1)
    run(ix)
    (case,) = ix.journal.cases()
    whats = [e.what for e in ix.journal.events(input_id=case.input_id)]
    # Read by one of the readers (one per core) while the registering process waited for it.
    assert whats == ["berkas_diterima", "mulai_membaca", "dibaca_lebih_awal", "nomor_agenda_diberikan",
                     "folder_perkara_ditulis", "berkas_asli_dipindah", "terdaftar"]
    assert [e.what for e in ix.journal.events(agenda_no=case.agenda_no)][-1] == "agenda_ditulis"


# ---- the commands --------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, cfg: Path) -> "subprocess.CompletedProcess[str]":
    import os
    import subprocess
    import sys

    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    env.pop("KERJASAMA_CRASH_AT", None)
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    folder = tmp_path / "cfg"
    folder.mkdir()
    (folder / "intake.yaml").write_text("stability_seconds: 0.2\ncheck_interval_seconds: 0.05\n", encoding="utf-8")
    return folder


def test_init_creates_the_tree_and_is_safe_twice(tmp_path: Path, cfg: Path) -> None:
    root = tmp_path / "data"
    first = cli("init", "--root", str(root), cfg=cfg)
    assert first.returncode == 0, first.stderr
    for name in ("masuk", "karantina", "arsip", "01-tercatat", ".kerjasama", "agenda.xlsx"):
        assert (root / name).exists(), name
    before = (root / "agenda.xlsx").read_bytes()
    second = cli("init", "--root", str(root), cfg=cfg)
    assert second.returncode == 0, second.stderr
    assert (root / "agenda.xlsx").read_bytes() == before


def test_init_refuses_a_file_as_root(tmp_path: Path, cfg: Path) -> None:
    not_a_folder = tmp_path / "berkas"
    not_a_folder.write_text("x")
    result = cli("init", "--root", str(not_a_folder), cfg=cfg)
    assert result.returncode == 2 and "bukan folder" in result.stderr and "Traceback" not in result.stderr


def test_ingest_then_status(tmp_path: Path, cfg: Path) -> None:
    root = tmp_path / "data"
    (root / "masuk").mkdir(parents=True)  # no init: ingest makes what it needs
    shutil.copyfile(PDF1, root / "masuk" / PDF1.name)
    (root / "masuk" / "catatan.txt").write_text("bukan surat", encoding="utf-8")
    result = cli("ingest", "--root", str(root), cfg=cfg)
    assert result.returncode == 0, result.stderr  # a quarantined file is not a failure
    assert "TERCATAT" in result.stdout and "KARANTINA" in result.stdout
    status = cli("status", "--root", str(root), "--json", cfg=cfg)
    assert status.returncode == 0, status.stderr
    (case,) = json.loads(status.stdout)
    assert case["perusahaan"] == "PT Arjuna Kanal Informasi" and case["status"] == "Tercatat"
    assert case["tahap"] == "01-tercatat" and {"no_agenda", "tenggat", "terlambat"} <= set(case)
    table = cli("status", "--root", str(root), cfg=cfg)
    assert case["no_agenda"] in table.stdout and "PT Arjuna Kanal Informasi" in table.stdout


def test_status_of_an_empty_root(tmp_path: Path, cfg: Path) -> None:
    result = cli("status", "--root", str(tmp_path), "--json", cfg=cfg)
    assert result.returncode == 0 and json.loads(result.stdout) == []
    missing = cli("status", "--root", str(tmp_path / "kosong"), "--json", cfg=cfg)  # a mistyped --root fails (issue 13)
    assert missing.returncode != 0 and missing.stdout == "" and len(missing.stderr.splitlines()) == 1


# ---- quarantine names (property) -------------------------------------------------------

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from pipeline.register import quarantine as Q  # noqa: E402

_names = st.text(alphabet="abcXYZ019 ._-()", min_size=1, max_size=12).filter(
    lambda n: n not in (".", "..") and not n.startswith("."))


@hsettings(max_examples=40, deadline=None)
@given(st.lists(_names, min_size=1, max_size=8))
def test_quarantine_never_overwrites(tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> None:
    root = tmp_path_factory.mktemp("q")
    for i, name in enumerate(names):
        target = Q.choose_target(root, name)
        assert target.parent == root / "karantina"
        target.write_text(str(i))
        Q.write_reason(target, "alasan")
    kept = [p for p in (root / "karantina").iterdir() if not p.name.endswith(Q.REASON_SUFFIX)
            or p.read_text() != "alasan"]
    assert sorted(p.read_text() for p in kept) == sorted(str(i) for i in range(len(names)))


def test_folder_with_abandoned_partial_download_is_not_waited_for_forever(ix: I.Intake) -> None:
    ix.settings.abandoned_partial_seconds = 0.3
    batch = ix.inbox / "kiriman"
    batch.mkdir()
    shutil.copyfile(PDF1, batch / "a.pdf")
    (batch / "b.pdf.crdownload").write_bytes(b"%PDF-1.4 setengah")
    outcomes = run(ix)
    assert sorted(o.kind for o in outcomes) == ["dikarantina", "terdaftar"]
    assert (ix.root / "karantina" / "kiriman" / "b.pdf.crdownload").is_file()
    assert list(ix.inbox.iterdir()) == []


# ---- settings -------------------------------------------------------------------------


def test_shipped_config_loads_and_yaml_on_off_means_polling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = I.load_settings()
    assert shipped.agenda_number.format(serial=7, year=2026) == "007/KSM/2026"
    assert shipped.stage_folders["Tercatat"] == "01-tercatat"
    (tmp_path / "intake.yaml").write_text("polling: on\nstability_seconds: 1\n", encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(tmp_path))
    office = I.load_settings()
    assert office.polling == "on" and office.stability_seconds == 1
    assert office.rescan_interval_seconds == shipped.rescan_interval_seconds  # unset keys keep defaults


@pytest.mark.parametrize("bad", ['agenda_number: "KSM/{year}"', 'stage_folders: {Tercatat: "../luar"}',
                                 "polling: kadang"])
def test_bad_config_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    from pipeline.core.errors import KerjasamaError

    (tmp_path / "intake.yaml").write_text(bad + "\n", encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(tmp_path))
    with pytest.raises(KerjasamaError, match="intake.yaml tidak valid"):
        I.load_settings()


def test_built_in_defaults_match_the_shipped_file() -> None:
    """With no config file at all the program behaves as shipped."""
    assert I.IntakeSettings() == I.load_settings()
