"""The work queue: due date, working days left, due-soon and overdue marks, filters, search,
pages, masked phone numbers, and a constant number of queries whatever the page holds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders_applications import D, case_in, logged_in, unit_of
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from web_builders import Staff, make_staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications import services
from gongkai.web.applications.config import work_calendar

pytestmark = pytest.mark.django_db


def queue(username: str, query: str = "") -> str:
    return logged_in(username).get(f"/applications/{query}").content.decode()


def recent_workday(days_back: int) -> date:
    day = timezone.localdate() - timedelta(days=days_back)
    while not work_calendar().is_workday(day):
        day -= timedelta(days=1)
    return day


def test_overdue_and_due_soon_are_marked_and_filtered(staff: Staff, settings: object) -> None:
    settings.GONGKAI_DUE_SOON_WD = 5  # type: ignore[attr-defined]
    old = registered(staff, D[3], applicant_name="早申请人")  # long overdue
    fresh = registered(staff, recent_workday(0), applicant_name="新申请人")
    soon_day0 = recent_workday(0)
    calendar = work_calendar()
    # day 0 such that the due date is 3 working days from today
    while (
        calendar.working_days_left(timezone.localdate(), calendar.add_working_days(soon_day0, 20))
        > 3
    ):
        soon_day0 -= timedelta(days=1)
    soon = registered(staff, soon_day0, applicant_name="将到期申请人")
    page = queue("handler")
    assert "已超期" in page and "即将到期：" in page and "剩余 5 个工作日以内" in page
    overdue = queue("handler", "?due=overdue")
    assert old.number in overdue and "新申请人" not in overdue and "将到期申请人" not in overdue
    due_soon = queue("handler", "?due=soon")
    assert "将到期申请人" in due_soon and "早申请人" not in due_soon
    assert soon.pk and fresh.pk


def test_filters_by_group_channel_handler_unit_and_search(staff: Staff) -> None:
    by_fax = registered(
        staff, D[3], Channel.FAX, applicant_name="传真申请人", description="信号灯设置方案"
    )
    assigned = case_in(staff, Status.ASSIGNED)
    received = registered(staff, D[3], applicant_name="审查申请人")
    services.review(
        staff[Role.REVIEWER],
        received.pk,
        on=D[4],
        conclusion="clear",
        handler_id=staff[Role.HANDLER].pk,
    )
    archived = case_in(staff, Status.ARCHIVED)
    page = queue("handler")
    assert archived.number not in page  # concluded cases are off the default list
    assert archived.number in queue("handler", "?group=concluded")
    assert archived.number in queue("handler", "?group=all")
    assert by_fax.number in queue("handler", "?group=intake")
    fax_only = queue("handler", "?channel=fax")
    assert "传真申请人" in fax_only and "审查申请人" not in fax_only
    mine = queue("handler", f"?handler={staff[Role.HANDLER].pk}")
    assert "审查申请人" in mine and "传真申请人" not in mine
    unit_page = queue("handler", f"?unit={unit_of(staff).pk}")
    assert assigned.number in unit_page and "审查申请人" not in unit_page
    assert "传真申请人" in queue("handler", "?q=信号灯")
    assert "传真申请人" in queue("handler", "?q=传真申")
    assert by_fax.number in queue("handler", f"?q={by_fax.number}")
    assert "没有符合条件的申请" in queue("handler", "?q=不存在的内容")


def test_pages_and_constant_queries(staff: Staff, settings: object) -> None:
    settings.GONGKAI_QUEUE_PAGE_SIZE = 5  # type: ignore[attr-defined]
    for n in range(12):
        registered(
            staff,
            D[3] + timedelta(days=n % 3),
            applicant_name=f"申请人{n:02d}",
            contact_phone="13812345678",
        )
    client = logged_in("handler")
    first = client.get("/applications/").content.decode()
    assert "共 12 件，第 1/3 页" in first and "下一页" in first
    assert "138****5678" in first and "13812345678" not in first
    third = client.get("/applications/?page=3").content.decode()
    assert third.count("申请人") >= 2 and "上一页" in third
    with CaptureQueriesContext(connection) as few:
        client.get("/applications/?page=1")
    settings.GONGKAI_QUEUE_PAGE_SIZE = 12  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as many:
        client.get("/applications/?page=1")
    assert len(many) == len(few)  # no query per row


def test_other_agencies_cases_never_appear(staff: Staff) -> None:
    other = make_staff("另一县公安局", prefix="other-")
    registered(other, D[3], applicant_name="外局申请人")
    registered(staff, D[3], applicant_name="本局申请人")
    page = queue("handler", "?group=all")
    assert "本局申请人" in page and "外局申请人" not in page
    assert "外局申请人" not in queue("handler", "?q=外局")
