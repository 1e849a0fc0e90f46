"""Officials' formulas keep their results through the pipeline's writes (issue 12).

The agenda is saved by real LibreOffice with formulas typed into it (LibreOffice computes
them and stores the results), then written by the pipeline as it really writes: a status
through `kerjasama mark`, a registration row through `Agenda.apply`. What reads values
afterwards (a data_only load, pandas, a phone viewer, LibreOffice itself) must still see
the results; a result the write made untrue must go rather than stay stale.
"""
from __future__ import annotations

import csv
import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from pipeline import cli
from pipeline.agenda import AgendaWrite, letter_to_row, open_agenda
from pipeline.core.models import ExtractedLetter
from pipeline.tools import libreoffice, process

RECEIVED = datetime(2026, 11, 12, 9, 30)
LO_TIMEOUT = 180.0  # seconds; a first start with a fresh profile on a busy PC is slow
NILAI, CATATAN, CEK = "Nilai Kerja Sama", "Catatan", "Cek"


def registration(n: int) -> dict[str, str]:
    letter = ExtractedLetter(nomor_surat=f"{n:03d}/MM/XI/2026", nama_perusahaan=f"Media Maju {n}",
                             bentuk_badan_usaha="PT", jenis_media="online")
    return letter_to_row(f"{n:03d}/KSM/2026", RECEIVED, letter, message="Tercatat.")


def soffice(source: Path, target: str, out_dir: Path, profile: Path) -> None:
    """A real LibreOffice conversion (private profile, hard timeout, as `tools.libreoffice` runs it)."""
    exe = libreoffice.find()
    if exe is None:
        pytest.fail("LibreOffice tidak terpasang; jalankan `make system`")
    done = process.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                        "--outdir", str(out_dir), str(source)], timeout=LO_TIMEOUT)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")


def letters(ws) -> dict[str, str]:
    """{header: column letter} of the header row."""
    return {c.value: get_column_letter(c.column) for c in ws[1] if c.value}


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="module")
def office_saved(tmp_path_factory, profile) -> Path:
    """agenda.xlsx as LibreOffice saved it after officials typed formulas into the pipeline's agenda."""
    work = tmp_path_factory.mktemp("typed")
    agenda = open_agenda(work / "root")
    agenda.apply([AgendaWrite("tambah", f"{n:03d}/KSM/2026", registration(n)) for n in (1, 2)])
    wb = openpyxl.load_workbook(agenda.path)
    ws = wb["Agenda"]
    assert (ws["A2"].value, ws["A3"].value) == ("001/KSM/2026", "002/KSM/2026")  # rows 2 and 3 below
    ws.cell(1, ws.max_column + 1, CEK)  # a column of their own
    col = letters(ws)
    n = col[NILAI]
    ws[f"{n}2"] = "=5000000*3"
    ws[f"{n}3"] = f"={n}2*2"  # refers to another cell
    for row in (2, 3):
        ws[f"{col['Jangka Waktu']}{row}"] = f"={n}{row}/1000"
    ws[f"{col[CATATAN]}2"] = '=CONCATENATE("Rp ","15 juta")'  # a text result
    ws[f"{col[CEK]}2"] = f"={n}2>10000000"  # a boolean result
    ws[f"{col[CEK]}3"] = ArrayFormula(f"{col[CEK]}3", f"=SUM({n}2:{n}3*2)")
    summary = wb.create_sheet("Ringkasan")
    summary["A1"] = "=COUNTA(Agenda!A:A)"  # counts the rows the pipeline adds
    summary["A2"] = f"=SUM(Agenda!{n}:{n})"  # reads only what officials type
    summary["A3"] = f'=IF(Agenda!{col["Status"]}2="Tercatat","baru","lama")'  # reads the Status of 001
    summary["A4"] = "=LEN(A3)"  # reads it through another formula
    summary["A5"] = "=A6*2"  # reads the COUNTA through a formula further down
    summary["A6"] = "=A1+0"
    typed = work / "typed" / "agenda.xlsx"
    typed.parent.mkdir()
    wb.save(typed)
    soffice(typed, "xlsx", work / "saved", profile)
    return work / "saved" / "agenda.xlsx"


@pytest.fixture
def root(tmp_path, office_saved) -> Path:
    (tmp_path / "root").mkdir()
    shutil.copyfile(office_saved, tmp_path / "root" / "agenda.xlsx")
    return tmp_path / "root"


def formulas(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): (c.value.ref, c.value.text) if isinstance(c.value, ArrayFormula) else c.value
            for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"}


def values(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path, data_only=True)
    return {key: wb[key[0]][key[1]].value for key in formulas(path)}


