"""Keeps the web tests independent of the date they run on.

Web tests act "today" (the services refuse later dates) and their clocks run weeks past
it: a case registered today is due 20 working days on, a 补正 notice 15 more. In the weeks
before a year the pinned chinese-calendar does not know yet (December 2026 for 2027), those
clocks reach that year, and the product rightly refuses to guess it. So the test database
gets that year the way an administrator enters it (``enter_notice``), with New Year's Day
as its only holiday and a notice name that says it is a stand-in. Tests of the calendar
table itself are marked ``calendar_as_shipped`` and see the calendar as shipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core.calendar.workdays import WorkCalendar, default_calendar
from gongkai.web.applications.config import work_calendar
from gongkai.web.workcalendar.calendar import forget_calendar

REACH = timedelta(days=150)  # the longest clock a test runs from today (with 补正, extension)
STAND_IN = "测试替身：该年国务院办公厅通知尚未公布（只含元旦）"


def missing_years(today: date, calendar: WorkCalendar) -> list[int]:
    return [
        year
        for year in range(today.year, (today + REACH).year + 1)
        if not calendar.covers_year(year)
    ]


def reach_past_today(request: pytest.FixtureRequest) -> Iterator[None]:
    """Enter the years the tests' clocks reach, for a test that uses the database. The
    process keeps the calendar it built; it is dropped around every test, as the rows it
    was built from are rolled back."""
    forget_calendar()
    _enter_missing_years(request)
    yield
    forget_calendar()


def _enter_missing_years(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("calendar_as_shipped"):
        return
    if not missing_years(timezone.localdate(), default_calendar()):
        return  # most of the year: the package knows every year the clocks reach
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in (
        request.fixturenames
    )
    if marker is not None and marker.kwargs.get("transaction"):
        transactional = True
    if not (marker or transactional or "db" in request.fixturenames):
        return  # no database, so nothing of the calendar table either
    request.getfixturevalue("transactional_db" if transactional else "db")
    from gongkai.web.workcalendar.services import enter_notice

    for year in missing_years(timezone.localdate(), work_calendar()):
        enter_notice(None, year, STAND_IN, f"{year}-01-01 休息 元旦", complete=True)
