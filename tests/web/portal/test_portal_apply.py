"""The online application form: each applicant type, every field rule, the created case."""

from __future__ import annotations

from typing import Any

import pytest
from builders_portal import (
    VALID_CREDIT_CODE,
    apply_url,
    only_submission,
    open_agency,
    organisation_post,
    person_post,
    submit,
    token_of,
)
from django.core import mail
from django.test import Client
from django.utils import timezone
from web_builders import make_staff, registered

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel, day0_at_arrival
from gongkai.core.applications.statuses import Status
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.portal.models import OnlineIntake

pytestmark = pytest.mark.django_db


def errors_of(response: Any) -> dict[str, list[str]]:
    assert response.status_code in (200, 400), response.status_code
    return {k: list(v) for k, v in response.context["form"].errors.items()}


def test_agency_list_shows_only_agencies_open_for_online_applications(client: Client) -> None:
    agency = open_agency()
    Agency.objects.create(name="未开通的局", kind=Agency.Kind.DEPARTMENT)
    closed = Agency.objects.create(name="暂停的局", kind=Agency.Kind.DEPARTMENT)
    OnlineIntake.objects.create(agency=closed, accepts=False)
    page = client.get("/public/").content.decode()
    assert agency.name in page and apply_url(agency) in page
    assert "未开通的局" not in page and "暂停的局" not in page
    assert client.get(apply_url(closed)).status_code == 404


def test_the_form_renders_accessibly_without_javascript(client: Client) -> None:
    agency = open_agency()
    response = client.get(apply_url(agency))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in html
    for label in ("申请人类型", "证件号码", "统一社会信用代码", "联系电话", "验证问题", "提供形式"):
        assert label in html
    assert html.count("<fieldset") >= 6 and "<legend>" in html
    assert 'for="id_person_name"' in html and 'id="id_person_name"' in html
    assert "受理时间：工作日" in html  # the agency's notice


def test_natural_person_creates_an_online_application(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    agency = open_agency()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, agency, person_post(purpose="了解交通安全状况"))
    assert response.status_code == 302
    submission = only_submission()
    app = submission.application
    assert app.channel == Channel.ONLINE.value
    assert app.applicant_type == ApplicantType.NATURAL_PERSON.value
    assert app.applicant_name == "周明"
    assert app.id_document == "居民身份证 11010519491231002X"
    assert submission.purpose == "了解交通安全状况"
    day0 = day0_at_arrival(Channel.ONLINE, app.arrived_at.date())
    assert app.received_date == day0
    expected = Status.AWAITING_CONFIRMATION if day0 is None else Status.RECEIVED
    assert app.status == expected.value
    assert app.number.endswith("-0001")
    event = CaseEvent.objects.get(application=app)
    assert event.action == "register" and event.actor is None
    assert "网上申请平台" in event.note and "了解交通安全状况" in event.note
    # The acknowledgement mail, from its template, with the private link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhou@example.cn"]
    assert submission.tracking_number in message.subject
    assert f"/public/track/{token_of(response)}/" in message.body


def test_no_mail_without_an_email_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    agency = open_agency()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, agency, person_post(contact_email="", delivery="pickup"))
    assert Application.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    "kind",
    [t for t in ApplicantType if t is not ApplicantType.NATURAL_PERSON],
)
def test_each_organisation_type(client: Client, kind: ApplicantType) -> None:
    agency = open_agency()
    response = submit(client, agency, organisation_post(kind))
    assert response.status_code == 302
    submission = only_submission()
    app = submission.application
    assert app.applicant_type == kind.value
    assert app.applicant_name == "清河律师事务所"
    assert app.credit_code == VALID_CREDIT_CODE
    assert app.id_document == ""
    assert submission.contact_person == "李律师"


def test_organisation_needs_name_code_and_contact_person(client: Client) -> None:
    agency = open_agency()
    data = organisation_post(
        ApplicantType.COMMERCIAL_ENTERPRISE, org_name="", credit_code="", contact_person=""
    )
    errors = errors_of(submit(client, agency, data))
    assert errors["org_name"] == ["请填写法人或其他组织的名称"]
    assert errors["credit_code"] == ["请填写统一社会信用代码"]
    assert errors["contact_person"] == ["请填写法定代表人或联系人姓名"]
    assert Application.objects.count() == 0


def test_credit_code_check_digit(client: Client) -> None:
    agency = open_agency()
    data = organisation_post(ApplicantType.OTHER_ORG, credit_code="91350100M000100Y44")
    assert errors_of(submit(client, agency, data))["credit_code"] == [
        "统一社会信用代码校验位不正确，请核对后重新填写"
    ]


