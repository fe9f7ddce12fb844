"""Reminders from the applications themselves: the answer clock and the supplement period.

Found by the daily job like every app's ``reminders`` module (:mod:`gongkai.web.tasks.reminders`),
so the job queue app below knows nothing of cases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.urls import reverse

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import STATUS_TABLE, Group, Status
from gongkai.core.calendar.workdays import WorkCalendar
from gongkai.core.errors import CalendarDataMissing
from gongkai.web.agencies.models import Membership
from gongkai.web.applications.answer_clock import stored_clock_note
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application
from gongkai.web.applications.unconfirmed import unconfirmed_reminders
from gongkai.web.tasks.reminders import ATTENTION, DUE_SOON, OVERDUE, Reminder

CLOCK_RUNNING = [row.status.value for row in STATUS_TABLE if row.group is Group.ACTIVE]


def _people(roles: set[Role]) -> dict[int, list[int]]:
    """agency id → user ids holding one of ``roles`` there."""
    people: dict[int, list[int]] = {}
    memberships = Membership.objects.filter(role__in=[r.value for r in roles])
    for agency_id, user_id in memberships.values_list("agency_id", "user_id"):
        people.setdefault(agency_id, []).append(user_id)
    return people


def _answer_clock(
    app: Application, today: date, soon: int, calendar: WorkCalendar
) -> tuple[str, str] | None:
    """(severity, text) when the case's answer is overdue or due within ``soon`` days."""
    assert app.due_date is not None
    # A date across a year without holiday data is the one clock's 暂定 date: remind on it.
    due = f"{app.due_date:%Y-%m-%d}" + ("（暂定）" if stored_clock_note(app).provisional else "")
    if app.due_date < today:
        return OVERDUE, f"{app.number} {app.applicant_name}：答复期限{due}已过"
    try:
        left = calendar.working_days_left(today, app.due_date)
    except CalendarDataMissing:
        return None
    if left > soon:
        return None
    return DUE_SOON, f"{app.number} {app.applicant_name}：距答复期限{due}还有{left}个工作日"


def collect(today: date) -> Iterator[Reminder]:
    calendar = work_calendar().provisional()
    soon = int(getattr(settings, "GONGKAI_REMIND_DUE_SOON_DAYS", 3))
    handlers = _people({Role.HANDLER})
    heads = _people({Role.OFFICE_HEAD})
    running = Application.objects.filter(status__in=CLOCK_RUNNING).exclude(due_date=None)
    for app in running.select_related("agency").order_by("due_date"):
        found = _answer_clock(app, today, soon, calendar)
        if found is None:
            continue
        severity, text = found
        recipients = handlers.get(app.agency_id, [])
        if severity == OVERDUE:  # an overdue answer is the office head's business too
            recipients = recipients + heads.get(app.agency_id, [])
        for user_id in dict.fromkeys(recipients):
            key = f"application:{app.pk}:{severity}"
            yield Reminder(user_id, key, severity, app.agency.name, text, _case_path(app))
    waiting = Application.objects.filter(
        status=Status.SUPPLEMENT_REQUESTED.value, supplement_due__lt=today
    ).select_related("agency")
    for app in waiting:
        text = (
            f"{app.number} {app.applicant_name}：补正期限{app.supplement_due:%Y-%m-%d}已过，"
            "请确认是否收到补正材料，未补正的按第三十条视为放弃申请"
        )
        for user_id in handlers.get(app.agency_id, []):
            key = f"application:{app.pk}:supplement"
            yield Reminder(user_id, key, ATTENTION, app.agency.name, text, _case_path(app))
    yield from unconfirmed_reminders(today, _people({Role.REGISTRAR, Role.HANDLER}))


def _case_path(app: Application) -> str:
    return reverse("applications:detail", args=[app.pk])
