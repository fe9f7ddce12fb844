"""Reminders toward the annual report deadline (§49: departments by 31 January, the
government's report by 31 March), collected by the daily reminder job (gongkai.web.tasks).

From ``GONGKAI_REPORT_REMIND_DAYS`` days before the deadline (default 31: all of January for
a department) the office head and the handlers of an agency that has not published last
year's report are reminded daily; after the deadline the reminder says it is overdue and
also goes to the supervisors of the 主管部门.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from gongkai.core.applications.roles import Role
from gongkai.core.reporting.publication import publication_deadline
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import ReportVersion
from gongkai.web.reports.present import is_government
from gongkai.web.tasks.reminders import DUE_SOON, OVERDUE, Reminder

DEFAULT_LEAD_DAYS = 31


def _people(agency_ids: set[int], roles: set[Role]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    rows = Membership.objects.filter(agency_id__in=agency_ids, role__in=[r.value for r in roles])
    for agency_id, user_id in rows.values_list("agency_id", "user_id"):
        found.setdefault(agency_id, []).append(user_id)
    return found


def collect(today: date) -> Iterator[Reminder]:
    year = today.year - 1
    lead = timedelta(days=int(getattr(settings, "GONGKAI_REPORT_REMIND_DAYS", DEFAULT_LEAD_DAYS)))
    published = set(ReportVersion.objects.filter(year=year).values_list("agency_id", flat=True))
    pending = []
    for agency in Agency.objects.exclude(pk__in=published):
        deadline = publication_deadline(year, government=is_government(agency))
        if today > deadline:
            pending.append((agency, deadline, OVERDUE))
        elif today >= deadline - lead:
            pending.append((agency, deadline, DUE_SOON))
    ids = {a.pk for a, _, _ in pending}
    staff = _people(ids, {Role.OFFICE_HEAD, Role.HANDLER})
    supervisor_ids = {a.supervisor_id for a, _, _ in pending if a.supervisor_id}
    supervisors = _people({i for i in supervisor_ids if i is not None}, {Role.SUPERVISOR})
    for agency, deadline, severity in pending:
        path = reverse("reports:builder", args=[agency.pk, year])
        if severity == OVERDUE:
            text = f"{year}年度政府信息公开工作年度报告尚未发布，公布期限{deadline:%Y-%m-%d}已过"
        else:
            days = (deadline - today).days
            text = f"{year}年度政府信息公开工作年度报告须于{deadline:%Y-%m-%d}前公布，还有{days}天"
        for user_id in dict.fromkeys(staff.get(agency.pk, [])):
            key = f"annual-report:{agency.pk}:{year}:{severity}"
            yield Reminder(user_id, key, severity, agency.name, text, path)
        if severity == OVERDUE and agency.supervisor_id:
            watch = reverse("reports:supervision") + f"?year={year}"
            for user_id in supervisors.get(agency.supervisor_id, []):
                key = f"annual-report:{agency.pk}:{year}:supervision"
                yield Reminder(user_id, key, severity, agency.name, text, watch)
