"""A second look at a scanned letter whose fields came out doubtful: the two extractions are
put together field by field, never one replacing the other."""
from __future__ import annotations

from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter, Line, PageText, Word
from pipeline.read import second_look


def extraction(values: dict, flagged: dict[str, list[str]]):
    letter = ExtractedLetter(**values, perlu_ditinjau=[k for k in FIELD_NAMES if k in flagged])
    proof = {k: {"aturan": "isi", "keyakinan": 90.0, "tempat": [], "alasan": list(flagged.get(k, []))} for k in FIELD_NAMES}
    return letter, proof


def test_a_value_clean_in_both_readings_stays_clean():
    a = extraction({"npwp": "095260054525000"}, {})
    b = extraction({"npwp": "095260054525000"}, {})
    letter, _ = second_look.merge(a, b)
    assert letter.npwp == "095260054525000" and letter.perlu_ditinjau == []


def test_a_value_flagged_first_and_clean_second_is_taken_from_the_second():
    a = extraction({"nomor_surat": "12/KLN/X1/2026"}, {"nomor_surat": ["bulan romawi tidak sah: X1"]})
    b = extraction({"nomor_surat": "12/KLN/XI/2026"}, {})
    letter, proof = second_look.merge(a, b)
    assert letter.nomor_surat == "12/KLN/XI/2026" and "nomor_surat" not in letter.perlu_ditinjau
    assert proof["nomor_surat"]["alasan"] == []


def test_two_clean_readings_that_differ_go_to_the_clerk_with_both():
    a = extraction({"telepon": "0354-599570"}, {})
    b = extraction({"telepon": "0354-599578"}, {})
    letter, proof = second_look.merge(a, b)
    assert letter.telepon == "0354-599570" and "telepon" in letter.perlu_ditinjau
    assert "0354-599578" in proof["telepon"]["alasan"][0]


def test_a_value_flagged_in_both_keeps_every_reason():
    a = extraction({"alamat": "Jl. Merdeka No. 5"}, {"alamat": ["alamat tanpa kode pos (mungkin terpotong)"]})
    b = extraction({"alamat": "Jl. Merdeka No. 5, Kota"}, {"alamat": ["bagian alamat tampak terpotong atau rusak"]})
    letter, proof = second_look.merge(a, b)
    assert letter.alamat == "Jl. Merdeka No. 5" and "alamat" in letter.perlu_ditinjau
    assert len(proof["alamat"]["alasan"]) == 2


def test_a_clean_value_the_second_reading_does_not_find_is_checked():
    a = extraction({"email": "info@contoh.id"}, {})
    b = extraction({}, {"email": ["tidak ditemukan di surat"]})
    letter, _ = second_look.merge(a, b)
    assert letter.email == "info@contoh.id" and "email" in letter.perlu_ditinjau


def _doc(source: str, engine: str) -> DocumentText:
    line = Line(page=1, words=[Word("Nomor", 90.0)], engine=engine)
    return DocumentText(kind="png" if source == "ocr" else "pdf", pages=[PageText(1, [line], source)])


def test_only_a_scan_with_a_reading_problem_gets_a_second_look():
    doubtful = extraction({"nomor_surat": "12/KLN/X1/2026"}, {"nomor_surat": ["bulan romawi tidak sah: X1"]})
    not_reading = extraction({"alamat": "Jl. Merdeka No. 5, Kota Blitar 66111"}, {"alamat": ["dibaca dari isi surat, bukan dari kop surat"]})
    assert second_look.wanted(_doc("ocr", "tesseract"), doubtful)
    assert not second_look.wanted(_doc("text_layer", ""), doubtful)          # a text layer is exact
    assert not second_look.wanted(_doc("ocr", "both"), doubtful)              # both engines read it already
    assert not second_look.wanted(_doc("ocr", "tesseract"), not_reading)      # no reading can change that
    assert not second_look.wanted(_doc("ocr", "tesseract"), extraction({}, {}))


def test_a_second_look_must_fit_well_inside_the_time_limit():
    assert second_look.affordable(2.0)
    assert not second_look.affordable(100.0)


def test_a_photocopy_with_doubtful_fields_is_read_again_by_both_engines(tmp_path):
    from pipeline.read.letter import read_letter
    from tests.corpus.generate import make_one

    made = make_one((5, "K6-profile-kv", "photocopy"), 1, tmp_path)
    reading = read_letter(tmp_path / made["file"])
    readings = {p["bacaan"] for proof in reading.bukti.values() for p in proof["tempat"]}
    reasons = [r for proof in reading.bukti.values() for r in proof["alasan"]]
    assert readings & {"both", "rapidocr"} or any("bacaan" in r for r in reasons)
