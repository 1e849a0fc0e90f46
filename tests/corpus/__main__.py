"""CLI: python -m tests.corpus --out DIR [--n 240] [--seed 1] [--jobs 2] [--families K1-...,K4-...]"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from tests.corpus.families import FAMILIES
from tests.corpus.generate import make_one, schedule


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.corpus", description="Generate varied request letters with truth JSON.")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--n", type=int, default=240)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--families", default="", help="comma-separated family ids (default: all)")
    args = ap.parse_args(argv)
    fams = [x for x in args.families.split(",") if x] or None
    if fams and not set(fams) <= set(FAMILIES):
        ap.error(f"unknown family; known: {', '.join(FAMILIES)}")
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = schedule(args.n, fams)
    started = time.perf_counter()
    work = partial(make_one, seed=args.seed, out=args.out)
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            rows = list(pool.map(work, jobs, chunksize=4))
    else:
        rows = [work(j) for j in jobs]
    with open(args.out / "index.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    kinds = Counter(r["kind"] for r in rows)
    print(f"{len(rows)} letters in {args.out} ({time.perf_counter() - started:.1f} s): "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
