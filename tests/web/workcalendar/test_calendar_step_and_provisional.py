"""A calendar write is a step (every open due date recomputed, each change audited), and a
clock that runs into a year nobody has entered gives a 暂定 date instead of none.

To stay independent of the day the tests run, the clocks are made long enough to reach the
first year the pinned chinese-calendar does not know (``GONGKAI_PROCEDURE`` answer limit),
from a fixed day in the past.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders_api import api_client
from builders_applications import logged_in
from builders_portal import open_agency, person_post, submit, token_of
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone
from web_builders import Staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.calendar.workdays import default_calendar
from gongkai.web.applications.answer_clock import case_clock, stored_clock_note
from gongkai.web.applications.models import Application
from gongkai.web.workcalendar.models import CalendarDay, DeadlineRecalculation
from gongkai.web.workcalendar.services import enter_notice

pytestmark = pytest.mark.calendar_as_shipped  # these tests need a year nobody entered

DAY0 = date(2025, 3, 3)
UNKNOWN = next(y for y in range(2025, 2200) if not default_calendar().covers_year(y))


def reaching_unknown_year(start: date, into: int = 10) -> ProcedureRules:
    """Rules whose answer limit ends ``into`` working days into the first unknown year."""
    known = default_calendar().working_days_between(
        start + timedelta(days=1), date(UNKNOWN - 1, 12, 31)
    )
    return ProcedureRules(answer_limit_wd=known + into)


@pytest.mark.django_db
def test_a_clock_into_an_unentered_year_is_provisional_then_final(staff: Staff) -> None:
    with override_settings(GONGKAI_PROCEDURE=reaching_unknown_year(DAY0)):
        app = registered(staff, DAY0)
        assert app.due_date is not None and app.due_date.year == UNKNOWN  # not "—"
        note = stored_clock_note(app)
        assert note.provisional and f"{UNKNOWN}年节假日安排尚未录入" in note.staff
        assert "管理员" not in note.public

        page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
        assert "（暂定）" in page and note.staff in page
        queue = logged_in("handler").get(f"/applications/?q={app.number}").content.decode()
        assert f"{app.due_date:%Y-%m-%d}" in queue and "暂定" in queue
        api = api_client(staff[Role.HANDLER]).get(f"/api/v1/applications/{app.pk}").json()
        assert api["due_date"] == f"{app.due_date:%Y-%m-%d}" and api["due_date_provisional"]

        # The notice comes out: a holiday on a day the guess counted moves the date one day.
        provisional_due = app.due_date
        text = f"{UNKNOWN}-01-01 休息 元旦\n{UNKNOWN}-01-05 休息 测试假日"
        enter_notice(staff[Role.OFFICE_HEAD], UNKNOWN, "国办发明电（测试）", text, complete=True)
        app.refresh_from_db()
        assert not stored_clock_note(app).provisional
        assert app.due_date == case_clock(app).due_date
        record = DeadlineRecalculation.objects.get(application=app)
        assert record.old_due == provisional_due and record.new_due == app.due_date
        page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
        assert "（暂定）" not in page and "因工作日历变更重算" in page


@pytest.mark.django_db
def test_a_provisional_date_that_stays_is_audited_as_confirmed(staff: Staff) -> None:
    with override_settings(GONGKAI_PROCEDURE=reaching_unknown_year(DAY0, into=3)):
        app = registered(staff, DAY0)
        before = app.due_date
        assert before is not None and stored_clock_note(app).provisional
        # A holiday after the due date does not move it; the date is final all the same.
        late = f"{UNKNOWN}-12-25 休息 测试"
        moved = enter_notice(None, UNKNOWN, "国办（测试）", late, complete=True)
        app.refresh_from_db()
        assert moved == 0 and app.due_date == before
        record = DeadlineRecalculation.objects.get(application=app)
        assert record.old_due == record.new_due == before and "现为确定期限" in record.cause


@pytest.mark.django_db
def test_the_citizen_sees_the_provisional_date_without_admin_instructions() -> None:
    today = timezone.localdate()
    with override_settings(GONGKAI_PROCEDURE=reaching_unknown_year(today, into=5)):
        client = Client()
        token = token_of(submit(client, open_agency(), person_post()))
        html = client.get(f"/public/track/{token}/receipt/").content.decode()
        assert "暂定" in html and 'id="due-date"' in html
        assert "管理员" not in html and "录入" not in html and "缺少" not in html


@pytest.mark.django_db
def test_editing_a_day_in_the_admin_recomputes_and_audits(staff: Staff) -> None:
    app = registered(staff, DAY0)
    before = app.due_date
    assert before is not None
    root = get_user_model().objects.create_superuser("root", password="x-very-long-pass")
    client = Client()
    client.force_login(root)
    response = client.post(
        "/admin/workcalendar/calendarday/add/",
        {"day": "2025-03-10", "is_workday": "", "note": "地方节日（测试）"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    app.refresh_from_db()
    assert app.due_date == default_calendar().add_working_days(before, 1)
    record = DeadlineRecalculation.objects.get(application=app)
    assert (record.old_due, record.new_due) == (before, app.due_date)
    assert "2025-03-10" in record.cause and record.by == root

    day = CalendarDay.objects.get(day=date(2025, 3, 10))
    response = client.post(f"/admin/workcalendar/calendarday/{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.due_date == before
    assert DeadlineRecalculation.objects.filter(application=app).count() == 2
    assert Application.objects.get(pk=app.pk).due_date == case_clock(app).due_date


@pytest.mark.django_db
def test_the_upgrade_command_fills_dates_stored_empty_before(staff: Staff) -> None:
    from io import StringIO

    from django.core.management import call_command

    with override_settings(GONGKAI_PROCEDURE=reaching_unknown_year(DAY0)):
        app = registered(staff, DAY0)
        Application.objects.filter(pk=app.pk).update(due_date=None)  # as stored before
        out = StringIO()
        call_command("recompute_due_dates", stdout=out)
        app.refresh_from_db()
        assert app.due_date == case_clock(app).due_date and app.due_date is not None
        assert "1件" in out.getvalue()
        assert DeadlineRecalculation.objects.get(application=app).old_due is None
