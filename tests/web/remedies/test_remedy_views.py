"""The 复议/诉讼 pages: list with 表四, create and edit through forms, results; other agencies
never see a case, supervisors read but do not act."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from web_builders import PASSWORD, Staff, make_staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.remedies.kinds import CaseKind, ResultKind
from gongkai.web import demo
from gongkai.web.remedies.models import RemedyCase
from gongkai.web.remedies.statistics import table4_for

pytestmark = pytest.mark.django_db


def client_for(staff: Staff, role: Role) -> Client:
    client = Client()
    assert client.login(username=staff[role].get_username(), password=PASSWORD)
    return client


def test_create_then_record_a_result_through_the_forms(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    client = client_for(staff, Role.REVIEWER)
    form = client.get("/remedies/new/")
    assert form.status_code == 200 and "登记复议、诉讼案件" in form.content.decode()
    response = client.post(
        "/remedies/new/",
        {
            "agency": staff.agency.pk,
            "kind": CaseKind.REVIEW.value,
            "application_number": app.number,
            "claimant": "周某",
            "forum": "测试县人民政府",
            "case_number": "复〔2025〕1号",
            "filed_on": "2025-04-01",
        },
    )
    case = RemedyCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/remedies/{case.pk}/"
    assert case.application == app
    page = client.get(f"/remedies/{case.pk}/").content.decode()
    assert "复〔2025〕1号" in page and "尚未审结" in page and "登记结果" in page
    response = client.post(
        f"/remedies/{case.pk}/result/",
        {"result": ResultKind.REVIEW_CONFIRMED_ILLEGAL.value, "result_on": "2025-05-20"},
    )
    assert response.status_code == 302
    page = client.get(f"/remedies/{case.pk}/").content.decode()
    assert "确认违法" in page and "结果纠正" in page
    listing = client.get("/remedies/?year=2025").content.decode()
    assert "复〔2025〕1号" in listing and "结果纠正" in listing
    assert table4_for(staff.agency, 2025)["review_corrected"] == 1


def test_form_errors_are_shown_in_chinese(staff: Staff) -> None:
    client = client_for(staff, Role.HANDLER)
    response = client.post(
        "/remedies/new/",
        {
            "agency": staff.agency.pk,
            "kind": CaseKind.SUIT_DIRECT.value,
            "application_number": "2025-9999",
            "claimant": "周某",
            "forum": "法院",
            "filed_on": "2025-04-01",
        },
    )
    assert (
        response.status_code == 200
        and "本机关没有编号为2025-9999的申请" in response.content.decode()
    )
    case = RemedyCase.objects.create(
        agency=staff.agency,
        kind="review",
        claimant="周某",
        forum="政府",
        concerned_act="x",
        filed_on=date(2025, 4, 1),
    )
    bad = client.post(
        f"/remedies/{case.pk}/result/",
        {"result": ResultKind.SUIT_WITHDRAWN.value, "result_on": "2025-05-20"},
    )
    assert bad.status_code == 400
    assert "选择一个有效的选项" in bad.content.decode() or "有效" in bad.content.decode()
    early = client.post(
        f"/remedies/{case.pk}/result/",
        {"result": ResultKind.REVIEW_UPHELD.value, "result_on": "2025-03-01"},
    )
    assert early.status_code == 400 and "结果日期不能早于" in early.content.decode()


def test_edit_form(staff: Staff) -> None:
    client = client_for(staff, Role.OFFICE_HEAD)
    case = RemedyCase.objects.create(
        agency=staff.agency,
        kind="review",
        claimant="周某",
        forum="政府",
        concerned_act="x",
        filed_on=date(2025, 4, 1),
    )
    page = client.get(f"/remedies/{case.pk}/edit/").content.decode()
    assert 'value="周某"' in page
    response = client.post(
        f"/remedies/{case.pk}/edit/",
        {"claimant": "周某", "forum": "某市人民政府", "case_number": "复1", "concerned_act": "x"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.forum == "某市人民政府" and case.events.filter(action="edit").exists()


def test_other_agencies_see_nothing_and_supervisors_only_read(staff: Staff) -> None:
    case = RemedyCase.objects.create(
        agency=staff.agency,
        kind="review",
        claimant="周某",
        forum="政府",
        concerned_act="x",
        filed_on=date(2025, 4, 1),
        case_number="复〔2025〕7号",
    )
    other = make_staff("另一县公安局", prefix="other-")
    outsider = client_for(other, Role.OFFICE_HEAD)
    for url in (f"/remedies/{case.pk}/", f"/remedies/{case.pk}/edit/"):
        assert outsider.get(url).status_code == 404
    assert outsider.post(f"/remedies/{case.pk}/result/", {}).status_code == 404
    assert (
        "复〔2025〕7号"
        not in outsider.get(f"/remedies/?year=2025&agency={staff.agency.pk}").content.decode()
    )
    supervisor = client_for(staff, Role.SUPERVISOR)
    page = supervisor.get(f"/remedies/{case.pk}/").content.decode()
    assert "复〔2025〕7号" in page and "登记结果" not in page
    listing = supervisor.get(f"/remedies/?year=2025&agency={staff.agency.pk}").content.decode()
    assert "复〔2025〕7号" in listing and "登记复议、诉讼案件" not in listing
    response = supervisor.post(
        f"/remedies/{case.pk}/result/", {"result": "review_upheld", "result_on": "2025-05-01"}
    )
    assert response.status_code == 400 and "须由本机关的" in response.content.decode()
    assert client_for(staff, Role.SUPERVISOR).get("/remedies/new/").status_code == 200
    assert Client().get("/remedies/").status_code == 302  # login first


def test_remedy_demo_fills_every_block_and_table4_checks() -> None:
    today = date(2025, 12, 20)
    demo.load_demo(seed=7, count=40, today=today)  # runs every app's demo, this one included
    bureau = demo.Agency.objects.get(name=demo.BUREAU)
    assert RemedyCase.objects.filter(agency=bureau).count() == 5
    table = table4_for(bureau, 2025)
    assert table["review_total"] == 3 and table["review_pending"] == 1
    assert table["suit_direct_upheld"] == 1 and table["suit_after_review_pending"] == 1
    linked = RemedyCase.objects.filter(application__isnull=False)
    assert linked.exists()
    suit = RemedyCase.objects.get(kind=CaseKind.SUIT_AFTER_REVIEW.value)
    assert suit.review_case is not None and suit.review_case.result == ResultKind.REVIEW_UPHELD
