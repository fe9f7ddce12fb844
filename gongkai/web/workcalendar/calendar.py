"""The calendar every deadline in the platform is computed on: package + database overrides.

Building a :class:`WorkCalendar` costs a query and a table per year, and the work queue asks
for working days left on every row, so each process keeps one and rebuilds it when the data
changed: at once after a save in this process (signals), and after at most
``GONGKAI_CALENDAR_REFRESH_SECONDS`` for saves made by other processes.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from gongkai.core.calendar.workdays import WorkCalendar
from gongkai.web.workcalendar.models import CalendarDay, CalendarYear

_lock = threading.Lock()
_cached: tuple[float, WorkCalendar] | None = None


def load_calendar() -> WorkCalendar:
    """A fresh calendar from the database (no cache)."""
    overrides = {
        row.day: (row.is_workday, row.note)
        for row in CalendarDay.objects.only("day", "is_workday", "note")
    }
    known = CalendarYear.objects.filter(complete=True).values_list("year", flat=True)
    return WorkCalendar(overrides, known_years=list(known))


def current_calendar() -> WorkCalendar:
    global _cached
    refresh = float(getattr(settings, "GONGKAI_CALENDAR_REFRESH_SECONDS", 60))
    now = time.monotonic()
    with _lock:
        if _cached is None or now - _cached[0] > refresh:
            _cached = (now, load_calendar())
        return _cached[1]


def forget_calendar(**_: object) -> None:
    global _cached
    with _lock:
        _cached = None


for model in (CalendarDay, CalendarYear):
    post_save.connect(forget_calendar, sender=model, dispatch_uid=f"forget-{model.__name__}")
    post_delete.connect(forget_calendar, sender=model, dispatch_uid=f"forget-del-{model.__name__}")
