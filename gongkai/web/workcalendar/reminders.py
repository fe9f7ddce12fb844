"""The yearly reminder to enter the State Council's holiday notice (国务院办公厅节假日安排通知).

The notice for year N is published late in year N−1, usually in November; until it is entered,
due dates that run into year N are only 暂定 (docs/calendar-and-deadlines.md). So from
1 November, and every day until an administrator has entered year N+1 and marked it complete,
everyone who may edit the calendar is reminded; from January on, the reminder is for the
current year, which by then is late. Found by the daily job (:mod:`gongkai.web.tasks.reminders`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from gongkai.web.tasks.reminders import ATTENTION, OVERDUE, Reminder
from gongkai.web.workcalendar.calendar import load_calendar

REMIND_FROM_MONTH = 11  # the notice usually comes out in November
PERMISSION = "change_calendaryear"


def year_to_enter(today: date) -> int:
    return today.year + 1 if today.month >= REMIND_FROM_MONTH else today.year


def calendar_editors() -> list[int]:
    """Active users who may edit the working-day calendar in the admin."""
    may_edit = (
        Q(is_superuser=True)
        | Q(user_permissions__codename=PERMISSION)
        | Q(groups__permissions__codename=PERMISSION)
    )
    users = get_user_model().objects.filter(may_edit, is_active=True, is_staff=True)
    return sorted(set(users.values_list("pk", flat=True)))


def collect(today: date) -> Iterator[Reminder]:
    year = year_to_enter(today)
    if load_calendar().covers_year(year):
        return
    late = year == today.year
    text = (
        f"尚未录入{year}年的节假日安排（国务院办公厅通知）。"
        + ("本年度已开始，" if late else "")
        + f"跨入{year}年的答复期限目前只是暂定日期，请在“工作日历”中录入并标记该年已完整录入"
    )
    path = reverse("admin:workcalendar_calendaryear_changelist")
    for user_id in calendar_editors():
        key = f"calendar:{year}:holidays"
        yield Reminder(user_id, key, OVERDUE if late else ATTENTION, "全平台", text, path)
