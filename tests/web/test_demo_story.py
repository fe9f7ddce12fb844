"""The demo tells a believable story on any day of the year: last year's report signed and
published in mid-January (on time, so the product's own checks find nothing in it), a
queue with cases due soon and none overdue.

Each test sets the clock (``timezone.now``, which every service and page reads) to a day
and builds the demo as of it. Years the pinned calendar package does not know are entered
as an administrator would, except where the test is about a year nobody has entered.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from gongkai.core.checks import run_checks
from gongkai.core.report import jsonio
from gongkai.web import demo
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.queue import filtered_cases, queue_rows
from gongkai.web.home.selectors import supervisor_home
from gongkai.web.reports.demo import publication_days
from gongkai.web.reports.models import ReportDraft, ReportVersion
from gongkai.web.workcalendar.calendar import forget_calendar
from gongkai.web.workcalendar.services import enter_notice

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_as_shipped]
SHIPPED_UP_TO = 2026  # the last year the pinned chinese-calendar knows


def set_clock(monkeypatch: pytest.MonkeyPatch, today: date, enter_up_to: int) -> None:
    """Today is ``today`` (10:00 in Beijing); the years after the package's up to
    ``enter_up_to`` are entered (New Year's Day only: a stand-in notice)."""
    now = datetime(today.year, today.month, today.day, 2, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert timezone.localdate() == today
    forget_calendar()
    for year in range(SHIPPED_UP_TO + 1, enter_up_to + 1):
        enter_notice(None, year, "测试替身：只含元旦", f"{year}-01-01 休息 元旦", complete=True)
    forget_calendar()


def load() -> Agency:
    demo.load_demo(seed=5, count=20)
    return Agency.objects.get(name=demo.BUREAU)


def assert_queue_is_believable(bureau: Agency, today: date) -> None:
    scope = Agency.objects.filter(pk=bureau.pk)
    overdue = filtered_cases(scope, {"due": "overdue"}, today)
    assert [(a.number, a.status, a.due_date) for a in overdue] == []
    soon = list(filtered_cases(scope, {"due": "soon"}, today))
    assert len(soon) >= 3, [(a.number, a.status, a.due_date) for a in soon]
    # As the queue shows them: 即将到期, 0 to 3 working days left.
    assert {row.urgency for row in queue_rows(soon, today)} == {"soon"}


def assert_published_in_january(bureau: Agency, year: int) -> None:
    signed, published = publication_days(year)
    version = ReportVersion.objects.get(agency=bureau, year=year)
    assert version.published_on == published
    assert date(year + 1, 1, 15) <= published <= date(year + 1, 1, 31)
    draft = ReportDraft.objects.get(agency=bureau, year=year)
    assert timezone.localtime(draft.signed_off_at).date() == signed < published
    # The published report, read back from its JSON and checked as anyone would check it.
    findings = run_checks(jsonio.loads(version.json_text))
    assert [(f.rule, f.message) for f in findings] == []
    assert (version.errors, version.warnings, version.infos) == (0, 0, 0)


@pytest.mark.parametrize(
    ("today", "enter_up_to"),
    [
        (date(2026, 2, 1), 2026),  # a Sunday, the day after the deadline
        (date(2026, 6, 15), 2026),
        (date(2026, 12, 31), 2026),  # 2027 not entered: the clocks stop at the year's end
        (date(2028, 2, 29), 2028),
    ],
)
def test_after_mid_january_last_years_report_was_published_on_time(
    monkeypatch: pytest.MonkeyPatch, today: date, enter_up_to: int
) -> None:
    set_clock(monkeypatch, today, enter_up_to)
    bureau = load()
    assert_queue_is_believable(bureau, today)
    assert_published_in_january(bureau, today.year - 1)
    home = supervisor_home(_supervisor(), today)
    assert (home.year, home.published, home.late, home.findings) == (today.year - 1, 1, [], 0)
    assert not ReportVersion.objects.filter(year=today.year).exists()


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (date(2026, 1, 5), "drafted"),
        (date(2026, 1, 14), "signed"),  # the sign-off day: publication is tomorrow
    ],
)
def test_in_early_january_last_years_report_is_on_its_way(
    monkeypatch: pytest.MonkeyPatch, today: date, stage: str
) -> None:
    """Before the publication day the report is drafted (warnings acknowledged) and waits
    for the office head, then signed and waits for publication; not late, as a department's
    report is due by 31 January."""
    set_clock(monkeypatch, today, SHIPPED_UP_TO)
    bureau = load()
    assert_queue_is_believable(bureau, today)
    signed, published = publication_days(today.year - 1)
    assert today < published and (today >= signed) is (stage == "signed")
    assert not ReportVersion.objects.exists()
    draft = ReportDraft.objects.get(agency=bureau, year=today.year - 1)
    assert bool(draft.signed_checksum) is (stage == "signed")
    home = supervisor_home(_supervisor(), today)
    assert (home.published, home.late) == (0, [])


def test_publication_days_are_mid_january_working_days_in_every_year() -> None:
    calendar = work_calendar()
    for year in range(2015, 2035):
        signed, published = publication_days(year)
        assert date(year + 1, 1, 15) <= published <= date(year + 1, 1, 31)
        assert signed < published and signed.year == year + 1
        if calendar.covers_year(year + 1):
            assert calendar.is_workday(signed) and calendar.is_workday(published)
        else:
            assert signed.weekday() < 5 and published.weekday() < 5


def _supervisor() -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="jiandu")
