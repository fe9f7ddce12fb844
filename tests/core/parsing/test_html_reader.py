"""HTML reader: paragraphs in order, spans expanded into marked copies, hostile markup."""

from __future__ import annotations

import pytest

from gongkai.core.errors import InputError
from gongkai.core.parsing.html_reader import read_html


def _rows(html: str | bytes) -> list[list[str]]:
    """Table rows as text, copies of merged cells marked with a leading '~'."""
    doc = read_html(html)
    return [[("~" if c.span else "") + c.text for c in ln.cells] for ln in doc.lines if ln.cells]


def test_rowspan_and_colspan_fill_a_rectangle_of_marked_copies() -> None:
    rows = _rows(
        "<table><tr><td rowspan=2 colspan=2>申请人情况</td><td>自然人</td></tr>"
        "<tr><td>3001</td></tr>"
        "<tr><td>一、本年新收</td><td colspan='2'>7</td></tr></table>"
    )
    assert rows == [
        ["申请人情况", "~申请人情况", "自然人"],
        ["~申请人情况", "~申请人情况", "3001"],
        ["一、本年新收", "7", "~7"],
    ]


def test_spans_past_the_edge_and_malformed_values_are_clamped() -> None:
    rows = _rows(
        "<table><tr><td rowspan='99'>a</td><td colspan='x'>b</td><td rowspan='0'>c</td></tr>"
        "<tr><td colspan='-3'>d</td></tr></table><p>after</p>"
    )
    assert rows == [["a", "b", "c"], ["~a", "d", "~c"]]


def test_short_rows_end_early_and_holes_are_empty_cells() -> None:
    rows = _rows(
        "<table><tr><td>x</td><td rowspan=2>y</td><td>z</td></tr>"
        "<tr></tr><tr><td>only</td></tr></table>"
    )
    # row 2 has no cell of its own: column 0 is a hole before the copy of "y"
    assert rows == [["x", "y", "z"], ["", "~y"], ["only"]]


def test_a_nested_table_is_flattened_into_its_cell() -> None:
    rows = _rows(
        "<table><tr><td>外<table><tr><td>科研</td><td>机构</td></tr></table></td>"
        "<td>2</td></tr></table>"
    )
    assert rows == [["外科研机构", "2"]]


def test_cell_text_is_one_line_with_cjk_rejoined() -> None:
    rows = _rows(
        "<table><tr><th>科研<br>机构</th><td> 法律服务\n 机构 </td><td>A&nbsp; b</td></tr>"
    )
    assert rows == [["科研机构", "法律服务机构", "A b"]]


def test_blocks_become_paragraphs_and_noise_is_dropped() -> None:
    doc = read_html(
        "<html><head><title>淮安市 2024 年报告</title><style>p{}</style></head><body>"
        "<nav><a>首页</a><a>政务公开</a></nav><h1>年度报告</h1><div>一、总体情况"
        "<p>第一段<script>alert(1)</script></p>第二段<br>第三段</div>"
        "<ul><li>甲</li><li>乙</li></ul><!-- 注释 --><table><caption>表三</caption>"
        "<tr><td>1</td><td>2</td></tr></table>尾</body></html>"
    )
    assert [ln.text for ln in doc.lines] == [
        "年度报告", "一、总体情况", "第一段", "第二段", "第三段", "甲", "乙", "表三", "1\t2", "尾"
    ]  # fmt: skip
    assert doc.meta["title"] == "淮安市 2024 年报告"
    assert doc.format == "html"
    assert [ln.number for ln in doc.lines] == list(range(1, 11))


@pytest.mark.parametrize("meta", ["<meta charset='gb2312'>", ""])
def test_legacy_gbk_pages_are_decoded(meta: str) -> None:
    page = f"<html><head>{meta}</head><body><p>政府信息公开工作年度报告（镕）</p></body></html>"
    doc = read_html(page.encode("gb18030"))
    assert doc.lines[0].text == "政府信息公开工作年度报告(镕)"


def test_a_table_that_would_expand_beyond_the_limit_is_refused() -> None:
    rows = "".join("<tr><td colspan=1000 rowspan=1000>x</td></tr>" for _ in range(300))
    with pytest.raises(InputError, match="单元格"):
        read_html(f"<table>{rows}</table>")


def test_broken_markup_still_reads() -> None:
    rows = _rows("<table><tr><td>一<td>二</tr><tr><td>三</table></td></tr>")
    assert rows == [["一", "二"], ["三"]]
