"""The working-day (工作日) calendar that every statutory time limit is counted in.

A day is a working day according to, in order of precedence:

1. an override entered by an administrator (a local holiday of an autonomous area, a correction,
   or the State Council's notice for a year the package does not know yet);
2. the ``chinese-calendar`` package (State Council notices 2004–2026 in version 1.11.0);
3. for a year an administrator has declared complete (``known_years``): Monday–Friday work,
   Saturday and Sunday rest. Only a declared year gets this rule, because for any other year
   it would be a guess that silently moves deadlines across the next Spring Festival.

A date in a year covered by none of these raises :class:`CalendarDataMissing`, except on the
*provisional* twin of a calendar (:meth:`WorkCalendar.provisional`), which counts such a year
Monday–Friday plus its overrides. Deadlines counted on it are shown as 暂定 (provisional) and
recomputed once the year's notice is entered (domain.md §2.3 item 2).

Counting follows 民法典 §201 (domain.md §2.1 C6): day 0 itself is never counted; the n-th
working day *after* it is the deadline. ``chinese_calendar.find_workday`` is deliberately not
used: it counts day 0 as the first working day when day 0 is a rest day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

import chinese_calendar

from gongkai.core.errors import CalendarDataMissing, GongkaiError

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class CalendarOverride(NamedTuple):
    """One administrator-entered day: whether agencies work on it, and where that comes from."""

    is_workday: bool
    note: str


@dataclass(frozen=True)
class _YearTable:
    workdays: frozenset[date]
    # Sorted ordinals let counting jump over a whole year with one bisect instead of a day loop.
    ordinals: tuple[int, ...]
    # Why a day departs from the Mon–Fri pattern (holiday name, 调休, administrator's note),
    # looked up once per year because explanations are built for every deadline computed.
    rest_day_notes: Mapping[date, str]
    workday_notes: Mapping[date, str]


def weekday_name(d: date) -> str:
    return WEEKDAY_NAMES[d.weekday()]


def _days_of_year(year: int) -> Iterable[date]:
    day = date(year, 1, 1)
    one = timedelta(days=1)
    while day.year == year:
        yield day
        day += one


@cache
def _package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _package_holiday_name(d: date) -> str | None:
    if not _package_covers(d.year):
        return None
    _, english = chinese_calendar.get_holiday_detail(d)
    if english is None:
        return None
    try:
        chinese: str = chinese_calendar.Holiday(english).chinese
    except ValueError:
        return str(english)
    return chinese


class WorkCalendar:
    """Working days from ``chinese-calendar`` plus an override table that always wins.

    ``overrides`` maps a date to ``(is_workday, note)``. ``known_years`` lists years outside the
    package's range whose holiday notice has been entered in full as overrides.
    """

    def __init__(
        self,
        overrides: Mapping[date, tuple[bool, str]] | None = None,
        known_years: Iterable[int] = (),
        *,
        weekends_for_unknown: bool = False,
    ) -> None:
        self._overrides: dict[date, CalendarOverride] = {
            day: CalendarOverride(bool(entry[0]), str(entry[1]))
            for day, entry in (overrides or {}).items()
        }
        self._known_years = frozenset(known_years)
        self._weekends_for_unknown = weekends_for_unknown
        self._tables: dict[int, _YearTable] = {}
        self._provisional: WorkCalendar | None = None

    @property
    def known_years(self) -> frozenset[int]:
        return self._known_years

    def override_for(self, d: date) -> CalendarOverride | None:
        return self._overrides.get(d)

    def covers_year(self, year: int) -> bool:
        """Whether the year's holidays are known (the same answer on the provisional twin)."""
        return year in self._known_years or _package_covers(year)

    def missing_years(self, first: date, last: date) -> list[int]:
        """The years from ``first`` to ``last`` whose holidays nobody has entered."""
        return [y for y in range(first.year, last.year + 1) if not self.covers_year(y)]

    @property
    def is_provisional(self) -> bool:
        return self._weekends_for_unknown

    def provisional(self) -> WorkCalendar:
        """This calendar, but a year without data counts Monday–Friday (plus its overrides)
        instead of raising. Built once per calendar so its year tables are shared."""
        if self._weekends_for_unknown:
            return self
        if self._provisional is None:
            self._provisional = WorkCalendar(
                dict(self._overrides),
                self._known_years,
                weekends_for_unknown=True,
            )
        return self._provisional

    def _table(self, year: int) -> _YearTable:
        table = self._tables.get(year)
        if table is None:
            table = self._build_table(year)
            self._tables[year] = table
        return table

    def _build_table(self, year: int) -> _YearTable:
        days = list(_days_of_year(year))
        if _package_covers(year):
            base = {d for d in days if chinese_calendar.is_workday(d)}
            names = {d: name for d in days if (name := _package_holiday_name(d))}
        elif year in self._known_years or self._weekends_for_unknown:
            base = {d for d in days if d.weekday() < 5}
            names = {}
        else:
            raise CalendarDataMissing(
                f"没有{year}年的工作日历数据：请管理员录入国务院办公厅公布的该年节假日安排"
            )
        rest_day_notes = {d: name for d, name in names.items() if d not in base}
        workday_notes = {
            d: f"{names[d]}调休上班" if d in names else "调休上班" for d in base if d.weekday() >= 5
        }
        for day, override in self._overrides.items():
            if day.year != year:
                continue
            if override.is_workday:
                base.add(day)
                rest_day_notes.pop(day, None)
                workday_notes[day] = override.note or "工作日（管理员录入）"
            else:
                base.discard(day)
                workday_notes.pop(day, None)
                rest_day_notes[day] = override.note or "休息日（管理员录入）"
        workdays = frozenset(base)
        return _YearTable(
            workdays,
            tuple(sorted(d.toordinal() for d in workdays)),
            rest_day_notes,
            workday_notes,
        )

    def is_workday(self, d: date) -> bool:
        return d in self._table(d.year).workdays

    def next_workday_after(self, d: date) -> date:
        return self.add_working_days(d, 1)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after ``start`` (``start`` itself is day 0)."""
        if n < 0:
            raise GongkaiError(f"工作日数不能为负数：{n}")
        if n == 0:
            return start
        remaining = n
        year = start.year
        ordinals = self._table(year).ordinals
        index = bisect_right(ordinals, start.toordinal())
        while True:
            available = len(ordinals) - index
            if remaining <= available:
                return date.fromordinal(ordinals[index + remaining - 1])
            remaining -= available
            year += 1
            ordinals = self._table(year).ordinals
            index = 0

    def working_days_after(self, start: date, n: int) -> list[date]:
        """The first ``n`` working days strictly after ``start``, in order."""
        found: list[int] = []
        year = start.year
        ordinals = self._table(year).ordinals
        index = bisect_right(ordinals, start.toordinal())
        while len(found) < n:
            found.extend(ordinals[index : index + n - len(found)])
            if len(found) < n:
                year += 1
                ordinals = self._table(year).ordinals
                index = 0
        return [date.fromordinal(o) for o in found]

    def working_days_between(self, first: date, last: date) -> int:
        """Number of working days from ``first`` to ``last``, both included (0 if last < first)."""
        if last < first:
            return 0
        total = 0
        for year in range(first.year, last.year + 1):
            ordinals = self._table(year).ordinals
            low = bisect_left(ordinals, first.toordinal())
            high = bisect_right(ordinals, last.toordinal())
            total += high - low
        return total

    def working_days_left(self, today: date, due: date) -> int:
        """Working days after ``today`` up to ``due``; 0 on the due date, negative once overdue."""
        if today <= due:
            return self.working_days_between(today + timedelta(days=1), due)
        return -self.working_days_between(due + timedelta(days=1), today)

    def describe_rest_day(self, d: date) -> str | None:
        """Why a rest day is not an ordinary weekend (a holiday's name, a note), else None."""
        return self._table(d.year).rest_day_notes.get(d)

    def describe_workday(self, d: date) -> str | None:
        """Why a Saturday or Sunday is worked (调休上班), or an administrator's note; else None."""
        return self._table(d.year).workday_notes.get(d)


@cache
def default_calendar() -> WorkCalendar:
    """The package calendar without overrides, shared so its per-year tables are built once."""
    return WorkCalendar()
