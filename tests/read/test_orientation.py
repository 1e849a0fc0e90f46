"""Orientation: a page scanned sideways or upside down still reads."""
from pathlib import Path

import pytest
from PIL import Image

from pipeline.read.document import read_document

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_page_scanned_sideways_or_upside_down_still_reads(tmp_path, degrees):
    turned = tmp_path / f"turned-{degrees}.png"
    with Image.open(SAMPLES / "surat_09_kabardesa-id.png") as im:
        im.rotate(degrees, expand=True).save(turned, dpi=(200, 200))
    result = read_document(turned)
    assert "Dewan Pers" in result.doc.text
    assert result.doc.pages[0].rotation in (90, 180, 270)