def as_libreoffice_shows(path: Path, out_dir: Path, profile: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice opens and exports it, {sheet: rows of cells}."""
    # Separator, quote, UTF-8, first line, ..., and -1: each sheet to its own file (LibreOffice >= 7.2).
    soffice(path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", out_dir, profile)
    found = {}
    for made in out_dir.glob(f"{path.stem}-*.csv"):
        with open(made, newline="", encoding="utf-8") as fh:
            found[made.stem.removeprefix(f"{path.stem}-")] = list(csv.reader(fh))
    return found


def test_libreoffice_stored_the_results_the_tests_rely_on(office_saved):
    got = values(office_saved)
    assert 15000000 in got.values() and "Rp 15 juta" in got.values() and True in got.values()


def test_a_status_write_keeps_formulas_and_their_results(root, tmp_path, profile):
    before_formulas, before_values = formulas(root / "agenda.xlsx"), values(root / "agenda.xlsx")
    assert cli.main(["mark", "001/KSM/2026", "Didisposisi", "--root", str(root)]) == 0

    path = root / "agenda.xlsx"
    assert open_agenda(root).read_rows()["001/KSM/2026"]["Status"] == "Didisposisi"  # the write happened
    assert formulas(path) == before_formulas  # still the formulas officials typed
    # The results the new Status made untrue are gone (LibreOffice computes them again on
    # opening, below); every other result is as LibreOffice stored it.
    untrue = {("Ringkasan", "A3"), ("Ringkasan", "A4")}
    assert [before_values[k] for k in sorted(untrue)] == ["baru", 4]
    got = values(path)
    assert [got[k] for k in sorted(untrue)] == [None, None]
    assert {k: v for k, v in got.items() if k not in untrue} == {k: v for k, v in before_values.items()
                                                                  if k not in untrue}
    wb = openpyxl.load_workbook(path, data_only=True)
    ws, col = wb["Agenda"], letters(wb["Agenda"])
    assert ws[f"{col[NILAI]}2"].value == 15000000
    assert ws[f"{col[NILAI]}3"].value == 30000000
    assert ws[f"{col[CATATAN]}2"].value == "Rp 15 juta"
    assert ws[f"{col[CEK]}2"].value is True
    assert ws[f"{col[CEK]}3"].value == 90000000  # an array formula
    assert (wb["Ringkasan"]["A1"].value, wb["Ringkasan"]["A2"].value) == (3, 45000000)
    # What the pipeline reads itself (`Nilai Kerja Sama` for the contract) sees the number too.
    assert open_agenda(root).read_rows()["001/KSM/2026"][NILAI] == "15000000"

    shown = as_libreoffice_shows(path, tmp_path / "csv", profile)
    header, *rows = shown["Agenda"]
    first = dict(zip(header, rows[0]))
    assert (first[NILAI], first[CATATAN], first["Status"]) == ("15000000", "Rp 15 juta", "Didisposisi")
    assert shown["Ringkasan"] == [["3"], ["45000000"], ["lama"], ["4"], ["6"], ["3"]]


def test_a_registration_drops_only_results_it_made_untrue(root, tmp_path, profile):
    agenda = open_agenda(root)
    agenda.apply([AgendaWrite("tambah", "003/KSM/2026", registration(3))])

    path = root / "agenda.xlsx"
    assert "003/KSM/2026" in agenda.read_rows()
    wb = openpyxl.load_workbook(path, data_only=True)
    ws, col = wb["Agenda"], letters(wb["Agenda"])
    assert ws[f"{col[NILAI]}2"].value == 15000000 and ws[f"{col[NILAI]}3"].value == 30000000
    assert wb["Ringkasan"]["A2"].value == 45000000  # the new row has no Nilai: the sum still holds
    assert (wb["Ringkasan"]["A3"].value, wb["Ringkasan"]["A4"].value) == ("baru", 4)  # 001 untouched
    # COUNTA over the column the pipeline appended to: its old result (3) would now be a lie,
    # and so would those of the formulas reading it, even from above it.
    assert [wb["Ringkasan"][c].value for c in ("A1", "A5", "A6")] == [None, None, None]
    assert openpyxl.load_workbook(path)["Ringkasan"]["A1"].value == "=COUNTA(Agenda!A:A)"
    # LibreOffice computes them again on opening.
    shown = as_libreoffice_shows(path, tmp_path / "csv", profile)["Ringkasan"]
    assert shown == [["4"], ["45000000"], ["baru"], ["4"], ["8"], ["4"]]


def test_shared_formulas_as_excel_writes_them_get_their_results(root, tmp_path, profile):
    # Excel fills a formula down as one shared formula: `<f t="shared" ref=.. si="0">` on the
    # first cell and `<f t="shared" si="0"/>` on the others; openpyxl writes them out one by one.
    path = root / "agenda.xlsx"
    col = letters(openpyxl.load_workbook(path)["Agenda"])
    jangka, n = col["Jangka Waktu"], col[NILAI]
    _rewrite_sheet(path, lambda xml: _fill_down_shared(xml, jangka, n))
    assert values(path)[("Agenda", f"{jangka}3")] == 30000  # as Excel stored it
    assert cli.main(["mark", "002/KSM/2026", "Didisposisi", "--root", str(root)]) == 0
    ws = openpyxl.load_workbook(path, data_only=True)["Agenda"]
    assert (ws[f"{jangka}2"].value, ws[f"{jangka}3"].value) == (15000, 30000)
    assert openpyxl.load_workbook(path)["Agenda"][f"{jangka}3"].value == f"={n}3/1000"
    header, *rows = as_libreoffice_shows(path, tmp_path / "csv", profile)["Agenda"]
    assert [dict(zip(header, r))["Jangka Waktu"] for r in rows[:2]] == ["15000", "30000"]


def _fill_down_shared(xml: str, target: str, source: str) -> str:
    first = (f'<c r="{target}2" t="n"><f t="shared" ref="{target}2:{target}3" si="0">{source}2/1000</f>'
             f'<v>15000</v></c>')
    other = f'<c r="{target}3" t="n"><f t="shared" si="0"/><v>30000</v></c>'
    for row, cell in ((2, first), (3, other)):
        xml, count = re.subn(rf'<c r="{target}{row}"[^>]*?(?:/>|>.*?</c>)', cell, xml, count=1)
        assert count == 1
    return xml


def _rewrite_sheet(path: Path, edit) -> None:
    """Edit the Agenda sheet's XML in place, as another spreadsheet program would have saved it."""
    tmp = path.with_suffix(".edit")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
    tmp.replace(path)
