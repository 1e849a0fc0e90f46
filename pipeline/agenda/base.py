"""The agenda: one row per registered letter, found by its `No. Agenda`.

Backends (a local xlsx file, or Google Sheets) implement the `Agenda` protocol; the
rest of the pipeline talks only to this interface. Column names, their order, which
columns officials own and the status dropdown live in `config/agenda.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError
from pipeline.core.models import ExtractedLetter

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

    @property
    def pipeline_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.official_columns)


def layout(cfg: dict | None = None) -> AgendaLayout:
    cfg = config.load("agenda") if cfg is None else cfg
    columns = tuple(str(c) for c in cfg["columns"])
    if KEY not in columns:
        raise ValueError(f"config/agenda.yaml: kolom '{KEY}' wajib ada")
    statuses = tuple(str(s) for s in cfg.get("statuses", []))
    # Excel's list dropdown is one quoted, comma-separated literal of at most 255 chars.
    if any("," in s or '"' in s for s in statuses) or len(",".join(statuses)) > 255:
        raise ValueError("config/agenda.yaml: status tidak boleh memuat koma/tanda kutip, total maks. 255 karakter")
    return AgendaLayout(
        sheet=str(cfg.get("worksheet", "Agenda")),
        columns=columns,
        official_columns=frozenset(cfg.get("official_columns", [])),
        text_columns=frozenset(cfg.get("text_columns", [])) | {KEY},
        statuses=statuses,
        field_columns={str(k): str(v) for k, v in (cfg.get("field_columns") or {}).items()},
        column_widths={str(k): float(v) for k, v in (cfg.get("column_widths") or {}).items()},
    )


def open_agenda(root: Path) -> Agenda:
    """The configured backend for this ROOT (default: xlsx at ROOT/agenda.xlsx)."""
    cfg = config.load("agenda")
    backend = str(cfg.get("backend", "xlsx"))
    if backend == "xlsx":
        from pipeline.agenda.xlsx.workbook import XlsxAgenda

        rel = str((cfg.get("xlsx") or {}).get("path", "agenda.xlsx"))
        return XlsxAgenda(Path(root) / rel, layout(cfg), lock_path=Path(root) / ".kerjasama" / "agenda.lock")
    if backend == "google_sheets":
        from pipeline.agenda.gsheets.agenda import GSheetsAgenda
        from pipeline.agenda.gsheets.client import SheetsSettings

        return GSheetsAgenda(SheetsSettings.from_config(cfg.get("google_sheets")), layout(cfg))
    raise ValueError(f"config/agenda.yaml: backend '{backend}' belum didukung")


# Human (Indonesian) renderings of the coded values, so the agenda reads naturally.
_JENIS_MEDIA = {"online": "Online", "cetak": "Cetak", "radio": "Radio", "televisi": "Televisi"}
_DEWAN_PERS = {
    "terverifikasi_faktual": "Terverifikasi faktual",
    "terverifikasi_administratif": "Terverifikasi administratif",
    "belum": "Belum terverifikasi",
}


def _field_text(key: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if key == "jenis_media":
        return _JENIS_MEDIA.get(str(value), str(value))
    if key == "status_dewan_pers":
        return _DEWAN_PERS.get(str(value), str(value))
    return str(value)


def review_labels(letter: ExtractedLetter, lay: AgendaLayout | None = None) -> list[str]:
    """Indonesian labels (the column headers) of the fields that need checking."""
    lay = lay or layout()
    return [lay.field_columns.get(k, k) for k in letter.perlu_ditinjau]


def format_received(received: datetime) -> str:
    # ISO-like so the column sorts correctly as text and reads unambiguously.
    return received.strftime("%Y-%m-%d %H:%M")


def letter_to_row(
    agenda_no: str,
    received: datetime,
    letter: ExtractedLetter,
    *,
    status: str = "Tercatat",
    message: str = "",
) -> dict[str, str]:
    """The agenda cells the pipeline writes when it registers a letter.

    Only pipeline-owned columns plus `Status` (set once, at registration) are present,
    so upserting this never erases what officials wrote in `Catatan` etc.
    """
    lay = layout()
    row = {KEY: agenda_no, "Tanggal Terima": format_received(received)}
    for key, column in lay.field_columns.items():
        row[column] = _field_text(key, getattr(letter, key))
    row["Perlu Ditinjau"] = ", ".join(review_labels(letter, lay))
    row["Status"] = status
    row["Pesan Sistem"] = message
    return row
