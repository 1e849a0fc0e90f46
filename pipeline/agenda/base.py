"""The agenda: one row per registered letter, found by its `No. Agenda`.

Backends (a local xlsx file, or Google Sheets) implement the `Agenda` protocol; the
rest of the pipeline talks only to this interface, and `registry.open_agenda` picks the
configured backend. This module imports no backend. Column names, their order, which
columns officials own and the status dropdown live in `config/agenda.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError

KEY = "No. Agenda"  # the contract's row identifier; never match by row position


class AgendaBusy(KerjasamaError):
    """The workbook is open in Excel/LibreOffice (a lock file is present).

    The caller keeps the write in its outbox and retries later; nothing was written.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, code="agenda_busy")


@dataclass(frozen=True)
class AgendaWrite:
    """One queued agenda write (from the journal's outbox), applied by `Agenda.apply`.

    kind "tambah": the registration row, written only when its No. Agenda is absent (so a
    write that timed out but did succeed is never duplicated, nor what officials typed since
    overwritten); "ubah": cells of an existing row (skipped when the row is gone), with
    `status` written only while the Status cell still shows `status_if`; "evaluasi_isi" /
    "evaluasi_hasil": the case's row in the Evaluasi sheet (`payload` as queued).
    """

    kind: Literal["tambah", "ubah", "evaluasi_isi", "evaluasi_hasil"]
    agenda_no: str
    cells: dict[str, str] = field(default_factory=dict)
    status: str | None = None
    status_if: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Agenda(Protocol):
    def ensure(self) -> None:
        """Create workbook/worksheet, header row, dropdown and formats if missing; idempotent."""

    def read_rows(self) -> dict[str, dict[str, str]]:
        """{No. Agenda: {header: cell text}}; rows without a No. Agenda are skipped."""

    def upsert_rows(self, rows: list[dict[str, str]]) -> None:
        """Match by 'No. Agenda': update only the given cells of an existing row,
        append a new row otherwise. Raises AgendaBusy when the agenda is locked."""

    def describe(self) -> str:
        """Where the agenda lives, for people (e.g. "agenda.xlsx lokal: /path")."""

    def read_evaluation(self) -> dict[str, dict[str, str]]:
        """The Evaluasi sheet: {No. Agenda: {header: cell text}}; {} when it has no sheet yet."""

    def apply(self, writes: list[AgendaWrite]) -> None:
        """Apply queued writes in order, each decided on a read made just before writing.
        Raises AgendaBusy, AgendaUnavailable (Google Sheets) or another KerjasamaError when
        the writes could not be made now; the outbox keeps them and applying them again is safe."""


@dataclass(frozen=True)
class AgendaLayout:
    """The shape of the agenda as configured in `config/agenda.yaml`."""

    sheet: str
    columns: tuple[str, ...]
    official_columns: frozenset[str]
    text_columns: frozenset[str]
    statuses: tuple[str, ...]
    field_columns: dict[str, str]  # ExtractedLetter key -> column header
    column_widths: dict[str, float]
    date_columns: frozenset[str] = frozenset()  # ISO text written there becomes a date cell (xlsx)
    print_through: str | None = None  # the last column printed (xlsx print area), None = all

    @property
    def pipeline_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.official_columns)


def layout(cfg: dict | None = None) -> AgendaLayout:
    cfg = config.load("agenda") if cfg is None else cfg
    # The loader (core.settings.AgendaFile) has already refused a layout without No. Agenda
    # or with statuses that cannot form an Excel dropdown.
    columns = tuple(str(c) for c in cfg["columns"])
    statuses = tuple(str(s) for s in cfg.get("statuses", []))
    return AgendaLayout(
        sheet=str(cfg.get("worksheet", "Agenda")),
        columns=columns,
        official_columns=frozenset(cfg.get("official_columns", [])),
        text_columns=frozenset(cfg.get("text_columns", [])) | {KEY},
        statuses=statuses,
        field_columns={str(k): str(v) for k, v in (cfg.get("field_columns") or {}).items()},
        column_widths={str(k): float(v) for k, v in (cfg.get("column_widths") or {}).items()},
        date_columns=frozenset(str(c) for c in cfg.get("date_columns", [])),
        print_through=cfg.get("print_through"),
    )
