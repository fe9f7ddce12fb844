"""The case page: the due date explained step by step, and personal data masked by role."""

from __future__ import annotations

from datetime import date

import pytest
from builders_applications import D, case_in, logged_in
from web_builders import Staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications import services

pytestmark = pytest.mark.django_db


def test_the_due_date_is_explained_from_day0(staff: Staff) -> None:
    app = registered(staff, date(2025, 9, 30))
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "收到申请之日（第0日）：2025-09-30（星期二）" in page
    assert "第1个工作日：2025-10-09（星期四；国庆节、中秋节假期后）" in page or (
        "第1个工作日：2025-10-09" in page
    )
    assert "第20个工作日：2025-11-04（星期二）" in page
    assert "答复期限：2025-11-04（星期二）" in page
    assert "补正告知最迟应于2025-10-16一次性发出" in page  # +7 wd, domain.md §2.3 vector


def test_restart_pause_and_extension_are_explained(staff: Staff) -> None:
    handler, head = staff[Role.HANDLER], staff[Role.OFFICE_HEAD]
    app = registered(staff, date(2025, 9, 30))
    services.request_supplement(handler, app.pk, on=date(2025, 10, 9), items="文件名称")
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "原期限作废" in page
    services.receive_supplement(handler, app.pk, on=date(2025, 10, 13))
    services.start_consultation(
        handler, app.pk, on=date(2025, 10, 14), party="third_party", party_name="某公司"
    )
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "征求某公司意见进行中" in page
    assert "自发出之日（收到日未登记）起15个工作日，至2025-11-04" in page
    services.finish_consultation(
        handler, app.pk, on=date(2025, 10, 22), delivered_on=date(2025, 10, 15), reply="同意"
    )
    services.approve_extension(head, app.pk, on=date(2025, 10, 23), days=20, reason="量大")
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "原收到申请之日：2025-09-30" in page
    assert "收到补正后申请之日（新的第0日）：2025-10-13" in page
    assert "暂停（征求第三方意见）2025-10-16至2025-10-22，其中工作日5天" in page
    assert "延期20个工作日" in page
    assert "合计：20＋延期20＋暂停顺延5＝45个工作日" in page


def test_awaiting_confirmation_says_why_there_is_no_due_date(staff: Staff) -> None:
    app = case_in(staff, Status.AWAITING_CONFIRMATION)
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "收到申请之日尚待确认" in page


def test_identity_and_contacts_are_masked_for_roles_that_do_not_need_them(staff: Staff) -> None:
    app = registered(
        staff,
        D[3],
        id_document="居民身份证 110101199003071234",
        contact_phone="13812345678",
        contact_email="zhou@example.cn",
    )
    for role in ("handler", "registrar", "reviewer"):
        page = logged_in(role).get(f"/applications/{app.pk}/").content.decode()
        assert "110101199003071234" in page and "13812345678" in page
    for role in ("office_head", "supervisor", "administrator"):
        page = logged_in(role).get(f"/applications/{app.pk}/").content.decode()
        assert "110101199003071234" not in page and "13812345678" not in page
        assert "110101********1234" in page and "138****5678" in page
        assert "z***@example.cn" in page and "已隐去部分信息" in page


def test_timeline_lists_every_step_with_its_actor(staff: Staff) -> None:
    app = case_in(staff, Status.ARCHIVED)
    page = logged_in("supervisor").get(f"/applications/{app.pk}/").content.decode()
    for label in ("登记申请", "作出办理决定", "出具答复", "送达", "归档"):
        assert label in page
    assert "EMS1234" in page and "2025-永久-1" in page
