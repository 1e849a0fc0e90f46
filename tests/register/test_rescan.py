"""A rescan of a registered letter (other bytes, same letter) is attached to that letter's case
as `pindaian-ulang-N.*` and named in its Pesan Sistem; it gets no row and no number of its own.
A different letter of the same company is not a rescan. Real sample letters, real reader; the
crash tests kill the real `kerjasama ingest` process."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import register as I
from pipeline.agenda import open_agenda
from pipeline.core.models import ExtractedLetter
from pipeline.core.settings.schemas import RescanMatching
from pipeline.intake.worker import InboxWorker
from pipeline.register.duplicates import Reading, rescan_reason
from workflow_util import mark, sync

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"
PDF1 = SAMPLES / "surat_01_arjunakanal-com.pdf"  # text layer: read without OCR
PNG = SAMPLES / "surat_09_kabardesa-id.png"  # a scan: read by OCR; number 237/JKDS/XII/2026
NUMBER = "237/JKDS/XII/2026"
REPO = Path(__file__).resolve().parents[2]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def settings() -> I.IntakeSettings:
    return I.IntakeSettings(stability_seconds=0, check_interval_seconds=0.05, ingest_max_wait_seconds=30,
                            pdf_copies=False)


def ingest(root: Path, *files: Path) -> list[I.Outcome]:
    """Drop the files into masuk/ and register them in-process; returns their outcomes."""
    ix = I.Intake.open(root, settings())
    try:
        ix.inbox.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copyfile(f, ix.inbox / f.name)
        outcomes: list[I.Outcome] = []
        assert InboxWorker(ix, report=outcomes.append, log=lambda m: None).run_until_empty(60) == 0
        assert I.flush_outbox(ix) == 0
        return outcomes
    finally:
        ix.close()


def journal(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / ".kerjasama" / "journal.sqlite3")


def one_case(root: Path) -> tuple[str, Path]:
    """The only case in ROOT: its agenda number and its folder (wherever it is now)."""
    ((agenda_no, folder),) = journal(root).execute("SELECT agenda_no, folder FROM cases").fetchall()
    return agenda_no, root / folder


def assert_attached(root: Path, rescan: Path, name: str) -> None:
    """One case, one row, the rescan byte-identical in the case folder under `name`, named once
    in the row's Pesan Sistem; nothing left in masuk/ nor in the reading stash."""
    agenda_no, folder = one_case(root)
    rows = open_agenda(root).read_rows()
    assert list(rows) == [agenda_no]
    assert sha(folder / name) == sha(rescan)
    assert rows[agenda_no]["Pesan Sistem"].count(name) == 1, rows[agenda_no]["Pesan Sistem"]
    assert list((root / "masuk").iterdir()) == []
    assert list((root / ".kerjasama" / "kerja").glob("*/*")) == []
    db = journal(root)
    assert db.execute("SELECT count(*) FROM events WHERE what = 'pindaian_ulang_dilampirkan'").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM outbox WHERE state != 'selesai'").fetchone() == (0,)
    assert db.execute("SELECT max(serial) FROM cases").fetchone() == (1,)  # no second agenda number


# ---- scans made from the real sample letters --------------------------------------------------


def resaved_as_jpeg(src: Path, dst: Path) -> Path:
    with Image.open(src) as im:
        im.convert("L").save(dst, "JPEG", quality=80, dpi=(200, 200))
    return dst


def rasterised(pdf: Path, dst: Path, dpi: int) -> Path:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc[0].render(scale=dpi / 72).to_pil().convert("RGB").save(dst, dpi=(dpi, dpi))
    finally:
        doc.close()
    return dst


