"""Receipt, status page, letters, lookup; the secrecy of the link and of personal data."""

from __future__ import annotations

from typing import Any

import pytest
from builders_portal import (
    VALID_ID,
    only_submission,
    open_agency,
    organisation_post,
    person_post,
    spam_fields,
    submit,
    token_of,
)
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from web_builders import Staff, make_staff

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.portal.tracking import make_tracking_number
from gongkai.web.applications import services
from gongkai.web.applications.config import due_date_for
from gongkai.web.applications.models import Application, Letter
from gongkai.web.portal import antispam
from gongkai.web.portal.models import OnlineIntake, TrackingLink
from gongkai.web.portal.services import token_hash

pytestmark = pytest.mark.django_db


def submitted(client: Client, agency: Any, **overrides: Any) -> str:
    response = submit(client, agency, person_post(**overrides))
    assert response.status_code == 302, response.context["form"].errors
    return token_of(response)


@pytest.fixture
def staff(db: None) -> Staff:
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency)
    return staff


def test_receipt_has_number_link_clock_and_next_steps(client: Client) -> None:
    token = submitted(client, open_agency())
    response = client.get(f"/public/track/{token}/receipt/")
    html = response.content.decode()
    submission = only_submission()
    assert submission.tracking_number in html
    assert f"http://testserver/public/track/{token}/" in html
    assert "请勿转发" in html
    app = submission.application
    expected, problem = due_date_for(timezone.localdate(app.arrived_at), 0, [])
    if app.received_date is None:
        assert "受理机关确认收到申请之日为收到申请之日" in html
    if expected is not None:
        assert f"{expected.year}年{expected.month}月{expected.day}日" in html
    else:
        assert problem in html
    assert "7个工作日内一次性告知您补正" in html and "第三十三条" in html


def test_the_link_secret_is_stored_only_as_a_hash(client: Client) -> None:
    token = submitted(client, open_agency())
    link = TrackingLink.objects.get()
    assert link.token_hash == token_hash(token) and token not in link.token_hash
    assert link.origin == TrackingLink.Origin.RECEIPT
    assert len(token) >= 40


def test_wrong_tokens_are_not_found(client: Client) -> None:
    token = submitted(client, open_agency())
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    for path in (
        f"/public/track/{wrong}/",
        f"/public/track/{wrong}/receipt/",
        "/public/track/short/",
    ):
        assert client.get(path).status_code == 404
    assert client.get(f"/public/track/{token}/").status_code == 200
    assert client.get(f"/public/track/{token_hash(token)}/").status_code == 404


def test_private_pages_are_not_cached_indexed_or_referred(client: Client) -> None:
    agency = open_agency()
    token = submitted(client, agency)
    for path in (
        f"/public/track/{token}/",
        f"/public/track/{token}/receipt/",
        "/public/track/",
        f"/public/{agency.pk}/apply/",
    ):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "same-origin"


def test_status_page_masks_identity_numbers_and_contacts(client: Client) -> None:
    token = submitted(client, open_agency())
    html = client.get(f"/public/track/{token}/").content.decode()
    assert VALID_ID not in html and "13812345678" not in html and "zhou@example.cn" not in html
    assert "**************002X" in html
    assert "*******5678" in html
    assert "z***@example.cn" in html
    assert "周*" in html and "周明" not in html


def test_organisation_code_is_masked_but_its_name_shown(client: Client) -> None:
    data = organisation_post(ApplicantType.LEGAL_SERVICE_ORG)
    token = token_of(submit(client, open_agency(), data))
    html = client.get(f"/public/track/{token}/").content.decode()
    assert "清河律师事务所" in html
    assert data["credit_code"] not in html and "**************0Y43" in html


def test_status_words_and_public_timeline_through_the_steps(client: Client, staff: Staff) -> None:
    token = submitted(client, staff.agency)
    app = only_submission().application
    today = timezone.localdate()
    if app.received_date is None:
        page = client.get(f"/public/track/{token}/").content.decode()
        assert "已提交，待确认收到" in page
        services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=today, method="平台回执")
    services.request_supplement(
        staff[Role.HANDLER], app.pk, on=today, items="请写明所需统计数据的年份和区域"
    )
    page = client.get(f"/public/track/{token}/").content.decode()
    app.refresh_from_db()
    assert "需要补正" in page
    assert "请写明所需统计数据的年份和区域" in page  # the notice is written to the applicant
    assert (
        f"{app.supplement_due.year}年{app.supplement_due.month}月{app.supplement_due.day}日" in page
    )
    assert "待补正" not in page  # the office's own word for the status
    assert "提交申请" in page and "发出补正告知" in page


