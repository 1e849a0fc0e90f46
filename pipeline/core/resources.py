"""The files shipped with the program: the default `config/` and the Word `templates/`.

Both folders stay at the top of the repository (where the office looks for them) and are
packaged as `pipeline.config_data` and `pipeline.templates_data` (setup.py/pyproject.toml
map the package names onto the folders). Finding them through importlib.resources works the
same for an editable install (`make venv`) and for a wheel installed anywhere.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pipeline.core.errors import KerjasamaError

CONFIG_PACKAGE = "pipeline.config_data"
TEMPLATES_PACKAGE = "pipeline.templates_data"


class ShippedFilesMissing(KerjasamaError):
    """The program was not installed with its own files (a bare source tree on sys.path)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="shipped_files_missing")


def _folder(package: str, what: str) -> Path:
    try:
        found = resources.files(package)
    except ModuleNotFoundError:
        raise ShippedFilesMissing(
            f"{what} bawaan tidak ditemukan ({package}); pasang program dengan `pip install .` atau `make venv`"
        ) from None
    # pip always unpacks a wheel, so the folder is a real directory (docxtpl and YAML
    # readers want paths); a zipped install is not supported.
    return Path(os.fspath(found))


@lru_cache(maxsize=None)  # where the program is installed does not change while it runs
def config_dir() -> Path:
    """The folder of the shipped default `*.yaml` files."""
    return _folder(CONFIG_PACKAGE, "folder konfigurasi")


@lru_cache(maxsize=None)
def templates_dir() -> Path:
    """The folder of the shipped Word templates."""
    return _folder(TEMPLATES_PACKAGE, "folder templat")


def template_path(name: str) -> Path:
    """One shipped template, e.g. template_path("lembar_disposisi.docx")."""
    return templates_dir() / name
