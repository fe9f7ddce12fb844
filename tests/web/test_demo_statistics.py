"""The demo year, made through the services, yields a 表三 that passes every table check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from gongkai.core.checks import run_checks
from gongkai.core.report.model import Severity
from gongkai.web import demo
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.queue import filtered_cases
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


def test_the_demo_has_cases_in_every_state_of_the_workspace() -> None:
    from gongkai.core.applications.statuses import Status
    from gongkai.web.applications.models import Assignment, Letter, ServiceRecord

    demo.load_demo(today=TODAY)
    statuses = set(Application.objects.values_list("status", flat=True))
    fee_states = {Status.FEE_PENDING.value, Status.FEE_LAPSED.value}  # the fees app's demo
    assert {s.value for s in Status} - fee_states <= statuses
    assert Application.objects.exclude(intake_form="").count() == Application.objects.count()
    assert Assignment.objects.exclude(feedback_on=None).exists()
    assert ServiceRecord.objects.exists()
    kinds = set(Letter.objects.values_list("kind", flat=True))
    assert kinds == {
        "supplement_notice",
        "extension_notice",
        "consultation",
        "termination_notice",
        "reply",
        "fee_notice",  # the fees app's demo: fee notices are letters of the one system
        "correction_notice",  # the §41 更正 request the demo forwards
    }
    assert not Letter.objects.exclude(pdf="").exists()  # rendered on first download


def test_every_demo_case_page_and_letter_preview_renders() -> None:
    from django.test import Client

    from gongkai.web.applications.models import Letter

    stages: list[str] = []
    demo.load_demo(count=20, today=TODAY, progress=stages.append)
    # A line per stage (the first `gongkai serve` shows how far it is), and no letter file
    # rendered during the load: each is rendered when first downloaded.
    assert len(stages) >= 4 and stages[-1].startswith("年度报告")
    assert not Letter.objects.exclude(pdf="").exists()
    assert Letter.objects.exists()
    for username in ("chengban", "jiandu"):
        client = Client()
        assert client.login(username=username, password=f"{username}-demo-2026")
        for pk in Application.objects.values_list("pk", flat=True):
            assert client.get(f"/applications/{pk}/").status_code == 200
        for pk in Letter.objects.values_list("pk", flat=True):
            assert client.get(f"/applications/letters/{pk}/").status_code == 200
    letter = Letter.objects.order_by("pk").first()
    assert letter is not None
    download = client.get(f"/applications/letters/{letter.pk}/pdf/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.pdf and letter.docx and letter.rendered_at is not None
    client = Client()
    assert client.login(username="chengban", password="chengban-demo-2026")
    for query in ("", "?group=all", "?due=overdue", "?due=soon", "?q=本局", "?page=2"):
        assert client.get(f"/applications/{query}").status_code == 200


@pytest.mark.calendar_as_shipped
def test_the_demo_stops_where_the_working_day_calendar_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pinned chinese-calendar knows 2026 and not 2027. Loaded on 28 December 2026 the
    demo is built as of that day (it used to be built as of a November day, so its cases
    were overdue at first login): a step whose clock would reach 2027 is simply not taken.
    Only a today whose own year is unknown makes it fall back to the last known day."""
    december = date(2026, 12, 28)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 28, 2, 0, tzinfo=UTC))
    assert demo.demo_day(date(2026, 6, 1)) == date(2026, 6, 1)
    assert demo.demo_day() == december
    assert demo.demo_day(date(2027, 3, 1)) == date(2026, 12, 31)
    assert demo.load_demo(seed=3, count=8) > 0
    arrivals = Application.objects.values_list("arrived_at", flat=True)
    latest = max(timezone.localtime(a).date() for a in arrivals)
    assert december - timedelta(days=7) < latest <= december  # the newest case: days ago
    bureau = demo.Agency.objects.filter(name=demo.BUREAU)
    assert not filtered_cases(bureau, {"due": "overdue"}, december).exists()
