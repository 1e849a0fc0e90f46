"""Values that OCR cut at their start or that a list put out of place, as a fresh corpus
showed them: each is read from its own place, or flagged, never taken silently."""
from __future__ import annotations

from tests.extract.test_layouts import CLOSE, HEAD, kv, read
from tests.extract.test_signature_and_slips import ocr_doc
from pipeline.extract import extract_with_reasons
from tests.extract.test_layouts import TODAY


def _with_mail(address: str) -> list[tuple]:
    return [r for r in HEAD if not r[3].startswith("Telepon")] + [(1, 0.12, 0.08, f"Telepon: (0342) 801234, e-mail: {address}")]


def test_an_address_that_lost_its_first_letters_is_flagged():
    for address in ("abarlestari77@gmail.com", "kabarlestari 1 @yahoo.com"):
        letter, reasons = read(_with_mail(address) + CLOSE)
        assert "email" in letter.perlu_ditinjau, (address, letter.email)
        assert any("awal" in r for r in reasons["email"]), reasons["email"]


def test_an_address_made_of_whole_name_words_is_not_taken_for_a_cut_one():
    for address in ("kabarlestari77@gmail.com", "lestari.news@gmail.com", "redaksi@kabarlestari.id"):
        letter, reasons = read(_with_mail(address) + CLOSE)
        assert not any("awal" in r for r in reasons.get("email", [])), (address, reasons)


def test_a_contact_persons_number_at_the_top_of_the_second_page_is_not_the_companys():
    head = [r for r in HEAD if not r[3].startswith("Telepon")]
    listed = kv(1, 0.40, "No. Telp/HP", "0354-850601")
    page2 = [(2, 0.18, 0.08, "Untuk koordinasi lebih lanjut, Bapak/Ibu dapat menghubungi Cahyo Utomo"),
             (2, 0.13, 0.10, "(+6285610734702).")]
    letter, reasons = read(head + listed + CLOSE + page2)
    assert letter.telepon == "0354-850601", (letter.telepon, reasons["telepon"])
