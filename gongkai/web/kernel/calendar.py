"""The working-day calendar every deadline is computed on, as the kernel hands it out.

The calendar's data (the administrators' entries) belongs to ``gongkai.web.workcalendar``,
which sits above the apps that compute with it; it registers its provider here when Django
loads it, so ``applications``, ``catalogue`` and ``fees`` read the calendar without
importing that app.
"""

from __future__ import annotations

from collections.abc import Callable

from gongkai.core.calendar.workdays import WorkCalendar

_provider: Callable[[], WorkCalendar] | None = None


def register_calendar(provider: Callable[[], WorkCalendar]) -> None:
    global _provider
    _provider = provider


def work_calendar() -> WorkCalendar:
    """The package calendar plus what administrators entered."""
    if _provider is None:
        # Never fall back to a weekends-only guess: a wrong due date is worse than none.
        raise RuntimeError("工作日历未注册：gongkai.web.workcalendar 须在 INSTALLED_APPS 中")
    return _provider()
