"""The sixteen sample letters read for real, as the watcher reads them: the files themselves
through the reader (text layer or Tesseract) and the extraction, with nothing stored in between.

The golden tests check extraction on stored readings; this one checks that today's reader and
today's rules together still let no value through wrong and unflagged.
"""
from __future__ import annotations

import json

import pytest

from pipeline.dev.scoring import aggregate, score
from pipeline.read.letter import read_letter
from tests.conftest import SAMPLES

LETTERS = sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in {".pdf", ".png", ".jpg", ".tif"})


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list]:
    out = {}
    for path in LETTERS:
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        out[path.name] = score(read_letter(path).letter.model_dump(), truth)
    return out


def test_all_sixteen_samples_are_there():
    assert len(LETTERS) == 16


def test_no_value_of_a_sample_is_wrong_and_unflagged(outcomes):
    silent = [(name, o.field, o.extracted, o.truth) for name, outs in outcomes.items() for o in outs
              if o.outcome in ("wrong_unflagged", "missing_unflagged")]
    assert silent == []


def test_nearly_every_value_of_the_samples_is_right_and_unflagged(outcomes):
    summary = aggregate(o for outs in outcomes.values() for o in outs)
    assert summary.rate("right") >= 0.95, summary.per_field
