"""The calendar table: years the package does not know, corrections, and moved due dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from web_builders import Staff, registered

from gongkai.core.calendar.notice import NoticeError
from gongkai.core.errors import CalendarDataMissing
from gongkai.web.applications.config import work_calendar
from gongkai.web.workcalendar.models import CalendarDay, CalendarYear, DeadlineRecalculation
from gongkai.web.workcalendar.services import enter_notice

NOTICE_2027 = "2027-01-01至2027-01-03 休息 元旦\n2027-02-06 上班 春节调休"
# These tests enter 2027 themselves: no stand-in year (tests/web/calendar_reach.py).
pytestmark = pytest.mark.calendar_as_shipped


@pytest.mark.django_db
def test_a_year_nobody_entered_is_an_explicit_error_until_its_notice_is_entered() -> None:
    with pytest.raises(CalendarDataMissing, match="2027"):
        work_calendar().is_workday(date(2027, 3, 1))
    enter_notice(None, 2027, "国办发明电〔2026〕X号", NOTICE_2027, complete=True)
    calendar = work_calendar()
    assert calendar.is_workday(date(2027, 3, 1))
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.is_workday(date(2027, 2, 6))


@pytest.mark.django_db
def test_days_entered_without_declaring_the_year_complete_do_not_make_it_countable() -> None:
    enter_notice(None, 2027, "草稿", NOTICE_2027, complete=False)
    with pytest.raises(CalendarDataMissing):
        work_calendar().is_workday(date(2027, 3, 1))


@pytest.mark.django_db
def test_a_correction_moves_open_due_dates_and_says_why(staff: Staff) -> None:
    case = registered(staff, date(2026, 11, 20))
    before = case.due_date
    assert before is not None
    moved = enter_notice(
        None, 2026, "县人民政府通知", "2026-11-23至2026-11-27 休息 地方节日", complete=False
    )
    case.refresh_from_db()
    assert moved == 1
    assert case.due_date == work_calendar().add_working_days(before, 5)
    record = DeadlineRecalculation.objects.get(application=case)
    assert (record.old_due, record.new_due) == (before, case.due_date)
    assert "县人民政府通知" in record.cause


@pytest.mark.django_db
def test_a_bad_notice_stores_nothing() -> None:
    with pytest.raises(NoticeError):
        enter_notice(None, 2027, "x", "2027-01-01 休息 元旦\n2027-13-01 休息 错", complete=True)
    assert not CalendarYear.objects.exists()
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_the_cached_calendar_follows_direct_edits() -> None:
    assert work_calendar().is_workday(date(2026, 12, 1))
    CalendarDay.objects.create(day=date(2026, 12, 1), is_workday=False, note="更正")
    assert not work_calendar().is_workday(date(2026, 12, 1))


@pytest.mark.django_db
def test_administrators_enter_a_notice_in_the_admin() -> None:
    admin = get_user_model().objects.create_superuser("root", password="x-very-long-pass")
    client = Client()
    client.force_login(admin)
    url = "/admin/workcalendar/calendaryear/enter/"
    page = client.get(url)
    assert page.status_code == 200 and "录入国务院办公厅节假日安排" in page.content.decode()
    bad = client.post(
        url, {"year": 2027, "notice": "x", "days": "2027-01-01 放假", "complete": "on"}
    )
    assert bad.status_code == 200 and "第1行无法识别" in bad.content.decode()
    assert not CalendarDay.objects.exists()
    good = client.post(url, {"year": 2027, "notice": "国办", "days": NOTICE_2027, "complete": "on"})
    assert good.status_code == 302
    assert CalendarYear.objects.get(year=2027).complete
    assert CalendarDay.objects.filter(day__year=2027).count() == 4
