"""Builders for the fee and 复议/诉讼 tests: applications of one identified applicant, and
fee cases in each state, all made through the services."""

from __future__ import annotations

from datetime import date

from web_builders import Staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.fees.schedules import FeeMethod
from gongkai.web.applications.models import Application
from gongkai.web.fees import services

FREQUENT_ID = "110101199001011234"


def frequent_applications(staff: Staff, days: list[date], id_document: str = FREQUENT_ID):
    """One application per day (in person: day 0 = the day), all by the same applicant."""
    return [
        registered(staff, day, applicant_name="频繁某", id_document=id_document) for day in days
    ]


def per_page_case(staff: Staff, day: date, pages: int = 101) -> Application:
    app = registered(staff, day, applicant_name="复印某", id_document="110101198001010000")
    services.assess_fee(staff[Role.HANDLER], app.pk, on=day, method=FeeMethod.PER_PAGE, pages=pages)
    return app


def notified_case(
    staff: Staff, day: date, notice_on: date, received_on: date | None, pages: int = 101
) -> Application:
    app = per_page_case(staff, day, pages)
    services.issue_fee_notice(staff[Role.HANDLER], app.pk, on=notice_on, received_on=received_on)
    app.refresh_from_db()
    return app
