"""The provisional twin of a calendar (暂定) and the consultation cap (§32, §34)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar.deadlines import ClockInput, ClockPause, compute_answer_deadline
from gongkai.core.calendar.pauses import cap_consultation_pause
from gongkai.core.calendar.workdays import WorkCalendar, default_calendar

KNOWN = st.dates(date(2024, 1, 1), date(2026, 6, 30))


@settings(deadline=None)  # the first example builds the year tables
@given(KNOWN, st.integers(0, 40))
def test_provisional_twin_agrees_wherever_the_year_is_known(start: date, n: int) -> None:
    strict = default_calendar()
    guess = strict.provisional()
    assert guess.add_working_days(start, n) == strict.add_working_days(start, n)
    assert guess.is_workday(start) == strict.is_workday(start)


def test_an_unknown_year_counts_monday_to_friday_and_overrides_still_win() -> None:
    calendar = WorkCalendar({date(2027, 1, 1): (False, "元旦")})
    guess = calendar.provisional()
    assert guess is calendar.provisional()  # built once, its tables shared
    assert not guess.is_workday(date(2027, 1, 1))  # a Friday, entered as a holiday
    assert guess.is_workday(date(2027, 1, 4)) and not guess.is_workday(date(2027, 1, 2))
    assert calendar.missing_years(date(2026, 12, 1), date(2028, 2, 1)) == [2027, 2028]
    assert not guess.covers_year(2027)  # the twin still knows what it guessed


@settings(deadline=None)  # the first example builds the year tables
@given(KNOWN, st.integers(0, 60), st.integers(1, 20))
def test_cap_keeps_at_most_cap_working_days(first: date, length: int, cap: int) -> None:
    calendar = default_calendar()
    pause = ClockPause(first, first + timedelta(days=length), "征求第三方意见")
    capped = cap_consultation_pause(pause, cap, calendar)
    paused = calendar.working_days_between(capped.first_day, capped.last_day)
    whole = calendar.working_days_between(pause.first_day, pause.last_day)
    assert paused == min(whole, cap)
    assert (capped == pause) == (whole <= cap or capped.last_day == pause.last_day)
    if capped != pause:
        assert "只暂停至" in capped.note and capped.last_day < pause.last_day


@settings(deadline=None)  # the first example builds the year tables
@given(KNOWN, st.integers(1, 30), st.integers(0, 90))
def test_a_capped_consultation_never_moves_the_date_later(day0: date, gap: int, n: int) -> None:
    calendar = default_calendar()
    pause = ClockPause(day0 + timedelta(days=gap), day0 + timedelta(days=gap + n))
    capped = cap_consultation_pause(pause, 15, calendar)
    uncapped_due = compute_answer_deadline(ClockInput(day0, [pause]), calendar).due_date
    capped_due = compute_answer_deadline(ClockInput(day0, [capped]), calendar).due_date
    assert capped_due <= uncapped_due
    limit = calendar.add_working_days(day0, 35)
    assert capped_due <= limit  # 20 days plus at most 15 paused
