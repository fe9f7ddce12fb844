"""Staff pages: the work queue of one's own agencies and the page of one case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.core.applications.applicants import APPLICANT_LABELS
from gongkai.core.applications.channels import CHANNEL_LABELS, DAY0_RULES
from gongkai.core.applications.outcomes import OUTCOME_LABELS, outcome_row_label
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import GROUP_LABELS, STATUS_LABELS, Group, group_of
from gongkai.web.agencies.access import readable_agencies, roles_of, staff_agencies
from gongkai.web.applications.config import procedure_rules, working_days_left
from gongkai.web.applications.models import Application

OPEN_GROUPS = (Group.INTAKE, Group.ACTIVE, Group.WAITING)


@dataclass(frozen=True)
class QueueRow:
    app: Application
    status_label: str
    group: Group
    days_left: int | None

    @property
    def urgency(self) -> str:
        if self.group is not Group.ACTIVE or self.days_left is None:
            return "neutral"
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= 3 else "ok"


def _queue_rows(apps: list[Application], today: date) -> list[QueueRow]:
    rows = []
    for app in apps:
        group = group_of(app.status_enum)
        left = working_days_left(today, app.due_date) if group is Group.ACTIVE else None
        rows.append(QueueRow(app, STATUS_LABELS[app.status_enum], group, left))
    return rows


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    agencies = list(staff_agencies(request.user))
    show_all = request.GET.get("show") == "all"
    cases = Application.objects.filter(agency__in=agencies).select_related("agency")
    if not show_all:
        open_statuses = [s for s, label in STATUS_LABELS.items() if group_of(s) in OPEN_GROUPS]
        cases = cases.filter(status__in=[s.value for s in open_statuses])
    ordered = sorted(cases, key=lambda a: (a.due_date is None, a.due_date or date.max, a.pk))
    context = {
        "agencies": agencies,
        "rows": _queue_rows(ordered, timezone.localdate()),
        "show_all": show_all,
        "today": timezone.localdate(),
        "channel_labels": {str(k): v for k, v in CHANNEL_LABELS.items()},
    }
    return render(request, "applications/queue.html", context)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_object_or_404(
        Application.objects.select_related("agency"),
        pk=pk,
        agency__in=readable_agencies(request.user),
    )
    group = group_of(app.status_enum)
    outcome = app.outcome_enum
    context = {
        "app": app,
        "status_label": STATUS_LABELS[app.status_enum],
        "group_label": GROUP_LABELS[group],
        "channel_label": CHANNEL_LABELS[app.channel_enum],
        "day0_rule": DAY0_RULES[app.channel_enum],
        "applicant_label": APPLICANT_LABELS[app.applicant_type_enum],
        "outcome_label": OUTCOME_LABELS[outcome] if outcome else "",
        "outcome_row": (
            outcome_row_label(outcome, procedure_rules().outcome_rows) if outcome else ""
        ),
        "days_left": (
            working_days_left(timezone.localdate(), app.due_date) if group is Group.ACTIVE else None
        ),
        "events": app.events.select_related("actor"),
        "consultations": app.consultations.all(),
        "read_only": not roles_of(request.user, app.agency_id) - {Role.SUPERVISOR},
    }
    return render(request, "applications/case.html", context)
