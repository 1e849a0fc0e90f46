"""Step 3 evaluation: pre-check from the letter, scoring, class, and the Evaluasi worksheet."""
from __future__ import annotations

import copy

import openpyxl
import pytest

from pipeline.core import settings as config

from pipeline.policy import evaluation
from pipeline.policy.evaluation import EvaluationConfigError, compute, prefill
from pipeline.agenda.evaluation_cells import evaluation_sheet_layout
from pipeline.agenda.xlsx.evaluation_sheet import (
    ensure_evaluation_sheet,
    read_answers,
    read_row,
    write_prefill,
    write_result,
)
from pipeline.core.models import ExtractedLetter

KEYS = ["badan_hukum_pt", "akta_kemenkumham", "nib", "npwp", "dewan_pers", "ukw_utama", "domisili", "rekening",
        "usia_media"]
ALL_YES = {k: "Ya" for k in KEYS} | {"dewan_pers": "faktual"}


def full_letter(**kw) -> ExtractedLetter:
    base = dict(nama_perusahaan="PT Media Maju", bentuk_badan_usaha="PT", nama_media="Trenggalek Today",
                alamat="Jl. Soekarno-Hatta 1", npwp="012345678901234", nib="1234567890123", nomor_akta="12",
                sk_kemenkumham="AHU-0001.AH.01.01.TAHUN 2020", status_dewan_pers="terverifikasi_faktual",
                ukw_utama=True)
    return ExtractedLetter(**{**base, **kw})


def test_criteria_and_weights_come_from_config():
    cfg = evaluation.load()
    assert list(cfg.criteria) == KEYS
    assert cfg.max_score == 100
    assert cfg.criteria["dewan_pers"].options == ("faktual", "administratif", "belum")
    assert cfg.criteria["npwp"].options == ("Ya", "Tidak")
    assert {k for k, c in cfg.criteria.items() if c.wajib} == {"badan_hukum_pt", "akta_kemenkumham", "nib", "npwp",
                                                                "rekening"}


# --- prefill --------------------------------------------------------------------------------


def test_prefill_from_a_complete_letter():
    assert prefill(full_letter()) == {
        "badan_hukum_pt": "Ya", "akta_kemenkumham": "Ya", "nib": "Ya", "npwp": "Ya", "dewan_pers": "faktual",
        "ukw_utama": "Ya", "domisili": "Ya", "rekening": None, "usia_media": None,
    }


def test_prefill_says_tidak_only_where_the_letter_states_the_opposite():
    got = prefill(full_letter(bentuk_badan_usaha="CV", ukw_utama=False, npwp=None, sk_kemenkumham=None,
                              status_dewan_pers="belum"))
    assert got["badan_hukum_pt"] == "Tidak" and got["ukw_utama"] == "Tidak" and got["dewan_pers"] == "belum"
    assert got["npwp"] is None and got["akta_kemenkumham"] is None  # not stated is not "no"


def test_prefill_of_an_empty_letter_is_all_unknown():
    assert set(prefill(ExtractedLetter()).values()) == {None}


def test_uncertain_fields_are_not_prefilled():
    got = prefill(full_letter(perlu_ditinjau=["npwp", "bentuk_badan_usaha", "status_dewan_pers"]))
    assert got["npwp"] is None and got["badan_hukum_pt"] is None and got["dewan_pers"] is None
    assert got["nib"] == "Ya"


# --- compute --------------------------------------------------------------------------------


def test_everything_met_is_class_a_and_memenuhi():
    r = compute(ALL_YES)
    assert (r.score, r.max_score, r.kelas, r.memenuhi, r.missing) == (100, 100, "A", True, [])
    assert r.hasil == "Memenuhi" and r.lengkap
    assert "kelas A" in r.reasons[-1]


@pytest.mark.parametrize("answer, kelas, score", [("faktual", "A", 100), ("administratif", "B", 92),
                                                  ("belum", "C", 80)])
def test_class_follows_dewan_pers_and_score_the_weights(answer, kelas, score):
    r = compute(ALL_YES | {"dewan_pers": answer})
    assert (r.kelas, r.score, r.memenuhi) == (kelas, score, True)


def test_mandatory_no_makes_it_tidak_memenuhi_whatever_the_score():
    r = compute(ALL_YES | {"npwp": "Tidak"})
    assert r.score == 90 and not r.memenuhi and r.hasil == "Tidak Memenuhi"
    assert "Persyaratan wajib 'NPWP' tidak terpenuhi." in r.reasons


