"""The letters' text from the case facts: every outcome, the remedy by date, the notices."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.applications.outcomes import (
    DECIDABLE,
    NOT_DECIDABLE,
    REASONS_REQUIRED,
    Outcome,
    outcome_rows,
)
from gongkai.core.errors import GongkaiError
from gongkai.core.letters import (
    DETAILS_REQUIRED,
    AgencyFacts,
    ApplicationFacts,
    ConsultedParty,
    Decision,
    LetterKind,
    LetterText,
    RemedyRules,
    consultation_letter,
    extension_notice,
    remedy_paragraph,
    reply,
    review_first,
    supplement_notice,
    termination_notice,
)
from gongkai.core.letters.html import letter_html

BUREAU = AgencyFacts(
    name="清河县公安局",
    review_body="清河县人民政府",
    superior="某市公安局",
    address="清河县人民路1号",
    phone="0000-1234567",
    abbreviation="清公",
)
APP = ApplicationFacts(
    number="2025-0007",
    applicant_name="周某",
    is_person=True,
    description="2025年度行政处罚案件数量统计",
    first_received=date(2025, 9, 30),
    received=date(2025, 9, 30),
)
REPLY_DAY = date(2025, 10, 20)


def decision_for(outcome: Outcome) -> Decision:
    return Decision(
        outcome,
        reasons="理由甲" if outcome in REASONS_REQUIRED else "",
        details="登录本局门户网站“政府信息公开”栏目查阅" if outcome in DETAILS_REQUIRED else "",
        referral="清河县交通运输局（电话0000-7654321）"
        if outcome is Outcome.NOT_THIS_AGENCY
        else "",
        withheld_ground=Outcome.DENIED_THIRD_PARTY.value if outcome is Outcome.PARTIAL else "",
    )


@pytest.mark.parametrize("outcome", DECIDABLE)
def test_every_decidable_outcome_has_a_reply(outcome: Outcome) -> None:
    letter = reply(BUREAU, APP, decision_for(outcome), REPLY_DAY)
    assert letter.kind is LetterKind.REPLY
    assert letter.title == "政府信息公开申请答复书"
    assert letter.number == "清公答复〔2025〕0007号"
    assert letter.addressee == "周某："
    assert "2025年9月30日收到您提出的政府信息公开申请" in letter.paragraphs[0]
    assert "“2025年度行政处罚案件数量统计”" in letter.paragraphs[0]
    assert "{" not in letter.text and "}" not in letter.text
    assert letter.paragraphs[-1].startswith("如")  # the remedy closes every reply
    assert "清河县人民政府申请行政复议" in letter.paragraphs[-1]
    if outcome in REASONS_REQUIRED:
        assert "理由：理由甲。" in letter.paragraphs


def test_article_36_wording_per_outcome() -> None:
    texts = {o: reply(BUREAU, APP, decision_for(o), REPLY_DAY).text for o in DECIDABLE}
    assert "第三十六条第一项" in texts[Outcome.ALREADY_PUBLIC]
    assert "门户网站" in texts[Outcome.ALREADY_PUBLIC]
    assert "第三十六条第二项" in texts[Outcome.GRANTED]
    # No file attached: the reply does not point at one (issue 14).
    assert "见附件" not in texts[Outcome.GRANTED] and "附件：" not in texts[Outcome.GRANTED]
    assert "按照您申请时指定的形式提供" in texts[Outcome.GRANTED]
    assert "第三十七条" in texts[Outcome.PARTIAL]
    assert "第十六条第二款、第三十六条第三项" in texts[Outcome.DENIED_PROCESS]
    assert "第三十六条第四项" in texts[Outcome.NOT_EXIST]
    assert "清河县交通运输局（电话0000-7654321）负责公开" in texts[Outcome.NOT_THIS_AGENCY]
    assert "第三十六条第六项" in texts[Outcome.REPEAT]
    assert "第三十九条第一款" in texts[Outcome.PETITION_COMPLAINT]
    assert "第三十条" in texts[Outcome.STILL_UNCLEAR]


def test_a_restarted_case_mentions_the_supplement() -> None:
    restarted = ApplicationFacts(**{**APP.__dict__, "received": date(2025, 10, 13)})
    letter = reply(BUREAU, restarted, decision_for(Outcome.GRANTED), REPLY_DAY)
    assert "2025年10月13日收到您补正后的申请" in letter.paragraphs[0]


def test_organisations_are_addressed_as_such() -> None:
    org = ApplicationFacts(**{**APP.__dict__, "is_person": False, "applicant_name": "某公司"})
    assert "收到你单位提出" in reply(BUREAU, org, decision_for(Outcome.NOT_EXIST), REPLY_DAY).text


def test_replies_refuse_missing_reasons_details_and_abandonments() -> None:
    with pytest.raises(GongkaiError, match="理由"):
        reply(BUREAU, APP, Decision(Outcome.DENIED_INTERNAL), REPLY_DAY)
    with pytest.raises(GongkaiError, match="获取方式"):
        reply(BUREAU, APP, Decision(Outcome.ALREADY_PUBLIC), REPLY_DAY)
    for outcome in NOT_DECIDABLE:
        with pytest.raises(GongkaiError, match="终止办理告知书"):
            reply(BUREAU, APP, Decision(outcome), REPLY_DAY)


def test_legal_basis_given_by_staff_replaces_the_default() -> None:
    letter = reply(
        BUREAU,
        APP,
        Decision(Outcome.DENIED_LAW_PROHIBITED, reasons="见《某法》", legal_basis="《某法》第五条"),
        REPLY_DAY,
    )
    assert "根据《某法》第五条的规定" in letter.text


# -- the remedy paragraph -------------------------------------------------------------------


def test_refusal_after_2024_must_go_to_review_first() -> None:
    text = remedy_paragraph(Outcome.DENIED_PROCESS, date(2024, 1, 1), BUREAU)
    assert "第二十三条第一款第四项" in text and "应当先" in text
    assert "清河县人民政府" in text and "六个月内" not in text
    assert "15日内依法向人民法院提起行政诉讼" in text


def test_refusal_before_2024_offers_the_choice_and_a_lawsuit() -> None:
    text = remedy_paragraph(Outcome.DENIED_PROCESS, date(2023, 12, 31), BUREAU)
    assert "清河县人民政府或者某市公安局申请行政复议" in text
    assert "六个月内向有管辖权的人民法院提起行政诉讼" in text
    assert "应当先" not in text


def test_non_refusals_keep_review_or_lawsuit_after_2024() -> None:
    for outcome in (Outcome.GRANTED, Outcome.NOT_EXIST, Outcome.NOT_THIS_AGENCY, Outcome.REPEAT):
        text = remedy_paragraph(outcome, date(2025, 6, 3), BUREAU)
        assert "60日内向清河县人民政府申请行政复议" in text
        assert "六个月内" in text and "应当先" not in text


def test_partial_disclosure_review_first_is_a_setting() -> None:
    conservative = remedy_paragraph(Outcome.PARTIAL, date(2025, 6, 3), BUREAU)
    assert "不予公开部分" in conservative and "应当先" in conservative
    assert "六个月内" in conservative  # for the disclosed part
    relaxed = RemedyRules(partial_requires_review_first=False)
    text = remedy_paragraph(Outcome.PARTIAL, date(2025, 6, 3), BUREAU, relaxed)
    assert "应当先" not in text


def test_vertically_managed_agencies_go_to_the_superior() -> None:
    customs = AgencyFacts(
        name="某海关", review_body="某市人民政府", superior="某直属海关", vertically_managed=True
    )
    assert "向某直属海关申请行政复议" in remedy_paragraph(
        Outcome.GRANTED, date(2025, 1, 2), customs
    )


def test_review_first_follows_the_outcome_row_mapping() -> None:
    assert review_first(Outcome.SPECIAL_QUERY_PROCEDURE, date(2025, 1, 2))
    moved = outcome_rows({"SPECIAL_QUERY_PROCEDURE": "other_other"})
    assert not review_first(Outcome.SPECIAL_QUERY_PROCEDURE, date(2025, 1, 2), outcome_rows=moved)


@given(st.sampled_from(DECIDABLE), st.dates(date(2019, 6, 1), date(2030, 12, 31)))
def test_a_reply_offers_a_lawsuit_alternative_exactly_when_review_is_not_mandatory(
    outcome: Outcome, day: date
) -> None:
    text = reply(BUREAU, APP, decision_for(outcome), day).paragraphs[-1]
    mandatory = review_first(outcome, day)
    assert ("应当先" in text) == mandatory
    assert mandatory == (
        day >= date(2024, 1, 1)
        and (
            outcome.value.startswith("DENIED")
            or outcome in (Outcome.PARTIAL, Outcome.SPECIAL_QUERY_PROCEDURE)
        )
    )
    if not mandatory or outcome is Outcome.PARTIAL:
        assert "六个月内" in text


# -- the notices ------------------------------------------------------------------------------


def test_supplement_notice() -> None:
    letter = supplement_notice(
        BUREAU,
        APP,
        sent_on=date(2025, 10, 9),
        items="请写明文件名称和时间范围。",
        supplement_due=date(2025, 10, 30),
        period_wd=15,
    )
    assert letter.title == "政府信息公开申请补正告知书"
    assert "第三十条" in letter.text and "请写明文件名称和时间范围" in letter.text
    assert "2025年10月30日前（15个工作日内）" in letter.text
    assert "重新计算" in letter.text and "视为放弃申请" in letter.text
    assert "行政复议" not in letter.text  # a 补正 notice carries no remedy (S9 §2(一))


def test_extension_notice() -> None:
    letter = extension_notice(
        BUREAU,
        APP,
        approved_on=date(2025, 10, 28),
        days=15,
        reason="涉及档案较多。",
        new_due=date(2025, 11, 25),
    )
    assert "第三十三条第二款" in letter.text and "负责人同意" in letter.text
    assert "延长15个工作日" in letter.text and "2025年11月25日前作出答复" in letter.text
    assert "因涉及档案较多，" in letter.text


def test_consultation_letters_for_third_parties_and_agencies() -> None:
    third = consultation_letter(
        BUREAU,
        APP,
        ConsultedParty("某建设工程有限公司", is_agency=False),
        sent_on=date(2025, 10, 10),
        matter="贵公司投标文件中的报价部分",
    )
    assert third.addressee == "某建设工程有限公司："
    assert "第三十二条" in third.text and "15个工作日内" in third.text
    assert "由本机关依照《条例》的规定决定是否公开" in third.text
    agency = consultation_letter(
        BUREAU,
        APP,
        ConsultedParty("清河县交通运输局", is_agency=True),
        sent_on=date(2025, 10, 10),
        matter="",
    )
    assert "第三十四条" in agency.text and "视为同意公开" in agency.text
    assert "周某" not in agency.text  # the applicant's identity is not passed on


def test_termination_notice_has_a_plain_remedy() -> None:
    letter = termination_notice(
        BUREAU,
        APP,
        on=date(2025, 11, 3),
        supplement_requested_on=date(2025, 10, 9),
        supplement_due=date(2025, 10, 30),
    )
    assert "视为放弃申请" in letter.text and "2025年10月30日前补正" in letter.text
    assert "如不服本告知" in letter.text and "应当先" not in letter.text


def test_letters_survive_storage_and_render_escaped_html() -> None:
    letter = reply(BUREAU, APP, decision_for(Outcome.PARTIAL), REPLY_DAY)
    assert LetterText.from_data(letter.to_data()) == letter
    with pytest.raises(GongkaiError):
        LetterText.from_data({"kind": "reply"})
    hostile = ApplicationFacts(**{**APP.__dict__, "description": "<script>x</script>"})
    page = letter_html(reply(BUREAU, hostile, decision_for(Outcome.NOT_EXIST), REPLY_DAY))
    assert "<script>x" not in page and "&lt;script&gt;" in page
    assert "http" not in page  # no fonts or styles from the network
