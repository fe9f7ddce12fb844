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
