"""Registration by staff, one form per channel, each with its §31 day-0 rule and records."""

from __future__ import annotations

from datetime import date

import pytest
from builders_applications import logged_in
from web_builders import Staff

from gongkai.core.applications.statuses import Status
from gongkai.web.applications.models import Application

pytestmark = pytest.mark.django_db
BASE = {
    "arrived_on": "2025-03-03",
    "applicant_type": "natural_person",
    "applicant_name": "周某",
    "id_document": "居民身份证 110101199003071234",
    "contact_phone": "13812345678",
    "description": "2024年度交通事故统计分析报告",
    "requested_form": "electronic",
    "delivery": "email",
    "contact_email": "zhou@example.cn",
}


def post(staff: Staff, intake: str, **extra: str) -> tuple[int, str]:
    data = {**BASE, "agency": str(staff.agency.pk), **extra}
    response = logged_in("registrar").post(f"/applications/register/{intake}/", data)
    return response.status_code, response.content.decode()


def test_the_choice_lists_every_staff_form_and_its_records(staff: Staff) -> None:
    page = logged_in("registrar").get("/applications/register/").content.decode()
    for label in ("当面提交书面申请", "口头申请", "挂号信", "平常信函", "传真", "电子邮件"):
        assert label in page
    assert "网上申请平台" not in page  # applicants use the portal
    assert logged_in("registrar").get("/applications/register/online/").status_code == 404


@pytest.mark.parametrize(
    ("intake", "extra", "status", "day0"),
    [
        ("in_person", {}, Status.RECEIVED, date(2025, 3, 3)),
        (
            "oral",
            {"transcribed_by": "王登记", "transcript_confirmed": "on"},
            Status.RECEIVED,
            date(2025, 3, 3),
        ),
        ("mail_signed", {"tracking_number": "EA123456789CN"}, Status.RECEIVED, date(2025, 3, 3)),
        ("mail_ordinary", {"postmark_date": "2025-02-28"}, Status.AWAITING_CONFIRMATION, None),
        ("fax", {"sender_address": "0000-7654321"}, Status.AWAITING_CONFIRMATION, None),
        ("email", {"sender_address": "zhou@example.cn"}, Status.AWAITING_CONFIRMATION, None),
    ],
)
def test_each_form_registers_with_its_day0_rule(
    staff: Staff, intake: str, extra: dict[str, str], status: Status, day0: date | None
) -> None:
    code, _ = post(staff, intake, **extra)
    assert code == 302
    app = Application.objects.get()
    assert (app.intake_form, app.status, app.received_date) == (intake, status.value, day0)
    assert app.channel == {"oral": "in_person", "email": "online"}.get(intake, intake)
    for field, value in extra.items():
        stored = getattr(app, field)
        assert (stored is True) if value == "on" else str(stored) == value


@pytest.mark.parametrize(
    ("intake", "extra", "message"),
    [
        ("oral", {"transcribed_by": "王登记"}, "申请人已核对代填内容"),
        ("mail_signed", {}, "邮件号"),
        ("fax", {}, "来件传真号码"),
        ("email", {}, "来件电子邮箱"),
    ],
)
def test_each_form_requires_its_records(
    staff: Staff, intake: str, extra: dict[str, str], message: str
) -> None:
    code, page = post(staff, intake, **extra)
    assert code == 400 and message in page and "这个字段是必填项" in page
    assert not Application.objects.exists()


def test_the_service_refuses_an_oral_application_without_confirmation(staff: Staff) -> None:
    from web_builders import registered

    from gongkai.web.applications.transitions import GuardFailed

    with pytest.raises(GuardFailed, match="申请人确认"):
        registered(staff, date(2025, 3, 3), intake_form="oral", transcribed_by="王登记")
    with pytest.raises(GuardFailed, match="不一致"):
        registered(staff, date(2025, 3, 3), intake_form="fax", sender_address="1")


def test_a_future_arrival_is_refused_with_a_message(staff: Staff) -> None:
    code, page = post(staff, "in_person", arrived_on="2099-01-01")
    assert code == 400 and "不能晚于今天" in page


def test_roles_without_registration_cannot_register(staff: Staff) -> None:
    assert logged_in("supervisor").get("/applications/register/in_person/").status_code == 403
    assert logged_in("reviewer").get("/applications/register/in_person/").status_code == 403
