"""The supervisor's view: which departments have published their report, late or not, and
with what findings (§49: departments report to the 主管部门 and publish by 31 January)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.core.applications.roles import Role
from gongkai.core.reporting.publication import days_late, publication_deadline
from gongkai.web.agencies.access import readable_agencies
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import ReportVersion
from gongkai.web.reports.present import is_government


@dataclass(frozen=True)
class Submission:
    agency: Agency
    deadline: date
    first: ReportVersion | None  # the first publication decides lateness
    latest: ReportVersion | None  # the version in force, whose findings are shown
    versions: int

    @property
    def days_late(self) -> int:
        if self.first is None:
            return 0
        return days_late(self.first.published_on, self.deadline)

    def overdue_on(self, today: date) -> bool:
        return self.first is None and today > self.deadline


def supervised_agencies(user: object) -> list[Agency]:
    """Departments under the agencies where ``user`` holds the supervisor role."""
    offices = Membership.objects.filter(user_id=getattr(user, "pk", None), role=Role.SUPERVISOR)
    return list(
        readable_agencies(user)  # type: ignore[arg-type]
        .filter(supervisor__in=offices.values("agency"))
        .order_by("name")
    )


def submissions(agencies: list[Agency], year: int) -> list[Submission]:
    versions = ReportVersion.objects.filter(agency__in=agencies, year=year).order_by("number")
    by_agency: dict[int, list[ReportVersion]] = {}
    for version in versions:
        by_agency.setdefault(version.agency_id, []).append(version)
    out = []
    for agency in agencies:
        listed = by_agency.get(agency.pk, [])
        deadline = publication_deadline(year, government=is_government(agency))
        out.append(
            Submission(
                agency,
                deadline,
                listed[0] if listed else None,
                listed[-1] if listed else None,
                len(listed),
            )
        )
    return out


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    if not Membership.objects.filter(user_id=request.user.pk, role=Role.SUPERVISOR).exists():
        raise PermissionDenied("只有主管部门的监督岗位人员可以查看")
    agencies = supervised_agencies(request.user)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    rows = submissions(agencies, year)
    context = {
        "year": year,
        "years": list(range(today.year, today.year - 6, -1)),
        "rows": rows,
        "today": today,
        "published": sum(1 for r in rows if r.first),
        "late": sum(1 for r in rows if r.days_late),
        "missing": sum(1 for r in rows if r.first is None),
    }
    return render(request, "reports/supervision.html", context)
