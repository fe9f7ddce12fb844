"""Catalogue item services: drafting with 索引号 and §26 deadline, the review pipeline,
publication, rejection, §18 re-assessment, permissions and the append-only trail."""

from __future__ import annotations

from datetime import date

import pytest
from builders_catalogue import DAY, drafted, fields, published, reviewed, withheld
from django.test import override_settings
from web_builders import Staff, make_staff

from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.catalogue.attributes import DisclosureAttribute
from gongkai.core.catalogue.statuses import ItemStatus
from gongkai.web.applications.models import AppendOnly
from gongkai.web.applications.transitions import GuardFailed
from gongkai.web.catalogue import services
from gongkai.web.catalogue.models import ItemEvent

pytestmark = pytest.mark.django_db


def test_draft_gets_running_index_number_and_publication_deadline(staff: Staff) -> None:
    first, second = drafted(staff), drafted(staff, title="第二条")
    code = f"JG{staff.agency.pk:06d}"
    assert first.index_number == f"{code}/2025-00001"
    assert second.index_number == f"{code}/2025-00002"
    # 2025-03-03 + 20 working days (no holidays in between)
    assert first.publication_due == date(2025, 3, 31)
    assert first.status == ItemStatus.DRAFT
    assert first.events.get().label == "起草目录条目"


def test_index_numbers_are_per_agency_and_year_and_follow_the_format_setting(staff: Staff) -> None:
    other = make_staff("另一县公安局", prefix="o-")
    staff.agency.code = "111305340000000027"
    staff.agency.save()
    with override_settings(
        GONGKAI_CATALOGUE={"index_format": "{agency_code}-{category}/{year}/{seq}"}
    ):
        item = drafted(staff)
        assert item.index_number == "111305340000000027-a21-household/2025/1"
        assert drafted(other).index_seq == 1
        assert drafted(staff, generated_on=date(2024, 5, 6)).index_seq == 1


def test_year_without_calendar_data_leaves_the_deadline_empty_with_the_reason(staff: Staff) -> None:
    item = drafted(staff, generated_on=date(2025, 12, 30), formed_on=date(2025, 12, 30))
    assert item.publication_due is not None  # 2026 is in the calendar package
    from unittest import mock

    from gongkai.core.errors import CalendarDataMissing

    with mock.patch(
        "gongkai.web.catalogue.config.publication_due",
        side_effect=CalendarDataMissing("缺少2027年的工作日历数据"),
    ):
        late = drafted(staff)
    assert late.publication_due is None and "2027" in late.calendar_problem


def test_full_pipeline_then_publish_records_who_and_when(staff: Staff) -> None:
    item = reviewed(staff, drafted(staff))
    assert item.status == ItemStatus.IN_REVIEW
    item = services.publish(staff[Role.HANDLER], item.pk, on=DAY)
    assert item.status == ItemStatus.PUBLISHED and item.published_on == DAY
    steps = list(item.events.exclude(step="").values_list("step", "passed", "actor__username"))
    assert steps == [
        ("first", True, "handler"),
        ("second", True, "reviewer"),
        ("final", True, "office_head"),
        ("secrecy", True, "reviewer"),
    ]


def test_publishing_needs_every_step_including_the_secrecy_review(staff: Staff) -> None:
    item = drafted(staff)
    services.submit(staff[Role.HANDLER], item.pk, on=DAY)
    services.review(staff[Role.HANDLER], item.pk, step="first", passed=True, on=DAY)
    services.review(staff[Role.REVIEWER], item.pk, step="second", passed=True, on=DAY)
    services.review(staff[Role.OFFICE_HEAD], item.pk, step="final", passed=True, on=DAY)
    with pytest.raises(GuardFailed, match="保密审查"):
        services.publish(staff[Role.HANDLER], item.pk, on=DAY)


def test_steps_keep_their_order_and_roles(staff: Staff) -> None:
    item = drafted(staff)
    services.submit(staff[Role.HANDLER], item.pk, on=DAY)
    with pytest.raises(GuardFailed, match="须先完成“初审”"):
        services.review(staff[Role.REVIEWER], item.pk, step="second", passed=True, on=DAY)
    # the secrecy review may come at any point of the round
    services.review(staff[Role.REVIEWER], item.pk, step="secrecy", passed=True, on=DAY)
    services.review(staff[Role.REVIEWER], item.pk, step="first", passed=True, on=DAY)
    with pytest.raises(GuardFailed, match="须由本机关的审核岗位"):
        services.review(staff[Role.HANDLER], item.pk, step="second", passed=True, on=DAY)
    with pytest.raises(GuardFailed, match="已经通过"):
        services.review(staff[Role.REVIEWER], item.pk, step="first", passed=True, on=DAY)
    with pytest.raises(PermissionDenied):
        services.review(staff[Role.REGISTRAR], item.pk, step="second", passed=True, on=DAY)


def test_rejection_returns_to_draft_with_reason_and_restarts_the_round(staff: Staff) -> None:
    item = drafted(staff)
    services.submit(staff[Role.HANDLER], item.pk, on=DAY)
    services.review(staff[Role.HANDLER], item.pk, step="first", passed=True, on=DAY)
    with pytest.raises(GuardFailed, match="理由"):
        services.review(staff[Role.REVIEWER], item.pk, step="second", passed=False, on=DAY)
    item = services.review(
        staff[Role.REVIEWER], item.pk, step="second", passed=False, on=DAY, note="文号有误"
    )
    assert item.status == ItemStatus.DRAFT
    rejection = item.events.latest("pk")
    assert rejection.note == "文号有误" and rejection.passed is False
    assert rejection.label == "复审退回修改"
    services.submit(staff[Role.HANDLER], item.pk, on=DAY)
    with pytest.raises(GuardFailed, match="须先完成“初审”"):
        services.review(staff[Role.REVIEWER], item.pk, step="second", passed=True, on=DAY)


