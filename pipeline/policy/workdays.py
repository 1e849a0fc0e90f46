"""The working-day clock: standard times added and measured in calendar time or working days.

With `basis="working_days"` weekends and listed holidays are skipped as whole days (a case
that entered a status on Friday afternoon with one day to go is due on Monday afternoon).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pipeline.core.text import normalize

BASES = ("calendar", "working_days")
HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
DAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WORK_WEEK = HARI[:5]  # the default: Monday to Friday
MAX_DAYS = 100_000  # bound on the day-by-day walk (weekdays is never empty, checked on load)


def weekday_number(name: object) -> int | None:
    """'Senin' / 'monday' -> 0 ... 'Minggu' / 'sunday' -> 6; None for anything else."""
    key = normalize(name)
    for names in (HARI, DAYS_EN):
        if key in names:
            return names.index(key)
    return None


def next_midnight(t: datetime) -> datetime:
    return datetime.combine(t.date() + timedelta(days=1), time(0), tzinfo=t.tzinfo)


@dataclass(frozen=True)
class Clock:
    """Adds and measures durations in calendar time or in whole working days."""

    basis: str = "calendar"
    weekdays: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()

    def working(self, day: date) -> bool:
        return self.basis == "calendar" or (day.weekday() in self.weekdays and day not in self.holidays)

    def add(self, start: datetime, duration: timedelta) -> datetime:
        if self.basis == "calendar":
            return start + duration
        t, left = start, duration
        for _ in range(MAX_DAYS):
            midnight = next_midnight(t)
            if self.working(t.date()):
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
            midnight = min(next_midnight(t), end)
            if self.working(t.date()):
                total += midnight - t
            t = midnight
        return total
