"""Entering a year's holiday notice, and what it changes for cases already running.

Every write to the calendar (a notice entered here, a day or a year saved or deleted in the
admin) is one step (:func:`calendar_step`): the write, then every open application's due date
recomputed by the one answer clock on the new calendar, and a :class:`DeadlineRecalculation`
audit row for each case whose date moved (a 暂定 date becoming final included), all in one
transaction, so an officer can see why a due date moved and nothing half-applied remains.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.core.applications.statuses import STATUS_TABLE, Group
from gongkai.core.calendar.notice import parse_notice
from gongkai.web.kernel.audit import append_entry
from gongkai.web.workcalendar.calendar import current_calendar, forget_calendar
from gongkai.web.workcalendar.models import CalendarDay, CalendarYear, DeadlineRecalculation

OPEN_STATUSES = [row.status.value for row in STATUS_TABLE if row.group is not Group.CONCLUDED]


def calendar_step(actor: AbstractBaseUser | None, cause: str, write: Callable[[], object]) -> int:
    """Run one calendar write and recompute open due dates; return how many moved."""
    with transaction.atomic():
        provisional = provisional_case_ids()
        write()
        forget_calendar()
        moved = recompute_open_deadlines(actor, cause, provisional)
    # Other requests of this process may have rebuilt the cache from the uncommitted rows.
    transaction.on_commit(forget_calendar)
    return moved


def enter_notice(
    actor: AbstractBaseUser | None, year: int, notice: str, text: str, *, complete: bool
) -> int:
    """Store a year's notice (all lines or none); return how many open due dates moved."""
    days = parse_notice(text, year)  # raises NoticeError with every bad line

    def write() -> None:
        CalendarYear.objects.update_or_create(
            year=year,
            defaults={"notice": notice, "complete": complete, "entered_by": actor},
        )
        for entry in days:
            CalendarDay.objects.update_or_create(
                day=entry.day,
                defaults={"is_workday": entry.is_workday, "note": entry.note, "entered_by": actor},
            )

    return calendar_step(actor, f"录入{year}年节假日安排（{notice}）", write)


def day_cause(day: CalendarDay, verb: str) -> str:
    kind = "上班" if day.is_workday else "休息"
    note = f"，{day.note}" if day.note else ""
    return f"工作日历{verb}：{day.day:%Y-%m-%d} {kind}{note}"


def year_cause(year: CalendarYear, verb: str) -> str:
    state = "完整" if year.complete else "未完整"
    return f"工作日历{verb}：{year.year}年（{year.notice or '未注明通知'}，{state}）"


def provisional_case_ids() -> set[int]:
    """Open cases whose stored due date is 暂定 on the current calendar."""
    from gongkai.web.applications.answer_clock import stored_clock_note
    from gongkai.web.applications.models import Application

    calendar = current_calendar()
    # A 暂定 date lies in or after the first year without data; the exact test is per case.
    first_unknown = next(y for y in range(2004, 10000) if not calendar.covers_year(y))
    cases = Application.objects.filter(
        status__in=OPEN_STATUSES, due_date__year__gte=first_unknown
    ).exclude(received_date=None)
    return {app.pk for app in cases if stored_clock_note(app).provisional}


def recompute_open_deadlines(
    actor: AbstractBaseUser | None, cause: str, provisional: set[int] | frozenset[int] = frozenset()
) -> int:
    """Recompute the due date of every open application on the current calendar.

    A case whose date moved gets an audit row; so does one in ``provisional`` (its date was
    暂定) whose date stayed but is final now, so the applicant's "暂定" can be seen to end.
    """
    from gongkai.web.applications.answer_clock import stored_clock_note
    from gongkai.web.applications.models import Application
    from gongkai.web.applications.transitions import refresh_due

    cause = cause[:300]  # the audit column's length; the start says what changed
    moved = 0
    with transaction.atomic():
        open_cases = Application.objects.select_for_update().filter(status__in=OPEN_STATUSES)
        for app in open_cases.exclude(received_date=None).order_by("pk"):
            before = app.due_date
            refresh_due(app)
            if app.due_date == before:
                if app.pk in provisional and not stored_clock_note(app).provisional:
                    append_entry(
                        DeadlineRecalculation,
                        application=app,
                        old_due=before,
                        new_due=app.due_date,
                        cause=f"{cause}；原暂定期限经核对不变，现为确定期限",
                        by=actor,
                    )
                continue
            app.save(update_fields=["due_date"])
            append_entry(
                DeadlineRecalculation,
                application=app,
                old_due=before,
                new_due=app.due_date,
                cause=cause,
                by=actor,
            )
            moved += 1
    return moved
