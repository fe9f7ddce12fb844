"""The drafted narrative: every number it prints comes from the data, and it always agrees
with the tables (the report core's NARR checks find nothing to object to)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from builders import consistent_report, consistent_reports
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications.channels import Channel
from gongkai.core.checks.engine import run_checks
from gongkai.core.fees.statistics import FeeFigures
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport
from gongkai.core.reporting.drafting import (
    OUTCOME_GROUPS,
    draft_sections,
    has_placeholder,
)
from gongkai.core.reporting.figures import DraftFigures
from gongkai.core.statistics.narrative import ApplicationFigures, percent

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numbers(value: Any) -> Iterator[str]:
    """Every number inside a figure structure, as text."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield str(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _numbers(item)


def allowed_numbers(report: AnnualReport, figures: DraftFigures) -> set[str]:
    """What the data says, and the shares and sums computed from it."""
    allowed = {str(figures.year)}
    allowed |= set(_numbers(report.table2)) | set(_numbers(report.table3))
    allowed |= set(_numbers(report.table4))
    t3 = {row: (report.table3[row] or {}).get("total") or 0 for row in L.T3_ROWS}
    allowed.add(str(t3["new_received"] + t3["carried_over"]))
    allowed.add(str(report.table4["suit_direct_total"] + report.table4["suit_after_review_total"]))
    for _, rows in OUTCOME_GROUPS:
        count = sum(t3[r] for r in rows)
        allowed.add(str(count))
        allowed.add(str(percent(count, t3["results_total"])))
    if figures.applications is not None:
        apps = figures.applications
        allowed |= {str(n) for n in apps.new_by_channel.values()}
        allowed |= {str(apps.on_time), str(apps.on_time_rate)}
    if figures.catalogue is not None:
        allowed |= set(_numbers(dict(figures.catalogue)))
        attributes = figures.catalogue.get("attributes_set") or {}
        allowed.add(str(sum(attributes.values())))
    if figures.fees is not None:
        allowed |= {str(figures.fees.notices), str(figures.fees.charged)}
        allowed.add(str(figures.fees.collected))
    return allowed


CATALOGUE = {
    "published_total": 128,
    "published_by_category": {"机构职能": 3, "政策文件": 21, "行政执法": 104},
    "published_by_channel": {"政府网站": 128, "政务新媒体": 40},
    "published_late": 2,
    "published_on_time": 126,
    "attributes_set": {"主动公开": 30, "依申请公开": 4, "不予公开": 2},
    "review_steps": 384,
    "secrecy_reviews": 128,
    "new_media_accounts": 3,
    "new_media_posts_total": 1396,
    "new_media_posts_by_platform": {"微信公众号": 900, "微博": 496},
}


def application_figures(report: AnnualReport) -> ApplicationFigures:
    new = (report.table3["new_received"] or {})["total"]
    by_channel = dict.fromkeys(Channel, 0)
    by_channel[Channel.ONLINE] = new // 2
    by_channel[Channel.IN_PERSON] = new - new // 2
    concluded = (report.table3["results_total"] or {})["total"]
    return ApplicationFigures(report.year or 0, by_channel, concluded, concluded, concluded, {})


def full_figures(report: AnnualReport, fees: FeeFigures | None = None) -> DraftFigures:
    return DraftFigures(
        agency=report.agency or "",
        year=report.year or 0,
        applications=application_figures(report),
        catalogue=CATALOGUE,
        fees=fees or FeeFigures(report.year or 0, 2, 300, 100),
    )


def drafted_report(report: AnnualReport, figures: DraftFigures) -> AnnualReport:
    report.sections = draft_sections(report, figures)
    return report


def test_every_number_in_the_drafted_text_comes_from_the_data() -> None:
    report = consistent_report(table4={"review_upheld": 2, "suit_direct_pending": 1})
    figures = full_figures(report)
    drafted = drafted_report(report, figures)
    allowed = allowed_numbers(report, figures)
    for section in drafted.sections:
        for number in NUMBER.findall(section.text):
            assert number in allowed, f"{section.key}: {number} 不是数据中的数字"


