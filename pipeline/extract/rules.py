"""The extraction rules from `config/extraction.yaml`, with their regexes compiled once."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from pipeline.core import settings as _config


def rules() -> dict[str, Any]:
    return _config.load("extraction")


@lru_cache(maxsize=None)
def rx(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(source, flags)


def alternation(phrases: Iterable[str], *, escape: bool = False) -> str:
    """One regex group matching any phrase, longest first (so 'direktur utama' beats 'direktur')."""
    items = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p) if escape else p for p in items) + ")"


def pattern(name: str) -> re.Pattern[str]:
    return rx(rules()["patterns"][name])


def phrase_rx(key: str, *, escape: bool = True, word: bool = True) -> re.Pattern[str]:
    """A regex matching any phrase of the list `key` as whole words."""
    alt = alternation(rules()[key], escape=escape)
    return rx(rf"(?<!\w){alt}(?!\w)" if word else alt)


def review(name: str) -> Any:
    return rules()["review"][name]


@lru_cache(maxsize=1)
def trusted_words() -> frozenset[str]:
    """Closed-vocabulary words (as printed) whose reading the vocabulary itself confirms."""
    r = rules()
    starts = {w.capitalize() + "." for w in r["address_starts"]} | {w.capitalize() for w in r["address_starts"]}
    return frozenset(set(r["degrees"]) | starts)
