"""The shell's access to the core's configurable pieces: procedural rules and the calendar.

``work_calendar`` is the kernel's (:mod:`gongkai.web.kernel.calendar`), kept here for callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.conf import settings

from gongkai.core.applications.clock import Pause, answer_due
from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.calendar.deadlines import ClockPause
from gongkai.core.errors import CalendarDataMissing
from gongkai.web.kernel.calendar import work_calendar


def procedure_rules() -> ProcedureRules:
    rules = getattr(settings, "GONGKAI_PROCEDURE", None)
    return rules if isinstance(rules, ProcedureRules) else ProcedureRules()


def due_date_for(
    day0: date | None,
    extension_days: int,
    pauses: list[Pause],
    other_pauses: Sequence[ClockPause] = (),
) -> tuple[date | None, str]:
    """The effective due date, or None with the reason it cannot be known yet.

    A missing year of calendar data must not stop registration or handling: the due date is
    left empty and the queue shows why, until an administrator loads that year's notice.
    """
    if day0 is None:
        return None, ""
    try:
        due = answer_due(
            work_calendar(),
            day0,
            procedure_rules(),
            extension_wd=extension_days,
            pauses=pauses,
            other_pauses=other_pauses,
        )
    except CalendarDataMissing as exc:
        return None, str(exc)
    return due, ""


def working_days_left(today: date, due: date | None) -> int | None:
    if due is None:
        return None
    try:
        return work_calendar().working_days_left(today, due)
    except CalendarDataMissing:
        return None
