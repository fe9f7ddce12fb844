from __future__ import annotations

from datetime import date

import pytest
from report_builders import YEAR, FakeSources, publish_year
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.web.reports.reminders import collect
from gongkai.web.tasks.reminders import DUE_SOON, OVERDUE, collectors

pytestmark = pytest.mark.django_db


def test_the_daily_job_finds_this_collector() -> None:
    assert collect in collectors()


def test_reminders_before_and_after_the_31_january_deadline(
    staff: Staff, complete_sources: FakeSources
) -> None:
    # In December, nothing about this year's report yet (last year's is overdue, though).
    december = [r for r in collect(date(2025, 12, 20)) if r.agency == staff.agency.name]
    assert december and all(":2024:" in r.key for r in december)
    soon = [r for r in collect(date(2026, 1, 10)) if r.agency == staff.agency.name]
    assert {r.user_id for r in soon} == {staff[Role.HANDLER].pk, staff[Role.OFFICE_HEAD].pk}
    assert {r.severity for r in soon} == {DUE_SOON} and "还有21天" in soon[0].text
    late = [r for r in collect(date(2026, 2, 2)) if r.agency == staff.agency.name]
    assert {r.severity for r in late} == {OVERDUE}
    assert staff[Role.SUPERVISOR].pk in {r.user_id for r in late}
    publish_year(staff, YEAR, on=date(2026, 2, 2))
    assert [r for r in collect(date(2026, 2, 3)) if r.agency == staff.agency.name] == []


def test_the_government_office_is_due_on_31_march(staff: Staff) -> None:
    office = [r for r in collect(date(2026, 2, 2)) if r.agency == staff.office.name]
    # The office holds only a supervisor here: nobody to remind, nothing yielded.
    assert office == []
    from gongkai.web.agencies.models import Membership

    Membership.objects.create(user=staff[Role.OFFICE_HEAD], agency=staff.office, role="office_head")
    assert {r.severity for r in collect(date(2026, 3, 20)) if r.agency == staff.office.name} == {
        DUE_SOON
    }
    assert [r for r in collect(date(2026, 2, 2)) if r.agency == staff.office.name] == []
