"""§29 ¶2 (一) (S1, VERIFIED): "政府信息公开申请应当包括下列内容：（一）申请人的姓名或者名称、
身份证明、联系方式；…"; §30: what is missing is asked for once and completely within 7 working
days, and the clock restarts when the supplement arrives.

An application without any contact is refused at registration (nothing could reach the
applicant, not even a 补正 notice); one without identity proof is registered and, in the same
step that fixes day 0, gets its 补正 naming the proof (registration, or the confirmation of
receipt for the channels §31 confirms). Staff forms, the API and the online portal all pass
through the one ``register``."""

from __future__ import annotations

import pytest
from builders_applications import MON, D, logged_in
from builders_portal import open_agency
from django.utils import timezone
from web_builders import Staff, at, registered

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.statuses import Status
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.models import Membership
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, CaseEvent, Letter
from gongkai.web.portal.services import OnlineApplication, submit_online

pytestmark = pytest.mark.django_db
NO_CONTACT = {"contact_phone": "", "contact_address": "", "contact_email": ""}
NO_IDENTITY = {"id_document": "", "credit_code": ""}


def actions(app: Application) -> list[str]:
    return list(app.events.order_by("pk").values_list("action", flat=True))


def test_registration_without_any_contact_is_refused_and_nothing_is_stored(staff: Staff) -> None:
    with pytest.raises(GongkaiError, match=r"联系方式.*第二十九条第二款第一项"):
        registered(staff, MON, **NO_CONTACT)
    assert not Application.objects.exists() and not CaseEvent.objects.exists()


def test_one_contact_of_three_is_enough(staff: Staff) -> None:
    app = registered(staff, MON, contact_phone="", contact_address="清河县人民路1号")
    assert app.status == Status.RECEIVED.value


def test_the_staff_form_shows_why_it_refuses_an_application_without_contact(
    staff: Staff,
) -> None:
    data = {
        "agency": str(staff.agency.pk),
        "arrived_on": "2025-03-03",
        "applicant_type": "natural_person",
        "applicant_name": "周某",
        "id_document": "居民身份证 110101199003071234",
        "description": "2024年度交通事故统计分析报告",
        "requested_form": "paper",
        "delivery": "pickup",
    }
    response = logged_in("registrar").post("/applications/register/in_person/", data)
    assert response.status_code == 400
    assert "请至少填写联系电话、通信地址、电子邮箱中的一种" in response.content.decode()
    assert not Application.objects.exists()


def test_without_identity_proof_registration_makes_the_supplement_in_the_same_step(
    staff: Staff,
) -> None:
    # The registrar alone: the 补正 is the registration's, authorised by its role.
    Membership.objects.filter(user=staff[Role.REGISTRAR]).exclude(role=Role.REGISTRAR).delete()
    app = registered(staff, MON, **NO_IDENTITY)
    assert app.status == Status.SUPPLEMENT_REQUESTED.value
    assert app.supplement_requested_on == MON and app.supplement_due is not None
    assert actions(app) == [Action.REGISTER.value, Action.REQUEST_SUPPLEMENT.value]
    asked = app.events.get(action=Action.REQUEST_SUPPLEMENT.value)
    assert asked.actor == staff[Role.REGISTRAR]
    assert "居民身份证" in asked.note and "第二十九条" in asked.note
    letter = Letter.objects.get(pk=asked.data["letter"])
    assert letter.issued_on == MON and "身份证明" in str(letter.content)


def test_an_organisation_without_code_or_registration_document_is_asked_for_it(
    staff: Staff,
) -> None:
    app = registered(staff, MON, applicant_type=ApplicantType.COMMERCIAL_ENTERPRISE, **NO_IDENTITY)
    asked = app.events.get(action=Action.REQUEST_SUPPLEMENT.value)
    assert "统一社会信用代码" in asked.note
    complete = registered(
        staff,
        MON,
        applicant_type=ApplicantType.COMMERCIAL_ENTERPRISE,
        id_document="",
        credit_code="91350100M000100Y43",
    )
    assert complete.status == Status.RECEIVED.value


def test_a_complete_application_gets_no_supplement(staff: Staff) -> None:
    app = registered(staff, MON)
    assert actions(app) == [Action.REGISTER.value]


def test_the_supplied_proof_is_recorded_and_the_clock_restarts(staff: Staff) -> None:
    app = registered(staff, MON, **NO_IDENTITY)
    before = app.due_date
    app = services.receive_supplement(
        staff[Role.REGISTRAR], app.pk, on=D[6], id_document="居民身份证 110101199001011234"
    )
    assert app.status == Status.RECEIVED.value and app.received_date == D[6]
    assert app.id_document == "居民身份证 110101199001011234"
    assert app.due_date is not None and (before is None or app.due_date > before)
    event = app.events.get(action=Action.RECEIVE_SUPPLEMENT.value)
    assert event.data["id_document"] == "居民身份证 110101199001011234"


def test_a_channel_confirmed_later_asks_for_the_proof_when_receipt_is_confirmed(
    staff: Staff,
) -> None:
    app = registered(staff, MON, channel=Channel.MAIL_ORDINARY, **NO_IDENTITY)
    assert app.status == Status.AWAITING_CONFIRMATION.value  # day 0 unknown: §30 cannot count
    app = services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=D[4], method="电话确认")
    assert app.status == Status.SUPPLEMENT_REQUESTED.value
    assert app.supplement_requested_on == D[4]
    assert actions(app) == [
        Action.REGISTER.value,
        Action.CONFIRM_RECEIPT.value,
        Action.REQUEST_SUPPLEMENT.value,
    ]


def online(**fields: str) -> OnlineApplication:
    return OnlineApplication(
        applicant_type=ApplicantType.NATURAL_PERSON,
        applicant_name="周明",
        description="2025年度本县道路交通事故统计数据",
        requested_form="electronic",
        delivery="email",
        **fields,
    )


def test_the_portal_passes_through_the_same_rules(staff: Staff) -> None:
    agency = open_agency("网上县公安局")
    with pytest.raises(GongkaiError, match="联系方式"):
        submit_online(agency, online(), [], idempotency_key="k" * 20)
    submitted = submit_online(
        agency, online(contact_email="zhou@example.cn"), [], idempotency_key="q" * 20
    )
    app = submitted.submission.application
    assert app.status == Status.AWAITING_CONFIRMATION.value
    Membership.objects.create(user=staff[Role.REGISTRAR], agency=agency, role=Role.REGISTRAR)
    today = timezone.localdate()  # the portal registers now
    app = services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=today, method="平台回执")
    assert app.status == Status.SUPPLEMENT_REQUESTED.value


def test_the_api_refuses_a_registration_without_contact(staff: Staff) -> None:
    with pytest.raises(GongkaiError, match="联系方式"):
        services.register(
            staff[Role.REGISTRAR],
            staff.agency,
            channel=Channel.IN_PERSON,
            arrived_at=at(MON),
            applicant_type=ApplicantType.NATURAL_PERSON,
            applicant_name="周某",
            description="文件",
        )
