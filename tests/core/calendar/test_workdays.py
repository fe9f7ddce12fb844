"""The working-day calendar: package data, overrides, declared years, and the day-0 rule."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar.workdays import WorkCalendar, default_calendar
from gongkai.core.errors import CalendarDataMissing, GongkaiError

CAL = default_calendar()
COVERED_DAYS = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 8, 31))


def test_2024_national_day_make_up_weekend_days_are_worked() -> None:
    assert CAL.is_workday(date(2024, 9, 29))  # Sunday
    assert CAL.is_workday(date(2024, 10, 12))  # Saturday
    assert not any(CAL.is_workday(date(2024, 10, d)) for d in range(1, 8))
    assert CAL.describe_workday(date(2024, 9, 29)) == "国庆节调休上班"


def test_2024_spring_festival() -> None:
    assert all(not CAL.is_workday(date(2024, 2, d)) for d in range(10, 18))
    assert CAL.is_workday(date(2024, 2, 4))  # Sunday before
    assert CAL.is_workday(date(2024, 2, 18))  # Sunday after
    assert CAL.describe_rest_day(date(2024, 2, 12)) == "春节"
    # From Friday 2 Feb: Sun 4 Feb is the 1st working day, Sun 18 Feb the 7th.
    assert CAL.add_working_days(date(2024, 2, 2), 1) == date(2024, 2, 4)
    assert CAL.add_working_days(date(2024, 2, 2), 7) == date(2024, 2, 18)
    assert CAL.add_working_days(date(2024, 2, 2), 20) == date(2024, 3, 6)


def test_package_year_totals_match_the_spec() -> None:
    for year, total in ((2024, 251), (2025, 248), (2026, 248)):
        assert CAL.working_days_between(date(year, 1, 1), date(year, 12, 31)) == total


def test_day_zero_on_a_holiday_is_not_counted_unlike_find_workday() -> None:
    day0 = date(2025, 10, 4)  # Saturday in the National Day holiday
    assert CAL.add_working_days(day0, 20) == date(2025, 11, 4)
    # The package helper counts the first working day as step 0: one day too late.
    assert chinese_calendar.find_workday(20, day0) == date(2025, 11, 5)


def test_next_workday_after_skips_the_holiday() -> None:
    assert CAL.next_workday_after(date(2025, 9, 30)) == date(2025, 10, 9)
    assert CAL.next_workday_after(date(2025, 9, 26)) == date(2025, 9, 28)  # a worked Sunday


def test_zero_working_days_is_day_zero_and_negative_is_refused() -> None:
    assert CAL.add_working_days(date(2025, 10, 4), 0) == date(2025, 10, 4)
    with pytest.raises(GongkaiError, match="负数"):
        CAL.add_working_days(date(2025, 10, 4), -1)


def test_working_days_between_is_inclusive_and_empty_when_reversed() -> None:
    assert CAL.working_days_between(date(2025, 10, 10), date(2025, 10, 20)) == 8
    assert CAL.working_days_between(date(2025, 10, 1), date(2025, 10, 8)) == 0
    assert CAL.working_days_between(date(2025, 10, 20), date(2025, 10, 10)) == 0
    # Across the year: 29–31 Dec, then Sunday 4 Jan (worked) and Monday 5 Jan.
    assert CAL.working_days_between(date(2025, 12, 29), date(2026, 1, 5)) == 5


def test_working_days_left_is_zero_on_the_due_date_and_negative_after() -> None:
    due = date(2025, 11, 4)
    assert CAL.working_days_left(due, due) == 0
    assert CAL.working_days_left(date(2025, 11, 3), due) == 1
    assert CAL.working_days_left(date(2025, 10, 31), due) == 2  # Fri → Mon, Tue
    assert CAL.working_days_left(date(2025, 11, 5), due) == -1
    assert CAL.working_days_left(date(2025, 11, 9), due) == -3  # Sunday: Wed–Fri missed


def test_a_year_without_data_raises_in_chinese() -> None:
    with pytest.raises(CalendarDataMissing, match="没有2027年的工作日历数据"):
        CAL.is_workday(date(2027, 1, 4))
    with pytest.raises(CalendarDataMissing):
        CAL.add_working_days(date(2026, 12, 15), 20)  # runs into 2027
    with pytest.raises(CalendarDataMissing, match="2003"):
        CAL.is_workday(date(2003, 12, 31))


def test_an_override_alone_does_not_make_a_year_known() -> None:
    cal = WorkCalendar({date(2027, 1, 1): (False, "元旦")})
    assert not cal.covers_year(2027)
    with pytest.raises(CalendarDataMissing):
        cal.is_workday(date(2027, 1, 1))


def _calendar_2027() -> WorkCalendar:
    # A hypothetical 2027 notice entered by an administrator.
    overrides = {date(2027, 1, 1): (False, "元旦")}
    overrides |= {date(2027, 2, d): (False, "春节") for d in range(5, 13)}
    overrides[date(2027, 2, 13)] = (True, "春节调休上班")
    return WorkCalendar(overrides, known_years={2027})


def test_a_declared_year_uses_overrides_then_monday_to_friday() -> None:
    cal = _calendar_2027()
    assert cal.covers_year(2027)
    assert not cal.is_workday(date(2027, 1, 1))  # Friday, holiday
    assert cal.is_workday(date(2027, 1, 4))  # Monday
    assert not cal.is_workday(date(2027, 1, 9))  # Saturday
    assert cal.is_workday(date(2027, 2, 13))  # Saturday, worked
    assert cal.describe_workday(date(2027, 2, 13)) == "春节调休上班"
    assert cal.describe_rest_day(date(2027, 2, 8)) == "春节"
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert cal.add_working_days(date(2027, 2, 4), 1) == date(2027, 2, 13)


def test_overrides_win_over_the_package() -> None:
    local = WorkCalendar(
        {
            date(2025, 3, 3): (False, "三月三（自治区放假）"),
            date(2025, 10, 8): (True, "值班日"),
        }
    )
    assert not local.is_workday(date(2025, 3, 3))
    assert local.describe_rest_day(date(2025, 3, 3)) == "三月三（自治区放假）"
    assert local.is_workday(date(2025, 10, 8))
    assert local.describe_rest_day(date(2025, 10, 8)) is None
    assert local.add_working_days(date(2025, 2, 28), 1) == date(2025, 3, 4)
    # The shared default calendar is untouched.
    assert CAL.is_workday(date(2025, 3, 3))


def test_a_declared_year_already_in_the_package_keeps_the_package_data() -> None:
    cal = WorkCalendar(known_years={2025})
    assert not cal.is_workday(date(2025, 10, 1))
    assert cal.is_workday(date(2025, 9, 28))


@settings(max_examples=300, deadline=None)
@given(COVERED_DAYS)
def test_agrees_with_the_package_day_by_day(day: date) -> None:
    assert CAL.is_workday(day) == chinese_calendar.is_workday(day)


@settings(max_examples=200, deadline=None)
@given(COVERED_DAYS, st.integers(min_value=0, max_value=60))
def test_add_working_days_matches_the_legal_loop(start: date, n: int) -> None:
    # domain.md §2.3 point 3, written out as the statute reads.
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    assert CAL.add_working_days(start, n) == day
    if n:
        assert CAL.working_days_between(start + timedelta(days=1), day) == n
        assert CAL.working_days_after(start, n)[-1] == day
