"""The front door (``/``) and each role's home (``/my/``, where the login lands)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from web_builders import PASSWORD, Staff, make_staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.calendar.workdays import default_calendar
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications import services
from gongkai.web.applications.config import due_date_for, work_calendar
from gongkai.web.applications.queue import due_soon_wd
from gongkai.web.portal.models import OnlineIntake
from gongkai.web.reports.models import ReportDraft, ReportVersion
from gongkai.web.workcalendar.services import enter_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def page_of(client: Client, url: str = "/my/") -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def links(html: str) -> list[str]:
    return re.findall(r'href="(/[^"#]*)', html)


# -- the front door ------------------------------------------------------------------------


def test_front_door_lists_every_agency_with_its_portals_for_anyone(staff: Staff) -> None:
    OnlineIntake.objects.create(agency=staff.agency, accepts=True)
    other = make_staff("另一县交通运输局", prefix="other-")
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for agency in (staff.agency, staff.office, other.agency, other.office):
        assert agency.name in html
        assert f'href="/catalogue/{agency.pk}/guide/"' in html
        assert f'href="/catalogue/{agency.pk}/items/"' in html
        assert f'href="/reports/{agency.pk}/"' in html
    assert f'href="/public/{staff.agency.pk}/apply/"' in html  # online intake is open there
    assert f'href="/public/{other.agency.pk}/apply/"' not in html  # and not here
    assert "政府信息公开指南" in html and "主动公开目录" in html and "年度报告" in html
    assert 'href="/public/track/"' in html and 'href="/login/"' in html
    assert "<h1>" in html and "<script" not in html
    assert "http://" not in html and "https://" not in html  # no CDN


def test_every_link_on_the_front_door_answers_an_anonymous_visitor(staff: Staff) -> None:
    OnlineIntake.objects.create(agency=staff.agency, accepts=True)
    client = Client()
    found = links(page_of(client, "/"))
    assert len(found) > 10
    for url in sorted(set(found)):
        assert client.get(url).status_code == 200, url


def test_login_lands_on_the_home_and_a_next_still_wins(staff: Staff) -> None:
    client = Client()
    response = client.post("/login/", {"username": "handler", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/my/"
    client = Client()
    response = client.post(
        "/login/", {"username": "handler", "password": PASSWORD, "next": "/applications/"}
    )
    assert response["Location"] == "/applications/"


def test_the_home_asks_for_a_login(client: Client) -> None:
    response = client.get("/my/")
    assert response.status_code == 302 and "/login/" in response["Location"]


# -- officer -------------------------------------------------------------------------------


def _day_due_soon(today: date) -> date:
    """A past day whose 20-working-day clock ends within the queue's “due soon” window."""
    horizon = work_calendar().add_working_days(today, due_soon_wd())
    for back in range(20, 60):
        day = today - timedelta(days=back)
        due, _ = due_date_for(day, 0, [])
        if due is not None and today <= due <= horizon:
            return day
    raise AssertionError("no day found")


def test_officer_sees_overdue_due_soon_and_waiting_cases_of_the_queue(staff: Staff) -> None:
    today = timezone.localdate()
    overdue = registered(staff, date(2025, 3, 3), applicant_name="超期申请人")
    soon = registered(staff, _day_due_soon(today), applicant_name="将到期申请人")
    waiting = registered(staff, date(2025, 3, 3), applicant_name="待补正申请人")
    services.request_supplement(staff[Role.HANDLER], waiting.pk, on=date(2025, 3, 4), items="范围")
    other = make_staff("另一县公安局", prefix="other-")
    registered(other, date(2025, 3, 3), applicant_name="外局申请人")

    html = page_of(logged_in(staff[Role.HANDLER]))
    assert "我的待办" in html and "外局申请人" not in html
    overdue_part, rest = html.split("即将到期：", 1)
    soon_part, waiting_part = rest.split("等待申请人", 1)
    assert overdue.number in overdue_part and "已超期：1 件" in overdue_part
    assert soon.number in soon_part and soon.number not in overdue_part
    assert waiting.number in waiting_part and "补正期限" in waiting_part
    # The same cases the queue's own filters list.
    client = logged_in(staff[Role.HANDLER])
    assert soon.number in page_of(client, "/applications/?due=soon")
    assert overdue.number in page_of(client, "/applications/?due=overdue")
    # Only the officer's sections.
    assert "待审签" not in html and "监督：" not in html and "工作日历" not in html


# -- office head ---------------------------------------------------------------------------


def test_office_head_sees_reports_to_sign_and_this_months_figures(staff: Staff) -> None:
    today = timezone.localdate()
    registered(staff, today, applicant_name="本月申请人")
    ReportDraft.objects.create(agency=staff.agency, year=today.year - 1)
    html = page_of(logged_in(staff[Role.OFFICE_HEAD]))
    assert "待审签的年度报告" in html
    assert f"{today.year - 1}年度报告：编制中，尚未审签" in html
    assert f"{today.year}年度报告：尚未开始编制" in html
    assert f'href="/reports/manage/{staff.agency.pk}/{today.year - 1}/"' in html
    figures = html.split("本月情况", 1)[1]
    assert re.search(r"<strong>1</strong>本月新收申请", figures)
    assert "我的待办" not in html  # an office head alone has no queue section


