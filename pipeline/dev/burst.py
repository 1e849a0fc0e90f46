"""`make bench`, the burst: a pile of image letters dropped at once, side by side with plain
Tesseract on the same pages in the same run (issue 15).

- the wall time of `kerjasama ingest` on the pile, against plain Tesseract's summed per-page
  seconds divided by the cores (the machine's OCR ceiling);
- the time from one letter's drop into a watched inbox to its row in the agenda;
- the peak memory of the whole process tree (the command and every reader it starts).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from pipeline.dev.plain import page_images, plain_tesseract
from pipeline.register.readahead import wanted_workers
from pipeline.sniff import sniff

POLL = 0.1  # seconds between memory and agenda samples


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(entry))
    return kids


def _tree(pid: int) -> list[int]:
    kids, todo, out = _children(), [pid], []
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def _field_kb(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass  # the process ended between listing and reading
    return 0


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """Memory of a process and all its descendants (Linux /proc), in MB: (PSS, RSS).

    PSS shares each page among the processes that map it, so the forkserver's preloaded
    modules and the libraries every reader maps count once: what the tree takes from the
    machine. Summed RSS counts them in every process and overstates it."""
    pids = _tree(pid)
    pss = sum(_field_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    rss = sum(_field_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
    return pss / 1024, rss / 1024


def _kerjasama() -> list[str]:
    exe = Path(sys.executable).with_name("kerjasama")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline"]


def _run_watching(cmd: list[str], env: dict, until: Callable[[], bool] | None = None,
                  timeout: float = 3600) -> tuple[float, tuple[float, float], subprocess.Popen]:
    """Run cmd; sample its tree's memory until it exits (or `until` holds).
    (seconds, (peak PSS MB, peak summed RSS MB), proc)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    peak = (0.0, 0.0)
    while proc.poll() is None and time.perf_counter() - started < timeout:
        pss, rss = tree_memory_mb(proc.pid)
        peak = (max(peak[0], pss), max(peak[1], rss))
        if until is not None and until():
            break
        time.sleep(POLL)
    return time.perf_counter() - started, peak, proc


def _agenda_rows(root: Path) -> int:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(root / "agenda.xlsx", read_only=True)
    except Exception:  # noqa: BLE001 — being replaced right now: try again next sample
        return 0
    try:
        ws = wb["Agenda"]
        return sum(1 for row in ws.iter_rows(min_row=2, values_only=True) if row and row[0])
    finally:
        wb.close()


def _fresh_root(base: Path, name: str, env: dict) -> Path:
    root = base / name
    subprocess.run(_kerjasama() + ["init", "--root", str(root)], env=env, check=True, capture_output=True, timeout=300)
    return root


def _drop(letters: list[Path], inbox: Path, staging: Path) -> None:
    """Copy elsewhere first, then rename in: each file appears in the inbox whole, at once."""
    staging.mkdir(exist_ok=True)
    for f in letters:
        shutil.copy2(f, staging / f.name)
    for f in letters:
        os.replace(staging / f.name, inbox / f.name)


def measure(letters: list[Path], label: str, latency: bool = True) -> None:
    cores = os.cpu_count() or 1
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="bench-burst-") as tmp:
        base = Path(tmp)
        pages: list[Path] = []
        for f in letters:
            out = base / "pages" / f.stem
            out.mkdir(parents=True)
            pages += page_images(f, sniff(f).kind, out)
        plain = sum(plain_tesseract(p) for p in pages)
        ceiling = plain / cores

        root = _fresh_root(base, "burst", env)
        _drop(letters, root / "masuk", base / "staging")
        wall, peak, proc = _run_watching(_kerjasama() + ["ingest", "--root", str(root)], env)
        rows = _agenda_rows(root)
        print(f"\n== Burst, {label}: {len(letters)} image letters ({len(pages)} pages) dropped at once, {cores} cores ==")
        print(f"kerjasama ingest: {wall:.1f} s wall, {rows} agenda rows, exit {proc.returncode}")
        print(f"plain tesseract: {plain:.1f} s of single-threaded work = {ceiling:.1f} s on {cores} cores (the OCR ceiling)")
        print(f"burst at {100 * ceiling / max(wall, 1e-9):.0f}% of the OCR ceiling, "
              f"{60 * len(pages) / max(wall, 1e-9):.0f} pages a minute against {60 * len(pages) / max(ceiling, 1e-9):.0f}"
              "  (target >= 90%)")
        readers = wanted_workers()
        print(f"peak memory of the process tree: {peak[0]:.0f} MB PSS (shared pages counted once; "
              f"target <= 400 MB x {readers} readers + 150 MB = {400 * readers + 150} MB), "
              f"{peak[1]:.0f} MB as RSS summed over its processes")
        if latency:
            _drop_to_row(letters[0], base, env)


def _drop_to_row(one: Path, base: Path, env: dict) -> None:
    """One letter dropped into the inbox of a running `kerjasama watch`, until its agenda row."""
    root = _fresh_root(base, "watch", env)
    watch = subprocess.Popen(_kerjasama() + ["watch", "--root", str(root)], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(5)  # the watcher's start-up (imports, first scan) is not the letter's time
        dropped = time.perf_counter()
        _drop([one], root / "masuk", base / "staging2")
        while _agenda_rows(root) < 1 and time.perf_counter() - dropped < 600 and watch.poll() is None:
            time.sleep(POLL)
        latency = time.perf_counter() - dropped
    finally:
        os.killpg(watch.pid, signal.SIGTERM)
        watch.wait(60)
    one_pages = page_images(one, sniff(one).kind, base / "pages" / one.stem)
    one_plain = sum(plain_tesseract(p) for p in one_pages)
    from pipeline.core import settings as config

    wait = float(config.settings("intake").stability_seconds)
    print(f"drop to agenda row under `kerjasama watch`: {latency:.1f} s for {one.name} "
          f"(stability wait {wait:g} s + plain tesseract {one_plain:.1f} s + 1 s = target {wait + one_plain + 1:.1f} s)")
