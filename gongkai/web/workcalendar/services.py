"""Entering a year's holiday notice, and what it changes for cases already running.

A corrected or newly entered calendar moves the due dates of open applications that were
computed on the old one; they are recomputed on the spot and each change is kept in
:class:`DeadlineRecalculation`, so an officer can see why a due date moved.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.core.applications.statuses import STATUS_TABLE, Group
from gongkai.core.calendar.notice import parse_notice
from gongkai.web.workcalendar.calendar import forget_calendar
from gongkai.web.workcalendar.models import CalendarDay, CalendarYear, DeadlineRecalculation

OPEN_STATUSES = [row.status.value for row in STATUS_TABLE if row.group is not Group.CONCLUDED]


def enter_notice(
    actor: AbstractBaseUser | None, year: int, notice: str, text: str, *, complete: bool
) -> int:
    """Store a year's notice (all lines or none); return how many open due dates moved."""
    days = parse_notice(text, year)  # raises NoticeError with every bad line
    with transaction.atomic():
        CalendarYear.objects.update_or_create(
            year=year,
            defaults={"notice": notice, "complete": complete, "entered_by": actor},
        )
        for entry in days:
            CalendarDay.objects.update_or_create(
                day=entry.day,
                defaults={"is_workday": entry.is_workday, "note": entry.note, "entered_by": actor},
            )
        forget_calendar()
        moved = recompute_open_deadlines(actor, f"录入{year}年节假日安排（{notice}）")
    transaction.on_commit(forget_calendar)
    return moved


def recompute_open_deadlines(actor: AbstractBaseUser | None, cause: str) -> int:
    """Recompute the due date of every open application on the current calendar."""
    from gongkai.web.applications.models import Application
    from gongkai.web.applications.transitions import refresh_due

    moved = 0
    with transaction.atomic():
        open_cases = Application.objects.select_for_update().filter(status__in=OPEN_STATUSES)
        for app in open_cases.exclude(received_date=None):
            before = app.due_date
            refresh_due(app)
            if app.due_date == before:
                continue
            app.save(update_fields=["due_date"])
            DeadlineRecalculation.objects.create(
                application=app, old_due=before, new_due=app.due_date, cause=cause, by=actor
            )
            moved += 1
    return moved
