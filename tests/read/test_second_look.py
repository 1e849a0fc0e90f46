"""A second look at a scanned letter whose fields came out doubtful: the two extractions are
put together field by field, never one replacing the other."""
from __future__ import annotations

from pipeline.core.models import FIELD_NAMES, DocumentText, ExtractedLetter, Line, PageText, Word
from pipeline.read import look_again, second_look


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


def test_a_clean_second_reading_without_words_the_first_saw_stays_flagged():
    # the first reading was doubtful, but it had the subject's wrapped second line
    a = extraction({"perihal": "Penawaran Kerja Sama Penayangan Iklan Layanan Masyarakat"}, {"perihal": ["keyakinan OCR rendah (18)"]})
    b = extraction({"perihal": "Penawaran Kerja Sama Penayangan Iklan"}, {})
    letter, proof = second_look.merge(a, b)
    assert "perihal" in letter.perlu_ditinjau
    assert any("Layanan Masyarakat" in r for r in proof["perihal"]["alasan"])


def test_a_second_reading_that_only_puts_misread_letters_right_is_taken_clean():
    a = extraction({"perihal": "Perm@hon4n Kerja Sama Medla"}, {"perihal": ["keyakinan OCR rendah (40)"]})
    b = extraction({"perihal": "Permohonan Kerjasama Media"}, {})
    letter, _ = second_look.merge(a, b)
    assert letter.perihal == "Permohonan Kerjasama Media" and "perihal" not in letter.perlu_ditinjau


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
    line = Line(page=1, words=[Word("Nomor", 90.0, 100, 400, 300, 40)], engine=engine)
    page = PageText(1, [line], source, width=2480, height=3508)
    return DocumentText(kind="png" if source == "ocr" else "pdf", pages=[page])


def _placed(letter_and_proof, box=(100, 400, 400, 440)):
    letter, proof = letter_and_proof
    for k in letter.perlu_ditinjau:
        proof[k]["tempat"] = [{"halaman": 1, "kotak": list(box), "satuan": "px"}]
    return letter, proof


def test_only_a_scan_with_a_reading_problem_gets_a_second_look():
    doubtful = extraction({"nomor_surat": "12/KLN/X1/2026"}, {"nomor_surat": ["bulan romawi tidak sah: X1"]})
    not_reading = extraction({"alamat": "Jl. Merdeka No. 5, Kota Blitar 66111"}, {"alamat": ["dibaca dari isi surat, bukan dari kop surat"]})

    def pages_to_read(doc, first):
        return look_again.plan(doc, second_look.doubtful_places(doc, first))

    assert pages_to_read(_doc("ocr", "tesseract"), _placed(doubtful))
    assert not pages_to_read(_doc("text_layer", ""), _placed(doubtful))          # a text layer is exact
    assert not pages_to_read(_doc("ocr", "both"), _placed(doubtful))              # both engines read it already
    assert not pages_to_read(_doc("ocr", "tesseract"), _placed(not_reading))      # no reading can change that
    assert not pages_to_read(_doc("ocr", "tesseract"), extraction({}, {}))


def test_a_second_look_reads_only_the_rows_around_a_doubtful_value():
    doubtful = _placed(extraction({"nomor_surat": "12/KLN/X1/2026"}, {"nomor_surat": ["bulan romawi tidak sah: X1"]}))
    plan = look_again.plan(_doc("ocr", "tesseract"), second_look.doubtful_places(_doc("ocr", "tesseract"), doubtful))
    [(top, bottom)] = plan[1]
    assert top < 400 and bottom > 440            # the value's line and a margin around it ...
    assert bottom - top < 0.1 * 3508             # ... not the page


def test_a_value_not_found_has_its_whole_page_read_again():
    missing = extraction({}, {"npwp": ["NPWP disebut tetapi nomornya tidak terbaca"]})
    plan = look_again.plan(_doc("ocr", "tesseract"), second_look.doubtful_places(_doc("ocr", "tesseract"), missing))
    assert plan == {1: None}


