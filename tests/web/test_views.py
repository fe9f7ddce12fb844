from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from web_builders import PASSWORD, Staff, make_staff, registered

from gongkai.core.applications.roles import Role
from gongkai.web.applications import services

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_login_page_is_chinese_and_queue_needs_login(client: Client) -> None:
    response = client.get("/applications/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    page = client.get("/login/").content.decode()
    assert "用户名" in page and "密码" in page
    assert "http://" not in page and "https://" not in page  # no CDN


def test_queue_lists_only_the_users_agency_with_days_left(staff: Staff) -> None:
    other = make_staff("另一县公安局", prefix="other-")
    mine = registered(staff, date(2025, 3, 3), applicant_name="本局申请人")
    registered(other, date(2025, 3, 3), applicant_name="外局申请人")
    page = logged_in("handler").get("/applications/").content.decode()
    assert "本局申请人" in page and "外局申请人" not in page
    assert mine.number in page
    assert "2025-03-31" in page  # due date
    assert "已超期" in page  # 2025 is long past


def test_case_page_shows_timeline_and_is_hidden_from_other_agencies(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    services.request_supplement(staff[Role.HANDLER], app.pk, on=date(2025, 3, 4), items="范围")
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "登记申请" in page and "发出补正告知" in page and "待补正" in page
    make_staff("另一县公安局", prefix="other-")
    assert logged_in("other-handler").get(f"/applications/{app.pk}/").status_code == 404


def test_supervisor_reads_supervised_cases_but_has_no_queue(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    client = logged_in("supervisor")
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert "只有查看权限" in page
    assert "尚未在任何机关担任办理岗位" in client.get("/applications/").content.decode()
