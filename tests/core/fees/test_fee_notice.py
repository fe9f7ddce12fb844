"""The 收费通知书: basis, standard, amount, payment method and the window (S5 二)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.core.fees import (
    FeeMethod,
    FeeNoticeText,
    FeeRules,
    InvalidFeeRules,
    NoticeFacts,
    assess,
    fee_notice,
    notice_html,
)

FACTS = NoticeFacts(
    agency_name="清河县公安局",
    agency_address="清河县人民路1号",
    agency_phone="0000-1234567",
    case_number="2025-0012",
    applicant_name="周某",
    is_person=True,
    description="本局2025年交通事故统计<表>",
    received_on=date(2025, 3, 3),
)


def test_notice_states_basis_standard_amount_method_and_window() -> None:
    notice = fee_notice(
        FACTS, assess(FeeMethod.PER_PAGE, pages=101), FeeRules(), sent_on=date(2025, 3, 10)
    )
    text = notice.text
    assert notice.number == "收费〔2025〕0012号"
    assert "第四十二条" in text and "国办函〔2020〕109号" in text
    assert "按量计收" in text and "201页以上每页40元" in text
    assert "人民币720元" in text
    assert "缴纳方式" in text
    assert "次日起20个工作日内缴纳" in text and "视为放弃申请" in text
    assert "不计入政府信息公开申请的答复期限" in text
    assert notice.signer == "清河县公安局" and notice.dated == date(2025, 3, 10)


def test_rules_change_the_window_the_pause_sentence_and_the_basis() -> None:
    rules = FeeRules.from_mapping(
        {"payment_window_wd": 15, "pauses_clock": False, "basis": ["某省实施办法"]}
    )
    notice = fee_notice(
        FACTS, assess(FeeMethod.PER_APPLICATION, ordinal=12), rules, sent_on=date(2025, 3, 10)
    )
    assert "次日起15个工作日内" in notice.text
    assert "答复期限" not in notice.text
    assert "根据某省实施办法的规定" in notice.text
    assert "你单位" not in notice.text


def test_a_free_assessment_gets_no_notice() -> None:
    with pytest.raises(GongkaiError, match="不收费"):
        fee_notice(FACTS, assess(FeeMethod.PER_PAGE, pages=30), FeeRules(), sent_on=date.today())


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"pause": True}, "未知的信息处理费设置"),
        ({"payment_window_wd": 0}, "正整数"),
        ({"pauses_clock": "yes"}, "true 或 false"),
        ({"basis": "条例"}, "列表"),
        ({"payment_method": " "}, "缴纳方式"),
    ],
)
def test_bad_settings_are_refused_in_chinese(values: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidFeeRules, match=message):
        FeeRules.from_mapping(values)


def test_stored_content_round_trips_and_html_escapes() -> None:
    notice = fee_notice(
        FACTS, assess(FeeMethod.PER_PAGE, pages=40), FeeRules(), sent_on=date(2025, 3, 10)
    )
    assert FeeNoticeText.from_data(notice.to_data()) == notice
    html = notice_html(notice)
    assert "&lt;表&gt;" in html and "<表>" not in html
    assert html.count("<p>") >= len(notice.paragraphs)
    with pytest.raises(GongkaiError, match="收费通知书内容不完整"):
        FeeNoticeText.from_data({"title": "x"})