def test_score_below_threshold_is_tidak_memenuhi():
    r = compute(ALL_YES | {"dewan_pers": "belum", "ukw_utama": "Tidak", "domisili": "Tidak", "usia_media": "Tidak"})
    assert r.score == 60 and r.memenuhi  # exactly at the threshold passes
    r = compute(ALL_YES | {"dewan_pers": "belum", "ukw_utama": "Tidak", "domisili": "Tidak", "usia_media": "Tidak",
                           "rekening": "Tidak"})
    assert r.score == 50 and not r.memenuhi
    assert "Skor 50 di bawah batas minimal 60 dari 100." in r.reasons


def test_unanswered_criteria_are_missing_and_not_memenuhi():
    r = compute({k: v for k, v in ALL_YES.items() if k not in ("rekening", "dewan_pers")})
    assert r.missing == ["dewan_pers", "rekening"]
    assert r.kelas == "C" and not r.memenuhi and not r.lengkap
    assert "Belum dijawab: Verifikasi Dewan Pers, Rekening Perusahaan." in r.reasons


def test_answers_typed_by_people_are_matched_tolerantly():
    r = compute({k: f"  {v.upper()} " for k, v in ALL_YES.items()} | {"dewan_pers": "Terverifikasi Faktual"})
    assert r.score == 100 and r.kelas == "A" and r.memenuhi


def test_unknown_answer_is_reported():
    r = compute(ALL_YES | {"nib": "mungkin"})
    assert r.missing == ["nib"] and not r.memenuhi
    assert any("Jawaban 'mungkin' untuk 'NIB' tidak dikenal (pilihan: Ya, Tidak)." == x for x in r.reasons)


def test_prefill_then_verifier_completes():
    answers = prefill(full_letter()) | {"rekening": "Ya", "usia_media": "Tidak"}
    r = compute(answers)
    assert (r.score, r.kelas, r.memenuhi) == (95, "A", True)


def test_config_with_unknown_answer_in_alias_is_refused():
    cfg = copy.deepcopy(config.load("evaluation"))
    cfg["criteria"]["dewan_pers"]["alias"]["ok"] = "lulus"
    with pytest.raises(EvaluationConfigError, match="lulus"):
        evaluation.load(cfg)


def test_config_with_bad_class_criterion_is_refused():
    cfg = copy.deepcopy(config.load("evaluation"))
    cfg["kelas"]["criterion"] = "tidak_ada"
    with pytest.raises(EvaluationConfigError, match="tidak_ada"):
        evaluation.load(cfg)


# --- the Evaluasi worksheet ------------------------------------------------------------------


def test_layout():
    lay = evaluation_sheet_layout()
    assert lay.sheet == "Evaluasi"
    assert lay.headers[:3] == ("No. Agenda", "Perusahaan", "Media")
    assert lay.headers[3:12] == tuple(evaluation.load().criteria[k].kolom for k in KEYS)
    assert {"Skor", "Skor Maks", "Kelas", "Hasil", "Belum Dijawab", "Alasan"} <= set(lay.headers)
    assert lay.dropdowns["Verifikasi Dewan Pers"] == ("faktual", "administratif", "belum")
    assert lay.dropdowns["NPWP"] == ("Ya", "Tidak")


def test_sheet_is_created_once_with_dropdowns(tmp_path):
    wb = openpyxl.Workbook()
    assert ensure_evaluation_sheet(wb) is True
    assert ensure_evaluation_sheet(wb) is False
    ws = wb["Evaluasi"]
    assert [c.value for c in ws[1]] == list(evaluation_sheet_layout().headers)
    formulas = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert formulas.count('"Ya,Tidak"') == 8 and '"faktual,administratif,belum"' in formulas
    wb.save(tmp_path / "a.xlsx")
    again = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert ensure_evaluation_sheet(again) is False  # survives a save/load round trip


def test_missing_columns_are_added_and_people_columns_kept():
    wb = openpyxl.Workbook()
    ws = wb.create_sheet("Evaluasi")
    ws.append(["No. Agenda", "Paraf", "NPWP"])
    ws.append(["001/2026", "AB", "Ya"])
    ensure_evaluation_sheet(wb)
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["No. Agenda", "Paraf", "NPWP"] and "Kelas" in headers
    assert read_answers(wb, "001/2026")["npwp"] == "Ya"