def test_the_drafted_text_states_the_main_figures() -> None:
    report = consistent_report()
    text = "\n".join(s.text for s in drafted_report(report, full_figures(report)).sections)
    new = report.table3["new_received"]["total"]
    assert f"共收到政府信息公开申请{new}件" in text
    assert "主动公开政府信息128条" in text
    assert "现行有效行政规范性文件5件" in text
    assert "发出信息处理费收费通知2件，通知收取金额300元，实际收取金额100元" in text
    assert "没有因政府信息公开工作被申请行政复议、提起行政诉讼" in text


def test_without_a_source_the_paragraph_asks_staff_instead_of_guessing() -> None:
    report = consistent_report()
    figures = DraftFigures(agency="某县公安局", year=2023)
    sections = {s.key: s.text for s in draft_sections(report, figures)}
    assert has_placeholder(sections["other"])  # no fee figures
    assert "信息处理费" in sections["other"]
    assert has_placeholder(sections["overview"])  # no catalogue figures
    assert has_placeholder(sections["problems"])  # never known from data


def test_no_applications_and_no_fees_are_said_plainly() -> None:
    report = consistent_report(outcomes={}, carried_over={}, carried_forward={})
    figures = full_figures(report, FeeFigures(2023, 0, 0, 0))
    sections = {s.key: s.text for s in draft_sections(report, figures)}
    assert "本机关未收到政府信息公开申请" in sections["overview"]
    assert sections["other"] == "本年度未发出信息处理费收费通知，未收取信息处理费。"


def test_review_and_litigation_sentence_follows_table4() -> None:
    report = consistent_report(table4={"review_corrected": 3, "suit_after_review_upheld": 1})
    sections = {s.key: s.text for s in draft_sections(report, full_figures(report))}
    assert "被申请行政复议3件" in sections["review_litigation"]
    assert (
        "被提起行政诉讼1件（其中未经复议直接起诉0件、复议后起诉1件）"
        in sections["review_litigation"]
    )


def test_six_sections_in_the_official_order() -> None:
    report = consistent_report()
    sections = draft_sections(report, full_figures(report))
    assert [s.key for s in sections] == list(L.SECTION_KEYS)
    assert [s.number for s in sections] == list(L.SECTION_NUMERALS)


@settings(max_examples=150, deadline=None)
@given(consistent_reports(), st.booleans(), st.integers(0, 5))
def test_drafted_narrative_and_generated_tables_pass_every_narr_check(
    report: AnnualReport, with_catalogue: bool, notices: int
) -> None:
    figures = DraftFigures(
        agency=report.agency or "",
        year=report.year or 0,
        applications=application_figures(report),
        catalogue=CATALOGUE if with_catalogue else None,
        fees=FeeFigures(report.year or 0, notices, notices * 100, notices * 50),
    )
    drafted = drafted_report(report, figures)
    findings = [f for f in run_checks(drafted) if f.rule.startswith("NARR-")]
    assert findings == []
    allowed = allowed_numbers(report, figures)
    for section in drafted.sections:
        assert set(NUMBER.findall(section.text)) <= allowed


def test_the_narr_checks_do_read_the_drafted_wording() -> None:
    """Drafted text that no longer matches the tables is caught (the checks are not blind)."""
    report = consistent_report(table4={"review_upheld": 2})
    drafted = drafted_report(report, full_figures(report))
    drafted.table3["new_received"]["natural_person"] += 1
    drafted.table3["new_received"]["total"] += 1
    drafted.table3["granted"]["natural_person"] += 1
    drafted.table3["granted"]["total"] += 1
    drafted.table4["review_upheld"] = drafted.table4["review_total"] = 0
    drafted.table2["normative_documents"]["in_force"] = 99
    rules = {f.rule for f in run_checks(drafted) if f.rule.startswith("NARR-")}
    assert {
        "NARR-APPLICATIONS-RECEIVED",
        "NARR-OUTCOME-COUNT",
        "NARR-REVIEW-LITIGATION-COUNT",
        "NARR-NORMATIVE-IN-FORCE",
    } <= rules
