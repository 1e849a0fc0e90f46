"""Loading SOP 7.1 from `config/sop.yaml`, checked as it is loaded.

An office edit that breaks the flow (a loop, an unreachable status, a status no step sets, a
stage folder outside ROOT) is refused with one clear message instead of misbehaving later.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import PurePosixPath

from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError
from pipeline.core.paths import ARCHIVE, RESERVED
from pipeline.core.text import normalize
from pipeline.policy.sop.model import Refusal, Sop, Status, Step, Transition
from pipeline.policy.workdays import BASES, WORK_WEEK, Clock, weekday_number

UNITS = {
    "menit": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
    "jam": 60, "hour": 60, "hours": 60,
    "hari": 1440, "day": 1440, "days": 1440,
}
DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]+)\s*$")


class SopConfigError(KerjasamaError):
    """config/sop.yaml describes no usable procedure."""

    def __init__(self, message: str) -> None:
        super().__init__(f"config/sop.yaml: {message}", code="sop_config")


def parse_duration(value: object) -> timedelta:
    """'5 menit', '2 hari', '1 jam', '15 min', '1 day' -> timedelta."""
    m = DURATION.match(str(value).casefold())
    if not m or m.group(2) not in UNITS:
        raise SopConfigError(f"waktu standar '{value}' tidak dipahami (contoh: '15 menit', '2 hari', '1 jam')")
    return timedelta(minutes=float(m.group(1).replace(",", ".")) * UNITS[m.group(2)])


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _status(raw: object) -> Status:
    if not isinstance(raw, dict) or not str(raw.get("name") or "").strip():
        raise SopConfigError(f"setiap status harus memiliki 'name': {raw!r}")
    name = _one_line(raw["name"])
    if "," in name or '"' in name:
        raise SopConfigError(f"nama status '{name}' tidak boleh memuat koma atau tanda kutip")
    final = bool(raw.get("final", False))
    documents = tuple(str(d) for d in raw.get("documents") or ())
    return Status(name, _folder(name, raw.get("folder"), final), final, documents)


def _folder(status: str, raw: object, final: bool) -> str:
    text = str(raw or "").strip().replace("\\", "/")
    if not text:
        raise SopConfigError(f"status '{status}' tidak memiliki folder tahap ('folder')")
    path = PurePosixPath(text)
    if path.is_absolute() or ".." in path.parts or path.parts[0] in RESERVED:
        raise SopConfigError(f"folder '{text}' untuk status '{status}' harus berupa folder tahap di dalam ROOT")
    if final != (path.parts[0] == ARCHIVE):
        where = "di bawah" if final else "di luar"
        raise SopConfigError(f"folder status '{status}' ('{text}') harus berada {where} '{ARCHIVE}/'")
    return str(path)


def _step(raw: object) -> Step:
    if not isinstance(raw, dict) or "number" not in raw:
        raise SopConfigError(f"setiap langkah harus memiliki 'number': {raw!r}")
    actors = tuple(str(a) for a in raw.get("actors") or ())
    sets = tuple(_one_line(s) for s in raw.get("sets") or ())
    if not actors or not sets:
        raise SopConfigError(f"langkah {raw['number']} harus memiliki 'actors' dan 'sets'")
    return Step(int(raw["number"]), str(raw.get("name", "")), actors, parse_duration(raw.get("standard")), sets,
                str(raw.get("output", "")))


def _clock(cfg: dict) -> Clock:
    basis = str(cfg.get("time_basis", "calendar"))
    if basis not in BASES:
        raise SopConfigError(f"time_basis harus 'calendar' atau 'working_days', bukan '{basis}'")
    wd = cfg.get("working_days") or {}
    days = set()
    for d in wd.get("weekdays", WORK_WEEK):
        number = weekday_number(d)
        if number is None:
            raise SopConfigError(f"hari kerja '{d}' tidak dikenal")
        days.add(number)
    if not days:
        raise SopConfigError("working_days.weekdays tidak boleh kosong")
    try:
        holidays = frozenset(date.fromisoformat(str(h)) for h in wd.get("holidays") or ())
    except ValueError as exc:
        raise SopConfigError(f"tanggal libur tidak valid: {exc}") from exc
    return Clock(basis, frozenset(days), holidays)


def _check_names(statuses: list[Status]) -> dict[str, Status]:
    by_name: dict[str, Status] = {}
    seen: set[str] = set()
    for s in statuses:
        if normalize(s.name) in seen:
            raise SopConfigError(f"status '{s.name}' tercantum lebih dari sekali")
        seen.add(normalize(s.name))
        by_name[s.name] = s
    folders = [s.folder for s in statuses if not s.final]
    dupes = {f for f in folders if folders.count(f) > 1}
    if dupes:
        raise SopConfigError(f"folder tahap dipakai oleh lebih dari satu status: {sorted(dupes)}")
    return by_name


def _check_transitions(statuses: dict[str, Status], raw: dict) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for src, targets in (raw or {}).items():
        src = _one_line(src)
        names = tuple(_one_line(t) for t in targets or ())
        for name in (src, *names):
            if name not in statuses:
                raise SopConfigError(f"transisi memakai status yang tidak dikenal: '{name}'")
        out[src] = names
    for s in statuses.values():
        if s.final and out.get(s.name):
            raise SopConfigError(f"status akhir '{s.name}' tidak boleh memiliki status berikutnya")
        if not s.final and not out.get(s.name):
            raise SopConfigError(f"status '{s.name}' bukan status akhir tetapi tidak memiliki status berikutnya")
    return out


def _check_acyclic_and_reachable(initial: str, statuses: dict[str, Status], trans: dict[str, tuple[str, ...]]) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 1:
            loop = path[path.index(name):] + [name]
            raise SopConfigError("transisi membentuk putaran: " + " → ".join(loop))
        if state.get(name) == 2:
            return
        state[name] = 1
        for nxt in trans.get(name, ()):
            visit(nxt, path + [name])
        state[name] = 2

    visit(initial, [])
    for name in statuses:  # loops not reachable from the initial status are errors too
        visit(name, [])
    reachable, todo = {initial}, [initial]
    while todo:
        for nxt in trans.get(todo.pop(), ()):
            if nxt not in reachable:
                reachable.add(nxt)
                todo.append(nxt)
    lost = [s for s in statuses if s not in reachable]
    if lost:
        raise SopConfigError(f"status tidak dapat dicapai dari '{initial}': {lost}")


def _check_steps(statuses: dict[str, Status], trans: dict[str, tuple[str, ...]], steps: list[Step]) -> None:
    numbers = [s.number for s in steps]
    if len(set(numbers)) != len(numbers):
        raise SopConfigError(f"nomor langkah ganda: {numbers}")
    for name in statuses:
        owners = [s.number for s in steps if name in s.sets]
        if len(owners) != 1:
            raise SopConfigError(f"status '{name}' harus ditetapkan oleh tepat satu langkah (sekarang: {owners})")
    for step in steps:
        unknown = [s for s in step.sets if s not in statuses]
        if unknown:
            raise SopConfigError(f"langkah {step.number} menetapkan status yang tidak dikenal: {unknown}")
    for src, targets in trans.items():
        owners = {next(s.number for s in steps if t in s.sets) for t in targets}
        if len(owners) > 1:  # otherwise the due time of a case in `src` would be ambiguous
            raise SopConfigError(f"status berikutnya dari '{src}' harus ditetapkan oleh satu langkah yang sama")


def build(cfg: dict) -> Sop:
    """A validated Sop from the parsed YAML mapping; raises SopConfigError."""
    statuses = _check_names([_status(r) for r in cfg.get("statuses") or ()])
    if not statuses:
        raise SopConfigError("daftar 'statuses' kosong")
    initial = _one_line(cfg.get("initial", next(iter(statuses))))
    if initial not in statuses:
        raise SopConfigError(f"status awal '{initial}' tidak ada dalam daftar status")
    trans = _check_transitions(statuses, cfg.get("transitions") or {})
    _check_acyclic_and_reachable(initial, statuses, trans)
    steps = sorted((_step(r) for r in cfg.get("steps") or ()), key=lambda s: s.number)
    _check_steps(statuses, trans, steps)
    docs = {str(k): dict(v or {}) for k, v in (cfg.get("documents") or {}).items()}
    return Sop(initial, statuses, trans, tuple(steps), _clock(cfg), docs)


@lru_cache(maxsize=1)
def _configured(_key: tuple) -> Sop:
    return build(config.load("sop"))


def load(cfg: dict | None = None) -> Sop:
    """The office's SOP (config/sop.yaml), or one built from `cfg`."""
    return build(cfg) if cfg is not None else _configured(tuple(config.config_dirs()))


# Convenience functions on the configured SOP.


def next_statuses(current: str) -> list[str]:
    return load().next_statuses(current)


def check_transition(current: str, requested: object) -> Transition | Refusal:
    return load().check_transition(current, requested)


def due_time(status: str, entered_at: datetime) -> datetime | None:
    return load().due_time(status, entered_at)


def is_overdue(status: str, entered_at: datetime, now: datetime) -> bool:
    return load().is_overdue(status, entered_at, now)
