"""§41 更正 (S1, VERIFIED): "公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息
记录不准确的，可以要求该行政机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；
不属于本行政机关职能范围的，行政机关可以转送有权更正的行政机关处理并告知申请人，或者告知申请人
向有权更正的行政机关提出。"

Each clause becomes a check here: evidence is required; a correction states the corrected
record and tells the applicant; forwarding and referral name the organ with the power to
correct; a refusal (DERIVED: §41 obliges only "审核属实的") gives its reasons."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.applications.record_corrections import (
    CORRECTION_DECISION_LABELS,
    CorrectionDecision,
    CorrectionOutcome,
    CorrectionRequestFacts,
    InvalidCorrection,
)
from gongkai.core.letters.correction import correction_notice
from gongkai.core.letters.model import AgencyFacts, LetterKind, LetterText

BUREAU = AgencyFacts(name="清河县公安局", review_body="清河县人民政府", abbreviation="清公")
REQUEST = CorrectionRequestFacts(
    record="户籍登记中本人出生日期为1980年1月2日",
    requested="出生日期1980年2月1日",
    evidence="出生医学证明复印件",
)


def notice(outcome: CorrectionOutcome) -> LetterText:
    return correction_notice(
        BUREAU,
        number="2025-0003",
        applicant_name="周某",
        is_person=True,
        received_on=date(2025, 3, 3),
        request=REQUEST,
        outcome=outcome,
        on=date(2025, 3, 20),
    )


def test_a_request_needs_evidence_that_the_record_is_inaccurate() -> None:
    with pytest.raises(InvalidCorrection, match="证据"):
        CorrectionRequestFacts(record="出生日期", requested="1980年2月1日", evidence=" ")


def test_a_verified_record_is_corrected_and_the_applicant_told_what_it_now_says() -> None:
    with pytest.raises(InvalidCorrection, match="更正后的内容"):
        CorrectionOutcome(CorrectionDecision.CORRECTED)
    text = notice(
        CorrectionOutcome(CorrectionDecision.CORRECTED, corrected_to="出生日期1980年2月1日")
    )
    body = "".join(text.paragraphs)
    assert text.kind is LetterKind.CORRECTION_NOTICE
    assert text.title == "政府信息更正申请处理告知书"
    assert text.number == "清公更正〔2025〕0003号"
    assert "2025年3月3日收到您要求更正政府信息记录的申请" in body
    assert "第四十一条" in body and "已予以更正" in body
    assert "更正后的内容为：出生日期1980年2月1日。" in body
    assert LetterText.from_data(text.to_data()) == text


@pytest.mark.parametrize(
    ("decision", "said"),
    [
        (CorrectionDecision.FORWARDED, "转送清河县民政局处理"),
        (CorrectionDecision.REFERRED, "请您向有权更正的行政机关清河县民政局提出"),
    ],
)
def test_outside_its_functions_the_agency_names_the_organ_with_the_power(
    decision: CorrectionDecision, said: str
) -> None:
    with pytest.raises(InvalidCorrection, match="有权更正的行政机关"):
        CorrectionOutcome(decision)
    text = notice(CorrectionOutcome(decision, competent_agency="清河县民政局"))
    body = "".join(text.paragraphs)
    assert "不属于本机关职能范围" in body and said in body


def test_a_refusal_gives_its_reasons() -> None:
    with pytest.raises(InvalidCorrection, match="理由"):
        CorrectionOutcome(CorrectionDecision.NOT_VERIFIED)
    text = notice(
        CorrectionOutcome(CorrectionDecision.NOT_VERIFIED, reasons="原始登记材料载明1月2日")
    )
    assert "不予更正" in "".join(text.paragraphs)
    assert text.paragraphs[-2] == "理由：原始登记材料载明1月2日。"


def test_every_decision_has_a_label_and_a_sentence() -> None:
    for decision in CorrectionDecision:
        assert CORRECTION_DECISION_LABELS[decision]
        outcome = CorrectionOutcome(
            decision, reasons="甲", corrected_to="乙", competent_agency="丙局"
        )
        assert notice(outcome).paragraphs[1]
