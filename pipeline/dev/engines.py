"""Side by side, per degradation: plain Tesseract, RapidOCR alone, the reconciled reading
and the pipeline as it runs ("auto": the second engine on hard pages only).

    .venv/bin/python -m pipeline.dev.engines DIR [--limit N] [--kinds a,b] [--workers 2]

DIR is a folder of letters with truth JSON beside them (tests/corpus writes one:
`make corpus`), each naming its `evidence` (the values as printed) and its `degradation`.
For every letter and reading this prints how many of its values appear in the page text
(the reading alone, before extraction), the graded extraction (right and unflagged /
flagged / wrong and unflagged, as pipeline.dev.scoring judges it), seconds per page and
CPU seconds per page (steadier than wall time on a shared machine) and the peak memory
of the largest process of the read. Each read runs in a fresh child.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipeline.core.errors import KerjasamaError
from pipeline.core.models import FIELD_NAMES
from pipeline.core.text import normalize
from pipeline.dev import scoring

# "pipeline" is the letter as the watcher reads it: auto, then a second look with both
# engines when fields come out doubtful (pipeline/read/second_look.py).
READINGS = {"tesseract": "never", "rapidocr": "only", "reconciled": "always", "auto": "auto", "pipeline": "pipeline"}
HARD_KINDS = ("phone_photo", "photocopy", "noisy_gray", "low_dpi")
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def found_values(text: str, evidence: dict) -> tuple[int, int]:
    """How many of the printed values appear, word for word, in the text (and how many there are)."""
    page = f" {normalize(text, words_only=True)} "
    values = [v for v in evidence.values() if isinstance(v, str) and normalize(v, words_only=True)]
    return sum(f" {normalize(v, words_only=True)} " in page for v in values), len(values)


def groups_of(truth: dict) -> list[str]:
    """The degradation of a letter, and "low_dpi" too when it was scanned at under 300 dpi."""
    deg = truth.get("degradation") or {}
    kind = deg.get("kind") or "none"
    out = [kind]
    dpi = deg.get("dpi")
    if kind != "none" and isinstance(dpi, (int, float)) and dpi < 300:
        out.append("low_dpi")
    return out


def letters(folder: Path, kinds: set[str], limit: int | None) -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(folder.iterdir()):
        truth_path = path.with_suffix(".json")
        if path.suffix.lower() not in SUFFIXES or not truth_path.is_file():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if kinds & set(groups_of(truth)):
            out.append((path, truth))
    if limit and len(out) > limit:  # an even spread over the groups, not the first letters
        by_group: dict[str, list] = defaultdict(list)
        for item in out:
            by_group[groups_of(item[1])[0]].append(item)
        picked: list = []
        while len(picked) < limit:
            for queue in by_group.values():
                if queue and len(picked) < limit:
                    picked.append(queue.pop(0))
        out = sorted(picked, key=lambda item: item[0].name)
    return out


def _child(path: str, mode: str, workers: int, sender) -> None:
    from pipeline.read.document import read_document
    from pipeline.read.letter import understand

    started = time.perf_counter()
    try:
        if mode == "pipeline":
            from pipeline.read.letter import read_letter

            reading = read_letter(path)
            seconds = time.perf_counter() - started
            doc, letter = reading.doc, reading.letter.model_dump()
        else:
            result = read_document(path, workers=workers, second_engine=mode)
            seconds = time.perf_counter() - started
            doc = result.doc
            try:
                letter = understand(doc).model_dump()
            except KerjasamaError:
                letter = {k: None for k in FIELD_NAMES}
        engines = sorted({line.engine for line in doc.lines})
        disagreements = sum(len(line.disagreements) for line in doc.lines)
        out = {"text": doc.text, "pages": len(doc.pages), "seconds": seconds, "letter": letter, "engines": engines,
               "disagreements": disagreements}
    except KerjasamaError as exc:
        out = {"error": exc.message, "seconds": time.perf_counter() - started, "pages": 1}
    import resource  # POSIX only: imported here so the module imports on Windows too

    own = resource.getrusage(resource.RUSAGE_SELF)
    programs = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["peak_mb"] = max(own.ru_maxrss, programs.ru_maxrss) / 1024  # Linux reports KiB
    # CPU time, beside the wall time: on a shared machine it is the steadier figure.
    out["cpu"] = own.ru_utime + own.ru_stime + programs.ru_utime + programs.ru_stime
    sender.send(out)
    sender.close()


def read_once(path: Path, mode: str, workers: int) -> dict:
    ctx = mp.get_context("spawn")  # a fresh process: its peak memory is this read's alone
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(str(path), mode, workers, sender))
    child.start()
    sender.close()
    try:
        return receiver.recv()
    except EOFError:
        return {"error": f"reader died (exit {child.exitcode})", "seconds": 0.0, "pages": 1, "peak_mb": 0.0}
    finally:
        child.join()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.dev.engines", description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--kinds", default=",".join(HARD_KINDS), help="degradations to read (default: the hard ones)")
    ap.add_argument("--readings", default=",".join(READINGS), help=f"which readings (of {', '.join(READINGS)})")
    ap.add_argument("--workers", type=int, default=None, help="cores per read (default: all)")
    ap.add_argument("--json-out", type=Path, default=None)
    args = ap.parse_args(argv)
    readings = [r for r in args.readings.split(",") if r in READINGS]
    chosen = letters(args.folder, set(args.kinds.split(",")), args.limit)
    if not chosen:
        print(f"no letters of {args.kinds} in {args.folder}", file=sys.stderr)
        return 1
    rows = []
    for path, truth in chosen:
        for reading in readings:
            got = read_once(path, READINGS[reading], args.workers or 0)
            found, total = found_values(got.get("text", ""), truth.get("evidence") or {})
            outcomes = scoring.score(got.get("letter") or {}, truth) if "letter" in got else []
            rows.append({"letter": path.name, "groups": groups_of(truth), "reading": reading, "found": found, "values": total,
                         "outcomes": [o.outcome for o in outcomes], **{k: got.get(k) for k in ("seconds", "cpu", "pages", "peak_mb", "error", "engines", "disagreements")}})
            print(f"{path.name[:44]:<46}{reading:<11}{found:>3}/{total:<3}{got['seconds'] / max(got.get('pages') or 1, 1):>7.1f} s/p"
                  f"{got.get('peak_mb', 0):>7.0f} MB  {got.get('error') or ''}", file=sys.stderr, flush=True)
    print(report(rows, readings))
    if args.json_out:
        args.json_out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def report(rows: list[dict], readings: list[str]) -> str:
    table: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        for group in row["groups"]:
            table[(group, row["reading"])].append(row)
    lines = [f"{'degradation':<13}{'reading':<12}{'n':>3}{'values':>9}{'found%':>8}{'right%':>8}{'flag%':>7}{'wrong%':>8}{'s/page':>8}{'cpu/p':>7}{'peakMB':>8}"]
    for group in sorted({g for g, _ in table}):
        for reading in readings:
            part = table.get((group, reading), [])
            if not part:
                continue
            found = sum(r["found"] for r in part)
            values = sum(r["values"] for r in part) or 1
            outcomes = [o for r in part for o in r["outcomes"]]
            n_out = len(outcomes) or 1
            right = 100 * outcomes.count("right") / n_out
            flagged = 100 * sum(o in ("right_flagged", "wrong_flagged", "missing_flagged") for o in outcomes) / n_out
            wrong = 100 * sum(o in ("wrong_unflagged", "missing_unflagged") for o in outcomes) / n_out
            pages = max(sum(r["pages"] or 1 for r in part), 1)
            per_page = sum(r["seconds"] for r in part) / pages
            cpu = sum(r.get("cpu") or 0.0 for r in part) / pages
            peak = max(r["peak_mb"] or 0 for r in part)
            lines.append(f"{group:<13}{reading:<12}{len(part):>3}{f'{found}/{values}':>9}{100 * found / values:>8.1f}"
                         f"{right:>8.1f}{flagged:>7.1f}{wrong:>8.2f}{per_page:>8.2f}{cpu:>7.2f}{peak:>8.0f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
