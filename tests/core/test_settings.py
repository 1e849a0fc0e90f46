"""One settings loader: the office's files merged over the shipped ones, every key checked.

A config mistake must reach the office as one Indonesian line naming the file and the key
(exit 2), never as a traceback; a partial office file keeps every other shipped key.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from pipeline.core import settings as config
from pipeline.core.resources import config_dir

REPO = Path(__file__).resolve().parents[2]


def shipped(name: str) -> dict:
    return yaml.safe_load((REPO / "config" / f"{name}.yaml").read_text(encoding="utf-8"))


def office_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "config-kantor"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def kerjasama(*args: str, cfg: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KERJASAMA_CONFIG_DIR": str(cfg)}
    for name in ("KERJASAMA_CRASH_AT", "GOOGLE_APPLICATION_CREDENTIALS"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def readme_sheets_snippet() -> str:
    """The YAML block of the README's Google Sheets set-up (step 6), exactly as printed."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^([ \t]*)```yaml\n(.*?)^\1```", readme, flags=re.M | re.S)
    found = [textwrap.dedent(body) for _, body in blocks if "backend: google_sheets" in body]
    assert len(found) == 1, "the README should print one Google Sheets config snippet"
    return found[0]


# ---- the README's own snippet --------------------------------------------------------------


def test_the_readme_google_sheets_snippet_keeps_the_shipped_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(office_folder(tmp_path, agenda=readme_sheets_snippet())))
    agenda = config.settings("agenda")
    assert agenda.backend == "google_sheets"
    assert agenda.columns == shipped("agenda")["columns"]  # the KeyError: 'columns' of old
    assert agenda.google_sheets.editors == shipped("agenda")["google_sheets"]["editors"]
    assert agenda.google_sheets.roles["pejabat"] == ["kadis@trenggalekkab.go.id", "sekretaris@trenggalekkab.go.id"]
    assert agenda.google_sheets.timeout_seconds == shipped("agenda")["google_sheets"]["timeout_seconds"]


def test_init_with_the_readme_snippet_works_or_says_one_line(tmp_path):
    cfg = office_folder(tmp_path, agenda=readme_sheets_snippet())
    result = kerjasama("init", "--root", str(tmp_path / "root"), cfg=cfg)
    assert "Traceback" not in result.stderr + result.stdout
    if result.returncode != 0:  # no key file on this machine: the message says so, in one line
        assert result.returncode == 2
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith("kerjasama: ")


# ---- a mistake is one line naming the file and the key -------------------------------------


@pytest.mark.parametrize("name, text, key", [
    ("agenda", "google_sheets:\n  spreadsheett: abc\n", "google_sheets.spreadsheett"),
    ("intake", "stabilty_seconds: 1\n", "stabilty_seconds"),
    ("sop", "statuses:\n  - name: Tercatat\n    foldr: 01-tercatat\n", "statuses.0.foldr"),
])
def test_an_unknown_key_is_exit_2_with_one_line(tmp_path, name, text, key):
    cfg = office_folder(tmp_path, **{name: text})
    result = kerjasama("init", "--root", str(tmp_path / "root"), cfg=cfg)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"kerjasama: {cfg / f'{name}.yaml'}: kunci '{key}' tidak dikenal"]


@pytest.mark.parametrize("name, text, key", [
    ("intake", "max_read_attempts: tiga\n", "max_read_attempts"),
    ("agenda", "backend: gsheets\n", "backend"),
    ("agenda", "columns: [Perihal, Status]\n", "columns"),
    ("intake", 'agenda_number: "KSM/{year}"\n', "agenda_number"),
])
def test_a_bad_value_is_exit_2_with_one_line(tmp_path, name, text, key):
    cfg = office_folder(tmp_path, **{name: text})
    result = kerjasama("init", "--root", str(tmp_path / "root"), cfg=cfg)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kerjasama: {cfg / f'{name}.yaml'} tidak valid: kunci '{key}' ")


def test_a_misspelt_field_in_the_second_look_rules_is_refused_on_load(tmp_path, monkeypatch):
    cfg = office_folder(tmp_path, ocr="second_engine:\n  look_near:\n    email: [telpon]\n")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(cfg))
    with pytest.raises(config.SettingsError, match=r"ocr\.yaml tidak valid: kunci 'second_engine\.look_near' .*telpon"):
        config.settings("ocr")


def test_a_lookalike_that_is_not_a_pair_of_letters_is_refused_on_load(tmp_path, monkeypatch):
    cfg = office_folder(tmp_path, extraction="ocr_lookalike_letters: ['qg', 'rnm']\n")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(cfg))
    with pytest.raises(config.SettingsError, match=r"extraction\.yaml tidak valid: kunci 'ocr_lookalike_letters' .*rnm"):
        config.settings("extraction")


def test_a_file_that_is_not_yaml_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(office_folder(tmp_path, limits="max_pages: [20\n")))
    with pytest.raises(config.SettingsError, match=r"limits\.yaml: bukan YAML yang sah \(baris 2\)"):
        config.load("limits")


# ---- merging ---------------------------------------------------------------------------------


def test_a_partial_office_file_keeps_the_other_shipped_keys(tmp_path, monkeypatch):
    cfg = office_folder(tmp_path, agenda="google_sheets:\n  timeout_seconds: 7\nstatuses: [Baru, Selesai]\n",
                        intake="stage_folders:\n  Didisposisi: 02-lain\n", office="kepala:\n  nama: Drs. Sutrisno\n")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(cfg))
    agenda, default = config.load("agenda"), shipped("agenda")
    assert agenda["google_sheets"]["timeout_seconds"] == 7
    assert agenda["google_sheets"]["connect_timeout_seconds"] == default["google_sheets"]["connect_timeout_seconds"]
    assert agenda["columns"] == default["columns"] and agenda["field_columns"] == default["field_columns"]
    assert agenda["statuses"] == ["Baru", "Selesai"]  # a list replaces the shipped one whole
    assert config.load("intake")["stage_folders"] == {"Tercatat": "01-tercatat", "Didisposisi": "02-lain"}
    office = config.settings("office")
    assert office.kepala.nama == "Drs. Sutrisno" and office.kepala.jabatan == shipped("office")["kepala"]["jabatan"]
    assert office.disposisi.sifat == shipped("office")["disposisi"]["sifat"]


def test_with_no_office_folder_the_data_is_the_shipped_files(monkeypatch):
    monkeypatch.delenv("KERJASAMA_CONFIG_DIR", raising=False)
    assert sorted(p.stem for p in config_dir().glob("*.yaml")) == sorted(config.MODELS)
    for name in config.MODELS:
        assert config.load(name) == shipped(name), name


def test_a_new_office_folder_is_read_anew(tmp_path, monkeypatch):
    first = tmp_path / "a"
    second = tmp_path / "b"
    for folder, pages in ((first, 3), (second, 4)):
        folder.mkdir()
        (folder / "limits.yaml").write_text(f"max_pages: {pages}\n", encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(first))
    assert config.settings("limits").max_pages == 3
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(second))
    assert config.settings("limits").max_pages == 4
    assert config.load("limits")["max_bytes"] == shipped("limits")["max_bytes"]


def test_a_number_typed_without_quotes_in_office_yaml_stays_text(tmp_path, monkeypatch):
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(office_folder(tmp_path, office="kepala:\n  nip: 197001011990031001\n")))
    assert config.load("office")["kepala"]["nip"] == "197001011990031001"
