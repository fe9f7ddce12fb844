"""PDF with a text layer → paragraphs and table rows, in reading order, page after page.

The text layer and the ruling lines are read with pdfium (``pdf_page``); tables are found
from their ruling lines with pdfplumber's geometry and come out as grids with merged cells
expanded (``pdf_reader_tables``); the text lines outside them are
paragraphs. Both are put in vertical order on each page. Page headers, footers and page
numbers are dropped first, so that a table split by a page break, with "- 4 -" between its
two parts, is seen as one table and joined. Pages without a text layer (scans) are read
by OCR (``ocr_reader.read_scanned_pdf_pages``), listed in ``meta["pages_without_text"]``,
and their lines put in page order among the others; their cells carry confidences. A PDF
printed from a plain-text report (no ruled table, rows on tab stops or in pipes) is read
as that text instead (``pdf_text_layout``, ``text_layout``).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import Line, SourceDocument
from gongkai.core.parsing.grid import cell_text
from gongkai.core.parsing.limits import MAX_PDF_PAGES, PDF_TIME_BUDGET_SECONDS
from gongkai.core.parsing.pdf_page import PageContent, read_page, text_lines
from gongkai.core.parsing.pdf_reader_tables import Part, continues, table_parts, table_rows
from gongkai.core.parsing.pdf_text_layout import typed_text
from gongkai.core.parsing.text_layout import read_as_text

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|(?:page|p\.?)\s*\d+(?:\s*of\s*\d+)?|\d{1,4})$",
    re.I,
)
_MARGIN = 0.09  # headers and footers sit in the top and bottom 9% of a page
_MIN_TEXT_CHARS = 20  # fewer characters on a page with an image: a scan with a stamp or number
_OUTLINE_CURVES = 50  # a page drawn with more curves than this and no text may be outlined text


@dataclass
class _Text:
    page: int
    top: float
    text: str
    margin: bool  # in the header or footer band


def read_pdf(data: bytes) -> SourceDocument:
    import pypdfium2 as pdfium

    started = time.monotonic()
    read: list[tuple[int, PageContent]] = []
    pages_without_text: list[int] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("PDF 已加密（需要密码），无法读取；请提供未加密的文件。") from exc
        raise InputError(f"PDF 文件已损坏，无法读取：{_reason(exc)}") from exc
    try:
        count = len(pdf)
        if count > MAX_PDF_PAGES:
            raise InputError(f"PDF 共{count}页，超过{MAX_PDF_PAGES}页的上限，未读取。")
        if count == 0:
            raise InputError("PDF 文件已损坏，无法读取：文件中没有页面。")
        title = pdf.get_metadata_dict().get("Title")
        for number in range(1, count + 1):
            if time.monotonic() - started > PDF_TIME_BUDGET_SECONDS:
                raise InputError(
                    f"PDF 读取超过{PDF_TIME_BUDGET_SECONDS:.0f}秒仍未读完"
                    f"（读到第{number}页，共{count}页），已停止。"
                )
            page = pdf[number - 1]
            try:
                content = read_page(page)
            finally:
                page.close()
            if not _has_text(content):
                if _may_hold_text(content):  # a blank page is nothing to read
                    pages_without_text.append(number)
                continue
            read.append((number, content))
    except InputError:
        raise
    except pdfium.PdfiumError as exc:
        raise InputError(f"PDF 文件已损坏，无法读取：{_reason(exc)}") from exc
    finally:
        pdf.close()
    meta: dict[str, Any] = {
        "title": cell_text(title) or None if isinstance(title, str) else None,
        "pages": count,
        "pages_without_text": pages_without_text,
    }
    items = _items(read)
    typed = None if pages_without_text else _typed_text(items, read)
    if typed is not None:
        doc = read_as_text([text for _, text in typed], "pdf", meta)
        for line in doc.lines:
            # the text reader numbers the lines it was given; it may cut a long line it
            # takes for crawler text, and the lines after it then keep the nearest page
            line.page = typed[min(line.number, len(typed)) - 1][0]
        return doc
    lines = _assemble(_drop_headers_and_footers(items))
    if pages_without_text:
        ocr: list[dict[str, Any]] = []
        lines = _with_scanned_pages(data, lines, pages_without_text, ocr)
        meta["ocr"] = ocr
    return SourceDocument(lines, "pdf", meta)


def _typed_text(
    items: list[_Text | Part], pages: list[tuple[int, PageContent]]
) -> list[tuple[int, str]] | None:
    """The text of a PDF printed from a plain-text report (``pdf_text_layout``): no table
    found from rulings, and rows laid out on tab stops or with pipes."""
    if any(isinstance(item, Part) for item in items):
        return None
    return typed_text(pages)


def _reason(exc: Exception) -> str:
    # pdfium's message: "Failed to load document (PDFium: Data format error)."
    text = str(exc)
    return text[text.find("PDFium:") + 7 :].strip(" ).") if "PDFium:" in text else text


def _with_scanned_pages(
    data: bytes, lines: list[Line], pages: list[int], info: list[dict[str, Any]]
) -> list[Line]:
    """The text-layer lines and the OCR'd lines of the scanned pages, in page order."""
    from gongkai.core.parsing.ocr_reader import read_scanned_pdf_pages

    scanned = read_scanned_pdf_pages(data, pages, info=info)
    if not lines and not scanned:
        raise InputError(
            f"PDF 没有文字层（共{len(pages)}页扫描页），文字识别也未识别出文字，无法读取。"
        )
    merged = sorted([*lines, *scanned], key=lambda line: line.page or 0)  # stable in a page
    for number, line in enumerate(merged, start=1):
        line.number = number
    return merged


def _has_text(page: PageContent) -> bool:
    visible = page.visible_chars()
    return visible >= _MIN_TEXT_CHARS or (visible > 0 and not page.images)


def _may_hold_text(page: PageContent) -> bool:
    # An image (a scan), or many curves (text exported as outlines), is for OCR.
    return bool(page.images) or page.paths > _OUTLINE_CURVES


def page_lines(pages: list[tuple[int, PageContent]]) -> list[Line]:
    """The lines of pages read by position (a PDF's text layer, an OFD's text objects):
    tables from their rulings, text lines between them, page furniture dropped, and a
    table cut by a page break joined again."""
    return _assemble(_drop_headers_and_footers(_items(pages)))


def _items(pages: list[tuple[int, PageContent]]) -> list[_Text | Part]:
    return [item for number, page in pages for item in _page_items(page, number)]


def _page_items(page: PageContent, number: int) -> list[_Text | Part]:
    parts = table_parts(page, number)
    boxes = [(p.x0, p.top, p.x1, p.bottom) for p in parts]
    free = page.chars
    for x0, top, x1, bottom in boxes:  # ``inside`` written out: thousands of characters
        free = [
            ch
            for ch in free
            if not (x0 <= (ch.x0 + ch.x1) / 2 < x1 and top <= (ch.top + ch.bottom) / 2 < bottom)
        ]
    texts: list[_Text | Part] = []
    for line in text_lines(free):
        text = cell_text(line.text)
        if text:
            margin = line.bottom < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN)
            texts.append(_Text(number, line.top, text, margin))
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
