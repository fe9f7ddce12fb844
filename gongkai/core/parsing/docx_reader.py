"""Word (DOCX) → lines and table rows, in body order, with real merged-cell spans.

python-docx's ``row.cells`` repeats a merged cell without saying so; the spans are read
from the XML instead (``w:gridSpan`` for columns, ``w:vMerge`` restart/continue for rows,
``w:gridBefore`` for rows that start to the right), and copies are marked ``span``. The
body is walked element by element so paragraphs and tables keep their order, content
controls (``w:sdt``) are looked into, tracked deletions are left out and insertions kept.
The ZIP container is checked before anything is decompressed, so a zip bomb is refused
without being opened. A body without tables whose paragraphs carry tabs or pipes is a
plain-text report opened in a word processor, and is read as that text (``text_layout``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Cell, SourceDocument
from gongkai.core.parsing.grid import Placement, build_grid, cell_text, join_parts
from gongkai.core.parsing.limits import MAX_TABLE_CELLS, check_zip_directory
from gongkai.core.parsing.text_layout import carries_text_layout, read_as_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Wrappers whose children belong to the enclosing body, row or cell.
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"})
# Text that is not shown: deleted revisions, and the duplicate of a drawing's text kept
# for old readers (mc:Fallback repeats mc:Choice).
_HIDDEN = frozenset({f"{W}del", f"{W}moveFrom", f"{W}sdtPr", f"{W}rPr", f"{W}pPr", _MC_FALLBACK})
_BREAKS = frozenset({f"{W}tab", f"{W}br", f"{W}cr"})


def check_container(data: bytes) -> None:
    """Refuse zip bombs, encrypted parts and non-Word ZIPs from the directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError("Word 文档已损坏（不是有效的 ZIP 容器），无法读取。") from exc
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError("Word 文档已加密（需要密码），无法读取；请另存为未加密的文档。")
    check_zip_directory(infos, "Word 文档")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError("ZIP 文件中没有 Word 文档正文（word/document.xml），无法读取。")


def read_docx(data: bytes) -> SourceDocument:
    check_container(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
        raise InputError(f"Word 文档无法打开（文件已损坏）：{type(exc).__name__}") from exc
    blocks = list(_blocks(body))
    typed = _typed_text(blocks)
    if typed is not None:
        return read_as_text(typed, "docx", {"title": title})
    items: list[list[Cell] | str] = []
    for element in blocks:
        if element.tag == f"{W}p":
            text = paragraph_text(element)
            if text:
                items.append(text)
        else:
            items.extend(row for row in _table_rows(element) if row)
    return SourceDocument.from_rows(items, "docx", {"title": title})


def _children(element: Any, wanted: frozenset[str]) -> Iterator[Any]:
    """Children with the wanted tags, looking through content controls and revisions."""
    for child in element.iterchildren():
        if child.tag in wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, wanted)


def _blocks(container: Any) -> Iterator[Any]:
    return _children(container, frozenset({f"{W}p", f"{W}tbl"}))


def _typed_text(blocks: list[Any]) -> list[str] | None:
    """The text a body without tables was typed as, when its paragraphs carry text-layout
    rows (tabs, pipes): a plain-text report opened in a word processor (``text_layout``).
    Tabs stay tabs and every paragraph, empty ones too, is a line, as in the text."""
    if any(element.tag != f"{W}p" for element in blocks):
        return None  # real tables: read as a grid
    lines = []
    for p in blocks:
        parts: list[str] = []
        _collect(p, parts, {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"})
        lines.append("".join(parts))
    return lines if carries_text_layout(lines) else None


def paragraph_text(p: Any) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return cell_text("".join(parts))


_AS_SPACES = dict.fromkeys(_BREAKS, " ")


def _collect(element: Any, parts: list[str], breaks: dict[str, str] = _AS_SPACES) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            continue  # comments and processing instructions have no string tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in _BREAKS:
            parts.append(breaks[tag])
        elif tag == f"{W}p":
            parts.append(" ")  # a text box's paragraph inside this one
            _collect(child, parts, breaks)
        else:
            _collect(child, parts, breaks)


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs, and any table nested in it, as one text."""
    parts: list[str] = []
    for element in _blocks(tc):
        if element.tag == f"{W}p":
            parts.append(paragraph_text(element))
        else:
            parts.extend(c.text for row in _table_rows(element) for c in row if not c.span)
    return join_parts(parts)


def _table_rows(tbl: Any) -> list[list[Cell]]:
    placements: list[Placement] = []
    open_merges: dict[int, Placement] = {}  # grid column → the cell a vMerge continues
    rows = list(_children(tbl, frozenset({f"{W}tr"})))
    cells = 0
    for r, tr in enumerate(rows):
        col = _int_val(tr.find(f"{W}trPr"), "gridBefore", 0)
        for tc in _children(tr, frozenset({f"{W}tc"})):
            props = tc.find(f"{W}tcPr")
            span = _int_val(props, "gridSpan", 1)
            cells += span
            if cells > MAX_TABLE_CELLS:
                raise InputError(f"Word 表格超过{MAX_TABLE_CELLS}个单元格，疑为恶意文件，未读取。")
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            above = open_merges.get(col)
            continues = vmerge is not None and vmerge.get(f"{W}val") in (None, "continue")
            if continues and above is not None and above.row + above.rowspan == r:
                above.rowspan += 1
            else:
                placement = Placement(r, col, _cell_text(tc), 1, span)
                placements.append(placement)
                for c in range(col, col + span):
                    open_merges.pop(c, None)
                if vmerge is not None:  # a restart (or a stray continue starting one)
                    open_merges[col] = placement
            col += span
    return build_grid(placements, len(rows))


def _int_val(props: Any, name: str, default: int) -> int:
    if props is None:
        return default
    node = props.find(f"{W}{name}")
    if node is None:
        return default
    try:
        return max(default, min(int(node.get(f"{W}val", default)), 63))
    except ValueError:
        return default
