"""HTML (as published on agency websites, or saved from them) → lines and table rows.

Tables become rectangular grids: a cell spanning rows or columns is expanded and its copies
marked ``span`` so the interpreter never reads a copy as a cell of its own. Everything else
becomes paragraphs in document order; scripts, styles and navigation menus are dropped.
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Cell, SourceDocument
from gongkai.core.parsing.grid import Placement, build_grid, cell_text, join_parts
from gongkai.core.parsing.limits import MAX_HTML_SPAN, MAX_TABLE_CELLS

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "td",
        "th", "tr", "ul",
    }
)  # fmt: skip
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "nav",
     "button", "select", "-comment", "!doctype"}
)  # fmt: skip
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


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
    title = cell_text(title_node.text()) if title_node else ""
    meta: dict[str, Any] = {"title": title or None}
    return SourceDocument.from_rows(items, "html", meta)


def _declared_decode(data: bytes) -> str | None:
    """Honour a <meta charset> for legacy GBK pages; detection handles the rest."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    charset = m.group(1).decode("ascii").lower()
    if charset in ("gb2312", "gbk", "gb18030", "x-gbk"):
        charset = "gb18030"  # a superset: pages labelled GB2312 routinely use GBK characters
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def _flush(buffer: list[str], items: list[list[Cell] | str]) -> None:
    text = cell_text("".join(buffer))
    if text:
        items.append(text)
    buffer.clear()


def _walk(node: LexborNode, items: list[list[Cell] | str], buffer: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            buffer.append(child.text_content or "")
        elif tag in _SKIP:
            pass
        elif tag == "table":
            _flush(buffer, items)
            items.extend(_table_items(child))
        elif tag == "br":
            _flush(buffer, items)
        elif tag in _BLOCKS:
            _flush(buffer, items)
            _walk(child, items, buffer)
            _flush(buffer, items)
        else:
            _walk(child, items, buffer)
        child = child.next


def _node_text(node: LexborNode) -> list[str]:
    """Visible text under a node, one piece per text run (nested tables included)."""
    parts: list[str] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag not in _SKIP:
            parts.extend(_node_text(child))
        child = child.next
    return parts


def _own_children(table: LexborNode, tags: tuple[str, ...]) -> list[LexborNode]:
    """The table's own rows (or captions), not those of tables nested in its cells."""
    found: list[LexborNode] = []
    child = table.child
    while child is not None:
        if child.tag in tags:
            found.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            found.extend(_own_children(child, tags))
        child = child.next
    return found


def _span(node: LexborNode, name: str) -> int:
    """A span attribute as the browser reads it: leading digits, else 1; 0 = to the end."""
    raw = (node.attributes.get(name) or "1").strip()
    digits = re.match(r"\d+", raw)
    value = int(digits.group(0)) if digits else 1
    if value == 0:
        return MAX_HTML_SPAN if name == "rowspan" else 1
    return min(value, MAX_HTML_SPAN)


def _table_items(table: LexborNode) -> list[list[Cell] | str]:
    items: list[list[Cell] | str] = []
    for caption in _own_children(table, ("caption",)):
        text = join_parts(_node_text(caption))
        if text:
            items.append(text)
    items.extend(_table_rows(table))
    return items


def _table_rows(table: LexborNode) -> list[list[Cell]]:
    rows = _own_children(table, ("tr",))
    taken: set[tuple[int, int]] = set()
    placements: list[Placement] = []
    for r, tr in enumerate(rows):
        c = 0
        cell_node = tr.child
        while cell_node is not None:
            if cell_node.tag in ("td", "th"):
                while (r, c) in taken:
                    c += 1
                # A span past the table's last row stops there, as browsers draw it.
                rowspan = min(_span(cell_node, "rowspan"), len(rows) - r)
                colspan = _span(cell_node, "colspan")
                if len(taken) + rowspan * colspan > MAX_TABLE_CELLS:
                    raise InputError(
                        f"网页中的表格超过{MAX_TABLE_CELLS}个单元格，疑为恶意文件，未读取。"
                    )
                text = join_parts(_node_text(cell_node))
                placements.append(Placement(r, c, text, rowspan, colspan))
                taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
                c += colspan
            cell_node = cell_node.next
    return [row for row in build_grid(placements, len(rows)) if row]
