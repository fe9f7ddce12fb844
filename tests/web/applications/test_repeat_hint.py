"""The case page proposes 重复申请 (条例 §36(六), 表三 （五）2) when the same applicant asked for
the same information and was already answered; it links the earlier case and decides nothing."""

from __future__ import annotations

from datetime import date

import pytest
from builders_applications import logged_in
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.models import Application
from gongkai.web.applications.repeats import repeated_cases

pytestmark = pytest.mark.django_db


def answered(staff: Staff, day: date, **details: object) -> Application:
    app = registered(staff, day, **details)
    services.decide(staff[Role.REVIEWER], app.pk, on=day, outcome=Outcome.GRANTED)
    return services.issue(staff[Role.HANDLER], app.pk, on=day)


def test_the_same_request_again_finds_the_answered_one(staff: Staff) -> None:
    first = answered(staff, date(2025, 3, 3), id_document="身份证 130101199001011234")
    again = registered(
        staff,
        date(2025, 6, 2),
        applicant_name="周某某",
        id_document="身份证130101199001011234",
        description=" 2025年度行政处罚案件数量。",
    )
    other = registered(staff, date(2025, 6, 2), description="2025年度行政许可案件数量")
    assert repeated_cases(again) == [first]
    assert repeated_cases(other) == []


def test_a_request_still_open_is_not_an_earlier_answer(staff: Staff) -> None:
    registered(staff, date(2025, 3, 3))
    assert repeated_cases(registered(staff, date(2025, 6, 2))) == []


def test_the_case_page_proposes_and_links_but_does_not_decide(staff: Staff) -> None:
    first = answered(staff, date(2025, 3, 3))
    again = registered(staff, date(2025, 6, 2))
    page = logged_in(staff[Role.HANDLER].username).get(f"/applications/{again.pk}/")
    text = page.content.decode()
    assert "可能是重复申请" in text and f"/applications/{first.pk}/" in text
    again.refresh_from_db()
    assert again.outcome == ""
    quiet = logged_in(staff[Role.HANDLER].username).get(f"/applications/{first.pk}/")
    assert "可能是重复申请" not in quiet.content.decode()