def test_person_needs_name_and_a_valid_document(client: Client) -> None:
    agency = open_agency()
    errors = errors_of(submit(client, agency, person_post(person_name="", id_document_type="")))
    assert errors["person_name"] == ["请填写申请人姓名"]
    assert errors["id_document_type"] == ["请选择证件类型"]
    errors = errors_of(submit(client, agency, person_post(id_number="110105194912310021")))
    assert errors["id_number"] == ["居民身份证号码校验位不正确，请核对后重新填写"]
    errors = errors_of(submit(client, agency, person_post(id_number="")))
    assert errors["id_number"] == ["请填写证件号码"]


def test_passport_numbers_are_checked_by_shape(client: Client) -> None:
    agency = open_agency()
    response = submit(
        client, agency, person_post(id_document_type="passport", id_number="E1234567")
    )
    assert response.status_code == 302
    assert only_submission().application.id_document == "护照 E1234567"


def test_the_fields_of_the_other_type_are_ignored(client: Client) -> None:
    agency = open_agency()
    response = submit(client, agency, person_post(org_name="某公司", credit_code="bad"))
    assert response.status_code == 302
    assert only_submission().application.credit_code == ""


def test_applicant_type_is_required(client: Client) -> None:
    errors = errors_of(submit(client, open_agency(), person_post(applicant_type="")))
    assert errors["applicant_type"] == ["请选择申请人类型"]


def test_at_least_one_contact(client: Client) -> None:
    data = person_post(contact_phone="", contact_address="", contact_email="", delivery="pickup")
    errors = errors_of(submit(client, open_agency(), data))
    assert errors["contact_phone"] == ["请至少填写一种联系方式：电话、通信地址或电子邮箱"]


def test_phone_and_email_formats(client: Client) -> None:
    data = person_post(contact_phone="12ab", contact_email="not-an-address")
    errors = errors_of(submit(client, open_agency(), data))
    assert errors["contact_phone"] == ["请填写正确的电话号码，如 13812345678 或 0531-88881234"]
    assert errors["contact_email"] == ["请填写正确的电子邮箱地址，如 name@example.com"]


def test_delivery_needs_its_contact(client: Client) -> None:
    agency = open_agency()
    errors = errors_of(submit(client, agency, person_post(contact_email="", delivery="email")))
    assert errors["contact_email"] == ["选择电子邮件的，请填写电子邮箱"]
    data = person_post(contact_address="", requested_form="paper", delivery="mail")
    errors = errors_of(submit(client, agency, data))
    assert errors["contact_address"] == ["选择邮寄的，请填写通信地址"]


def test_delivery_must_suit_the_requested_form(client: Client) -> None:
    agency = open_agency()
    errors = errors_of(
        submit(client, agency, person_post(requested_form="paper", delivery="email"))
    )
    assert errors["delivery"] == ["“纸质”形式只能选择：邮寄、自行领取"]
    errors = errors_of(
        submit(client, agency, person_post(requested_form="inspect", delivery="mail"))
    )
    assert errors["delivery"] == ["“查阅、抄录”形式只能选择：自行领取"]
    assert (
        submit(client, agency, person_post(requested_form="inspect", delivery="pickup")).status_code
        == 302
    )


def test_form_and_delivery_are_required(client: Client) -> None:
    errors = errors_of(submit(client, open_agency(), person_post(requested_form="", delivery="")))
    assert errors["requested_form"] == ["请选择信息的提供形式"]
    assert errors["delivery"] == ["请选择获取信息的方式"]


def test_description_rules(client: Client) -> None:
    agency = open_agency()
    errors = errors_of(submit(client, agency, person_post(description="")))
    assert errors["description"] == ["请描述您需要的政府信息（名称、文号或者其他特征性描述）"]
    errors = errors_of(submit(client, agency, person_post(description="数据")))
    assert errors["description"] == [
        "描述过短，请写明信息的名称、文号或者便于查询的特征（至少5个字）"
    ]
    errors = errors_of(submit(client, agency, person_post(description="很" * 3001)))
    assert errors["description"] == ["描述不能超过3000字，信息较多时可分别申请"]
    errors = errors_of(submit(client, agency, person_post(purpose="用" * 501)))
    assert errors["purpose"] == ["用途不能超过500字"]


def test_errors_are_summarised_and_next_to_their_fields(client: Client) -> None:
    response = submit(client, open_agency(), person_post(person_name="", contact_email="x"))
    html = response.content.decode()
    assert 'role="alert"' in html and "提交未成功，请修改以下" in html
    assert 'href="#id_person_name"' in html
    assert 'id="id_person_name_error"' in html
    assert 'aria-describedby="id_person_name_error"' in html
    assert Application.objects.count() == 0


def test_running_numbers_are_shared_with_staff_registrations(client: Client) -> None:
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency)
    registered(staff, timezone.localdate())
    submit(client, staff.agency, person_post())
    client.post(apply_url(staff.agency), person_post())  # a new form (new ticket): a new case
    numbers = sorted(Application.objects.values_list("number", flat=True))
    year = timezone.localdate().year
    assert numbers == [f"{year}-0001", f"{year}-0002", f"{year}-0003"]
