"""A crawler's header, in each form crawlers write it, is dropped but for the title.

The header's marks must not end up in the agency's name ("【标题】某县公安局" and
"title:某县公安局" were read as the agency of reports saved with those headers), and the
lines after it keep the file's own numbers, so that a finding's 第N行 is the line a reader
finds in the file.
"""

from __future__ import annotations

import random

import pytest

from bench.degrade import crawler
from bench.degraded import random_report
from gongkai.core.parsing.glued_text import unglue
from gongkai.core.parsing.read import report_from_text

FORMS = crawler._HEADERS  # the generator's three header forms


@pytest.mark.parametrize("form", range(len(FORMS)))
@pytest.mark.parametrize("layout", ["oneline", "multiline"])
def test_every_header_form_leaves_agency_year_and_title_clean(form: int, layout: str) -> None:
    for seed in range(3):
        report = random_report(random.Random(f"{form}:{layout}:{seed}"))
        title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
        head = [line.format(title=title, slug="a1b2", date="2025-01-15") for line in FORMS[form]]
        body = crawler.body_lines(report, random.Random(seed), "squeezed")
        lines = [*head, "".join(body)] if layout == "oneline" else [*head, *body]
        read = report_from_text("\n".join(lines))
        assert (read.agency, read.year, read.title) == (report.agency, report.year, title)


def test_lines_keep_the_numbers_they_have_in_the_file() -> None:
    text = "【标题】某县公安局2024年政府信息公开工作年度报告\n【来源】http://x.invalid/1\n【正文】\n一、总体情况"
    assert unglue(text).split("\n") == [
        "某县公安局2024年政府信息公开工作年度报告",
        "",
        "",
        "一、总体情况",
    ]
    read = report_from_text(text + "\n本年度无申请。")
    assert read.sections[0].line == 4


def test_a_reports_own_fields_over_a_rule_are_no_crawler_header() -> None:
    # A report's own "日期:" over a markdown rule stays …
    text = "某县公安局2024年政府信息公开工作年度报告\n日期：2025年1月20日\n----\n一、总体情况"
    assert unglue(text) == text
    # … and so do fields without a title over a rule.
    text = "URL:http://x.invalid/1\n----\n某县公安局2024年政府信息公开工作年度报告"
    assert unglue(text) == text


def test_a_signature_run_into_the_last_paragraph_dates_the_report() -> None:
    body = "一、总体情况\n本年度未收到超出一定数量或者频次范围的申请，未收取信息处理费。"
    read = report_from_text(body + " 某市生态环境局 2025年1月15日")
    assert str(read.publication_date) == "2025-01-15"
    # A date that a sentence speaks of is not a signature.
    read = report_from_text(body + "相关制度于2025年1月15日印发")
    assert read.publication_date is None
