"""The demo year, made through the services, yields a 表三 that passes every table check."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.checks import run_checks
from gongkai.core.report.model import Severity
from gongkai.web import demo
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.statistics import annual_report, figures

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 20)


def test_demo_year_covers_several_states_and_its_table3_checks_clean() -> None:
    count = demo.load_demo(seed=7, count=40, today=TODAY)
    assert count >= 30
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {"issued", "received"} <= statuses and len(statuses) >= 4
    assert CaseEvent.objects.count() > count  # every case has more than its registration
    bureau = demo.Agency.objects.get(name=demo.BUREAU)
    for year in (2024, 2025):
        report = annual_report(bureau, year)
        errors = [
            f for f in run_checks(report) if f.severity is Severity.ERROR and f.rule[:3] == "T3-"
        ]
        assert errors == []
    assert (
        annual_report(bureau, 2024).table3["carried_forward"]
        == (annual_report(bureau, 2025).table3["carried_over"])
    )
    total_new = annual_report(bureau, 2025).table3["new_received"]["total"]
    assert sum(figures(bureau, 2025).new_by_channel.values()) == total_new


def test_demo_users_cover_every_role() -> None:
    demo.load_demo(seed=1, count=3, today=TODAY)
    assert demo.demo_present()
    from gongkai.web.agencies.models import Membership

    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {
        "registrar",
        "handler",
        "reviewer",
        "office_head",
        "administrator",
        "supervisor",
    }
