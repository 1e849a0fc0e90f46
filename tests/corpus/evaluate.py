"""Grades `kerjasama extract FILE --json` on a generated corpus with pipeline.dev.scoring.

    .venv/bin/python -m tests.corpus.evaluate DIR [--limit N] [--jobs 2] [--show 10] [--cache DIR]

By default each letter goes through the real command (`kerjasama extract FILE --json`, a
fresh process). With `--cache DIR` each letter is read once and its reading kept in DIR;
later runs extract from the kept readings in this process, in seconds: the loop for working
on extraction rules. Delete DIR when the reader changes.

Prints, per layout family and per degradation: right and unflagged %, flagged %, wrong and
unflagged % (wrong or missing, not in perlu_ditinjau), then the worst fields and the most
common silent errors.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from pipeline.dev import scoring

REPO = Path(__file__).resolve().parents[2]
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SILENT = ("wrong_unflagged", "missing_unflagged")
FLAGGED = ("right_flagged", "wrong_flagged", "missing_flagged")


def letters(folder: Path, limit: int | None) -> list[tuple[Path, dict]]:
    pairs = [(f, json.loads(f.with_suffix(".json").read_text(encoding="utf-8")))
             for f in sorted(folder.iterdir()) if f.suffix.lower() in SUFFIXES and f.with_suffix(".json").exists()]
    if limit and limit < len(pairs):  # round-robin over (family, degradation) groups, not the first letters
        groups: dict = defaultdict(list)
        for p in pairs:
            groups[(p[1].get("layout"), p[1].get("degradation", {}).get("kind"))].append(p)
        order, queues = [], [groups[k] for k in sorted(groups, key=str)]
        while len(order) < limit:
            for q in queues:
                if q and len(order) < limit:
                    order.append(q.pop(0))
        pairs = sorted(order, key=lambda p: p[0].name)
    return pairs


def extract(path: Path) -> tuple[dict | None, float, str]:
    exe = REPO / ".venv" / "bin" / "kerjasama"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline"]
    started = time.perf_counter()
    proc = subprocess.run(cmd + ["extract", str(path), "--json"], capture_output=True, text=True, timeout=900)
    took = time.perf_counter() - started
    if proc.returncode != 0:
        return None, took, (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1]
    try:
        return json.loads(proc.stdout), took, ""
    except json.JSONDecodeError as exc:
        return None, took, f"bad JSON: {exc}"


def read_into(cache: Path, path: Path) -> str:
    """Read one letter (no extraction) and keep its reading; the error text if it cannot be read."""
    from pipeline.core.errors import KerjasamaError
    from pipeline.core.models import document_to_dict
    from pipeline.read.document import read_document

    target = cache / (path.name + ".doc.json")
    if target.exists():
        return ""
    try:
        doc = read_document(path, workers=1).doc
    except KerjasamaError as exc:
        return exc.message
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(document_to_dict(doc), ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)
    return ""


def extract_cached(cache: Path, path: Path, read_error: str) -> tuple[dict | None, float, str]:
    from pipeline.core.errors import KerjasamaError
    from pipeline.core.models import document_from_dict
    from pipeline.read.letter import understand_with_evidence

    if read_error:
        return None, 0.0, read_error
    started = time.perf_counter()
    doc = document_from_dict(json.loads((cache / (path.name + ".doc.json")).read_text(encoding="utf-8")))
    try:
        letter, bukti = understand_with_evidence(doc)
        data = {**letter.model_dump(), "bukti": bukti}
    except KerjasamaError as exc:
        return None, time.perf_counter() - started, exc.message
    return data, time.perf_counter() - started, ""


def run_all(pairs: list[tuple[Path, dict]], jobs: int, cache: Path | None) -> list[tuple[dict | None, float, str]]:
    if cache is None:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(lambda p: extract(p[0]), pairs))
    cache.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        errors = list(pool.map(read_into, [cache] * len(pairs), [p[0] for p in pairs]))
    return [extract_cached(cache, p[0], e) for p, e in zip(pairs, errors)]


def line(name: str, c: Counter, n_letters: int) -> str:
    total = sum(c.values()) or 1
    pct = lambda keys: 100 * sum(c[k] for k in keys) / total  # noqa: E731
    return (f"{name:<26}{n_letters:>4}{pct(('right',)):>9.1f}{pct(FLAGGED):>9.1f}{pct(SILENT):>9.2f}"
            f"{pct(('wrong_unflagged',)):>9.2f}")


def table(title: str, groups: dict[str, list], counts: dict[str, int]) -> None:
    print(f"\n{title:<26}{'n':>4}{'right%':>9}{'flag%':>9}{'silent%':>9}{'(wrong)':>9}")
    for name in sorted(groups):
        print(line(name, Counter(o.outcome for o in groups[name]), counts[name]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.corpus.evaluate")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=15, help="how many silent errors to list")
    ap.add_argument("--json-out", type=Path, default=None, help="write every outcome here")
    ap.add_argument("--cache", type=Path, default=None, help="keep each letter's reading here; extract in-process")
    ap.add_argument("--only", default=None, help="grade only letters whose name contains this")
    args = ap.parse_args(argv)
    pairs = letters(args.folder, args.limit)
    if args.only:
        pairs = [p for p in pairs if args.only in p[0].name]
    started = time.perf_counter()
    results = run_all(pairs, args.jobs, args.cache)
    by_family, by_kind, by_field = defaultdict(list), defaultdict(list), defaultdict(list)
    n_family, n_kind = Counter(), Counter()
    silent, errors, dump = [], [], []
    for (path, truth), (got, took, err) in zip(pairs, results):
        if got is None:
            errors.append((path.name, err))
            got = {}
        outcomes = scoring.score(got, truth)
        fam, kind = truth.get("layout", "?"), truth.get("degradation", {}).get("kind", "?")
        fam_key = fam.split("-")[0] + "-" + "-".join(fam.split("-")[1:])[:18]
        n_family[fam_key] += 1
        n_kind[kind] += 1
        for o in outcomes:
            by_family[fam_key].append(o)
            by_kind[kind].append(o)
            by_field[o.field].append(o)
            if o.outcome in SILENT:
                silent.append((o.field, o.truth, o.extracted, path.name))
        reasons = {k: v.get("alasan", []) for k, v in (got.get("bukti") or {}).items() if v.get("alasan")}
        dump.append({"file": path.name, "seconds": round(took, 2), "error": err,
                     "outcomes": {o.field: [o.outcome, o.extracted, o.truth] for o in outcomes},
                     "reasons": reasons})  # why each flagged value was flagged, to weigh the flags
    every = [o for v in by_kind.values() for o in v]
    table("layout family", by_family, n_family)
    table("degradation", by_kind, n_kind)
    table("all", {"all letters": every}, {"all letters": len(pairs)})
    print("\nworst fields (right and unflagged):")
    ranked = sorted(by_field.items(), key=lambda kv: sum(o.outcome == "right" for o in kv[1]) / len(kv[1]))
    for field, outs in ranked[:10]:
        c = Counter(o.outcome for o in outs)
        print(f"  {field:<24} right {100 * c['right'] / len(outs):5.1f}%  flagged {100 * sum(c[k] for k in FLAGGED) / len(outs):5.1f}%"
              f"  wrong&unflagged {c['wrong_unflagged']}  missing&unflagged {c['missing_unflagged']}")
    print(f"\nsilent errors ({len(silent)}), first {args.show} (field | truth | extracted | letter):")
    wrong_first = sorted(silent, key=lambda s: s[2] is None)
    for field, want, got, name in wrong_first[: args.show]:
        print(f"  {field:<22} {str(want)[:45]!r:<48} {str(got)[:45]!r:<48} {name}")
    if errors:
        print(f"\nextraction failures ({len(errors)}):")
        for name, err in errors[:10]:
            print(f"  {name}: {err[:160]}")
    print(f"\n{len(pairs)} letters graded in {time.perf_counter() - started:.0f} s")
    if args.json_out:
        args.json_out.write_text(json.dumps(dump, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
