"""What the front door and the role homes show, read with the queries the pages they link
to already use (the work queue's filters, the supervisor's submissions, the calendar), so a
figure on a home page is the figure on the page behind its link."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.core.reporting.publication import publication_deadline
from gongkai.web.agencies.access import AnyUser
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application
from gongkai.web.applications.queue import (
    OPEN_GROUPS,
    QueueRow,
    filtered_cases,
    queue_rows,
    statuses_of,
)
from gongkai.web.reports.models import ReportDraft, ReportVersion
from gongkai.web.reports.present import is_government
from gongkai.web.reports.supervision import Submission, submissions, supervised_agencies

OFFICER_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.REVIEWER})
# The applicant's move: a 补正 to send in, a fee to pay (a consultation waits for a third party).
WAITING_FOR_APPLICANT = [Status.SUPPLEMENT_REQUESTED.value, Status.FEE_PENDING.value]
SHOWN_ROWS = 5


# -- the front door ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicAgency:
    agency: Agency
    kind_label: str
    accepts_online: bool
    reports: int  # published report years


def public_agencies() -> list[PublicAgency]:
    """Every agency on this installation, each with what its public portal offers."""
    # The government and its office first, then the departments they supervise.
    rank = {Agency.Kind.GOVERNMENT: 0, Agency.Kind.GOVERNMENT_OFFICE: 1}
    agencies = sorted(
        Agency.objects.select_related("online_intake"), key=lambda a: (rank.get(a.kind, 2), a.name)
    )
    years: dict[int, int] = {}
    for agency_id, _ in ReportVersion.objects.values_list("agency_id", "year").distinct():
        years[agency_id] = years.get(agency_id, 0) + 1
    out = []
    for agency in agencies:
        intake = getattr(agency, "online_intake", None)
        accepts = bool(intake is not None and intake.accepts)
        kind = agency.get_kind_display()
        out.append(PublicAgency(agency, kind, accepts, years.get(agency.pk, 0)))
    return out


# -- who holds what ------------------------------------------------------------------------


def roles_held(user: AnyUser) -> dict[Role, list[Agency]]:
    """Role → the agencies where ``user`` holds it (one query)."""
    if not user.is_authenticated:
        return {}
    held: dict[Role, list[Agency]] = {}
    rows = Membership.objects.filter(user_id=user.pk).select_related("agency")
    for membership in rows.order_by("agency__name"):
        held.setdefault(Role(membership.role), []).append(membership.agency)
    return held


def _ids(agencies: list[Agency]) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=[a.pk for a in agencies])


# -- officer: the work queue's own filters -------------------------------------------------


@dataclass(frozen=True)
class QueueSlice:
    key: str  # the queue's query string for the whole list
    title: str
    count: int
    rows: list[QueueRow]


@dataclass(frozen=True)
class OfficerHome:
    agencies: list[Agency]
    slices: list[QueueSlice]
    open_count: int


def _slice(cases: QuerySet[Application], key: str, title: str, today: date) -> QueueSlice:
    shown = list(cases[:SHOWN_ROWS])
    return QueueSlice(key, title, cases.count(), queue_rows(shown, today))


def officer_home(agencies: list[Agency], today: date) -> OfficerHome:
    """Due soon, overdue and waiting for the applicant, exactly as the work queue filters
    them (``filtered_cases``: the queue's due dates and working days, nothing recomputed)."""
    scope = _ids(agencies)
    waiting = filtered_cases(scope, {"group": "all"}, today).filter(
        status__in=WAITING_FOR_APPLICANT
    )
    slices = [
        _slice(filtered_cases(scope, {"due": "overdue"}, today), "due=overdue", "已超期", today),
        _slice(filtered_cases(scope, {"due": "soon"}, today), "due=soon", "即将到期", today),
        _slice(waiting, "group=waiting", "等待申请人（补正、缴费）", today),
    ]
    open_count = filtered_cases(scope, {}, today).count()
    return OfficerHome(agencies, slices, open_count)


# -- office head: sign-offs and this month's figures ---------------------------------------


@dataclass(frozen=True)
class PendingReport:
    agency: Agency
    year: int
    deadline: date
    signed: bool  # a sign-off is on record (the builder checks it still fits the content)
    started: bool


@dataclass(frozen=True)
class MonthFigures:
    agency: Agency
    new: int
    concluded: int
    open: int
    overdue: int


@dataclass(frozen=True)
class HeadHome:
    reports: list[PendingReport]
    month_start: date
    figures: list[MonthFigures] = field(default_factory=list)


def report_years(today: date) -> tuple[int, ...]:
    """Last year's report (due this January) and this year's (drafted towards next January)."""
    return (today.year - 1, today.year)


def head_home(agencies: list[Agency], today: date) -> HeadHome:
    years = report_years(today)
    published = set(
        ReportVersion.objects.filter(agency__in=agencies, year__in=years)
        .values_list("agency_id", "year")
        .distinct()
    )
    drafts = {
        (d.agency_id, d.year): d
        for d in ReportDraft.objects.filter(agency__in=agencies, year__in=years)
    }
    reports = []
    for agency in agencies:
        for year in years:
            if (agency.pk, year) in published:
                continue
            draft = drafts.get((agency.pk, year))
            reports.append(
                PendingReport(
                    agency,
                    year,
                    publication_deadline(year, government=is_government(agency)),
                    bool(draft and draft.signed_checksum),
                    draft is not None,
                )
            )
    month_start = today.replace(day=1)
    month = (month_start, today)
    figures = []
    for agency in agencies:
        cases = Application.objects.filter(agency=agency)
        figures.append(
            MonthFigures(
                agency,
                new=cases.filter(first_received_date__range=month).count(),
                concluded=cases.filter(concluded_on__range=month).count(),
                open=cases.filter(status__in=statuses_of(list(OPEN_GROUPS))).count(),
                overdue=filtered_cases(_ids([agency]), {"due": "overdue"}, today).count(),
            )
        )
    return HeadHome(reports, month_start, figures)


# -- supervisor: the supervision page's submissions ----------------------------------------


@dataclass(frozen=True)
class SupervisorHome:
    year: int
    rows: list[Submission]
    published: int
    late: list[Submission]
    findings: int  # errors and warnings in the versions in force


def supervisor_home(user: AnyUser, today: date) -> SupervisorHome:
    """Last year's reports of the supervised departments (the supervision page's default)."""
    year = today.year - 1
    rows = submissions(supervised_agencies(user), year)
    late = [r for r in rows if r.days_late or r.overdue_on(today)]
    findings = sum(r.latest.errors + r.latest.warnings for r in rows if r.latest)
    return SupervisorHome(year, rows, sum(1 for r in rows if r.first), late, findings)


# -- administrator: the working-day calendar -----------------------------------------------


@dataclass(frozen=True)
class CalendarStatus:
    year: int
    covered: bool
    entered: Any  # the CalendarYear row an administrator entered, if any
    from_package: bool


@dataclass(frozen=True)
class AdminHome:
    years: list[CalendarStatus]
    next_year: CalendarStatus
    # Open cases of the admin's agencies whose due date is 暂定: it reaches a year whose
    # holidays nobody has entered (counted Monday–Friday there until they are).
    provisional_due_dates: int


def calendar_status(year: int) -> CalendarStatus:
    from gongkai.web.workcalendar.models import CalendarYear

    calendar = work_calendar()
    entered = CalendarYear.objects.filter(year=year).first()
    covered = calendar.covers_year(year)
    from_package = covered and year not in calendar.known_years
    return CalendarStatus(year, covered, entered, from_package)


def admin_home(agencies: list[Agency], today: date) -> AdminHome:
    """This year and next: whether each is known to the calendar, and from where."""
    years = [calendar_status(today.year), calendar_status(today.year + 1)]
    calendar = work_calendar()
    # A due date never lies more than a couple of years after today's cases' day 0.
    unknown = [y for y in range(today.year - 2, today.year + 3) if not calendar.covers_year(y)]
    provisional = (
        Application.objects.filter(agency__in=agencies, due_date__year__in=unknown)
        .filter(status__in=statuses_of(list(OPEN_GROUPS)))
        .count()
        if unknown
        else 0
    )
    return AdminHome(years, years[1], provisional)
