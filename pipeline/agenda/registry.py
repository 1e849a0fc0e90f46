"""Which agenda backend serves a ROOT: backends named by import string, loaded on first use.

Naming them as strings keeps the protocol (`base`) free of its backends, so neither
backend imports the other, and an office on the local workbook never loads gspread.
Every backend class provides `from_config(root, cfg)`, building itself from the data of
`config/agenda.yaml`.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.agenda.base import Agenda
from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError

BACKENDS = {
    "xlsx": "pipeline.agenda.xlsx.workbook:XlsxAgenda",
    "google_sheets": "pipeline.agenda.gsheets.agenda:GSheetsAgenda",
}


def backend_class(name: str) -> type:
    """The class registered as `name`; an unknown name is one line for the office."""
    target = BACKENDS.get(name)
    if target is None:
        raise KerjasamaError(f"config/agenda.yaml: backend '{name}' belum didukung (pilihan: {', '.join(BACKENDS)})",
                             code="agenda_backend")
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def open_agenda(root: Path) -> Agenda:
    """The configured backend for this ROOT (default: xlsx at ROOT/agenda.xlsx)."""
    cfg = config.load("agenda")
    return backend_class(str(cfg.get("backend", "xlsx"))).from_config(Path(root), cfg)
