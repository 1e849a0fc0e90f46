"""Reading a config file: the shipped default, the office's copy merged over it, validated.

The office's folder (`KERJASAMA_CONFIG_DIR`) may hold a copy of any file with only the keys
it changes: mappings are merged key by key at every depth, a list or a scalar replaces the
shipped one whole. The result is checked against the file's model; a bad value or an
unknown key is a `SettingsError` naming the file and the key. Each file is read once per
process and per config folder (tests point the variable at new folders).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, overload

import yaml
from pydantic import BaseModel, ValidationError

from pipeline.core.errors import KerjasamaError
from pipeline.core.resources import config_dir
from pipeline.core.settings.extraction import ExtractionFile
from pipeline.core.settings.messages import describe
from pipeline.core.settings.ocr import OcrFile
from pipeline.core.settings.operations import NotifyFile, OperationsFile
from pipeline.core.settings.procedure import EvaluationFile, SopFile
from pipeline.core.settings.schemas import AgendaFile, IntakeFile, LimitsFile, OfficeFile

ENV = "KERJASAMA_CONFIG_DIR"
MODELS: dict[str, type[BaseModel]] = {
    "agenda": AgendaFile, "evaluation": EvaluationFile, "extraction": ExtractionFile, "intake": IntakeFile,
    "limits": LimitsFile, "ocr": OcrFile, "office": OfficeFile, "sop": SopFile,
    "notify": NotifyFile, "operations": OperationsFile,
}


class SettingsError(KerjasamaError):
    """A config file that cannot be used; `message` is one line naming the file and the key."""

    def __init__(self, message: str, *, code: str = "bad_config") -> None:
        super().__init__(message, code=code)


class SettingsMissing(SettingsError, FileNotFoundError):
    """Neither the office's folder nor the shipped defaults hold the file."""


def office_dir() -> Path | None:
    override = os.environ.get(ENV)
    return Path(override) if override else None


def config_dirs() -> list[Path]:
    """Where config files are looked for: the office's folder (if set), then the defaults."""
    return [d for d in (office_dir(),) if d is not None] + [config_dir()]


def shown_path(path: Path, shipped: Path) -> str:
    # The shipped files are named as the README names them, wherever the program is installed.
    return f"config/{path.name}" if path.parent == shipped else str(path)


def read_yaml(path: Path, label: str) -> dict[str, Any] | None:
    """The mapping in `path`, None when there is no such file."""
    if not path.is_file():
        return None
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (baris {mark.line + 1})" if mark is not None else ""
        raise SettingsError(f"{label}: bukan YAML yang sah{where}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{label}: tidak dapat dibaca ({type(exc).__name__})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"{label}: isi berkas konfigurasi harus berupa pemetaan (mapping)")
    return data


def merged(base: dict, over: dict) -> dict:
    """`over` on top of `base`: mappings merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def holds(data: Any, loc: tuple) -> bool:
    """Whether the key path `loc` (as pydantic reports it) exists in `data`."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False
    return True


@lru_cache(maxsize=None)
def validated(name: str, office: Path | None) -> tuple[BaseModel, dict[str, Any]]:
    """The model of `name`.yaml and its data as the files give it (unset keys left out)."""
    if name not in MODELS:
        raise SettingsError(f"berkas konfigurasi {name}.yaml tidak dikenal program ini")
    shipped_dir = config_dir()
    shipped_path = shipped_dir / f"{name}.yaml"
    office_path = office / f"{name}.yaml" if office is not None else None
    shipped = read_yaml(shipped_path, shown_path(shipped_path, shipped_dir))
    own = read_yaml(office_path, str(office_path)) if office_path is not None else None
    if shipped is None and own is None:
        places = ", ".join(str(d) for d in (office, shipped_dir) if d is not None)
        raise SettingsMissing(f"berkas konfigurasi {name}.yaml tidak ditemukan di {places}", code="config_missing")
    data = merged(shipped or {}, own or {})

    def file_of(loc: tuple) -> str:  # the office's file, unless the key came from the shipped one
        if own is not None and (holds(own, loc) or not holds(shipped or {}, loc)):
            return str(office_path)
        return shown_path(shipped_path, shipped_dir)

    try:
        model = MODELS[name].model_validate(data)
    except ValidationError as exc:
        raise SettingsError(describe(exc, file_of)) from None
    return model, model.model_dump(exclude_unset=True)


@overload
def settings(name: Literal["agenda"]) -> AgendaFile: ...
@overload
def settings(name: Literal["evaluation"]) -> EvaluationFile: ...
@overload
def settings(name: Literal["extraction"]) -> ExtractionFile: ...
@overload
def settings(name: Literal["intake"]) -> IntakeFile: ...
@overload
def settings(name: Literal["limits"]) -> LimitsFile: ...
@overload
def settings(name: Literal["ocr"]) -> OcrFile: ...
@overload
def settings(name: Literal["office"]) -> OfficeFile: ...
@overload
def settings(name: Literal["sop"]) -> SopFile: ...
@overload
def settings(name: Literal["notify"]) -> NotifyFile: ...
@overload
def settings(name: Literal["operations"]) -> OperationsFile: ...


def settings(name: str) -> BaseModel:
    """The typed settings of `config/<name>.yaml` (shipped defaults with the office's keys)."""
    return validated(name, office_dir())[0]


def load(name: str) -> dict[str, Any]:
    """`config/<name>.yaml` as a mapping, merged and validated (shared: do not mutate)."""
    return validated(name, office_dir())[1]
