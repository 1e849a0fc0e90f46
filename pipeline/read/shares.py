"""Work shared out over a few runs of an external program, so that the runs end together."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def share_out(items: Sequence[T], runs: int, weight: Callable[[T], float]) -> list[list[int]]:
    """The indices of `items` for each of at most `runs` runs, each run in item order: the
    heaviest item first, each to the run with the least weight so far. Empty runs are left out."""
    groups: list[list[int]] = [[] for _ in range(max(1, runs))]
    load = [0.0] * len(groups)
    for i in sorted(range(len(items)), key=lambda i: -weight(items[i])):
        lightest = load.index(min(load))
        groups[lightest].append(i)
        load[lightest] += weight(items[i])
    return [sorted(g) for g in groups if g]
