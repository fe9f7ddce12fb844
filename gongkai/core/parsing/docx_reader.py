"""Word (DOCX) → lines and table rows, in body order, with real merged-cell spans.

python-docx's ``row.cells`` repeats a merged cell without saying so; the spans are read
from the XML instead (``w:gridSpan`` for columns, ``w:vMerge`` restart/continue for rows),
and copies are marked ``span``. The zip container is checked before anything is
decompressed, so a zip bomb is refused without being opened.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Cell, SourceDocument
from gongkai.core.parsing.normalize import normalize_text

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_container(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError("Word 文档已损坏（不是有效的 ZIP 容器），无法读取。") from exc
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"Word 文档包含{len(infos)}个部件，超过上限，疑为恶意文件，未读取。")
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise InputError(
            f"Word 文档解压后达{total // 1024 // 1024}MB（压缩比{total // packed}倍），"
            "超过安全上限，疑为“压缩炸弹”，未读取。"
        )


def read_docx(data: bytes) -> SourceDocument:
    check_container(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
        raise InputError(f"Word 文档无法打开：{type(exc).__name__}") from exc
    items: list[list[Cell] | str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            text = _text(child)
            if text:
                items.append(text)
        elif child.tag == f"{W}tbl":
            items.extend(_table_rows(child))
        elif child.tag == f"{W}sdt":
            for p in child.iter(f"{W}p"):
                if _text(p):
                    items.append(_text(p))
    title = document.core_properties.title or None
    return SourceDocument.from_rows(items, "docx", {"title": title})


def _text(element: Any) -> str:
    """Visible text: inserted runs count, deleted ones (w:delText) do not."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return normalize_text(" ".join("".join(parts).split()))


def _cell_text(tc: Any) -> str:
    lines = [_text(p) for p in tc.iter(f"{W}p")]
    joined = ""
    for line in (x for x in lines if x):
        # A label wrapped inside one cell ("科研" / "机构") is one label.
        sep = "" if joined and _cjk(joined[-1]) and _cjk(line[0]) else (" " if joined else "")
        joined += sep + line
    return joined


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _table_rows(tbl: Any) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    above: dict[int, Cell] = {}  # grid column → the cell a vertical merge continues
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[Cell] = []
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = _int_attr(props, "gridSpan", 1)
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            col = len(row)
            if vmerge is not None and vmerge.get(f"{W}val") in (None, "continue") and col in above:
                first = Cell(above[col].text, span=True)
            else:
                first = Cell(_cell_text(tc))
            for offset in range(span):
                cell = first if offset == 0 else Cell(first.text, span=True)
                row.append(cell)
                if offset == 0 and not first.span:
                    above[col] = first
        rows.append(row)
    return rows


def _int_attr(props: Any, name: str, default: int) -> int:
    if props is None:
        return default
    node = props.find(f"{W}{name}")
    if node is None:
        return default
    try:
        return max(1, min(int(node.get(f"{W}val", default)), 63))
    except ValueError:
        return default