def test_only_proactive_items_are_submitted_and_withheld_need_a_reason(staff: Staff) -> None:
    with pytest.raises(GuardFailed, match="不予公开须注明依据"):
        drafted(staff, attribute=DisclosureAttribute.WITHHELD)
    item = drafted(staff, attribute=DisclosureAttribute.ON_REQUEST)
    with pytest.raises(GuardFailed, match="依申请公开或不予公开"):
        services.submit(staff[Role.HANDLER], item.pk, on=DAY)
    with pytest.raises(GuardFailed, match="公开渠道"):
        services.submit(staff[Role.HANDLER], drafted(staff, channels=()).pk, on=DAY)
    with pytest.raises(GuardFailed, match="未知的公开渠道"):
        drafted(staff, channels=("telegram",))
    with pytest.raises(GuardFailed, match="未知的信息分类"):
        drafted(staff, category="nope")


def test_withheld_item_gets_reassessment_date_and_overdue_list(staff: Staff) -> None:
    item = withheld(staff)
    assert item.status == ItemStatus.RECORDED
    assert item.reassessment_due == date(2026, 3, 3)
    assert list(services.overdue_reassessments(staff.agency, date(2026, 3, 4))) == [item]
    assert not list(services.overdue_reassessments(staff.agency, date(2026, 3, 3)))
    kept = services.reassess(
        staff[Role.REVIEWER], item.pk, on=date(2025, 9, 1), disclose=False, note="仍属过程性信息"
    )
    assert kept.reassessment_due == date(2026, 9, 1) and kept.status == ItemStatus.RECORDED
    opened = services.reassess(
        staff[Role.OFFICE_HEAD], item.pk, on=date(2025, 10, 9), disclose=True, note="已定稿"
    )
    assert opened.status == ItemStatus.DRAFT
    assert opened.attribute == DisclosureAttribute.PROACTIVE and opened.withhold_reason == ""
    assert opened.formed_on == date(2025, 10, 9) and opened.publication_due is not None


def test_overdue_publications_lists_unpublished_proactive_items(staff: Staff) -> None:
    late = drafted(staff)
    published(staff)
    assert list(services.overdue_publications(staff.agency, date(2025, 4, 1))) == [late]


def test_roles_other_agencies_and_supervisors_are_refused(staff: Staff) -> None:
    other = make_staff("另一县公安局", prefix="o-")
    with pytest.raises(PermissionDenied):
        services.draft_item(other[Role.HANDLER], staff.agency, fields())
    with pytest.raises(PermissionDenied):
        services.draft_item(staff[Role.SUPERVISOR], staff.agency, fields())
    item = reviewed(staff, drafted(staff))
    with pytest.raises(PermissionDenied):
        services.publish(staff[Role.REVIEWER], item.pk, on=DAY)


def test_unpublish_needs_reason_and_keeps_the_trail(staff: Staff) -> None:
    item = published(staff)
    with pytest.raises(GuardFailed):
        services.unpublish(staff[Role.OFFICE_HEAD], item.pk, on=DAY, reason=" ")
    item = services.unpublish(staff[Role.OFFICE_HEAD], item.pk, on=DAY, reason="附件错误")
    assert item.status == ItemStatus.DRAFT and item.published_on is None
    assert item.events.count() == 8  # draft, submit, 4 steps, publish, withdraw
    assert item.events.latest("pk").note == "附件错误"


def test_events_are_append_only(staff: Staff) -> None:
    event = drafted(staff).events.get()
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    assert ItemEvent.objects.count() == 1


def test_attachments_are_checked_and_fingerprinted(staff: Staff) -> None:
    item = drafted(staff)
    att = services.attach(
        staff[Role.HANDLER],
        item.pk,
        filename="../通告.pdf",
        content_type="application/pdf",
        data=b"%PDF-1.4 test",
        on=DAY,
    )
    assert att.filename == "通告.pdf" and len(att.sha256) == 64 and att.size == 13
    with pytest.raises(GuardFailed, match="类型不允许"):
        services.attach(
            staff[Role.HANDLER], item.pk, filename="a.exe", content_type="", data=b"MZ", on=DAY
        )
    with (
        override_settings(GONGKAI_CATALOGUE={"attachment_max_bytes": 10}),
        pytest.raises(GuardFailed, match="超过"),
    ):
        services.attach(
            staff[Role.HANDLER],
            item.pk,
            filename="a.pdf",
            content_type="",
            data=b"x" * 11,
            on=DAY,
        )
    published_item = published(staff)
    with pytest.raises(GuardFailed, match="不能上传附件"):
        services.attach(
            staff[Role.HANDLER],
            published_item.pk,
            filename="b.pdf",
            content_type="",
            data=b"x",
            on=DAY,
        )


def test_dates_in_the_future_are_refused(staff: Staff) -> None:
    with pytest.raises(GuardFailed, match="不能晚于今天"):
        drafted(staff, generated_on=date(2099, 1, 1), formed_on=date(2099, 1, 1))
