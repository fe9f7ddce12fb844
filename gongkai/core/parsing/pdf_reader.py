"""PDF with a text layer → lines, in reading order, page after page.

pdfplumber's text extraction keeps each printed table row on one line with its cells
separated by spaces ("一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119"); labels
that wrap inside a cell come out as fragments on neighbouring lines. The interpreter reads
both, so this reader only has to deliver the lines, drop page numbers, and stay within
its limits on hostile files.
"""

from __future__ import annotations

import io
import re
import time

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import SourceDocument

MAX_PAGES = 300
TIME_BUDGET_SECONDS = 60.0
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)


def read_pdf(data: bytes) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    started = time.monotonic()
    rows: list[str] = []
    pages_without_text: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"PDF 共{len(pdf.pages)}页，超过{MAX_PAGES}页的上限，未读取。")
            for number, page in enumerate(pdf.pages, start=1):
                if time.monotonic() - started > TIME_BUDGET_SECONDS:
                    raise InputError(
                        f"PDF 读到第{number}页时已超过{TIME_BUDGET_SECONDS:.0f}秒，已停止读取。"
                    )
                text = page.extract_text() or ""
                if not text.strip():
                    pages_without_text.append(number)
                rows.extend(line for line in text.split("\n") if not _PAGE_NUMBER.match(line))
    except InputError:
        raise
    except PDFPasswordIncorrect as exc:
        raise InputError("PDF 已加密（需要密码），无法读取。") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"PDF 文件已损坏，无法读取：{type(exc).__name__}") from exc
    except Exception as exc:  # pdfminer raises many private error types on broken files
        raise InputError(f"PDF 文件无法读取：{type(exc).__name__}") from exc
    doc = SourceDocument.from_rows(list(rows), "pdf", {"pages_without_text": pages_without_text})
    if pages_without_text and len(pages_without_text) == len(pdf.pages):
        raise InputError("PDF 没有文字层（扫描件），需要文字识别（OCR）才能读取。")
    return doc
