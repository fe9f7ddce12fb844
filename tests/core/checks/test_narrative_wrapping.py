"""A PDF prints a paragraph over several lines, wherever the page width breaks it; the
narrative rules read the same statements at every width (issue 14: the platform's own report
read back from its PDF got a false NARR-OUTCOME-COUNT)."""

from __future__ import annotations

from builders import consistent_report
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.checks.engine import run_checks
from gongkai.core.checks.narrative_text import paragraphs
from gongkai.core.report.model import AnnualReport
from tests.core.checks.test_narrative_rules import PUTIAN, PUTIAN_TABLE

# The drafted 政府信息管理 paragraph (gongkai.core.reporting.drafting): "不予公开1件" is a
# document attribute, kept out of the outcome reading by "主动" in the same sentence.
MANAGEMENT = (
    "(三)政府信息管理情况。公文拟制时同步界定主动公开、依申请公开或不予公开属性,"
    "本年共界定25件:主动公开21件、依申请公开3件、不予公开1件。信息发布前完成审核88次。"
)


def _wrapped(text: str, width: int) -> str:
    return "\n".join(
        line[i : i + width] for line in text.split("\n") for i in range(0, len(line), width)
    )


def _narrative(report: AnnualReport, text: str) -> list[tuple[str, str]]:
    report.sections[0].text = text
    return sorted((f.rule, f.message) for f in run_checks(report) if f.rule.startswith("NARR-"))


@settings(max_examples=40, deadline=None)
@given(width=st.integers(min_value=4, max_value=80))
def test_attribute_counts_are_no_outcome_at_any_width(width: int) -> None:
    # No application was denied: the attribute "不予公开1件" must not be read as one.
    report = consistent_report(outcomes=PUTIAN_TABLE, carried_over={}, carried_forward={})
    assert _narrative(report, _wrapped(PUTIAN + "\n" + MANAGEMENT, width)) == []


@settings(max_examples=40, deadline=None)
@given(width=st.integers(min_value=4, max_value=80))
def test_a_wrong_count_is_found_at_any_width(width: int) -> None:
    table = {**PUTIAN_TABLE, "granted": {"natural_person": 7}, "unable_needs_creation": {}}
    report = consistent_report(outcomes=table, carried_over={}, carried_forward={})
    whole = _narrative(report, PUTIAN)
    assert {rule for rule, _ in whole} == {"NARR-OUTCOME-COUNT"}
    assert _narrative(report, _wrapped(PUTIAN, width)) == whole


def test_paragraphs_are_joined_at_printed_line_breaks_only() -> None:
    text = (
        "(一)主动公开情况。本机关主动公开政\n府信息21条。\n(二)依申请公开情况\n2025年收到申请1件。"
    )
    assert paragraphs(text) == [
        "(一)主动公开情况。本机关主动公开政府信息21条。",
        "(二)依申请公开情况2025年收到申请1件。",
    ]
