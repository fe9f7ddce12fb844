"""HTML reports: merged cells expanded, copies marked, every seed round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.parsing.html_reader import read_html
from gongkai.core.parsing.read import read_report, report_from_text
from gongkai.core.rendering.html import render_html
from gongkai.core.report.jsonio import report_to_json, validate

SEED_DIR = Path(__file__).parents[2] / "fixtures" / "seeds"
SEEDS = sorted(SEED_DIR.glob("0*.txt"))


def _cells(html: str) -> list[list[tuple[str, bool]]]:
    doc = read_html(html)
    return [[(c.text, c.span) for c in line.cells] for line in doc.lines if line.cells]


def test_rowspan_and_colspan_expand_into_marked_copies() -> None:
    rows = _cells(
        "<table><tr><td rowspan='2'>三、本年度办理结果</td><td colspan='2'>（一）予以公开</td>"
        "<td>6</td></tr><tr><td>1.</td><td>x</td><td>0</td></tr></table>"
    )
    assert rows == [
        [
            ("三、本年度办理结果", False),
            ("(一)予以公开", False),
            ("(一)予以公开", True),
            ("6", False),
        ],
        [("三、本年度办理结果", True), ("1.", False), ("x", False), ("0", False)],
    ]


def test_malformed_spans_and_nested_tables_do_not_break_the_grid() -> None:
    rows = _cells(
        "<table><tr><td rowspan='abc' colspan='0'>a</td><td rowspan='999'>b</td></tr>"
        "<tr><td><table><tr><td>内</td><td>表</td></tr></table></td></tr></table>"
    )
    assert rows[0] == [("a", False), ("b", False)]
    assert rows[1] == [("内表", False), ("b", True)]


def test_scripts_are_ignored_and_paragraphs_kept_in_order() -> None:
    doc = read_html(
        "<html><head><title>标题</title><script>var x='一、总体情况';</script></head>"
        "<body><div>一、总体情况<p>正文 第一段</p></div><br>二、主动公开政府信息情况</body></html>"
    )
    assert [line.text for line in doc.lines] == [
        "一、总体情况",
        "正文第一段",
        "二、主动公开政府信息情况",
    ]
    assert doc.meta["title"] == "标题"


def test_a_gbk_page_with_a_meta_charset_is_decoded() -> None:
    page = (
        "<html><head><meta charset='gbk'></head><body><p>政府信息公开工作年度报告</p></body></html>"
    )
    doc = read_html(page.encode("gbk"))
    assert doc.lines[0].text == "政府信息公开工作年度报告"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_round_trips_through_the_official_html_layout(path: Path) -> None:
    original = report_from_text(path.read_text("utf-8"))
    html = render_html(original)
    assert 'rowspan="22"' in html and 'colspan="10"' in html  # the official merged headers
    again = read_report(html.encode("utf-8"))
    assert again.source["format"] == "html"
    assert again.table2 == original.table2
    assert again.table3 == original.table3
    assert again.table4 == original.table4
    assert (again.agency, again.year, again.publication_date) == (
        original.agency,
        original.year,
        original.publication_date,
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<table>",
                "</table>",
                "<tr>",
                "</tr>",
                "<td rowspan='3'>",
                "<td colspan='9'>",
                "</td>",
                "<th>",
                "<p>",
                "</p>",
                "<br>",
                "本年新收",
                "7",
                "0",
                "总计",
                "行政复议",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<tbody>",
                "&nbsp;",
                "结果维持",
            ]
        ),
        max_size=150,
    )
)
def test_arbitrary_html_never_raises(parts: list[str]) -> None:
    report = read_report(("<html><body>" + "".join(parts)).encode("utf-8"))
    validate(report_to_json(report))