def test_office_head_of_another_agency_sees_nothing_of_this_one(staff: Staff) -> None:
    registered(staff, timezone.localdate(), applicant_name="本局申请人")
    other = make_staff("另一县公安局", prefix="other-")
    html = page_of(logged_in(other[Role.OFFICE_HEAD]))
    assert staff.agency.name not in html
    assert re.search(r"<strong>0</strong>本月新收申请", html)


# -- supervisor ----------------------------------------------------------------------------


def _published(staff: Staff, year: int, on: date, errors: int, warnings: int) -> ReportVersion:
    draft = ReportDraft.objects.create(agency=staff.agency, year=year)
    return ReportVersion.objects.create(
        draft=draft,
        agency=staff.agency,
        year=year,
        number=1,
        json_text="{}",
        checksum="0" * 64,
        published_on=on,
        published_by=staff[Role.OFFICE_HEAD],
        signed_off_by=staff[Role.OFFICE_HEAD],
        errors=errors,
        warnings=warnings,
    )


def test_supervisor_sees_who_published_late_ones_and_findings(staff: Staff) -> None:
    year = timezone.localdate().year - 1
    _published(staff, year, date(year + 1, 2, 3), errors=1, warnings=2)  # 3 days late
    second = Agency.objects.create(
        name="测试县交通运输局", kind=Agency.Kind.DEPARTMENT, supervisor=staff.office
    )
    foreign = make_staff("另一县公安局", prefix="other-")
    _published(foreign, year, date(year + 1, 1, 10), errors=0, warnings=0)

    html = page_of(logged_in(staff[Role.SUPERVISOR]))
    assert f"所属部门{year}年度报告" in html
    assert staff.agency.name in html and second.name in html
    assert foreign.agency.name not in html
    assert "逾期3天" in html and "错误1、警告2" in html
    assert re.search(r"<strong>2</strong>所属部门", html)
    assert re.search(r"<strong>1</strong>已发布", html)
    assert re.search(r'<strong class="overdue">2</strong>逾期', html)  # late + still missing
    assert re.search(r"<strong>3</strong>现行版本的错误和警告", html)
    assert f'href="/reports/supervision/?year={year}"' in html
    assert f'href="/reports/{staff.agency.pk}/{year}/v1/#findings"' in html
    assert "我的待办" not in html and "待审签" not in html
    # The other office's supervisor sees its own department only.
    other_html = page_of(logged_in(foreign[Role.SUPERVISOR]))
    assert staff.agency.name not in other_html and foreign.agency.name in other_html


# -- administrator -------------------------------------------------------------------------


def test_admin_sees_whether_next_years_notice_is_entered(staff: Staff) -> None:
    next_year = timezone.localdate().year + 1
    admin = staff[Role.ADMINISTRATOR]
    if not default_calendar().covers_year(next_year):
        enter_notice(
            None, next_year, "国办发明电〔测试〕1号", f"{next_year}-01-01 休息 元旦", complete=True
        )
        html = page_of(logged_in(admin))
        assert f"{next_year}年：已录入（国办发明电〔测试〕1号）" in html
    html = page_of(logged_in(admin))
    assert "系统管理：工作日历" in html
    assert 'href="/admin/workcalendar/calendaryear/"' in html
    assert "尚未录入国务院办公厅节假日安排" not in html


@pytest.mark.calendar_as_shipped
def test_admin_is_told_when_next_years_notice_is_missing(staff: Staff) -> None:
    next_year = timezone.localdate().year + 1
    if default_calendar().covers_year(next_year):
        pytest.skip("the shipped calendar knows next year")
    html = page_of(logged_in(staff[Role.ADMINISTRATOR]))
    assert f"{next_year}年：" in html and "尚未录入国务院办公厅节假日安排" in html
    assert 'href="/admin/workcalendar/calendaryear/enter/"' in html


# -- several roles -------------------------------------------------------------------------


def test_a_person_with_several_roles_sees_each_section(staff: Staff) -> None:
    person = get_user_model().objects.create_user(username="多岗", password=PASSWORD)
    for role in (Role.HANDLER, Role.OFFICE_HEAD, Role.ADMINISTRATOR):
        Membership.objects.create(user=person, agency=staff.agency, role=role.value)
    Membership.objects.create(user=person, agency=staff.office, role=Role.SUPERVISOR.value)
    html = page_of(logged_in(person))
    for heading in ("我的待办", "待审签的年度报告", "监督：所属部门", "系统管理：工作日历"):
        assert heading in html


def test_someone_without_a_role_is_told_so(staff: Staff) -> None:
    nobody = get_user_model().objects.create_user(username="无岗", password=PASSWORD)
    html = page_of(logged_in(nobody))
    assert "尚未在任何机关担任岗位" in html
