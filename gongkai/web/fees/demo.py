"""Demo fees: a frequent applicant whose 11th and 12th applications of one month are charged
按件 (one paid, one unpaid → 表三（六）2), and a law firm's 按量 request for paper copies.

Everything goes through the services (applications' and this app's), so the demo obeys the
same guards and leaves the same audit trail as real work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.errors import CalendarDataMissing
from gongkai.core.fees.schedules import FeeMethod
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import services as cases
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application
from gongkai.web.fees import services
from gongkai.web.fees.models import FeeCharge
from gongkai.web.kernel.demo_cast import BUREAU, DEMO_USERS

FREQUENT_NAME = "频繁某"
FREQUENT_ID = "130534199001012345"  # fictitious
LAW_FIRM = "某律师事务所"
LAW_FIRM_CODE = "31130000MD0000001X"  # fictitious


def _users() -> dict[Role, AbstractBaseUser]:
    model = get_user_model()
    return {role: model.objects.get(username=name) for name, _, _, role, _ in DEMO_USERS}


def _register(users: dict[Role, AbstractBaseUser], day: date, **details: object) -> Application:
    return cases.register(
        users[Role.REGISTRAR],
        Agency.objects.get(name=BUREAU),
        channel=Channel.IN_PERSON,
        arrived_at=timezone.make_aware(datetime.combine(day, time(9, 30))),
        **details,  # type: ignore[arg-type]
    )


def _answer(users: dict[Role, AbstractBaseUser], app: Application, day: date) -> date:
    """Grant and issue the reply a few working days later; returns the issue date."""
    calendar = work_calendar()
    decided = calendar.add_working_days(day, 2)
    cases.decide(users[Role.REVIEWER], app.pk, on=decided, outcome=Outcome.GRANTED)
    issued = calendar.add_working_days(decided, 1)
    cases.issue(users[Role.HANDLER], app.pk, on=issued)
    return issued


def _month_days(today: date) -> list[date]:
    """The working days of a whole month some four months back (all before ``today``)."""
    calendar = work_calendar()
    anchor = today - timedelta(days=125)
    day = anchor.replace(day=1)
    days = []
    while day.month == anchor.month:
        if calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _frequent_applicant(users: dict[Role, AbstractBaseUser], today: date) -> None:
    days = _month_days(today)[:12]
    apps = [
        _register(
            users,
            day,
            applicant_type=ApplicantType.NATURAL_PERSON,
            applicant_name=FREQUENT_NAME,
            id_document=f"居民身份证 {FREQUENT_ID}",
            contact_phone="13900001111",
            description=f"本局{n + 1}号文件及其附件",
        )
        for n, day in enumerate(days)
    ]
    for app, day in zip(apps[:10], days[:10], strict=True):
        _answer(users, app, day)  # the first ten of the month are free (第四条)
    calendar = work_calendar()
    handler, registrar = users[Role.HANDLER], users[Role.REGISTRAR]
    paid, unpaid = apps[10], apps[11]
    for app, day in ((paid, days[10]), (unpaid, days[11])):
        on = calendar.add_working_days(day, 1)
        services.assess_fee(handler, app.pk, on=on, method=FeeMethod.PER_APPLICATION)
        services.issue_fee_notice(handler, app.pk, on=on, received_on=on)
    paid_on = calendar.add_working_days(days[10], 5)
    services.record_fee_payment(
        registrar, paid.pk, on=paid_on, amount=100, receipt_number="非税0001"
    )
    _answer(users, paid, paid_on)
    due = FeeCharge.objects.get(application=unpaid).payment_due
    assert due is not None  # the notice was received on the day it was sent
    lapse_on = calendar.add_working_days(due, 1)
    if lapse_on <= today:
        services.lapse_fee(handler, unpaid.pk, on=lapse_on)


def _law_firm_copies(users: dict[Role, AbstractBaseUser], today: date) -> None:
    calendar = work_calendar()
    day = calendar.add_working_days(today - timedelta(days=80), 1)
    app = _register(
        users,
        day,
        applicant_type=ApplicantType.LEGAL_SERVICE_ORG,
        applicant_name=LAW_FIRM,
        credit_code=LAW_FIRM_CODE,
        contact_address="清河县人民路18号",
        description="2024年至2025年本局全部行政处罚决定书（纸质复印件）",
    )
    handler = users[Role.HANDLER]
    on = calendar.add_working_days(day, 3)
    services.assess_fee(handler, app.pk, on=on, method=FeeMethod.PER_PAGE, pages=120)
    services.issue_fee_notice(handler, app.pk, on=on)
    received = calendar.add_working_days(on, 2)
    services.record_fee_notice_receipt(users[Role.REGISTRAR], app.pk, on=received)
    paid_on = calendar.add_working_days(received, 4)
    services.record_fee_payment(
        users[Role.REGISTRAR], app.pk, on=paid_on, amount=1100, receipt_number="非税0002"
    )
    _answer(users, app, paid_on)


STEPS: tuple[Callable[[dict[Role, AbstractBaseUser], date], None], ...] = (
    _frequent_applicant,
    _law_firm_copies,
)


def load_demo(today: date) -> None:
    users = _users()
    for step in STEPS:
        try:
            step(users, today)
        except CalendarDataMissing:
            continue  # a demo "today" beyond the calendar data: leave that part out
