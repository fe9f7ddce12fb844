"""Bulk data for bench/scale.py: agencies, a handler account, and applications in every
stage, consistent with the counting rules (day 0 ≤ conclusion, outcome iff concluded)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application

BIG_BUREAU = "基准市公安局"
HANDLER = "bench-handler"
BATCH = 10_000
OUTCOME_WEIGHTS = {
    Outcome.GRANTED: 40,
    Outcome.PARTIAL: 8,
    Outcome.ALREADY_PUBLIC: 6,
    Outcome.NOT_EXIST: 15,
    Outcome.NOT_THIS_AGENCY: 10,
    Outcome.DENIED_THIRD_PARTY: 3,
    Outcome.DENIED_PROCESS: 3,
    Outcome.PETITION_COMPLAINT: 5,
    Outcome.ABANDONED_NO_SUPPLEMENT: 4,
    Outcome.OTHER: 2,
}


def _agencies(departments: int) -> tuple[Agency, list[Agency]]:
    office = Agency.objects.create(name="基准市人民政府办公室", kind=Agency.Kind.GOVERNMENT_OFFICE)
    big = Agency.objects.create(name=BIG_BUREAU, kind=Agency.Kind.DEPARTMENT, supervisor=office)
    others = Agency.objects.bulk_create(
        Agency(name=f"基准县{i:04d}局", kind=Agency.Kind.DEPARTMENT, supervisor=office)
        for i in range(departments - 1)
    )
    user = get_user_model().objects.create_user(HANDLER, password="bench-handler-pass-2026")
    Membership.objects.create(user=user, agency=big, role=Role.HANDLER.value)
    return big, others


def _application(rng: random.Random, agency: Agency, number: str, arrived: date, today: date):
    calendar = work_calendar()
    outcomes, weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
    due = calendar.add_working_days(arrived, 20)
    app = Application(
        agency=agency,
        number=number,
        channel=rng.choice(list(Channel)).value,
        arrived_at=timezone.make_aware(datetime.combine(arrived, time(10))),
        received_date=arrived,
        first_received_date=arrived,
        applicant_type=rng.choices(list(ApplicantType), [80, 8, 2, 2, 5, 3])[0].value,
        applicant_name=f"申请人{rng.randrange(100000)}",
        description="关于某项政府信息的公开申请",
        due_date=due,
    )
    if (today - arrived).days > 45 or rng.random() < 0.3:
        concluded = min(calendar.add_working_days(arrived, rng.randint(3, 20)), today)
        app.status = Status.ISSUED.value
        app.outcome = rng.choices(outcomes, weights)[0].value
        app.decided_on = app.issued_on = app.concluded_on = concluded
    else:
        app.status = rng.choice([Status.RECEIVED, Status.RECEIVED, Status.CONSULTING]).value
    return app


def fill(count: int, departments: int, big_share: float, years: tuple[int, ...]) -> int:
    """Write ``count`` applications unless the database already holds them; return written."""
    if Agency.objects.filter(name=BIG_BUREAU).exists():
        have = Application.objects.count()
        if have >= count:  # the submissions measurement adds a few each run
            return 0
        raise SystemExit(f"基准数据库已有{have}件申请（要求{count}件）：请加 --fresh 重建")
    rng = random.Random(2026)
    today = timezone.localdate()
    first, span = date(years[0], 1, 1), (today - date(years[0], 1, 1)).days
    calendar = work_calendar()
    with transaction.atomic():
        big, others = _agencies(departments)
    numbers: dict[int, int] = {}
    written = 0
    while written < count:
        batch = []
        for _ in range(min(BATCH, count - written)):
            agency = big if rng.random() < big_share else rng.choice(others)
            arrived = first + timedelta(days=rng.randrange(span))
            while not calendar.is_workday(arrived):
                arrived += timedelta(days=1)
            if arrived > today:
                arrived = today
            numbers[agency.pk] = numbers.get(agency.pk, 0) + 1
            number = f"{arrived.year}-{numbers[agency.pk]:07d}"
            batch.append(_application(rng, agency, number, arrived, today))
        Application.objects.bulk_create(batch)
        written += len(batch)
    return written
