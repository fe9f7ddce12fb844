"""The staff pages, the public column with every download, the supervisor's view, and who
may see what."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from report_builders import YEAR, FakeSources, fill_placeholders, publish_year
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.parsing.read import read_report
from gongkai.core.report import jsonio
from gongkai.core.reporting.formats import available_formats
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.reports.models import ReportVersion

pytestmark = pytest.mark.django_db


def client_for(staff: Staff, role: Role) -> Client:
    client = Client()
    client.force_login(staff[role])
    return client


def test_manage_and_builder_pages_show_the_report(
    staff: Staff, complete_sources: FakeSources
) -> None:
    client = client_for(staff, Role.HANDLER)
    page = client.get(reverse("reports:manage")).content.decode()
    assert f"编制{YEAR}年度报告" in page
    url = reverse("reports:builder", args=[staff.agency.pk, YEAR])
    page = client.get(url).content.decode()
    assert "【待补充：" in page and "须改正后才能发布" in page
    assert "本年新收政府信息公开申请数量" in page  # the tables are shown
    assert "负责人审签</button>" not in page  # handler cannot sign; errors remain


def test_a_user_goes_from_an_empty_year_to_a_published_report_through_the_forms(
    staff: Staff, complete_sources: FakeSources
) -> None:
    from gongkai.web.reports.builder import assemble

    handler, head = client_for(staff, Role.HANDLER), client_for(staff, Role.OFFICE_HEAD)
    args = [staff.agency.pk, YEAR]
    texts = {}
    for s in assemble(staff.agency, YEAR).report.sections:
        texts[s.key] = s.text.replace("【待补充：", "（").replace("】", "）已落实。")
    handler.post(reverse("reports:edit", args=args), texts)
    page = handler.get(reverse("reports:builder", args=args)).content.decode()
    assert "须改正后才能发布" not in page
    warnings = [k for k in _warning_keys(page)]
    handler.post(reverse("reports:acknowledge", args=args), {"warning": warnings})
    response = head.post(reverse("reports:sign_off", args=args), follow=True)
    assert "负责人已审签" in response.content.decode()
    response = head.post(
        reverse("reports:publish", args=args), {"published_on": "2026-01-20"}, follow=True
    )
    assert f"已发布{YEAR}年度报告第1版" in response.content.decode()
    assert ReportVersion.objects.filter(agency=staff.agency, year=YEAR, number=1).exists()


def _warning_keys(page: str) -> list[str]:
    import re

    return re.findall(r'name="warning" value="([^"]+)"', page)


def test_errors_come_back_as_messages_not_tracebacks(
    staff: Staff, complete_sources: FakeSources
) -> None:
    head = client_for(staff, Role.OFFICE_HEAD)
    args = [staff.agency.pk, YEAR]
    page = head.post(reverse("reports:sign_off", args=args), follow=True).content.decode()
    assert "报告还不能审签" in page
    page = head.post(
        reverse("reports:publish", args=args), {"published_on": "明天"}, follow=True
    ).content.decode()
    assert "请按“年-月-日”填写发布日期" in page


def test_public_column_lists_versions_and_serves_every_download(
    staff: Staff, complete_sources: FakeSources
) -> None:
    version = publish_year(staff)
    anonymous = Client()
    page = anonymous.get(reverse("reports:public_list", args=[staff.agency.pk])).content.decode()
    assert f"{staff.agency.name}{YEAR}年政府信息公开工作年度报告" in page
    assert "<script" not in page
    url = reverse("reports:public_version", args=[staff.agency.pk, YEAR, 1])
    page = anonymous.get(url).content.decode()
    assert version.checksum in page and "申请人情况" in page
    for fmt in available_formats():
        response = anonymous.get(
            reverse("reports:public_download", args=[staff.agency.pk, YEAR, 1, fmt])
        )
        assert response.status_code == 200, fmt
        if fmt in ("html", "json"):
            report = read_report(response.content, f"x.{fmt}")
            assert report.table3 == jsonio.loads(version.json_text).table3
    missing = reverse("reports:public_download", args=[staff.agency.pk, YEAR, 1, "odt"])
    assert anonymous.get(missing).status_code == 404
    assert anonymous.get(reverse("reports:public_list", args=[99999])).status_code == 404


def test_staff_pages_need_a_staff_role_in_that_agency(
    staff: Staff, complete_sources: FakeSources
) -> None:
    url = reverse("reports:builder", args=[staff.agency.pk, YEAR])
    assert Client().get(url).status_code == 302  # to the login page
    assert client_for(staff, Role.SUPERVISOR).get(url).status_code == 404
    export = reverse("reports:export", args=[staff.agency.pk, YEAR, "json"])
    response = client_for(staff, Role.HANDLER).get(export)
    assert jsonio.loads(response.content.decode()).year == YEAR
    post = reverse("reports:sign_off", args=[staff.agency.pk, YEAR])
    client_for(staff, Role.HANDLER).post(post)
    fill_placeholders(staff)
    assert not staff.agency.report_drafts.get().signed_checksum


def test_supervisor_sees_who_published_late_and_with_what_findings(
    staff: Staff, complete_sources: FakeSources
) -> None:
    publish_year(staff, on=date(2026, 2, 3))
    other = Agency.objects.create(
        name="测试县民政局", kind=Agency.Kind.DEPARTMENT, supervisor=staff.office
    )
    Agency.objects.create(name="别县公安局", kind=Agency.Kind.DEPARTMENT)  # not supervised
    client = client_for(staff, Role.SUPERVISOR)
    page = client.get(reverse("reports:supervision"), {"year": YEAR}).content.decode()
    assert staff.agency.name in page and other.name in page
    assert "别县公安局" not in page
    assert "逾期3天" in page
    assert "已逾期，尚未发布" in page
    version = ReportVersion.objects.get()
    assert f"错误{version.errors} · 警告{version.warnings}" in page
    assert reverse("reports:public_version", args=[staff.agency.pk, YEAR, 1]) in page
    assert client_for(staff, Role.HANDLER).get(reverse("reports:supervision")).status_code == 403
    Membership.objects.filter(role=Role.SUPERVISOR.value).delete()
    assert client.get(reverse("reports:supervision")).status_code == 403
