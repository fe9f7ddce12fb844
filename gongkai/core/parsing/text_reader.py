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
        line = _read_line(number, raw)
        if line is not None:
            lines.append(line)
    return SourceDocument(lines, "text")


def _read_line(number: int, raw: str) -> Line | None:
    if not raw.strip():
        return None
    if "|" in raw:
        if _PIPES_ONLY.match(raw):
            return Line(number, "", [])  # closes a row of the pipe layout; carries no cell
        if "-" in raw and _MD_RULE.match(raw) and set(raw.strip()) <= set("|:- "):
            return None
        return _pipe_line(number, raw)
    if "\t" in raw:
        return _tab_line(number, raw)
    text = clean_cell(_HEADING_MARKS.sub("", raw))
    return Line(number, text) if text else None


def _tab_line(number: int, raw: str) -> Line:
    parts = raw.rstrip("\n").split("\t")
    if len(parts) == 2 and not parts[0].strip():
        # One cell indented by a tab: the indent is layout, not an empty cell.
        parts = parts[1:]
    cells = [Cell(clean_cell(p)) for p in parts]
    return Line(number, "\t".join(c.text for c in cells), cells)


def _pipe_line(number: int, raw: str) -> Line:
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") > 2:
        parts = stripped[1:-1].split("|")  # a markdown table row
    elif stripped.endswith("|") and stripped.count("|") == 1:
        parts = [stripped[:-1]]  # one cell per line, closed by " |"
    else:
        parts = stripped.split("|")
    cells = [Cell(clean_cell(p)) for p in parts]
    return Line(number, "\t".join(c.text for c in cells), cells)
