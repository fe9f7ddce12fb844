"""§41 更正 requests filed by the applicant on the portal (条例第四十一条, S1 §41 VERIFIED):
the form, the one registration behind it, the private status page and the notice's files."""

from __future__ import annotations

from typing import Any

import pytest
from builders_portal import open_agency, spam_fields
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from web_builders import make_staff

from gongkai.core.applications.record_corrections import CorrectionDecision, CorrectionStep
from gongkai.core.applications.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.correcting import decide_correction, register_correction
from gongkai.web.applications.correction_requests import CorrectionEvent, CorrectionRequest
from gongkai.web.applications.models import Application
from gongkai.web.kernel.guards import GuardFailed
from gongkai.web.portal.corrections import correction_token
from gongkai.web.portal.models import OnlineCorrection, OnlineIntake

pytestmark = pytest.mark.django_db


def correction_post(**overrides: Any) -> dict[str, Any]:
    return {
        "applicant_type": "natural_person",
        "applicant_name": "李某某",
        "contact": "13800000000",
        "record": "2024年度低保审批名单中本人的出生日期记为1980年1月1日",
        "requested": "出生日期为1981年1月1日",
        "evidence": "居民身份证复印件、户口簿复印件",
        **spam_fields(),
        **overrides,
    }


def correct_url(agency: Agency) -> str:
    return reverse("portal:correct", args=[agency.pk])


def token_of(response: Any) -> str:
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert "/correction/" in location, location
    return location.rstrip("/").split("/")[-1]


def test_the_agency_list_offers_the_form_and_the_form_renders_without_javascript(
    client: Client,
) -> None:
    agency = open_agency()
    assert correct_url(agency) in client.get("/public/").content.decode()
    response = client.get(correct_url(agency))
    html = response.content.decode()
    assert response.status_code == 200 and "<script" not in html
    for words in ("第四十一条", "要求更正的政府信息记录", "要求更正为", "证据", "验证问题"):
        assert words in html
    assert "未规定办理期限" in html  # no clock is promised
    closed = Agency.objects.create(name="暂停的局", kind=Agency.Kind.DEPARTMENT)
    OnlineIntake.objects.create(agency=closed, accepts=False)
    assert client.get(correct_url(closed)).status_code == 404


def test_a_filed_request_is_registered_by_the_one_registration(client: Client) -> None:
    agency = open_agency()
    response = client.post(correct_url(agency), correction_post())
    token = token_of(response)
    request = CorrectionRequest.objects.get()
    assert request.agency == agency and request.applicant_name == "李某某"
    assert request.arrived_on == timezone.localdate()
    assert request.number == f"{request.arrived_on.year}-0001"
    assert request.evidence == "居民身份证复印件、户口簿复印件"
    event = CorrectionEvent.objects.get(request=request)
    assert event.action == CorrectionStep.REGISTER.value and event.actor is None
    assert "网上申请平台" in event.note
    online = OnlineCorrection.objects.get()
    assert online.correction == request and token not in online.token_hash
    # no 政府信息公开申请: no case, no clock, no 表三 row
    assert not Application.objects.exists()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert request.number in html and "已收到，正在审核" in html


def test_the_evidence_the_article_requires_is_asked_for_in_chinese(client: Client) -> None:
    agency = open_agency()
    response = client.post(correct_url(agency), correction_post(evidence=" "))
    assert response.status_code == 200
    assert "第四十一条：申请更正须有证据证明" in response.content.decode()
    response = client.post(correct_url(agency), correction_post(challenge_answer="9"))
    assert "验证问题回答不正确" in response.content.decode()
    bad = client.post(correct_url(agency), correction_post(record="出生日期\x07记错"))
    assert bad.status_code == 200 and "form" in bad.context
    assert bad.context["form"].errors["record"]
    assert not CorrectionRequest.objects.exists()


def test_a_second_click_is_the_same_request(client: Client) -> None:
    agency = open_agency()
    data = correction_post()
    first = token_of(client.post(correct_url(agency), data))
    again = token_of(client.post(correct_url(agency), data))
    assert first == again
    assert CorrectionRequest.objects.count() == 1 and OnlineCorrection.objects.count() == 1


def test_the_decision_and_its_notice_reach_the_applicant(client: Client) -> None:
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency, accepts=True)
    response = client.post(correct_url(staff.agency), correction_post())
    token = token_of(response)
    request = CorrectionRequest.objects.get()
    decide_correction(
        staff[Role.HANDLER],
        request.pk,
        on=request.arrived_on,
        decision=CorrectionDecision.CORRECTED,
        corrected_to="出生日期：1981年1月1日",
    )
    html = client.get(response["Location"]).content.decode()
    assert "已作出决定" in html and "1981年1月1日" in html
    letter = request.letters.get()
    url = reverse("portal:correction_letter", args=[token, letter.pk, "docx"])
    assert url in html
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"  # a DOCX (zip) file


def test_links_are_private_to_their_request(client: Client) -> None:
    agency = open_agency()
    token_of(client.post(correct_url(agency), correction_post()))
    assert client.get(reverse("portal:correction", args=["x" * 43])).status_code == 404
    # a token derived for another form opens nothing
    other = correction_token("k" * 32)
    assert client.get(reverse("portal:correction", args=[other])).status_code == 404


def test_staff_cannot_register_in_the_applicants_name() -> None:
    staff = make_staff()
    with pytest.raises(GuardFailed, match="申请人本人提交"):
        register_correction(
            staff[Role.REGISTRAR],
            staff.agency,
            arrived_on=timezone.localdate(),
            applicant_type="natural_person",
            applicant_name="李某某",
            contact="13800000000",
            record="记录",
            requested="更正为",
            evidence="证据",
            by_applicant=True,
        )
    assert not CorrectionRequest.objects.exists()
