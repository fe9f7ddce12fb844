"""The narrative against the tables, with sentences taken verbatim from the five seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import consistent_report

from gongkai.core.checks.engine import run_checks
from gongkai.core.checks.narrative_text import chinese_count
from gongkai.core.parsing.read import report_from_text
from gongkai.core.report.model import AnnualReport, Finding

SEEDS = Path(__file__).parents[2] / "fixtures" / "seeds"

# 莆田 2022 (seed 002), section 一（二）, verbatim.
PUTIAN = (
    "(二)依申请公开情况。我局通过政府门户网站平台在线申请、邮寄(电子或纸质)申请、当面申请等"
    "渠道受理政府信息公开申请事项,按照“受理—审查—交办—反馈—答复”流程进行及时准确、依法依规"
    "处理,并通过统一答复文书格式等方式,不断增强答复的针对性和准确性。2022年,接收政府信息公开"
    "申请事项19件,申请人均通过我局政府门户网站平台在线提交,经我局规范办理和答复,属于已公开6件,"
    "占31.58%;无法提供12件,占63.16%;其它处理1件,占5.26%,答复及时率达100%。"
)
PUTIAN_TABLE = {
    "granted": {"natural_person": 6},
    "unable_not_held": {"natural_person": 11},
    "unable_needs_creation": {"natural_person": 1},
    "other_other": {"natural_person": 1},
}
# 兴宁 2023 (seed 004): 表四 as printed, and the sentence of section 一（二）.
XINGNING_T4 = {
    "review_upheld": 6,
    "review_other": 1,
    "review_pending": 4,
    "suit_direct_upheld": 5,
    "suit_direct_other": 1,
    "suit_direct_pending": 2,
    "suit_after_review_upheld": 1,
}
XINGNING = (
    "（二）依申请公开方面。严格按照省政府信息公开申请办理答复规范要求，完善政府信息公开审核、"
    "办理、答复等工作机制，确保按时保质答复。2023年，未受理依申请公开政府信息，没有因信息公开"
    "引起的行政复议和行政诉讼案件。"
)


def _with_overview(report: AnnualReport, text: str) -> AnnualReport:
    report.sections[0].text = text
    return report


def _narr(report: AnnualReport) -> list[Finding]:
    return [f for f in run_checks(report) if f.rule.startswith("NARR-")]


def _rules(report: AnnualReport) -> set[str]:
    return {f.rule for f in _narr(report)}


def _zero_applications(**kwargs: object) -> AnnualReport:
    return consistent_report(outcomes={}, carried_over={}, carried_forward={}, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value"),
    [("零", 0), ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_count(text) == value


@pytest.mark.parametrize("text", ["一百", "十两", "一二", "两十", "", "三十十"])
def test_chinese_numerals_out_of_range(text: str) -> None:
    assert chinese_count(text) is None


def test_yiyuan_received_seven() -> None:
    text = (
        "2023 年共收到政府信息依申请公开 7 件，在规定时间内办理答复 7 件；"
        "其中邮件形式 2 件，网上受理 5 件。"
    )
    seven = {
        "unable_not_held": {"natural_person": 6},
        "not_processed_petition": {"natural_person": 1},
    }
    ok = consistent_report(outcomes=seven, carried_over={}, carried_forward={})
    assert _narr(_with_overview(ok, text)) == []
    six = {"unable_not_held": {"natural_person": 6}}
    bad = _narr(
        _with_overview(consistent_report(outcomes=six, carried_over={}, carried_forward={}), text)
    )
    assert [f.rule for f in bad] == ["NARR-APPLICATIONS-RECEIVED"]
    assert "7件" in bad[0].message and "为6" in bad[0].message
    assert bad[0].where[:2] == ["sections.overview", "table3.new_received.total"]


def test_putian_outcomes_and_percentages_agree() -> None:
    report = consistent_report(outcomes=PUTIAN_TABLE, carried_over={}, carried_forward={})
    assert _narr(_with_overview(report, PUTIAN)) == []


def test_putian_outcome_count_contradiction() -> None:
    table = {**PUTIAN_TABLE, "granted": {"natural_person": 7}, "unable_needs_creation": {}}
    report = consistent_report(outcomes=table, carried_over={}, carried_forward={})
    found = _narr(_with_overview(report, PUTIAN))
    assert {f.rule for f in found} == {"NARR-OUTCOME-COUNT"}
    messages = " ".join(f.message for f in found)
    assert "已公开6件" in messages and "为7件" in messages
    assert "无法提供12件" in messages and "各行总计为11件" in messages


def test_putian_wrong_percentage() -> None:
    report = consistent_report(outcomes=PUTIAN_TABLE, carried_over={}, carried_forward={})
    found = _narr(_with_overview(report, PUTIAN.replace("占63.16%", "占61.16%")))
    assert [f.rule for f in found] == ["NARR-PERCENT"]
    assert "63.16%" in found[0].message


def test_percentage_one_unit_off_in_last_digit_is_accepted() -> None:
    report = consistent_report(outcomes=PUTIAN_TABLE, carried_over={}, carried_forward={})
    assert _narr(_with_overview(report, PUTIAN.replace("占31.58%", "占31.57%"))) == []
    assert _narr(_with_overview(report, PUTIAN.replace("占31.58%", "占32%"))) == []


def test_shaxian_none_received() -> None:
    text = "（二）依申请公开情况。……2023年，我局未收到有关政务信息公开的申请。"
    assert _narr(_with_overview(_zero_applications(), text)) == []
    found = _narr(_with_overview(consistent_report(), text))
    assert [f.rule for f in found] == ["NARR-NO-APPLICATIONS"]


def test_shanzhou_zero_received_and_mailbox_letters() -> None:
    text = (
        "（一）主动公开：2023 年，我局门户网站主动公开政府信息共 346 条；回复群众留言、"
        "局长信箱收到群众来信 3 件。\n（二）依申请公开：\n"
        "本年度，我局收到群众网上依申请公开信 0 件。"
    )
    assert _narr(_with_overview(_zero_applications(), text)) == []
    # "网上…0件" counts one channel; other channels may have brought the table's 9.
    assert _narr(_with_overview(consistent_report(), text)) == []


def test_count_by_channel_or_applicant_is_a_part() -> None:
    report = consistent_report()  # 9 received, 1 carried over
    text = "通过网上平台收到政府信息公开申请5件，收到法人或其他组织申请1件。"
    assert _narr(_with_overview(report, text)) == []
    found = _narr(_with_overview(report, "收到自然人提出的政府信息公开申请12件。"))
    assert [f.rule for f in found] == ["NARR-APPLICATIONS-RECEIVED"]


def test_mailbox_and_petition_counts_are_not_applications() -> None:
    text = (
        "加强政府网站“领导信箱”互动栏目管理，2023年共受理群众网络问政来信349件，回复率100%。"
        "通过我局政府门户网站局长信箱受理公众反映的诉求事项，共接受各类诉求262件，已办结 257件。"
    )
    assert _narr(_with_overview(consistent_report(), text)) == []


def test_limit_on_fees_is_not_a_statement_of_no_applications() -> None:
    text = "2022年，我局未收到超出一定数量或者频次范围的政府信息公开申请，没有收费事项。"
    assert _narr(_with_overview(consistent_report(), text)) == []


def test_total_handled_may_include_carried_over() -> None:
    report = consistent_report()  # 9 received, 1 carried over
    assert _narr(_with_overview(report, "共办理政府信息公开申请10件。")) == []
    assert _narr(_with_overview(report, "共受理政府信息公开申请9件。")) == []
    assert _rules(_with_overview(report, "共收到政府信息公开申请11件。")) == {
        "NARR-APPLICATIONS-RECEIVED"
    }


def test_chinese_numeral_counts() -> None:
    two = {"granted": {"natural_person": 2}}
    report = consistent_report(outcomes=two, carried_over={}, carried_forward={})
    assert _narr(_with_overview(report, "本年度共收到政府信息公开申请两件，予以公开两件。")) == []
    found = _rules(_with_overview(report, "本年度共收到政府信息公开申请十二件，予以公开三件。"))
    assert found == {"NARR-APPLICATIONS-RECEIVED", "NARR-OUTCOME-COUNT"}


def test_xingning_contradiction_names_the_figures() -> None:
    report = _with_overview(_zero_applications(table4=XINGNING_T4), XINGNING)
    found = _narr(report)
    assert [f.rule for f in found] == ["NARR-NO-REVIEW-LITIGATION"]
    message = found[0].message
    assert "没有因信息公开引起的行政复议和行政诉讼案件" in message
    assert "行政复议11件（维持6、纠正0、其他1、尚未审结4）" in message
    assert "未经复议直接起诉）8件（维持5、纠正0、其他1、尚未审结2）" in message
    assert "复议后起诉）1件（维持1、纠正0、其他0、尚未审结0）" in message
    assert "table4.review_total" in found[0].where


def test_xingning_sentence_with_empty_table4_is_consistent() -> None:
    assert _narr(_with_overview(_zero_applications(), XINGNING)) == []


def test_no_review_alone_and_no_litigation_alone() -> None:
    suits_only = _zero_applications(table4={"suit_direct_upheld": 2})
    review_only = _zero_applications(table4={"review_upheld": 2})
    no_review = "本年度未发生因政府信息公开引起的行政复议案件。"
    no_suit = "本年度没有被提起行政诉讼。"
    assert _narr(_with_overview(suits_only, no_review)) == []
    assert _rules(_with_overview(review_only, no_review)) == {"NARR-NO-REVIEW-LITIGATION"}
    assert _narr(_with_overview(review_only, no_suit)) == []
    assert _rules(_with_overview(suits_only, no_suit)) == {"NARR-NO-REVIEW-LITIGATION"}


def test_denying_an_outcome_is_not_denying_the_cases() -> None:
    report = _zero_applications(table4=XINGNING_T4)
    assert _narr(_with_overview(report, "本年度没有发生行政复议被纠正的情况。")) == []


def test_stated_review_and_litigation_counts() -> None:
    report = _zero_applications(table4=XINGNING_T4)
    for text in (
        "因政府信息公开被申请行政复议11件，被提起行政诉讼9件。",
        "被提起行政诉讼8件。",  # counting only suits brought without review first
        "行政复议尚未审结4件。",  # a part of the block, not its total
        "未经复议直接起诉8件，复议后起诉1件。",
    ):
        assert _narr(_with_overview(report, text)) == [], text
    found = _narr(_with_overview(report, "被申请行政复议三件，被提起行政诉讼5件。"))
    assert [f.rule for f in found] == ["NARR-REVIEW-LITIGATION-COUNT"] * 2
    assert "为11" in found[0].message


def test_normative_documents_in_force() -> None:
    report = consistent_report(normative=(6, 0, 26))
    assert _narr(_with_overview(report, "现行有效行政规范性文件26件。")) == []
    assert _narr(_with_overview(report, "我局行政规范性文件现行有效 26 件。")) == []
    found = _narr(_with_overview(report, "现行有效行政规范性文件25件。"))
    assert [f.rule for f in found] == ["NARR-NORMATIVE-IN-FORCE"]
    assert found[0].where[-1] == "table2.normative_documents.in_force"


def test_numbers_inside_document_titles_are_ignored() -> None:
    text = (
        "出台《莆田市公安局关于贯彻执行<福建省户口居民身份证件管理工作规定>等2份行政规范性文件"
        "有关事项的通知》，现行有效行政规范性文件5件。"
    )
    assert _narr(_with_overview(consistent_report(), text)) == []


def _seed(prefix: str) -> AnnualReport:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return report_from_text(path.read_text("utf-8"), path.name)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seed_narratives_agree_with_their_tables(prefix: str) -> None:
    assert _narr(_seed(prefix)) == []


def test_seed_004_narrative_contradicts_table4() -> None:
    found = _narr(_seed("004"))
    assert [f.rule for f in found] == ["NARR-NO-REVIEW-LITIGATION"]
    assert found[0].line is not None
