"""The HTML page: official layout, accessible without script, and it reads back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from rendering_roundtrip import SEEDS, assert_same_report, report_2019, seed

from gongkai.core.parsing.read import read_report
from gongkai.core.rendering.html import render_html
from gongkai.core.report.model import AnnualReport
from tests.builders import consistent_report, consistent_reports


def _again(report: AnnualReport) -> AnnualReport:
    return read_report(render_html(report).encode("utf-8"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_reads_back_the_same(path: Path) -> None:
    original = seed(path)
    assert_same_report(_again(original), original, "html")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_random_consistent_reports_read_back_the_same(report: AnnualReport) -> None:
    again = _again(report)
    assert_same_report(again, report, "html")
    assert again.errors() == []


def test_a_2019_format_report_reads_back_the_same() -> None:
    original = report_2019()
    html = render_html(original)
    assert "第二十条第（九）项" in html and "政府集中采购" in html
    assert_same_report(_again(original), original, "html")


def test_the_page_is_accessible_and_self_contained() -> None:
    html = render_html(consistent_report())
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert "<script" not in html and "http" not in html  # nothing fetched, nothing run
    assert html.count("<h1>") == 1 and html.count("<h2 ") == 6
    # each table is labelled by its section heading; headers are th with a scope
    for number in (2, 3, 4):
        assert f'aria-labelledby="section-{number}"' in html
    assert '<th scope="colgroup" colspan="7">申请人情况</th>' in html
    assert '<th scope="rowgroup" class="left" rowspan="22">三、本年度办理结果</th>' in html
    assert html.count("<thead>") == 2  # 表三 and 表四 headers repeat when printed


def test_a_row_the_source_omits_is_not_printed_and_stays_omitted() -> None:
    original = seed(SEEDS[0])  # 沙县: 表二 has no 规章 row
    assert original.table2["regulations"] is None
    html = render_html(original)
    assert '<th scope="row">规章</th>' not in html
    assert _again(original).table2["regulations"] is None


def test_the_signature_is_printed_once() -> None:
    original = seed(SEEDS[1])  # 沂源: its last section ends with the date
    html = render_html(original)
    assert html.count("2024年1月5日") == 1
    again = _again(original)
    assert render_html(again) == html  # rendering what was read back changes nothing
