"""Two reminders the procedure needs: next year's holiday notice, from November until entered,
and online or posted applications never confirmed (条例 §31(二)(三): day 0 is the day of
confirmation, so an unconfirmed case has no clock at all)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from web_builders import Staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.reminders import collect as case_reminders
from gongkai.web.workcalendar import reminders as calendar_reminders
from gongkai.web.workcalendar.models import CalendarYear

pytestmark = pytest.mark.django_db


def unconfirmed_keys(today: date) -> set[tuple[int, str]]:
    return {(r.user_id, r.key) for r in case_reminders(today) if r.key.endswith(":unconfirmed")}


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.MAIL_ORDINARY])
def test_an_unconfirmed_case_is_reminded_until_confirmed(staff: Staff, channel: Channel) -> None:
    app = registered(staff, date(2025, 3, 3), channel)
    assert unconfirmed_keys(date(2025, 3, 3)) == set()  # the day it arrived: not yet late
    key = f"application:{app.pk}:unconfirmed"
    expected = {(staff[Role.REGISTRAR].pk, key), (staff[Role.HANDLER].pk, key)}
    assert unconfirmed_keys(date(2025, 3, 5)) == expected
    services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=date(2025, 3, 5), method="电话")
    assert unconfirmed_keys(date(2025, 3, 6)) == set()


def test_an_in_person_case_needs_no_confirmation(staff: Staff) -> None:
    registered(staff, date(2025, 3, 3))
    assert unconfirmed_keys(date(2025, 3, 10)) == set()


def _admin() -> int:
    user = get_user_model().objects.create_user("rili", password="x", is_staff=True)
    user.is_superuser = True
    user.save()
    return int(user.pk)


def test_holiday_notice_reminder_runs_from_november_until_entered(staff: Staff) -> None:
    admin = _admin()
    year = 2099  # a year the package has no data for
    october, november = date(year - 1, 10, 31), date(year - 1, 11, 1)
    assert all(f"calendar:{year}:" not in r.key for r in calendar_reminders.collect(october))
    found = list(calendar_reminders.collect(november))
    assert [(r.user_id, r.key) for r in found] == [(admin, f"calendar:{year}:holidays")]
    assert f"{year}年" in found[0].text and found[0].path.startswith("/admin/")
    assert staff[Role.HANDLER].pk not in {r.user_id for r in found}  # only calendar editors
    late = list(calendar_reminders.collect(date(year, 1, 5)))
    assert late and late[0].severity == "overdue" and "本年度已开始" in late[0].text
    CalendarYear.objects.create(year=year, notice="国办发明电〔2098〕1号", complete=True)
    assert list(calendar_reminders.collect(date(year - 1, 12, 1))) == []


def test_the_year_to_enter_turns_in_november() -> None:
    assert calendar_reminders.year_to_enter(date(2026, 10, 31)) == 2026
    assert calendar_reminders.year_to_enter(date(2026, 11, 1)) == 2027
    assert calendar_reminders.year_to_enter(date(2026, 12, 31)) == 2027
