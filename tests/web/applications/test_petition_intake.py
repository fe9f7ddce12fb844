"""§39 ¶1 (S1, VERIFIED): "申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当
告知申请人不作为政府信息公开申请处理并可以告知通过相应渠道提出。"

A letter sent as an application that is in substance a 信访/投诉/举报: staff record it as such
at 审查 (不属于政府信息公开申请), decide it as 信访举报投诉类申请, and the applicant's letter
says it is not handled as an application and, where staff name one, the proper channel; 表三
counts it in （五）1 "信访举报投诉类申请" (domain.md §3.8, VERIFIED label), once (K4)."""

from __future__ import annotations

import pytest
from builders_applications import MON, D
from web_builders import Staff, registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.report.labels import T3_OUTCOME_ROWS
from gongkai.web.applications import services
from gongkai.web.applications.models import CaseEvent
from gongkai.web.applications.statistics import annual_report

pytestmark = pytest.mark.django_db
CHANNEL = "请通过测试县信访局（测试县人民路2号，电话0000-12345）提出"


def petition(staff: Staff, details: str) -> int:
    app = registered(
        staff,
        MON,
        Channel.MAIL_SIGNED,
        description="举报某派出所民警执法不公，要求调查处理",
    )
    services.review(staff[Role.HANDLER], app.pk, on=D[4], conclusion="not_application")
    services.decide(
        staff[Role.REVIEWER], app.pk, on=D[5], outcome=Outcome.PETITION_COMPLAINT, details=details
    )
    services.issue(staff[Role.HANDLER], app.pk, on=D[6])
    return app.pk


def test_the_applicant_is_told_it_is_not_an_application_and_where_to_go(staff: Staff) -> None:
    pk = petition(staff, CHANNEL)
    review = CaseEvent.objects.get(application_id=pk, action="review")
    assert review.note.startswith("不属于政府信息公开申请")
    letter = staff.agency.applications.get(pk=pk).letters.get(kind="reply")
    text = "".join(letter.content["paragraphs"])
    assert "以政府信息公开申请的形式进行信访、投诉、举报等活动" in text
    assert "不作为政府信息公开申请处理" in text
    assert "第三十九条第一款" in text
    assert CHANNEL in text


def test_the_channel_is_optional_as_the_article_says_may(staff: Staff) -> None:
    pk = petition(staff, "")
    letter = staff.agency.applications.get(pk=pk).letters.get(kind="reply")
    assert "不作为政府信息公开申请处理" in "".join(letter.content["paragraphs"])


def test_it_is_counted_once_in_row_five_one(staff: Staff) -> None:
    petition(staff, CHANNEL)
    table3 = annual_report(staff.agency, 2025).table3
    assert table3["new_received"]["total"] == 1
    assert table3["not_processed_petition"]["total"] == 1
    assert table3["not_processed_petition"]["natural_person"] == 1
    counted = [row for row in T3_OUTCOME_ROWS if (table3[row] or {}).get("total")]
    assert counted == ["not_processed_petition"]
    assert table3["results_total"]["total"] == 1 and table3["carried_forward"]["total"] == 0
