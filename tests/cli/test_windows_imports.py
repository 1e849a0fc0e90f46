"""The program must import where POSIX-only modules do not exist (Windows): every module of
`pipeline` is imported in a child Python in which `fcntl` (and the other POSIX-only modules)
cannot be imported, and the command line runs there. The cross-platform lock itself
(filelock's descriptor lock: flock here, LockFileEx on Windows) is contended below."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from pipeline.core import fileops as F

from workflow_util import REPO

POSIX_ONLY = ("fcntl", "pwd", "grp", "resource", "termios")

CHILD = textwrap.dedent(f"""
    import importlib, pkgutil, sys
    for name in {POSIX_ONLY!r}:
        sys.modules[name] = None  # `import fcntl` now raises ImportError, as on Windows
    import pipeline
    failed = []
    for mod in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if mod.name.endswith("__main__"):  # runs the command line
            continue
        try:
            importlib.import_module(mod.name)
        except Exception as exc:
            failed.append(f"{{mod.name}}: {{type(exc).__name__}}: {{exc}}")
    from pathlib import Path
    from pipeline.core import fileops as F
    # Linux without fcntl has no lock primitive at all (Windows has LockFileEx): the lock
    # must then say it could not lock, never crash.
    with F.locked(Path(sys.argv[1]) / "pekerja.lock", wait=0) as held:
        if held is not False:
            failed.append(f"locked() gave {{held!r}}")
    print("\\n".join(failed) or "OK")
""")


def test_every_module_imports_without_posix_only_modules(tmp_path):
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "OK", done.stdout


def test_the_command_line_starts_without_posix_only_modules(tmp_path):
    code = (f"import sys\nfor n in {POSIX_ONLY!r}: sys.modules[n] = None\n"
            "from pipeline.cli.main import main\n"
            f"sys.exit(main(['init', '--root', {str(tmp_path / 'root')!r}]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "root" / "masuk").is_dir() and (tmp_path / "root" / "agenda.xlsx").is_file()


def test_a_held_root_lock_is_refused_to_a_second_holder_until_released(tmp_path):
    lock = tmp_path / "pekerja.lock"
    with F.locked(lock, wait=0) as held:
        assert held is True
        with pytest.raises(F.LockBusy):
            with F.locked(lock, wait=0.3):
                pass
        other = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                                "from pipeline.core import fileops as F\ntry:\n    with F.locked(Path(sys.argv[1]), wait=0): "
                                "print('diambil')\nexcept F.LockBusy:\n    print('sibuk')", str(lock)],
                               cwd=REPO, capture_output=True, text=True, timeout=60)
        assert other.stdout.strip() == "sibuk", other.stderr
    with F.locked(lock, wait=0) as again:
        assert again is True
