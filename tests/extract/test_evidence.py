"""The evidence (`bukti`) behind every value: where it was read, by which reading, why flagged.

The clerk is to be shown the crop of the page beside each flagged value, so each place must
point at the words the value came from, on the right page, inside the page.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.models import FIELD_NAMES
from pipeline.core.text import normalize
from tests.conftest import SAMPLES

TEXT_LAYER = SAMPLES / "surat_01_arjunakanal-com.pdf"
SCAN = SAMPLES / "surat_07_lenteranusantara-or-id.png"


def extract_json(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(path), "--json"],
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def born_digital() -> dict:
    return extract_json(TEXT_LAYER)


@pytest.fixture(scope="module")
def scanned() -> dict:
    return extract_json(SCAN)


def test_the_contract_keys_stay_and_bukti_is_the_one_key_added(born_digital):
    assert set(born_digital) == set(FIELD_NAMES) | {"perlu_ditinjau", "bukti"}
    assert set(born_digital["bukti"]) == set(FIELD_NAMES)


@pytest.mark.parametrize("letter", ["born_digital", "scanned"])
def test_every_text_value_points_at_the_line_it_was_read_from(letter, request):
    data = request.getfixturevalue(letter)
    checked = 0
    for key in ("nomor_surat", "nama_perusahaan", "alamat", "email", "npwp", "nib", "pemimpin_redaksi", "penandatangan"):
        value = data[key]
        if value is None:
            continue
        places = data["bukti"][key]["tempat"]
        assert places, f"{key} has a value but no place"
        read = normalize(" ".join(p["teks"] for p in places), words_only=True).replace(" ", "")
        wanted = normalize(str(value), words_only=True).replace(" ", "")
        # a value is read from its lines; digits-only fields lose the separators printed there
        assert wanted[:8] in read or "".join(ch for ch in read if ch.isdigit()).find(wanted[:8]) >= 0, (key, value, places)
        checked += 1
    assert checked >= 6


@pytest.mark.parametrize("letter", ["born_digital", "scanned"])
def test_boxes_lie_inside_their_page(letter, request):
    data = request.getfixturevalue(letter)
    for key, proof in data["bukti"].items():
        for place in proof["tempat"]:
            left, top, right, bottom = place["kotak"]
            assert 0 <= left < right and 0 <= top < bottom, (key, place)
            rel = place["kotak_relatif"]
            assert all(0 <= v <= 1.0001 for v in rel), (key, place)
            assert place["halaman"] >= 1


def test_the_reading_is_named_text_layer_or_tesseract(born_digital, scanned):
    born = {p["bacaan"] for proof in born_digital["bukti"].values() for p in proof["tempat"]}
    scan = {p["bacaan"] for proof in scanned["bukti"].values() for p in proof["tempat"]}
    assert born == {"lapisan_teks"}
    assert "tesseract" in scan and "lapisan_teks" not in scan
    assert {p["satuan"] for proof in scanned["bukti"].values() for p in proof["tempat"]} == {"px"}


@pytest.mark.parametrize("letter", ["born_digital", "scanned"])
def test_every_flagged_value_says_why(letter, request):
    data = request.getfixturevalue(letter)
    for key in data["perlu_ditinjau"]:
        assert data["bukti"][key]["alasan"], key
    for key in set(FIELD_NAMES) - set(data["perlu_ditinjau"]):
        assert data["bukti"][key]["alasan"] == [], key


def test_a_value_on_an_attached_page_points_at_that_page(tmp_path):
    """Identity data only on a LAMPIRAN page: its evidence is on page 2, not on the letter."""
    from tests.corpus.generate import make_one

    made = make_one((4, "K5-lampiran-table", "none"), 1, tmp_path)
    assert made["pages"] == 2
    data = extract_json(tmp_path / made["file"])
    found = [key for key in ("npwp", "nib", "nomor_akta", "sk_kemenkumham", "pemimpin_redaksi") if data[key]]
    assert found
    assert {p["halaman"] for key in found for p in data["bukti"][key]["tempat"]} == {2}
