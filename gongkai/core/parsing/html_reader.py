"""HTML (as published on agency websites, or saved from them) → lines and table rows.

Tables become rectangular grids: a cell spanning rows or columns is expanded and its copies
marked ``span`` so the interpreter never reads a copy as a cell of its own. Everything else
becomes paragraphs in document order.
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gongkai.core.parsing.document import Cell, SourceDocument
from gongkai.core.parsing.normalize import normalize_text

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_MAX_SPAN = 100
_CJK_GAP = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])\s+(?=[\u2e80-\u9fff\uff00-\uffef])")
_SPACES = re.compile(r"\s+")


def read_html(data: bytes | str) -> SourceDocument:
    if isinstance(data, bytes):
        from gongkai.core.parsing.sniff import decode_text

        data = _declared_decode(data) or decode_text(data)
    tree = LexborHTMLParser(data)
    title_node = tree.css_first("title")
    items: list[list[Cell] | str] = []
    root = tree.body or tree.root
    if root is not None:
        buffer: list[str] = []
        _walk(root, items, buffer)
        _flush(buffer, items)
    meta: dict[str, Any] = {"title": _clean(title_node.text()) if title_node else None}
    return SourceDocument.from_rows(items, "html", meta)


def _declared_decode(data: bytes) -> str | None:
    """Honour a <meta charset> for legacy GBK pages; UTF-8 detection handles the rest."""
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    if not m:
        return None
    charset = m.group(1).decode("ascii").lower()
    if charset in ("gb2312", "gbk", "gb18030"):
        charset = "gb18030"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def _clean(text: str) -> str:
    text = normalize_text(text)
    text = _SPACES.sub(" ", text).strip()
    return _CJK_GAP.sub("", text)


def _flush(buffer: list[str], items: list[list[Cell] | str]) -> None:
    text = _clean("".join(buffer))
    if text:
        items.append(text)
    buffer.clear()


def _walk(node: LexborNode, items: list[list[Cell] | str], buffer: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            buffer.append(child.text_content or "")
        elif tag in _SKIP or tag in ("-comment", "!doctype"):
            pass
        elif tag == "table":
            _flush(buffer, items)
            items.extend(_table_rows(child))
        elif tag == "br":
            _flush(buffer, items)
        elif tag in _BLOCKS:
            _flush(buffer, items)
            _walk(child, items, buffer)
            _flush(buffer, items)
        else:
            _walk(child, items, buffer)
        child = child.next


def _own_rows(table: LexborNode) -> list[LexborNode]:
    """The table's rows, not those of tables nested in its cells."""
    rows: list[LexborNode] = []
    child = table.child
    while child is not None:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(_own_rows(child))
        child = child.next
    return rows


def _span(node: LexborNode, name: str) -> int:
    raw = (node.attributes.get(name) or "1").strip()
    digits = re.match(r"\d+", raw)
    value = int(digits.group(0)) if digits else 1
    return min(max(value, 1), _MAX_SPAN)


def _table_rows(table: LexborNode) -> list[list[Cell]]:
    grid: dict[tuple[int, int], Cell] = {}
    rows = _own_rows(table)
    for r, tr in enumerate(rows):
        c = 0
        cell_node = tr.child
        while cell_node is not None:
            if cell_node.tag in ("td", "th"):
                while (r, c) in grid:
                    c += 1
                text = _clean(cell_node.text(deep=True, separator=" "))
                rowspan = min(_span(cell_node, "rowspan"), len(rows) - r)
                colspan = _span(cell_node, "colspan")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = Cell(text, span=bool(dr or dc))
                c += colspan
            cell_node = cell_node.next
    if not grid:
        return []
    width = max(c for _, c in grid) + 1
    out = []
    for r in range(len(rows)):
        row = [grid.get((r, c), Cell("")) for c in range(width)]
        # A short row (fewer cells than the widest) ends early: no cells were printed there.
        while row and not row[-1].text and (r, len(row) - 1) not in grid:
            row.pop()
        out.append(row)
    return out
