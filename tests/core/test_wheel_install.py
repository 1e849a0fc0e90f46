"""The program as a wheel, installed non-editable into a fresh venv, away from the repository.

The shipped config/ and templates/ must come along inside the wheel (found through
importlib.resources), not be looked for next to the source tree. The new venv borrows the
project's installed dependencies through a .pth file, so nothing is downloaded to install;
the wheel is built by pip with the pinned setuptools of .venv (no build isolation, so the
test needs no package index).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "samples" / "surat_01_arjunakanal-com.pdf"
SOURCES = ("pipeline", "config", "templates", "pyproject.toml", "setup.py", "README.md")


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str], Path]:
    """(the wheel, the venv's bin folder, an environment without the repository on any path,
    the copy of the sources it was built from)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # a copy: building in place would leave build/ in the shared work tree
    src.mkdir()
    for name in SOURCES:
        item = REPO / name
        if item.is_dir():
            shutil.copytree(item, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(item, src / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(src), "-w", str(tmp / "dist"), cwd=tmp, timeout=600)
    [wheel] = (tmp / "dist").glob("kerjasama-*.whl")

    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp)
    python = venv / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip())
    # The project's dependencies (and pip) stay where `make venv` put them: appended to sys.path.
    (purelib / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "KERJASAMA_CONFIG_DIR", "KERJASAMA_ROOT", "KERJASAMA_CRASH_AT")}
    run(python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel), cwd=tmp, env=env)
    return wheel, venv / "bin", env, src


def test_the_wheel_holds_every_package_and_the_shipped_files(installed):
    wheel, _, _, src = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(src).as_posix() for p in (src / "pipeline").rglob("*.py")}
    assert modules <= names, f"not in the wheel (a folder without __init__.py?): {sorted(modules - names)}"
    for folder, data, ext in (("config", "pipeline/config_data", ".yaml"), ("templates", "pipeline/templates_data", ".docx")):
        shipped = {f"{data}/{p.name}" for p in (src / folder).glob(f"*{ext}")}
        assert shipped and shipped <= names


def test_the_installed_program_is_the_wheel_not_the_repository(installed, tmp_path):
    _, bin_dir, env, _ = installed
    where = run(bin_dir / "python", "-c",
                "import pipeline; from pipeline.core.resources import config_dir, templates_dir;"
                "print(pipeline.__file__); print(config_dir()); print(templates_dir())", cwd=tmp_path, env=env)
    venv = bin_dir.parent.resolve()
    for line in where.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv), line


def test_extract_a_sample_with_the_installed_program(installed, tmp_path):
    _, bin_dir, env, _ = installed
    result = run(bin_dir / "kerjasama", "extract", SAMPLE, "--json", cwd=tmp_path, env=env)
    assert json.loads(result.stdout)["nomor_surat"] == "118/AKI-MKT/XII/2026"


def test_init_a_fresh_root_with_the_installed_program(installed, tmp_path):
    _, bin_dir, env, _ = installed
    root = tmp_path / "root"
    run(bin_dir / "kerjasama", "init", "--root", root, cwd=tmp_path, env=env)
    assert (root / "agenda.xlsx").is_file()
    assert (root / "masuk").is_dir()
