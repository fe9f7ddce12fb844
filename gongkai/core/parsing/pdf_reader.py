"""PDF with a text layer → paragraphs and table rows, in reading order, page after page.

Tables are found from their ruling lines (``pdfplumber``'s ``find_tables``) and come out as
grids with merged cells expanded (``pdf_reader_tables``); the text lines outside them are
paragraphs. Both are put in vertical order on each page. Page headers, footers and page
numbers are dropped first, so that a table split by a page break, with "- 4 -" between its
two parts, is seen as one table and joined. Pages without a text layer (scans) are listed
in ``meta["pages_without_text"]`` for OCR.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Line, SourceDocument
from gongkai.core.parsing.grid import cell_text
from gongkai.core.parsing.limits import MAX_PDF_PAGES, PDF_TIME_BUDGET_SECONDS
from gongkai.core.parsing.pdf_reader_tables import Part, continues, table_parts, table_rows

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|(?:page|p\.?)\s*\d+(?:\s*of\s*\d+)?|\d{1,4})$",
    re.I,
)
_MARGIN = 0.09  # headers and footers sit in the top and bottom 9% of a page
_MIN_TEXT_CHARS = 20  # fewer characters on a page with an image: a scan with a stamp or number


@dataclass
class _Text:
    page: int
    top: float
    text: str
    margin: bool  # in the header or footer band


def read_pdf(data: bytes) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    started = time.monotonic()
    items: list[_Text | Part] = []
    pages_without_text: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PDF_PAGES:
                raise InputError(f"PDF 共{count}页，超过{MAX_PDF_PAGES}页的上限，未读取。")
            info = pdf.doc.info[0] if pdf.doc.info else {}
            title = info.get("Title") if isinstance(info, dict) else None
            for number, page in enumerate(pdf.pages, start=1):
                if time.monotonic() - started > PDF_TIME_BUDGET_SECONDS:
                    raise InputError(
                        f"PDF 读取超过{PDF_TIME_BUDGET_SECONDS:.0f}秒仍未读完"
                        f"（读到第{number}页，共{count}页），已停止。"
                    )
                if not _has_text(page):
                    pages_without_text.append(number)
                    continue
                items.extend(_page_items(page, number))
                page.flush_cache()  # a long report would otherwise hold every page's objects
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many private error types on broken files
        # pdfplumber wraps pdfminer's errors; the reason is the wrapped one
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError("PDF 已加密（需要密码），无法读取；请提供未加密的文件。") from exc
        raise InputError(f"PDF 文件已损坏，无法读取：{type(cause).__name__}") from exc
    lines = _assemble(_drop_headers_and_footers(items))
    meta = {"title": _title(title), "pages": count, "pages_without_text": pages_without_text}
    return SourceDocument(lines, "pdf", meta)


def _title(raw: object) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    raw = resolve1(raw)
    if isinstance(raw, bytes):
        # pdfminer reads only a big-endian mark as UTF-16; Word-made PDFs also use little-endian.
        bom = raw.startswith((b"\xfe\xff", b"\xff\xfe"))
        raw = raw.decode("utf-16", "replace") if bom else decode_text(raw)
    return (cell_text(raw) or None) if isinstance(raw, str) else None


def _has_text(page: Any) -> bool:
    visible = sum(1 for ch in page.chars if not ch.get("text", " ").isspace())
    return visible >= _MIN_TEXT_CHARS or (visible > 0 and not page.images)


def _page_items(page: Any, number: int) -> list[_Text | Part]:
    parts = table_parts(page, number)
    boxes = [(p.x0, p.top, p.x1, p.bottom) for p in parts]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    texts: list[_Text | Part] = []
    height = float(page.height)
    for line in page.filter(outside).extract_text_lines():
        text = cell_text(line["text"])
        if text:
            margin = line["bottom"] < height * _MARGIN or line["top"] > height * (1 - _MARGIN)
            texts.append(_Text(number, float(line["top"]), text, margin))
    return sorted([*texts, *parts], key=lambda item: item.top)


def _drop_headers_and_footers(items: list[_Text | Part]) -> list[_Text | Part]:
    """Page numbers in the margins, and margin lines repeated on several pages."""
    pages = {item.page for item in items}
    repeated = Counter(
        re.sub(r"\d+", "#", item.text)
        for item in {
            (i.page, i.text): i for i in items if isinstance(i, _Text) and i.margin
        }.values()
    )
    threshold = max(2, len(pages) // 2)

    def noise(item: _Text | Part) -> bool:
        if not isinstance(item, _Text) or not item.margin:
            return False
        return bool(_PAGE_NUMBER.match(item.text)) or (
            repeated[re.sub(r"\d+", "#", item.text)] >= threshold
        )

    return [item for item in items if not noise(item)]


def _assemble(items: list[_Text | Part]) -> list[Line]:
    """Lines in order; a table part that continues the one before joins it."""
    groups: list[_Text | list[Part]] = []
    for item in items:
        last = groups[-1] if groups else None
        if isinstance(item, Part):
            if isinstance(last, list) and continues(last[-1], item):
                last.append(item)
            else:
                groups.append([item])
        else:
            groups.append(item)
    lines: list[Line] = []
    for group in groups:
        if isinstance(group, _Text):
            lines.append(Line(len(lines) + 1, group.text, None, group.page))
            continue
        for page, cells in table_rows(group):
            text = "\t".join(c.text for c in cells)
            lines.append(Line(len(lines) + 1, text, cells, page))
    return lines
