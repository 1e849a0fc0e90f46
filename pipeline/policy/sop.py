"""SOP 7.1 as data: statuses, legal transitions, steps, actors, standard times, folders.

Everything comes from `config/sop.yaml` (checked when loaded, so an office edit that
breaks the flow is refused with a clear message instead of misbehaving later).

Timing model: the step that *sets* status S runs from the moment the case entered the
status before S (step 1: from the moment the letter was received) until S is set.
So a case sitting in status P is waiting for the step that sets P's next statuses, and
is due at `entered_at(P) + standard(that step)`.

Standard times are counted in calendar time by default — the SOP form states plain
durations and the office's working hours vary (Friday, Ramadan). `time_basis:
working_days` skips weekends and listed holidays as whole days instead.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import PurePosixPath

from pipeline.core import settings as config
from pipeline.core.errors import KerjasamaError

ARCHIVE = "arsip"
_RESERVED_FOLDERS = {"masuk", "karantina", ".kerjasama"}
_HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_DAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {
    "menit": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
    "jam": 60, "hour": 60, "hours": 60,
    "hari": 1440, "day": 1440, "days": 1440,
}
_DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]+)\s*$")
_MAX_SHOWN = 60  # characters of typed text quoted back in a message


class SopConfigError(KerjasamaError):
    """config/sop.yaml describes no usable procedure."""

    def __init__(self, message: str) -> None:
        super().__init__(f"config/sop.yaml: {message}", code="sop_config")


# --- the model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    name: str
    folder: str  # relative to ROOT, '/'-separated
    final: bool
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    actors: tuple[str, ...]
    standard: timedelta
    sets: tuple[str, ...]
    output: str


@dataclass(frozen=True)
class Transition:
    """A legal request: `status` (canonical spelling) may be applied to the case."""

    current: str
    status: str
    step: Step

    @property
    def changed(self) -> bool:
        # Re-typing the current status is legal but nothing to do.
        return self.status != self.current


@dataclass(frozen=True)
class Refusal:
    """A request that must not be applied; `message` is for Pesan Sistem."""

    current: str
    requested: str  # as typed (trimmed)
    legal: tuple[str, ...]  # the legal next statuses from `current`
    message: str
    code: str  # "empty" | "unknown_status" | "unknown_current" | "final" | "illegal"


@dataclass(frozen=True)
class Clock:
    """Adds and measures durations in calendar time or in whole working days."""

    basis: str = "calendar"
    weekdays: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()

    def _working(self, day: date) -> bool:
        return self.basis == "calendar" or (day.weekday() in self.weekdays and day not in self.holidays)

    def add(self, start: datetime, duration: timedelta) -> datetime:
        if self.basis == "calendar":
            return start + duration
        t, left = start, duration
        for _ in range(100_000):  # bounded: weekdays is never empty (checked on load)
            midnight = _next_midnight(t)
            if self._working(t.date()):
                if left <= midnight - t:
                    return t + left
                left -= midnight - t
            t = midnight
        raise ValueError("durasi terlalu panjang untuk dihitung")

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        if self.basis == "calendar" or end <= start:
            return end - start
        total, t = timedelta(0), start
        while t < end:
            midnight = min(_next_midnight(t), end)
            if self._working(t.date()):
                total += midnight - t
            t = midnight
        return total


def _next_midnight(t: datetime) -> datetime:
    return datetime.combine(t.date() + timedelta(days=1), time(0), tzinfo=t.tzinfo)


@dataclass(frozen=True)
class Sop:
    initial: str
    statuses: dict[str, Status]  # in SOP order
    transitions: dict[str, tuple[str, ...]]
    steps: tuple[Step, ...]
    clock: Clock
    documents: dict[str, dict]  # per-document settings (e.g. the contract number pattern)

    @property
    def status_names(self) -> tuple[str, ...]:
        return tuple(self.statuses)

    def canonical(self, text: object) -> str | None:
        """The configured spelling of a status typed by a person, or None."""
        key = _norm(text)
        for name in self.statuses:
            if _norm(name) == key:
                return name
        return None

    def next_statuses(self, current: str) -> list[str]:
        name = self.canonical(current)
        return list(self.transitions.get(name, ())) if name else []

    def is_final(self, status: str) -> bool:
        name = self.canonical(status)
        return bool(name) and self.statuses[name].final

    def folder(self, status: str, year: int | None = None) -> str:
        """The status's stage folder (relative to ROOT); `{year}` becomes the case's year."""
        folder = self.statuses[self._known(status)].folder
        return folder.replace("{year}", str(year)) if year is not None else folder

    def step_setting(self, status: str) -> Step:
        """The step whose outcome is `status`."""
        name = self._known(status)
        return next(s for s in self.steps if name in s.sets)

    def pending_step(self, status: str) -> Step | None:
        """The step a case in `status` is waiting for (None once final)."""
        nxt = self.transitions.get(self._known(status), ())
        return self.step_setting(nxt[0]) if nxt else None

    def step(self, number: int) -> Step:
        return next(s for s in self.steps if s.number == number)

    def step_documents(self, number: int) -> tuple[str, ...]:
        """Documents generated when the step completes (those of the statuses it sets)."""
        return tuple(d for name in self.step(number).sets for d in self.statuses[name].documents)

    def due_time(self, status: str, entered_at: datetime) -> datetime | None:
        """When the step following `status` should be done; None for a final status."""
        step = self.pending_step(status)
        return None if step is None else self.clock.add(entered_at, step.standard)

    def is_overdue(self, status: str, entered_at: datetime, now: datetime) -> bool:
        due = self.due_time(status, entered_at)
        return due is not None and now > due

    def check_transition(self, current: str, requested: object) -> Transition | Refusal:
        typed = _shown(requested)
        cur = self.canonical(current)
        if cur is None:
            return Refusal(str(current), typed, (), f"Status saat ini '{_shown(current)}' tidak dikenal "
                           f"dalam SOP; periksa config/sop.yaml. {self._valid_list()}", "unknown_current")
        legal = tuple(self.transitions.get(cur, ()))
        if not typed:
            return Refusal(cur, typed, legal, f"Status kosong tidak dapat diterapkan; {_hint(cur, legal)} "
                           f"{self._valid_list()}", "empty")
        want = self.canonical(requested)
        if want is None:
            return Refusal(cur, typed, legal, f"Status '{typed}' tidak dikenal; {_hint(cur, legal)} "
                           f"{self._valid_list()}", "unknown_status")
        if want == cur:
            return Transition(cur, want, self.step_setting(want))
        if not legal:
            return Refusal(cur, typed, legal, f"Status '{want}' tidak dapat diterapkan: kasus sudah berstatus "
                           f"akhir '{cur}' dan tidak dapat diubah lagi.", "final")
        if want not in legal:
            return Refusal(cur, typed, legal, f"Status '{want}' tidak dapat diterapkan: {_hint(cur, legal)}",
                           "illegal")
        return Transition(cur, want, self.step_setting(want))

    def contract_number(self, serial: object, year: int) -> str:
        pattern = str((self.documents.get("perjanjian_kerja_sama") or {}).get("nomor", "{serial}/{year}"))
        shown = str(serial).strip() if serial not in (None, "") else "......."
        return pattern.replace("{serial}", shown).replace("{year}", str(year))

    def _valid_list(self) -> str:
        return "Daftar status: " + ", ".join(f"'{s}'" for s in self.statuses) + "."

    def _known(self, status: str) -> str:
        name = self.canonical(status)
        if name is None:
            raise KeyError(f"status tidak dikenal: {status!r}")
        return name


def _norm(text: object) -> str:
    """Case-, width- and whitespace-insensitive key ("  DIVERIFIKASI\u00a0" -> "diverifikasi")."""
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # zero-width etc.
    return " ".join(text.split()).casefold()


def _shown(text: object) -> str:
    """Typed text made safe and short enough to quote back in one line."""
    text = "" if text is None else str(text)
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _hint(current: str, legal: tuple[str, ...]) -> str:
    if not legal:
        return f"kasus sudah berstatus akhir '{current}'."
    return f"dari '{current}' status berikutnya yang sah hanya {_or_list(legal)}."


def _or_list(names: tuple[str, ...]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " atau " + quoted[-1]


# --- loading and validation --------------------------------------------------------------


def parse_duration(value: object) -> timedelta:
    """'5 menit', '2 hari', '1 jam', '15 min', '1 day' -> timedelta."""
    m = _DURATION.match(str(value).casefold())
    if not m or m.group(2) not in _UNITS:
        raise SopConfigError(f"waktu standar '{value}' tidak dipahami (contoh: '15 menit', '2 hari', '1 jam')")
    return timedelta(minutes=float(m.group(1).replace(",", ".")) * _UNITS[m.group(2)])


def _status(raw: object) -> Status:
    if not isinstance(raw, dict) or not str(raw.get("name") or "").strip():
        raise SopConfigError(f"setiap status harus memiliki 'name': {raw!r}")
    name = " ".join(str(raw["name"]).split())
    if "," in name or '"' in name:
        raise SopConfigError(f"nama status '{name}' tidak boleh memuat koma atau tanda kutip")
    return Status(name, _folder(name, raw.get("folder"), bool(raw.get("final", False))), bool(raw.get("final", False)),
                  tuple(str(d) for d in raw.get("documents") or ()))


def _folder(status: str, raw: object, final: bool) -> str:
    text = str(raw or "").strip().replace("\\", "/")
    if not text:
        raise SopConfigError(f"status '{status}' tidak memiliki folder tahap ('folder')")
    path = PurePosixPath(text)
    if path.is_absolute() or ".." in path.parts or path.parts[0] in _RESERVED_FOLDERS:
        raise SopConfigError(f"folder '{text}' untuk status '{status}' harus berupa folder tahap di dalam ROOT")
    if final != (path.parts[0] == ARCHIVE):
        where = "di bawah" if final else "di luar"
        raise SopConfigError(f"folder status '{status}' ('{text}') harus berada {where} '{ARCHIVE}/'")
    return str(path)


def _step(raw: object) -> Step:
    if not isinstance(raw, dict) or "number" not in raw:
        raise SopConfigError(f"setiap langkah harus memiliki 'number': {raw!r}")
    actors = tuple(str(a) for a in raw.get("actors") or ())
    sets = tuple(" ".join(str(s).split()) for s in raw.get("sets") or ())
    if not actors or not sets:
        raise SopConfigError(f"langkah {raw['number']} harus memiliki 'actors' dan 'sets'")
    return Step(int(raw["number"]), str(raw.get("name", "")), actors, parse_duration(raw.get("standard")), sets,
                str(raw.get("output", "")))


def _clock(cfg: dict) -> Clock:
    basis = str(cfg.get("time_basis", "calendar"))
    if basis not in ("calendar", "working_days"):
        raise SopConfigError(f"time_basis harus 'calendar' atau 'working_days', bukan '{basis}'")
    wd = cfg.get("working_days") or {}
    days = set()
    for d in wd.get("weekdays", _HARI[:5]):
        key = _norm(d)
        if key not in _HARI + _DAYS_EN:
            raise SopConfigError(f"hari kerja '{d}' tidak dikenal")
        days.add((_HARI + _DAYS_EN).index(key) % 7)
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
        if _norm(s.name) in seen:
            raise SopConfigError(f"status '{s.name}' tercantum lebih dari sekali")
        seen.add(_norm(s.name))
        by_name[s.name] = s
    folders = [s.folder for s in statuses if not s.final]
    dupes = {f for f in folders if folders.count(f) > 1}
    if dupes:
        raise SopConfigError(f"folder tahap dipakai oleh lebih dari satu status: {sorted(dupes)}")
    return by_name


def _check_transitions(statuses: dict[str, Status], raw: dict) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for src, targets in (raw or {}).items():
        src = " ".join(str(src).split())
        names = tuple(" ".join(str(t).split()) for t in targets or ())
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
    initial = " ".join(str(cfg.get("initial", next(iter(statuses)))).split())
    if initial not in statuses:
        raise SopConfigError(f"status awal '{initial}' tidak ada dalam daftar status")
    trans = _check_transitions(statuses, cfg.get("transitions") or {})
    _check_acyclic_and_reachable(initial, statuses, trans)
    steps = sorted((_step(r) for r in cfg.get("steps") or ()), key=lambda s: s.number)
    _check_steps(statuses, trans, steps)
    docs = {str(k): dict(v or {}) for k, v in (cfg.get("documents") or {}).items()}
    return Sop(initial, statuses, trans, tuple(steps), _clock(cfg), docs)


@lru_cache(maxsize=1)
def _default(_key: tuple) -> Sop:
    return build(config.load("sop"))


def load(cfg: dict | None = None) -> Sop:
    """The office's SOP (config/sop.yaml), or one built from `cfg`."""
    return build(cfg) if cfg is not None else _default(tuple(config.config_dirs()))


# Convenience functions on the configured SOP.


def next_statuses(current: str) -> list[str]:
    return load().next_statuses(current)


def check_transition(current: str, requested: object) -> Transition | Refusal:
    return load().check_transition(current, requested)


def due_time(status: str, entered_at: datetime) -> datetime | None:
    return load().due_time(status, entered_at)


def is_overdue(status: str, entered_at: datetime, now: datetime) -> bool:
    return load().is_overdue(status, entered_at, now)