def test_replies_download_once_issued(client: Client, staff: Staff) -> None:
    token = submitted(client, staff.agency)
    app = only_submission().application
    today = timezone.localdate()
    if app.received_date is None:
        services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=today, method="平台回执")
    services.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=today,
        outcome=Outcome.GRANTED,
        reasons="内部讨论：可以公开",
        details="随本答复书提供",
    )
    draft = Letter.objects.get(application=app)
    draft.pdf.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"))
    page = client.get(f"/public/track/{token}/").content.decode()
    assert "暂无" in page  # a draft is the office's, not the applicant's
    assert "内部讨论" not in page and "作出办理决定" not in page  # a hidden step
    assert client.get(f"/public/track/{token}/letters/{draft.pk}/pdf/").status_code == 404

    services.issue(staff[Role.REGISTRAR], app.pk, on=today)
    letter = Letter.objects.get(application=app, issued_on=today)
    page = client.get(f"/public/track/{token}/").content.decode()
    assert "已答复" in page and letter.title in page
    letter.pdf.save("reply.pdf", ContentFile(b"%PDF-1.4 reply"))
    letter.docx.save("reply.docx", ContentFile(b"PK\x03\x04 docx"))
    response = client.get(f"/public/track/{token}/letters/{letter.pk}/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 reply"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"].startswith("no-store")
    docx = client.get(f"/public/track/{token}/letters/{letter.pk}/docx/")
    assert docx.status_code == 200


def test_another_applicants_letter_is_not_reachable(client: Client, staff: Staff) -> None:
    mine = submitted(client, staff.agency)
    submit(client, staff.agency, person_post())
    other = Application.objects.exclude(pk=only_app_of(mine).pk).get()
    letter = Letter.objects.create(
        application=other, kind="reply", title="答复书", issued_on=timezone.localdate()
    )
    letter.pdf.save("x.pdf", ContentFile(b"%PDF-1.4"))
    assert client.get(f"/public/track/{mine}/letters/{letter.pk}/pdf/").status_code == 404


def only_app_of(token: str) -> Application:
    link = TrackingLink.objects.select_related("submission__application").get(
        token_hash=token_hash(token)
    )
    return link.submission.application


def lookup(client: Client, number: str, last4: str, **extra: Any) -> Any:
    return client.post(
        "/public/track/", {"tracking_number": number, "last4": last4, **spam_fields(), **extra}
    )


def test_lookup_by_phone_or_id_gives_a_new_working_link(client: Client) -> None:
    old = submitted(client, open_agency())
    number = only_submission().tracking_number
    response = lookup(client, number.lower().replace("-", " "), "5678")
    assert response.status_code == 302
    new = response["Location"].rstrip("/").split("/")[-1]
    assert new != old
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/public/track/{old}/").status_code == 200  # the old link still works
    assert lookup(client, number, "002x").status_code == 302
    assert TrackingLink.objects.filter(origin=TrackingLink.Origin.LOOKUP).count() == 2


def test_lookup_mismatch_says_nothing_about_which_part_is_wrong(client: Client) -> None:
    submitted(client, open_agency())
    number = only_submission().tracking_number
    mismatch = lookup(client, number, "0000").content.decode()
    assert "查询号与后4位不匹配，请核对后重试" in mismatch
    typo = lookup(client, number[:-1] + ("0" if number[-1] != "0" else "1"), "5678")
    assert typo.context["form"].errors["tracking_number"] == [
        "查询号格式不正确，请核对回执上的查询号"
    ]
    unknown_number = make_tracking_number(2026, b"\xff" * 5)
    assert unknown_number != number
    unknown = lookup(client, unknown_number, "5678").content.decode()
    assert "查询号与后4位不匹配，请核对后重试" in unknown  # the same words: no oracle


def test_lookup_is_rate_limited_per_address(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_LOOKUP_RATE = "2/hour"
    submitted(client, open_agency())
    number = only_submission().tracking_number
    assert lookup(client, number, "0000").status_code == 200
    assert lookup(client, number, "0000").status_code == 200
    response = lookup(client, number, "5678")
    assert response.status_code == 429 and "查询申请" in response.content.decode()


def test_guessing_one_numbers_digits_is_limited_from_any_address(
    client: Client, settings: Any
) -> None:
    settings.GONGKAI_PORTAL_LOOKUP_NUMBER_RATE = "2/day"
    submitted(client, open_agency())
    number = only_submission().tracking_number
    for address in ("10.0.0.1", "10.0.0.2"):
        assert lookup(Client(REMOTE_ADDR=address), number, "0000").status_code == 200
    blocked = lookup(Client(REMOTE_ADDR="10.0.0.3"), number, "5678")
    assert blocked.status_code == 429


def test_lookup_has_the_same_robot_checks(client: Client) -> None:
    submitted(client, open_agency())
    number = only_submission().tracking_number
    assert lookup(client, number, "5678", **{antispam.HONEYPOT: "x"}).status_code == 400
    wrong = lookup(client, number, "5678", challenge_answer="99")
    assert wrong.context["form"].errors["challenge_answer"] == ["验证问题回答不正确，请重新作答"]
    html = client.get("/public/track/").content.decode()
    assert "验证问题" in html and f'name="{antispam.HONEYPOT}"' in html