def _signed_page() -> DocumentText:
    def line(y, *texts):
        return Line(page=1, words=[Word(t, 92.0, 300 + 200 * i, y, 180, 40) for i, t in enumerate(texts)], engine="tesseract")
    body = [line(400 + 60 * i, "Dengan", "hormat", "kami", "mengajukan", "kerja", "sama") for i in range(20)]
    closing = [line(2600, "Hormat", "kami,"), line(2660, "PT", "Media", "Kita"), line(2900, "Direktur")]
    page = PageText(1, [line(200, "Kepada", "Yth."), line(260, "Dengan", "hormat,")] + body + closing, "ocr",
                    width=2480, height=3508)
    return DocumentText(kind="png", pages=[page])


def test_a_value_not_found_is_looked_for_beside_the_value_printed_next_to_it():
    # no e-mail read, but the telephone was: the e-mail is looked for around it, not everywhere
    missing = extraction({"telepon": "0354-599570"}, {"email": ["tidak ditemukan di surat"],
                                                      "telepon": ["keyakinan OCR rendah (60)"]})
    missing[1]["telepon"]["tempat"] = [{"halaman": 1, "kotak": [100, 400, 400, 440], "satuan": "px"}]
    missing[1]["telepon"]["alasan"] = []
    missing[0].perlu_ditinjau.remove("telepon")
    [(top, bottom)] = look_again.plan(_doc("ocr", "tesseract"), second_look.doubtful_places(_doc("ocr", "tesseract"), missing))[1]
    assert top < 400 - 2 * 40 and bottom > 440 + 2 * 40     # a wider band than a value's own ...
    assert bottom - top < 0.2 * 3508                         # ... still not the page


def test_a_signatory_not_found_is_looked_for_in_the_signature_block():
    doc = _signed_page()
    missing = extraction({}, {"penandatangan": ["tidak ditemukan di surat"],
                              "jabatan_penandatangan": ["tidak ditemukan di surat"]})
    [(top, bottom)] = look_again.plan(doc, second_look.doubtful_places(doc, missing))[1]
    assert top <= 2600 and bottom >= 2940                    # from "Hormat kami" to the position
    assert top > 1300                                        # the body's last lines at most, not the body


def test_a_signature_block_read_only_to_the_company_line_is_looked_at_down_to_the_page_foot():
    # The name and position lie under a signature and a stamp: Tesseract read nothing below
    # the company line, so the block cannot end at the last line it read.
    doc = _signed_page()
    doc.pages[0].lines = [l for l in doc.pages[0].lines if l.text != "Direktur"]
    missing = extraction({}, {"penandatangan": ["tidak ditemukan di surat"]})
    [(top, bottom)] = look_again.plan(doc, second_look.doubtful_places(doc, missing))[1]
    assert top <= 2600 and bottom >= 3400


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


def test_a_value_not_found_first_and_doubtful_second_is_shown_to_the_clerk():
    a = extraction({}, {"penandatangan": ["tidak ditemukan di surat"]})
    b = extraction({"penandatangan": "Dr. Nining Wardhana, S.I.Kom."}, {"penandatangan": ["keyakinan OCR rendah (52)"]})
    letter, proof = second_look.merge(a, b)
    assert letter.penandatangan == "Dr. Nining Wardhana, S.I.Kom." and "penandatangan" in letter.perlu_ditinjau
    assert proof["penandatangan"]["alasan"] == ["keyakinan OCR rendah (52)"]


def test_a_number_read_after_a_dropped_stray_digit_is_read_again():
    # "NPWP - 1 31.552…": the first reading drops the "1" and flags the number; a second
    # reading that gives it whole and clean settles it (seed 1: ten such NPWPs and NIBs).
    from pipeline.extract import extract_with_evidence

    words = [Word(text, 90.0, 100 + 160 * i, 400, 150, 40) for i, text in enumerate("NPWP - 1 31.552.880.1-913.000".split())]
    doc = DocumentText(kind="png", pages=[PageText(1, [Line(page=1, words=words, engine="tesseract")], "ocr",
                                                   width=2480, height=3508)])
    letter, proof = extract_with_evidence(doc)
    assert letter.npwp == "315528801913000" and "npwp" in letter.perlu_ditinjau, proof["npwp"]
    assert "npwp" in second_look.doubtful_places(doc, (letter, proof))
