"""Models of config/agenda.yaml, intake.yaml, limits.yaml and office.yaml.

Defaults are the program's own (the values the shipped files carry), used only for a key
missing from both the shipped file and the office's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from pipeline.core.settings.base import Section

AGENDA_KEY = "No. Agenda"  # the agenda's row key (CONTRACT.md); agenda.base names it KEY too


# ---- agenda.yaml -------------------------------------------------------------------------


class XlsxSection(Section):
    path: str = "agenda.xlsx"  # relative to ROOT


class GoogleSheetsSection(Section):
    spreadsheet: str | None = None
    credentials_file: str | None = None
    roles: dict[str, list[str] | None] = {}
    editors: dict[str, list[str] | None] = {}
    connect_timeout_seconds: float = Field(5.0, gt=0)
    timeout_seconds: float = Field(30.0, gt=0)
    max_attempts: int = Field(4, ge=1)
    backoff_seconds: float = Field(1.0, ge=0)
    max_backoff_seconds: float = Field(20.0, ge=0)
    pause_seconds: float = Field(60.0, ge=0)
    api_base_url: str | None = None


class AgendaFile(Section):
    backend: Literal["xlsx", "google_sheets"] = "xlsx"
    xlsx: XlsxSection = XlsxSection()
    google_sheets: GoogleSheetsSection = GoogleSheetsSection()
    worksheet: str = "Agenda"
    columns: list[str]
    official_columns: list[str] = []
    text_columns: list[str] = []
    statuses: list[str] = []
    field_columns: dict[str, str] = {}
    column_widths: dict[str, float] = {}
    date_columns: list[str] = []
    print_through: str | None = None

    @field_validator("columns")
    @classmethod
    def _has_key(cls, v: list[str]) -> list[str]:
        if AGENDA_KEY not in v:
            raise ValueError(f"harus memuat kolom '{AGENDA_KEY}'")
        return v

    @field_validator("statuses")
    @classmethod
    def _fits_a_dropdown(cls, v: list[str]) -> list[str]:
        # Excel's list dropdown is one quoted, comma-separated literal of at most 255 chars.
        if any("," in s or '"' in s for s in v) or len(",".join(v)) > 255:
            raise ValueError("tidak boleh memuat koma/tanda kutip, total maks. 255 karakter")
        return v


# ---- intake.yaml -------------------------------------------------------------------------


class RescanMatching(Section):
    """When a letter read from the inbox is taken for a rescan of a registered one (brief B)."""

    company_similarity: float = Field(0.85, ge=0, le=1)  # of the normalized company names
    number_max_edits: int = Field(2, ge=0)  # on the normalized letter number, after OCR look-alikes
    subject_similarity: float = Field(0.9, ge=0, le=1)  # perihal: both read and less alike = other letter
    shingle_words: int = Field(3, ge=1)  # words per shingle of the body text
    # body-text similarity (Jaccard of word shingles) needed, by how the numbers compare:
    text_same_number_other_date: float = Field(0.8, ge=0, le=1)  # same number, dates read differently
    text_near_number: float = Field(0.7, ge=0, le=1)  # a number off by an OCR slip (same date needed)
    text_no_number: float = Field(0.85, ge=0, le=1)  # a number missing or flagged unsure on either


class IntakeFile(Section):
    stability_seconds: float = 5.0
    check_interval_seconds: float = 1.0
    polling: Literal["auto", "on", "off"] = "auto"
    polling_interval_seconds: float = 2.0
    rescan_interval_seconds: float = 30.0
    agenda_retry_seconds: float = 15.0
    ingest_max_wait_seconds: float = 600.0
    max_read_attempts: int = 3
    # letters behind the one being registered are read meanwhile, one per spare core
    read_ahead: bool = True
    # a file unchanged this long is read ahead while the rest of its stability wait runs
    read_ahead_quiet_seconds: float = Field(1.0, ge=0)
    max_folder_depth: int = 3
    abandoned_partial_seconds: float = 300.0
    in_progress_patterns: list[str] = ["*.part", "*.partial", "*.tmp", "*.temp", "*.crdownload", "*.download",
                                       "~$*", ".~lock.*#", "*.swp"]
    ignore_patterns: list[str] = ["._*", ".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini",
                                  "$RECYCLE.BIN", "System Volume Information"]
    agenda_number: str = "{serial:03d}/KSM/{year}"
    stage_folders: dict[str, str] = {}  # none given: the SOP's folders (config/sop.yaml)
    timezone: str = "Asia/Jakarta"
    agenda_poll_seconds: float = 30.0
    pdf_copies: bool = True
    rescans: RescanMatching = RescanMatching()

    @field_validator("polling", mode="before")
    @classmethod
    def _yaml_on_off(cls, v: object) -> object:
        # YAML 1.1 reads a bare `on`/`off` as true/false.
        return {True: "on", False: "off"}.get(v, v) if isinstance(v, bool) else v

    @field_validator("agenda_number")
    @classmethod
    def _pattern_works(cls, v: str) -> str:
        try:
            numbered = v.format(serial=1, year=2026) != v.format(serial=2, year=2026)
        except (KeyError, IndexError, ValueError):
            numbered = False
        if "{serial" not in v or not numbered:
            raise ValueError("harus memuat {serial}, mis. '{serial:03d}/KSM/{year}'")
        return v

    @field_validator("stage_folders")
    @classmethod
    def _stages_inside_root(cls, v: dict[str, str]) -> dict[str, str]:
        for status, rel in v.items():
            parts = Path(rel).parts
            if not parts or Path(rel).is_absolute() or ".." in parts:
                raise ValueError(f"folder tahap {status!r} harus berada di dalam ROOT: {rel!r}")
        return v


# ---- limits.yaml -------------------------------------------------------------------------


class LimitsFile(Section):
    max_bytes: int = Field(104_857_600, gt=0)
    max_pages: int = Field(20, gt=0)
    max_pixels_per_page: int = Field(60_000_000, gt=0)
    seconds_per_page: float = Field(60.0, gt=0)
    seconds_per_document: float = Field(300.0, gt=0)
    render_dpi: float = Field(300.0, gt=0)
    min_text_layer_chars: int = Field(200, ge=0)
    min_short_page_chars: int = Field(20, ge=0)
    max_short_page_curves: int = Field(60, ge=0)
    max_decoded_stream_bytes: int = Field(268_435_456, gt=0)
    max_decoded_bytes: int = Field(536_870_912, gt=0)
    reader_memory_mb: int = Field(3072, ge=0)


# ---- office.yaml -------------------------------------------------------------------------


class OfficeSection(Section):
    # A phone number or NIP typed without quotes is read by YAML as a number.
    model_config = ConfigDict(coerce_numbers_to_str=True)


class Head(OfficeSection):
    jabatan: str | None = None
    nama: str | None = None
    nip: str | None = None


class DispositionLevel(OfficeSection):
    dari: str
    kepada: str


class DispositionChoices(OfficeSection):
    sifat: list[str] = []
    diteruskan: list[str] = []
    instruksi: list[str] = []
    tingkat: list[DispositionLevel] = []


class Budget(OfficeSection):
    dpa: str | None = None
    kode_rekening: str | None = None


class OfficeFile(OfficeSection):
    pemerintah: str | None = None
    nama: str | None = None
    alamat: str | None = None
    kode_pos: str | None = None
    telepon: str | None = None
    email: str | None = None
    website: str | None = None
    logo: str | None = None  # an image file; relative to the office's config folder, else the shipped one
    kepala: Head | None = None
    disposisi: DispositionChoices | None = None
    anggaran: Budget | None = None
