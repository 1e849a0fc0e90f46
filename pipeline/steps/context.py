"""What every status-change step needs, and the case facts they all read.

`Context` is one ROOT being worked on with the SOP and the office letterhead; the helpers
give a case's letter (as its agenda row shows it) and its recorded evaluation result.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline import journal as J
from pipeline.agenda import KEY
from pipeline.agenda.letter_row import letter_from_agenda_row
from pipeline.core import settings as config
from pipeline.core.models import ExtractedLetter
from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod
from pipeline.register.context import Intake


@dataclass
class Context:
    """What every step needs: the ROOT being worked on, the SOP and the office letterhead."""

    ix: Intake
    sop: sop_mod.Sop
    office: dict
    # who last saved the agenda before this cycle read it (the xlsx workbook's last-modified-by;
    # Google Sheets' API does not say): recorded with every status change it applies
    editor: str = "tidak diketahui"

    @classmethod
    def open(cls, ix: Intake) -> "Context":
        try:
            office = config.load("office")
        except FileNotFoundError:
            office = {}
        return cls(ix, sop_mod.load(), office)


def letter_of(case: J.CaseRecord, row: dict[str, str] | None) -> ExtractedLetter:
    """The letter as the agenda row shows it (the clerk's corrections count)."""
    if row and row.get(KEY):
        return letter_from_agenda_row(row)
    return ExtractedLetter.model_validate_json(case.letter_json)


def evaluation_of(case: J.CaseRecord) -> ev.EvaluationResult | None:
    if not case.evaluation_json:
        return None
    return ev.EvaluationResult(**json.loads(case.evaluation_json))
