"""The office-editable YAML files in `config/`, loaded one way.

`load(name)` gives the data of `config/<name>.yaml` as a mapping (what most callers read),
`settings(name)` the same as a typed model (`AgendaFile`, `IntakeFile`, ...). The shipped
defaults come with the program (pipeline.core.resources); an office overrides any key by
pointing `KERJASAMA_CONFIG_DIR` at a folder with its own copies, which need only the keys
they change (see loader.py). This package's entry points are re-exported here.
"""
from pipeline.core.settings.extraction import ExtractionFile
from pipeline.core.settings.loader import (
    ENV, MODELS, SettingsError, SettingsMissing, config_dirs, load, office_dir, settings,
)
from pipeline.core.settings.ocr import OcrFile
from pipeline.core.settings.procedure import EvaluationFile, SopFile
from pipeline.core.settings.schemas import AgendaFile, IntakeFile, LimitsFile, OfficeFile

__all__ = [
    "ENV", "MODELS", "SettingsError", "SettingsMissing", "config_dirs", "load", "office_dir", "settings",
    "AgendaFile", "EvaluationFile", "ExtractionFile", "IntakeFile", "LimitsFile", "OcrFile", "OfficeFile", "SopFile",
]
