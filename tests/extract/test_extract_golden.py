"""Golden tests (invoice2data-style): a DocumentText JSON in, the expected fields out.

Fixtures in tests/fixtures/golden/: NAME.doc.json (the reader's output) and
NAME.expected.json with `fields` (ground truth), `today`, and either `exact: true`
(every value and perlu_ditinjau must match) or `min_right` (how many values must be
right and unflagged; none may be wrong or missing without a flag).
"""
import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.extract import extract, is_media_request
from pipeline.core.models import document_from_dict
from pipeline.dev.scoring import aggregate, score

GOLDEN = Path(__file__).parent.parent / "fixtures" / "golden"
CASES = sorted(p.name[: -len(".doc.json")] for p in GOLDEN.glob("*.doc.json"))


def _load(name):
    doc = document_from_dict(json.loads((GOLDEN / f"{name}.doc.json").read_text(encoding="utf-8")))
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    return doc, expected


@pytest.mark.parametrize("name", CASES)
def test_golden(name):
    doc, expected = _load(name)
    letter = extract(doc, today=dt.date.fromisoformat(expected["today"])).model_dump()
    if expected.get("exact"):
        assert {k: letter[k] for k in expected["fields"]} == expected["fields"]
        assert letter["perlu_ditinjau"] == expected["perlu_ditinjau"]
        return
    outcomes = score(letter, expected["fields"])
    silent = [(o.field, o.extracted, o.truth) for o in outcomes if o.outcome in ("wrong_unflagged", "missing_unflagged")]
    assert silent == []
    right = sum(o.outcome == "right" for o in outcomes)
    assert right >= expected["min_right"], [(o.field, o.outcome, o.extracted) for o in outcomes if o.outcome != "right"]
    if doc.source == "text_layer":  # a text layer is read exactly: everything right, nothing to review
        assert right == len(outcomes) and letter["perlu_ditinjau"] == []


def test_golden_totals():
    """Over all sample letters: at least 90% right and unflagged, nothing wrong in silence."""
    outcomes = []
    for name in CASES:
        doc, expected = _load(name)
        if expected.get("exact"):
            continue
        outcomes += score(extract(doc, today=dt.date.fromisoformat(expected["today"])).model_dump(), expected["fields"])
    summary = aggregate(outcomes)
    assert summary.rate("right") >= 0.90
    assert summary.counts["wrong_unflagged"] == 0


@pytest.mark.parametrize("name", CASES)
def test_golden_letters_are_media_requests(name):
    assert is_media_request(_load(name)[0])


from hypothesis import given, settings, strategies as st  # noqa: E402

from pipeline.core.models import FIELD_NAMES, DocumentText, Line, PageText, Word  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=60), max_size=25), st.floats(min_value=0, max_value=100))
def test_extract_never_crashes_on_garbage(lines, conf):
    doc = DocumentText(kind="png", pages=[PageText(1, [Line(1, [Word(w, conf) for w in t.split()], y=i / 30) for i, t in enumerate(lines)], "ocr")])
    letter = extract(doc)
    assert set(letter.perlu_ditinjau) <= set(FIELD_NAMES)