def test_prefill_fills_only_empty_cells_and_is_idempotent():
    wb = openpyxl.Workbook()
    answers = prefill(full_letter(ukw_utama=False))
    filled = write_prefill(wb, "001/2026", answers, perusahaan="PT Media Maju", media="Trenggalek Today")
    assert filled == ["Badan Hukum PT", "Akta & SK Kemenkumham", "NIB", "NPWP", "Verifikasi Dewan Pers",
                      "UKW Utama Pemred", "Alamat Kantor"]
    ws = wb["Evaluasi"]
    headers = {c.value: c.column for c in ws[1]}
    ws.cell(2, headers["UKW Utama Pemred"]).value = "Ya"  # the verifier corrects the letter
    assert write_prefill(wb, "001/2026", answers) == []
    got = read_answers(wb, "001/2026")
    assert got["ukw_utama"] == "Ya" and got["npwp"] == "Ya" and got["rekening"] is None
    assert ws.max_row == 2  # still one row for the case
    assert read_row(wb, "001/2026")["Diisi dari Surat"].startswith("Badan Hukum PT, Akta")


def test_rows_are_found_by_agenda_number_not_position():
    wb = openpyxl.Workbook()
    write_prefill(wb, "001/2026", {"npwp": "Ya"})
    write_prefill(wb, "002/2026", {"npwp": "Tidak"})
    ws = wb["Evaluasi"]
    ws.insert_rows(2)  # someone inserts a blank row at the top
    assert read_answers(wb, "002/2026")["npwp"] == "Tidak"
    assert read_answers(wb, "001/2026")["npwp"] == "Ya"
    assert set(read_answers(wb, "999/2026").values()) == {None}
    assert read_row(wb, "999/2026") is None


def test_letter_text_is_written_as_text_never_formula():
    wb = openpyxl.Workbook()
    write_prefill(wb, "001/2026", {}, perusahaan="=HYPERLINK(\"http://x\")", media="+1")
    ws = wb["Evaluasi"]
    cell = ws.cell(2, 2)
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=")


def test_result_columns_are_written():
    wb = openpyxl.Workbook()
    write_prefill(wb, "001/2026", ALL_YES)
    write_result(wb, "001/2026", compute(read_answers(wb, "001/2026") | {"npwp": "Tidak"}))
    row = read_row(wb, "001/2026")
    assert (row["Skor"], row["Skor Maks"], row["Kelas"], row["Hasil"]) == ("90", "100", "A", "Tidak Memenuhi")
    assert "NPWP" in row["Alasan"]


def test_foreign_sheet_named_evaluasi_is_not_overwritten():
    wb = openpyxl.Workbook()
    wb.create_sheet("Evaluasi").append(["catatan pribadi"])
    with pytest.raises(Exception, match="No. Agenda"):
        ensure_evaluation_sheet(wb)


def test_summary_for_pesan_sistem():
    assert evaluation.summary(compute(ALL_YES | {"dewan_pers": "administratif"})) == (
        "Evaluasi: skor 92 dari 100, kelas B, Memenuhi.")
    assert evaluation.summary(compute({})).startswith("Evaluasi belum lengkap di lembar 'Evaluasi': belum dijawab "
                                                      "Badan Hukum PT, ")


def test_prefill_rule_on_an_unknown_letter_field_is_refused():
    cfg = copy.deepcopy(config.load("evaluation"))
    cfg["criteria"]["npwp"]["prefill"] = {"present": ["nomor_pajak"]}
    with pytest.raises(EvaluationConfigError, match="nomor_pajak"):
        evaluation.load(cfg)


def test_scores_are_numbers_in_the_sheet():
    wb = openpyxl.Workbook()
    write_result(wb, "001/2026", compute(ALL_YES | {"dewan_pers": "administratif"}))
    ws = wb["Evaluasi"]
    headers = {c.value: c.column for c in ws[1]}
    assert ws.cell(2, headers["Skor"]).value == 92 and ws.cell(2, headers["Skor Maks"]).value == 100


def test_evaluation_sheet_lives_beside_the_agenda_sheet(tmp_path):
    from datetime import datetime

    from pipeline.agenda.letter_row import letter_to_row
    from pipeline.agenda.xlsx.workbook import XlsxAgenda

    agenda = XlsxAgenda(tmp_path / "agenda.xlsx")
    agenda.ensure()
    wb = openpyxl.load_workbook(agenda.path)
    write_prefill(wb, "001/2026", prefill(full_letter()), perusahaan="PT Media Maju")
    wb.save(agenda.path)
    agenda.upsert_rows([letter_to_row("001/2026", datetime(2026, 11, 2, 8, 0), full_letter())])
    assert agenda.read_rows()["001/2026"]["NPWP"] == "012345678901234"
    wb = openpyxl.load_workbook(agenda.path, data_only=True)
    assert wb.sheetnames == ["Agenda", "Evaluasi"]
    assert read_answers(wb, "001/2026")["dewan_pers"] == "faktual"
    assert ensure_evaluation_sheet(openpyxl.load_workbook(agenda.path)) is False  # dropdowns survived
