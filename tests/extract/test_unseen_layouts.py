"""Letters laid out unlike the samples and unlike the corpus's families, read from their text
layer: 48 born-digital request letters in 23 layouts (tests/fixtures/unseen_layouts/README.md)
and 72 more in 30 layouts written later by others (tests/fixtures/unseen_layouts_2/README.md).
A text layer is read exactly, so what goes wrong here is the rules, not OCR."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.models import FIELD_NAMES
from pipeline.dev.scoring import aggregate, score
from pipeline.read.letter import read_letter

FIXTURES = Path(__file__).parent.parent / "fixtures"
# Per set: how many letters, how many values are right and unflagged today (2026-12-07: a
# change that reads fewer right is a regression, even if the corpus does not show it), and the
# values known to be wrong without a flag.
SETS = {
    "unseen_layouts": (48, 942, set()),  # of 960 values (98.1%)
    "unseen_layouts_2": (72, 1355, {  # of 1440 values (94.1%)
        # a table row whose label wraps ("Pemimpin" / "Redaksi") with no separator and a stamp's dot above
        ("k08_kenangafm.pdf", "pemimpin_redaksi"),
        # an e-mail printout: the mailbox that sent it, not the one in the letterhead inside it
        ("r16_bintang-tenggara-fm.pdf", "email"),
    }),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def unseen(request) -> tuple[str, dict[str, list]]:
    out = {}
    for pdf in sorted((FIXTURES / request.param).glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        letter = read_letter(pdf).letter.model_dump(mode="json")
        out[pdf.name] = score(letter, {k: truth.get(k) for k in FIELD_NAMES})
    return request.param, out


def test_every_unseen_letter_is_read_as_a_request(unseen):
    # read_letter refuses a letter it takes for no media request: each one gave its fields
    name, outcomes = unseen
    assert len(outcomes) == SETS[name][0]
    assert all(len(found) == len(FIELD_NAMES) for found in outcomes.values())


def test_no_value_of_an_unseen_layout_is_wrong_without_a_flag(unseen):
    name, outcomes = unseen
    silent = {(letter, o.field) for letter, found in outcomes.items() for o in found
              if o.outcome in ("wrong_unflagged", "missing_unflagged")}
    assert silent <= SETS[name][2], sorted(silent - SETS[name][2])


def test_unseen_layouts_are_read_at_least_as_well_as_today(unseen):
    name, outcomes = unseen
    summary = aggregate(o for found in outcomes.values() for o in found)
    assert summary.counts["right"] >= SETS[name][1], summary.counts
