"""Section headings in a long crawler line are found as the heading pattern's own scan finds
them (``headings_in`` skips to the places where one can start)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.parsing import glued_text
from gongkai.core.parsing.glued_text import headings_in

# Pieces headings are made of, and what stands around them in a glued body.
PIECES = [
    "#",
    "##",
    " ",
    "\u3000",
    "\t",
    "第",
    "一",
    "二",
    "十",
    "三",
    "、",
    ".",
    "．",
    "部分",
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开",
    "行政复议",
    "、",
    "行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
    "信息处理费收取情况",
    "我局",
    "2023年",
    "12030011125",
    "(一)",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_headings_found_are_those_of_the_pattern_scan(pieces: list[str]) -> None:
    line = "".join(pieces)
    expected = [(m.start(), m.end()) for m in glued_text._HEADING.finditer(line)]
    assert [(m.start(), m.end()) for m in headings_in(line)] == expected


def test_marks_before_a_heading_are_part_of_it_and_the_next_starts_after_it() -> None:
    line = "前言 ## 一、总体情况正文  二、主动公开政府信息情况###三、收到和处理政府信息公开申请情况"
    found = [m.group() for m in headings_in(line)]
    assert found == [
        "## 一、总体情况",
        "  二、主动公开政府信息情况",
        "###三、收到和处理政府信息公开申请情况",
    ]


def test_cut_figures_keep_the_spaces_beyond_the_crawlers_line_breaks() -> None:
    from gongkai.core.parsing.glued_text import unglue

    header = "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼 结果维持结果纠正其他结果"
    header += "尚未审结总计"
    prose = (
        "本年度工作平稳有序。" * 12
        + "一、本年新收政府信息公开申请数量1001 四、结转下年度继续办理0000000"
    )
    # no line breaks as spaces: every space next to the figures is kept
    glued = unglue(f"{prose}{header}  000011200130000 五、存在的主要问题及改进情况")
    assert "  000011200130000 " in glued.split("\n")
    # a crawler that wrote each line break as a space ("。 "): one space less each side
    spaced = prose.replace("。", "。 ")
    glued = unglue(f"{spaced}{header}  000011200130000  五、存在的主要问题及改进情况")
    assert " 000011200130000 " in glued.split("\n")
