"""`make bench` drops two piles: clean scans alone (the 90% target of issue 15 holds there)
and every degradation in turn (hard pages may cost more, issue 10)."""
from pathlib import Path

from pipeline.dev.bench import CLEAN_SCANS, burst_letters


def _corpus(tmp_path: Path) -> Path:
    names = ["c001_K1_none_a.pdf", "c002_K2_clean_scan_b.png", "c003_K3_photocopy_c.png",
             "c004_K4_bilevel_d.tif", "c005_K5_clean_scan_e.pdf", "c006_K6_phone_photo_f.jpg",
             "c007_K7_photocopy_g.png", "c007_K7_photocopy_g.json"]
    for n in names:
        (tmp_path / n).write_bytes(b"x")
    return tmp_path


def test_clean_pile_holds_only_clean_scans_every_kind_in_turn(tmp_path):
    pile = [p.name for p in burst_letters(_corpus(tmp_path), 3, kinds=CLEAN_SCANS)]
    assert pile == ["c002_K2_clean_scan_b.png", "c004_K4_bilevel_d.tif", "c005_K5_clean_scan_e.pdf"]


def test_mixed_pile_takes_every_degradation_in_turn_and_no_born_digital_letter(tmp_path):
    pile = [p.name for p in burst_letters(_corpus(tmp_path), 4)]
    assert pile == ["c002_K2_clean_scan_b.png", "c003_K3_photocopy_c.png", "c004_K4_bilevel_d.tif",
                    "c006_K6_phone_photo_f.jpg"]


def test_a_pile_never_asks_for_more_letters_than_there_are(tmp_path):
    assert len(burst_letters(_corpus(tmp_path), 50, kinds=CLEAN_SCANS)) == 3