def edited_scan(src: Path, dst: Path, *, cut_first_char_of: str | None = None, replace: dict[str, str] | None = None,
                line_from: str | None = None, new_line: str = "") -> Path:
    """`src` with words changed where Tesseract finds them: a word's first character whited out
    (an OCR slip), words or the rest of a line whited out and new text drawn in their place."""
    with Image.open(src) as im:
        page = im.convert("L")
    data = pytesseract.image_to_data(page, lang="ind", output_type=pytesseract.Output.DICT)
    words = [(data["text"][i], data["left"][i], data["top"][i], data["width"][i], data["height"][i],
              (data["block_num"][i], data["par_num"][i], data["line_num"][i]))
             for i in range(len(data["text"])) if data["text"][i].strip()]
    draw = ImageDraw.Draw(page)

    def find(text: str):
        return next(w for w in words if w[0] == text)

    def write(x: int, y: int, h: int, text: str) -> None:
        draw.text((x, y - 2), text, fill=0, font=ImageFont.load_default(size=int(h * 1.1)))

    if cut_first_char_of:
        text, x, y, w, h, _ = find(cut_first_char_of)
        draw.rectangle([x - 2, y - 4, x + w // len(text) + 1, y + h + 4], fill=255)
    for old, new in (replace or {}).items():
        _, x, y, w, h, _ = find(old)
        draw.rectangle([x - 2, y - 4, x + w + 2, y + h + 4], fill=255)
        write(x, y, h, new)
    if line_from:
        first = find(line_from)
        rest = [w for w in words if w[5] == first[5] and w[1] >= first[1]]
        top, right, bottom = min(w[2] for w in rest), max(w[1] + w[3] for w in rest), max(w[2] + w[4] for w in rest)
        draw.rectangle([first[1] - 2, top - 4, right + 2, bottom + 4], fill=255)
        write(first[1], top, first[4], new_line)
    page.save(dst, dpi=(200, 200))
    return dst


@pytest.fixture(scope="module")
def png_registered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ROOT with the scanned sample letter registered (read once for the module)."""
    root = tmp_path_factory.mktemp("terdaftar") / "root"
    (outcome,) = ingest(root, PNG)
    assert outcome.kind == "terdaftar"
    return root


@pytest.fixture
def root(png_registered: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(png_registered, tmp_path / "root"))


def test_a_scan_saved_again_as_jpeg_is_attached_to_its_case(root: Path, tmp_path: Path) -> None:
    agenda_no, folder = one_case(root)
    rescan = resaved_as_jpeg(PNG, tmp_path / "scan-lagi.jpg")
    (outcome,) = ingest(root, rescan)
    assert (outcome.kind, outcome.agenda_no) == ("terlampir", agenda_no)
    assert f"agenda {agenda_no}" in outcome.message and "dilampirkan" in outcome.message
    assert_attached(root, rescan, "pindaian-ulang-2.jpg")
    assert sha(folder / PNG.name) == sha(PNG)  # the registered scan stays as it was
    assert "scan-lagi.jpg" in open_agenda(root).read_rows()[agenda_no]["Pesan Sistem"]


def test_a_copy_of_an_attached_rescan_is_quarantined_not_attached_again(root: Path, tmp_path: Path) -> None:
    agenda_no, folder = one_case(root)
    rescan = resaved_as_jpeg(PNG, tmp_path / "scan-lagi.jpg")
    ingest(root, rescan)
    copy = tmp_path / "salinan-scan-lagi.jpg"
    shutil.copyfile(rescan, copy)
    (outcome,) = ingest(root, copy)
    assert outcome.kind == "dikarantina" and agenda_no in outcome.reason
    assert not (folder / "pindaian-ulang-3.jpg").exists()
    assert len(open_agenda(root).read_rows()) == 1


def test_a_number_with_one_ocr_slip_is_still_attached(root: Path, tmp_path: Path) -> None:
    slipped = edited_scan(PNG, tmp_path / "pindai-miring.png", cut_first_char_of=NUMBER)
    (outcome,) = ingest(root, slipped)
    assert outcome.kind == "terlampir", outcome
    assert_attached(root, slipped, "pindaian-ulang-2.png")
    db = journal(root)
    (details,) = db.execute("SELECT details FROM events WHERE what = 'pindaian_ulang_dikenali'").fetchone()
    assert "hampir sama" in details  # recognised on a nearly equal number, not an equal one


@pytest.mark.parametrize("edits", [
    # the next number, same day, another subject: another request of the same company
    dict(replace={NUMBER: "238/JKDS/XII/2026"}, line_from="Permohonan", new_line="Permohonan Perpanjangan Kerja Sama"),
    # the next number of the series, same subject, another day: a letter of the next period
    dict(replace={NUMBER: "238/JKDS/XII/2026", "22": "29"}),
], ids=["subjek-lain", "seri-berikutnya"])
def test_another_letter_of_the_same_company_gets_its_own_row(root: Path, tmp_path: Path, edits: dict) -> None:
    other = edited_scan(PNG, tmp_path / "surat-lain.png", **edits)
    (outcome,) = ingest(root, other)
    assert outcome.kind == "terdaftar", outcome
    rows = open_agenda(root).read_rows()
    assert len(rows) == 2
    assert not any("Pindaian ulang" in (r["Pesan Sistem"] or "") for r in rows.values())
    assert not list(Path(root).rglob("pindaian-ulang-*"))


def test_a_rescan_goes_to_the_case_folder_wherever_the_case_now_is(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (first,) = ingest(root, PDF1)
    assert mark(root, first.agenda_no, "Didisposisi") == 0
    sync(root)
    agenda_no, folder = one_case(root)
    assert folder.parent.name == "02-disposisi"
    rescan = rasterised(PDF1, tmp_path / "pindai-150dpi.png", 150)  # the paper letter scanned
    (outcome,) = ingest(root, rescan)
    assert (outcome.kind, outcome.agenda_no) == ("terlampir", agenda_no)
    assert_attached(root, rescan, "pindaian-ulang-2.png")
    assert not (root / "01-tercatat" / folder.name).exists()
    sync(root)  # the pipeline's own refresh of its cells keeps the sentence
    row = open_agenda(root).read_rows()[agenda_no]
    assert row["Status"] == "Didisposisi" and "pindaian-ulang-2.png" in row["Pesan Sistem"]


def test_a_rescan_whose_case_folder_is_gone_is_quarantined_not_registered(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (first,) = ingest(root, PDF1)
    _, folder = one_case(root)
    folder.rename(tmp_path / "dipindah-orang")  # someone moved the case folder away by hand
    rescan = tmp_path / "pindai-ulang.pdf"
    rescan.write_bytes(PDF1.read_bytes() + b"\n% dipindai ulang\n")
    (outcome,) = ingest(root, rescan)
    assert outcome.kind == "dikarantina" and first.agenda_no in (outcome.reason or "")
    assert sha(root / "karantina" / rescan.name) == sha(rescan)
    assert list(open_agenda(root).read_rows()) == [first.agenda_no]
    assert not folder.exists()  # no empty stand-in folder made where the case was


# ---- what decides: the rules, on the fields as read ---------------------------------------------


def letter(**fields: object) -> ExtractedLetter:
    base = dict(nama_perusahaan="PT Media Contoh", nomor_surat="012/RED/XI/2026", tanggal_surat="2026-11-03",
                perihal="Permohonan Kerja Sama Publikasi", nama_media="contohnews.id", jenis_media="online")
    return ExtractedLetter.model_validate({**base, **fields})


BODY = " ".join(f"kata{i}" for i in range(200))


@pytest.mark.parametrize("new, text, attached", [
    (letter(), BODY, True),  # the same letter
    (letter(nama_perusahaan="PT. Media Cont0h"), BODY, True),  # the company with an OCR slip
    (letter(nomor_surat="O12/RED/XI/2O26"), BODY, True),  # O read for 0: the same number
    (letter(nomor_surat="012/RED/XI/2026", tanggal_surat=None), BODY, True),  # the date unread
    (letter(nomor_surat=None), BODY, True),  # no number: the text decides
    (letter(nomor_surat=None), BODY[: len(BODY) // 2] + " lain" * 100, False),  # ... and it differs
    (letter(nomor_surat="013/RED/XI/2026", tanggal_surat="2026-12-01"), BODY, False),  # the series, next month
    (letter(nomor_surat="013/RED/XI/2026", perihal="Permohonan Perpanjangan Kontrak"), BODY, False),
    (letter(nomor_surat="013/RED/XI/2026", nama_media="contohtv"), BODY, False),  # another of its media
    (letter(nama_perusahaan="PT Media Lain Sekali"), BODY, False),  # another company, same number
], ids=["sama", "perusahaan-ocr", "nomor-ocr", "tanpa-tanggal", "tanpa-nomor", "tanpa-nomor-teks-lain",
        "seri-bulan-depan", "subjek-lain", "media-lain", "perusahaan-lain"])
def test_which_readings_are_one_letter(new: ExtractedLetter, text: str, attached: bool) -> None:
    verdict = rescan_reason(Reading(new, text), Reading(letter(), BODY), RescanMatching())
    assert (verdict is not None) == attached, verdict


def test_the_thresholds_come_from_intake_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "intake.yaml").write_text("rescans:\n  number_max_edits: 0\n", encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(tmp_path))
    rules = I.load_settings().rescans  # the office's one key over the shipped file
    assert rules.number_max_edits == 0 and rules.text_no_number == RescanMatching().text_no_number
    slipped = letter(nomor_surat="012/RED/XI/2025")  # one edit: no longer "nearly the same"
    assert rescan_reason(Reading(slipped, BODY), Reading(letter(), BODY), rules) is None


# ---- a kill at any point while attaching resumes to one copy in the case folder --------------


def run_ingest(root: Path, env: dict[str, str], crash_at: str | None = None) -> subprocess.CompletedProcess:
    run_env = dict(env, KERJASAMA_CRASH_AT=crash_at) if crash_at else env
    return subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--root", str(root)], cwd=REPO, env=run_env,
                          capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("point", ["after_read", "before_attach", "after_attach_move", "after_agenda_write"])
def test_a_kill_while_attaching_resumes_to_one_copy(tmp_path: Path, env: dict[str, str], point: str) -> None:
    root = tmp_path / "root"
    (root / "masuk").mkdir(parents=True)
    shutil.copyfile(PDF1, root / "masuk" / PDF1.name)
    assert run_ingest(root, env).returncode == 0
    rescan = tmp_path / "pindai-ulang.pdf"
    rescan.write_bytes(PDF1.read_bytes() + b"\n% dipindai ulang\n")  # the same letter, other bytes
    shutil.copyfile(rescan, root / "masuk" / rescan.name)
    crashed = run_ingest(root, env, crash_at=point)
    assert crashed.returncode == 137, crashed.stderr
    for _ in range(2):  # the resumed run, then one more that must change nothing
        done = run_ingest(root, env)
        assert done.returncode == 0, done.stderr
        assert_attached(root, rescan, "pindaian-ulang-2.pdf")
        copies = [p for p in root.rglob("*") if p.is_file() and ".kerjasama" not in p.parts and sha(p) == sha(rescan)]
        assert len(copies) == 1, copies
        states = sorted(s for (s,) in journal(root).execute("SELECT state FROM inputs"))
        assert states == ["terdaftar", "terlampir"]
