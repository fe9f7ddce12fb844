"""Daily reminders: one digest per person, due soon and overdue, never sent twice a day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from web_builders import Staff, registered

from gongkai.core.applications.roles import Role
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.reminders import collect as case_reminders
from gongkai.web.tasks import reminders
from gongkai.web.tasks.reminders import DUE_SOON, OVERDUE, gather, send_reminders

ALL_COLLECTORS = reminders.collectors


@pytest.fixture(autouse=True)
def only_case_reminders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other apps add their own reminders (e.g. the annual report); these tests count the
    cases' reminders and the mails they make."""
    monkeypatch.setattr(reminders, "collectors", lambda: [case_reminders])


def _with_emails(staff: Staff) -> None:
    for role, user in staff.users.items():
        user.email = f"{role.value}@example.gov.cn"
        user.save()


@pytest.mark.django_db
def test_other_apps_reminders_are_collected_too() -> None:
    names = {f"{c.__module__}.{c.__name__}" for c in ALL_COLLECTORS()}
    assert "gongkai.web.applications.reminders.collect" in names
    assert "gongkai.web.reports.reminders.collect" in names


@pytest.mark.django_db
def test_due_soon_goes_to_handlers_and_overdue_to_the_office_head_too(staff: Staff) -> None:
    case = registered(staff, date(2026, 9, 1))
    assert case.due_date is not None
    calendar = work_calendar()
    two_days_before = calendar.add_working_days(case.due_date, 0)
    while calendar.working_days_left(two_days_before, case.due_date) > 2:
        two_days_before = calendar.add_working_days(two_days_before, 1)
    soon = gather(two_days_before)
    handler, head = staff[Role.HANDLER].pk, staff[Role.OFFICE_HEAD].pk
    assert [r.severity for r in soon[handler]] == [DUE_SOON]
    assert head not in soon
    late = gather(calendar.add_working_days(case.due_date, 1))
    assert [r.severity for r in late[handler]] == [OVERDUE]
    assert [r.severity for r in late[head]] == [OVERDUE]
    assert case.number in late[head][0].text


@pytest.mark.django_db
def test_one_mail_per_person_and_none_twice_the_same_day(staff: Staff) -> None:
    _with_emails(staff)
    for day in (date(2026, 9, 1), date(2026, 9, 2)):
        case = registered(staff, day)
    assert case.due_date is not None
    after = work_calendar().add_working_days(case.due_date, 3)
    assert send_reminders(after) == 2  # the handler and the office head
    handler_mail = next(m for m in mail.outbox if m.to == ["handler@example.gov.cn"])
    assert "已超期" in handler_mail.subject and "2项" in handler_mail.subject
    assert handler_mail.body.count("答复期限") == 2
    assert send_reminders(after) == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_daily_command_reports_what_it_sent(staff: Staff) -> None:
    from io import StringIO

    _with_emails(staff)
    case = registered(staff, date(2026, 9, 1))
    assert case.due_date is not None
    out = StringIO()
    day = work_calendar().add_working_days(case.due_date, 1)
    call_command("send_reminders", "--date", day.isoformat(), stdout=out)
    assert "已发送2封提醒邮件" in out.getvalue()
    with pytest.raises(Exception, match="日期格式不正确"):
        call_command("send_reminders", "--date", "2026-13-01")
