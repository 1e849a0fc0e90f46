"""Models of config/sop.yaml and config/evaluation.yaml.

Only the shape is checked here (which keys exist, lists versus mappings); what the values
mean (a loop in the transitions, an answer no criterion allows) is checked by their owners,
pipeline.policy.sop.loader and pipeline.policy.evaluation, with messages of their own.
Fields the owners default themselves have no default here, so `load()` hands them only what
the files say.
"""
from __future__ import annotations

from typing import Any

from pipeline.core.settings.base import Section

# ---- sop.yaml ----------------------------------------------------------------------------


class WorkingDays(Section):
    weekdays: list[str] | None = None
    holidays: list[Any] | None = None  # ISO dates; YAML reads an unquoted one as a date


class SopStatus(Section):
    name: str
    folder: str | None = None
    final: bool = False
    documents: list[str] | None = None


class SopStep(Section):
    number: int
    name: str | None = None
    actors: list[str] | None = None
    standard: Any = None  # "5 menit", "2 hari": parsed by the SOP loader
    sets: list[str] | None = None
    output: str | None = None


class SopFile(Section):
    time_basis: str | None = None
    working_days: WorkingDays | None = None
    initial: str | None = None
    statuses: list[SopStatus] | None = None
    transitions: dict[str, list[str] | None] | None = None
    steps: list[SopStep] | None = None
    documents: dict[str, dict[str, Any] | None] | None = None


# ---- evaluation.yaml ---------------------------------------------------------------------


class Criterion(Section):
    kolom: str | None = None
    uraian: str | None = None
    bobot: float | None = None
    jawaban: dict[Any, Any] | None = None
    alias: dict[Any, Any] | None = None
    wajib: bool | None = None
    gagal: list[Any] | None = None
    prefill: dict[str, Any] | None = None


class ClassRule(Section):
    criterion: str | None = None
    map: dict[Any, Any] | None = None
    default: str | None = None


class Threshold(Section):
    skor_minimal_persen: float | None = None


class EvaluationFile(Section):
    worksheet: str | None = None
    criteria: dict[str, Criterion | None] | None = None
    kelas: ClassRule | None = None
    ambang: Threshold | None = None
