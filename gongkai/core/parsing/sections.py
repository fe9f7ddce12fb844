"""Finding the six numbered sections of a report and their text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.core.parsing.document import Cell, Line
from gongkai.core.parsing.label_match import is_misprinted_numbered_row
from gongkai.core.parsing.normalize import match_key
from gongkai.core.report.model import Section

_HEADING = re.compile(
    r"^\s*(?:第)?([一二三四五六七八九十]{1,2})\s*(?:部分)?[、.．:：]\s*(.{2,40}?)\s*$"
)
_NUMERAL_STARTS = frozenset("一二三四五六七八九十第")
_SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overview", ("总体情况", "概述", "基本情况")),
    ("proactive", ("主动公开政府信息", "主动公开情况")),
    ("applications", ("收到和处理", "依申请公开情况", "处理政府信息公开申请")),
    ("review_litigation", ("行政复议", "行政诉讼")),
    ("problems", ("存在的主要问题", "主要问题", "改进情况")),
    ("other", ("其他需要报告", "其它需要报告")),
)
# Rows of 表三 are numbered like sections ("一、本年新收…"); they are not headings.
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度", "办理结果")


@dataclass
class Heading:
    index: int  # position in the document's line list
    section: Section


def section_key(title: str) -> str | None:
    key = match_key(title)
    for section, words in _SECTION_WORDS:
        if any(w in key for w in words):
            return section
    return None


def find_headings(lines: list[Line]) -> list[Heading]:
    headings: list[Heading] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text or text[0] not in _NUMERAL_STARTS:
            continue  # cheap test first: most lines are prose or table cells
        if line.cells is not None and _several_filled(line.cells):
            continue
        m = _HEADING.match(text)
        if not m or text.endswith(("。", "；", ";")):
            continue
        number, title = m.group(1), m.group(2).strip()
        title_key = match_key(title)
        if any(w in title_key for w in _TABLE_ROW_WORDS):
            continue
        key = section_key(title)
        if key is None and (len(title) > 20 or not headings):
            continue  # an unknown numbered line before the first section is not a heading
        if key is None and is_misprinted_numbered_row(title):
            continue
        headings.append(Heading(index, Section(key, number, title, "", line.number)))
    return _drop_repeats(headings)


def _several_filled(cells: list[Cell] | None) -> bool:
    """More than one cell with text (stops at the second: rows have many cells)."""
    filled = False
    for c in cells or ():
        if c.text:
            if filled:
                return True
            filled = True
    return False


def _drop_repeats(headings: list[Heading]) -> list[Heading]:
    """Keep a heading only if it moves forward; a table caption repeating 四、… does not."""
    kept: list[Heading] = []
    order = [k for k, _ in _SECTION_WORDS]
    last = -1
    for h in headings:
        rank = order.index(h.section.key) if h.section.key else last
        if h.section.key and rank < last:
            continue
        kept.append(h)
        last = max(last, rank)
    return kept


def attach_text(lines: list[Line], headings: list[Heading]) -> list[Section]:
    sections = []
    for i, h in enumerate(headings):
        end = headings[i + 1].index if i + 1 < len(headings) else len(lines)
        body = [
            ln.text.strip() for ln in lines[h.index + 1 : end] if not ln.is_row and ln.text.strip()
        ]
        h.section.text = "\n".join(body)
        sections.append(h.section)
    return sections
