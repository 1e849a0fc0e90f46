"""Loading the office-editable YAML files in `config/`.

Each file is read once per process. An office can point `KERJASAMA_CONFIG_DIR` at a
folder holding its own copies; a file missing there falls back to the shipped default,
so the program works with no config at all.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


def config_dirs() -> list[Path]:
    dirs = []
    override = os.environ.get("KERJASAMA_CONFIG_DIR")
    if override:
        dirs.append(Path(override))
    dirs.append(DEFAULT_CONFIG_DIR)
    return dirs


@lru_cache(maxsize=None)
def _load(name: str, dirs: tuple[Path, ...]) -> dict[str, Any]:
    for d in dirs:
        path = d / f"{name}.yaml"
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                data = yaml.safe_load(fh) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path}: isi berkas konfigurasi harus berupa pemetaan (mapping)")
            return data
    raise FileNotFoundError(f"berkas konfigurasi {name}.yaml tidak ditemukan di {', '.join(map(str, dirs))}")


def load(name: str) -> dict[str, Any]:
    """The parsed `config/<name>.yaml` (a fresh reference; do not mutate)."""
    return _load(name, tuple(config_dirs()))
