"""The 收费通知书 as a letter of the one letter system: basis, standard, amount, payment
method and the window (S5 二, VERIFIED for Sichuan), citing 条例第四十二条 and 国办函〔2020〕
109号 by default (FeeRules.basis); numbered 收费〔年〕号 like the other letters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from test_letter_texts import APP, BUREAU

from gongkai.core.errors import GongkaiError
from gongkai.core.fees import FeeMethod, FeeRules, InvalidFeeRules, assess
from gongkai.core.letters import LetterKind, LetterText, fee_notice_letter
from gongkai.core.letters.html import letter_html

SENT = date(2025, 10, 9)
DESCRIBED = replace(APP, description="本局2025年交通事故统计<表>")


def test_notice_states_basis_standard_amount_method_and_window() -> None:
    notice = fee_notice_letter(
        BUREAU, APP, assess(FeeMethod.PER_PAGE, pages=101), FeeRules(), sent_on=SENT
    )
    text = notice.text
    assert notice.kind is LetterKind.FEE_NOTICE
    assert notice.title == "政府信息公开信息处理费收费通知书"
    assert notice.number == "清公收费〔2025〕0007号"  # numbered as every letter of the case
    assert "第四十二条" in text and "国办函〔2020〕109号" in text
    assert "按量计收" in text and "201页以上每页40元" in text
    assert "人民币720元" in text
    assert "缴纳方式" in text
    assert "次日起20个工作日内缴纳" in text and "视为放弃申请" in text
    assert "不计入政府信息公开申请的答复期限" in text
    assert notice.signer == "清河县公安局" and notice.dated == SENT
    assert notice.notes == ("联系地址：清河县人民路1号；联系电话：0000-1234567",)


def test_rules_change_the_window_the_pause_sentence_and_the_basis() -> None:
    rules = FeeRules.from_mapping(
        {"payment_window_wd": 15, "pauses_clock": False, "basis": ["某省实施办法"]}
    )
    notice = fee_notice_letter(
        BUREAU, APP, assess(FeeMethod.PER_APPLICATION, ordinal=12), rules, sent_on=SENT
    )
    assert "次日起15个工作日内" in notice.text
    assert "答复期限" not in notice.text
    assert "根据某省实施办法的规定" in notice.text
    assert "你单位" not in notice.text and "您申请" in notice.text
    organisation = fee_notice_letter(
        BUREAU,
        replace(APP, is_person=False),
        assess(FeeMethod.PER_APPLICATION, ordinal=12),
        rules,
        sent_on=SENT,
    )
    assert "你单位申请" in organisation.text


def test_a_notice_after_a_supplement_names_both_receipts() -> None:
    supplemented = replace(APP, received=date(2025, 10, 8))
    notice = fee_notice_letter(
        BUREAU, supplemented, assess(FeeMethod.PER_PAGE, pages=40), FeeRules(), sent_on=SENT
    )
    assert "2025年9月30日收到" in notice.text and "2025年10月8日收到您补正后的申请" in notice.text


def test_a_free_assessment_gets_no_notice() -> None:
    with pytest.raises(GongkaiError, match="不收费"):
        fee_notice_letter(
            BUREAU, APP, assess(FeeMethod.PER_PAGE, pages=30), FeeRules(), sent_on=SENT
        )


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
    notice = fee_notice_letter(
        BUREAU, DESCRIBED, assess(FeeMethod.PER_PAGE, pages=40), FeeRules(), sent_on=SENT
    )
    assert LetterText.from_data(notice.to_data()) == notice
    html = letter_html(notice)
    assert "&lt;表&gt;" in html and "<表>" not in html
