"""Letters laid out unlike the samples and unlike the corpus's families: 48 born-digital
request letters in 23 layouts (tests/fixtures/unseen_layouts/README.md), read from their
text layer. A text layer is read exactly, so what goes wrong here is the rules, not OCR."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.models import FIELD_NAMES
from pipeline.dev.scoring import aggregate, score
from pipeline.read.letter import read_letter

UNSEEN = Path(__file__).parent.parent / "fixtures" / "unseen_layouts"
LETTERS = sorted(UNSEEN.glob("*.pdf"))
# Right and unflagged today (2026-12-07). A change
# that reads fewer of them right is a regression, even if the corpus does not show it.
MIN_RIGHT = 942  # of 960 values (98.1%)
KNOWN_SILENT: set[tuple[str, str]] = set()  # none today


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list]:
    import json

    out = {}
    for pdf in LETTERS:
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        letter = read_letter(pdf).letter.model_dump(mode="json")
        out[pdf.name] = score(letter, {k: truth.get(k) for k in FIELD_NAMES})
    return out


def test_every_unseen_letter_is_read_as_a_request(outcomes):
    # read_letter refuses a letter it takes for no media request: each one gave its fields
    assert len(LETTERS) == 48
    assert all(len(found) == len(FIELD_NAMES) for found in outcomes.values()) and len(outcomes) == 48


def test_no_value_of_an_unseen_layout_is_wrong_without_a_flag(outcomes):
    silent = {(name, o.field) for name, found in outcomes.items() for o in found
              if o.outcome in ("wrong_unflagged", "missing_unflagged")}
    assert silent <= KNOWN_SILENT, sorted(silent - KNOWN_SILENT)


def test_unseen_layouts_are_read_at_least_as_well_as_today(outcomes):
    summary = aggregate(o for found in outcomes.values() for o in found)
    assert summary.counts["right"] >= MIN_RIGHT, summary.counts
