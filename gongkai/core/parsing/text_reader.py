"""Plain text (as crawled or exported) → lines and table rows.

Four row layouts occur in published text and all map onto :class:`Line`:

* tab-separated rows (``行政许可\\t11497``), possibly indented with tabs;
* one cell per line, each indented with a tab (``\\t0``);
* one cell per line ending with `` |``, rows closed by a line of pipes (``||``);
* markdown pipe tables (``| a | b |``).

Lines without any separator stay paragraphs; the interpreter still reads values from them
(one number per line, or a label run together with its digits).
"""

from __future__ import annotations

import functools
import re

from gongkai.core.parsing.document import Cell, Line, SourceDocument
from gongkai.core.parsing.glued_text import unglue
from gongkai.core.parsing.normalize import clean_cell, normalize_text

_HEADING_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+(?=\d))")
_PIPES_ONLY = re.compile(r"^\s*\|{2,}\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def read_text(text: str) -> SourceDocument:
    text = unglue(normalize_text(text))
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if lines and lines[-1].cells and _is_md_rule(raw) and _header_only(lines[-1].cells):
            lines.pop()  # a converter's header row: column names or placeholders, no data
        shape = _shape(raw) if len(raw) <= _CACHED_LINE else _shape.__wrapped__(raw)
        if shape is not None:
            line_text, cells = shape
            if cells is None:
                indent = len(raw) - len(raw.lstrip()) if raw[:1].isspace() else 0
                trailing = _spaces_after_figure(raw) if raw[-1:].isspace() else 0
                lines.append(Line(number, line_text, None, None, indent, trailing))
            else:
                lines.append(Line(number, line_text, list(cells)))
    return SourceDocument(lines, "text")


# Placeholders converters write where they lost a table's header ("数据1" … "数据6").
_PLACEHOLDER = re.compile(r"^(?:数据|列|column|col)\s*\d{1,2}$", re.IGNORECASE)
_HEADER_WORDS = re.compile(
    r"^(?:类别|序号|事项|项目|数量|信息内容|申请人情况|自然人|法人或其他组织|商业企业|科研机构|"
    r"社会公益组织|法律服务机构|其他|总计|结果维持|结果纠正|其他结果|尚未审结|行政复议|行政诉讼|"
    r"未经复议直接起诉|复议后起诉|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|"
    r"本年收费金额.*|.*勾稽关系.*)$"
)


def _is_md_rule(raw: str) -> bool:
    return "-" in raw and bool(_MD_RULE.match(raw)) and set(raw.strip()) <= set("|:- ")


def _header_only(cells: list[Cell]) -> bool:
    texts = [c.text.replace(" ", "") for c in cells if c.text]
    return bool(texts) and all(_PLACEHOLDER.match(t) or _HEADER_WORDS.match(t) for t in texts)


# A line read, before it gets its number: its text and its cells (None for a paragraph),
# or None for a line that carries nothing. Short lines (table rows, labels, small counts)
# recur in every report: their reading is remembered, cells included, so the same Cell
# may stand in several lines and documents (nothing changes a document's cells once read).
Shape = tuple[str, tuple[Cell, ...] | None] | None
_CACHED_LINE = 120


@functools.lru_cache(maxsize=16384)
def _shape(raw: str) -> Shape:
    if not raw.strip():
        return None
    if "|" in raw:
        if _PIPES_ONLY.match(raw):
            return "", ()  # closes a row of the pipe layout; carries no cell
        if _is_md_rule(raw):
            return None
        return _row(_pipe_parts(raw))
    if "\t" in raw:
        return _row(_tab_parts(raw))
    if raw.lstrip()[:1] in _MARK_FIRST:
        raw = _HEADING_MARKS.sub("", raw)
    text = clean_cell(raw)
    if "  " in raw and _GAP_BEFORE_FIGURE.search(raw):
        text = _SPACE_RUN.sub(_one_space_or_the_gap, raw.replace("**", "").strip())
    return (text, None) if text else None


# Running text's spaces before a figure may stand for empty cells, one each ("总计  0000…":
# the separator, then an empty 结果维持): a paragraph keeps how many there were; anywhere
# else a run of spaces is one space, as in a cell.
_GAP_BEFORE_FIGURE = re.compile(r"  +\d")
_SPACE_RUN = re.compile(r"[ \u3000\xa0]+(?=(\d)?)")  # clean_cell's runs


def _spaces_after_figure(raw: str) -> int:
    text = raw.rstrip()
    return len(raw) - len(text) if text[-1:].isdigit() else 0


def _one_space_or_the_gap(run: re.Match[str]) -> str:
    return " " * len(run.group()) if run.group(1) else " "


_MARK_FIRST = frozenset("#-*+")  # what _HEADING_MARKS can match first, after spaces


def _tab_parts(raw: str) -> list[str]:
    parts = raw.split("\t")
    if len(parts) == 2 and not parts[0].strip():
        # One cell indented by a tab: the indent is layout, not an empty cell.
        parts = parts[1:]
    return parts


def _pipe_parts(raw: str) -> list[str]:
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") > 2:
        return stripped[1:-1].split("|")  # a markdown table row
    if stripped.endswith("|") and stripped.count("|") == 1:
        return [stripped[:-1]]  # one cell per line, closed by " |"
    return stripped.split("|")


def _row(parts: list[str]) -> tuple[str, tuple[Cell, ...]]:
    texts = [_cell_text(part) for part in parts]
    return "\t".join(texts), tuple(map(Cell, texts))


def _cell_text(part: str) -> str:
    """A cell's text; a converter's placeholder ("数据3") is an empty cell, not a 3."""
    if part.isdigit():  # most cells: a count, nothing to clean
        return part
    text = clean_cell(part)
    if text[:1] in _PLACEHOLDER_FIRST and _PLACEHOLDER.match(text):
        return ""
    return text


_PLACEHOLDER_FIRST = frozenset("数列cC")
