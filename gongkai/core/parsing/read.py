"""Reading any published report: sniff the format, read it, interpret it, check it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from gongkai.core.checks.engine import check_report
from gongkai.core.errors import InputError
from gongkai.core.parsing.document import SourceDocument
from gongkai.core.parsing.interpret import interpret
from gongkai.core.report import jsonio
from gongkai.core.report.model import AnnualReport

FORMAT_NAMES = {
    "text": "文本",
    "html": "HTML",
    "docx": "Word（DOCX）",
    "pdf": "PDF",
    "ofd": "OFD",
    "png": "图片（PNG）",
    "jpeg": "图片（JPEG）",
    "json": "JSON",
}


def _reader(kind: str) -> Callable[[bytes], SourceDocument]:
    if kind == "text":
        from gongkai.core.parsing.sniff import decode_text
        from gongkai.core.parsing.text_reader import read_text

        return lambda data: read_text(decode_text(data))
    if kind == "html":
        from gongkai.core.parsing.html_reader import read_html

        reader: Callable[[bytes], SourceDocument] = read_html
        return reader
    if kind == "docx":
        from gongkai.core.parsing.docx_reader import read_docx

        docx: Callable[[bytes], SourceDocument] = read_docx
        return docx
    if kind == "pdf":
        from gongkai.core.parsing.pdf_reader import read_pdf

        pdf: Callable[[bytes], SourceDocument] = read_pdf
        return pdf
    if kind == "ofd":
        from gongkai.core.parsing.ofd_reader import read_ofd

        ofd: Callable[[bytes], SourceDocument] = read_ofd
        return ofd
    if kind in ("png", "jpeg"):
        from gongkai.core.parsing.ocr_reader import read_image

        image: Callable[[bytes], SourceDocument] = read_image
        return image
    raise InputError(f"暂不能读取{FORMAT_NAMES.get(kind, kind)}格式的年度报告。")


def _read_text(text: str) -> SourceDocument:
    from gongkai.core.parsing.text_reader import read_text

    return read_text(text)


def read_document(data: bytes) -> SourceDocument:
    from gongkai.core.parsing.sniff import sniff

    return _reader(sniff(data))(data)


def read_report(
    data: bytes, name: str | None = None, *, previous: AnnualReport | None = None
) -> AnnualReport:
    """The report a document holds, with every check's findings. Raises InputError."""
    from gongkai.core.parsing.sniff import decode_text, sniffed

    kind, text = sniffed(data)
    if kind == "json":
        report = jsonio.report_from_json(_json(text if text is not None else decode_text(data)))
    else:
        doc = _read_text(text) if kind == "text" and text is not None else _reader(kind)(data)
        report = interpret(doc)
        _mark_ocr_confidence(report, doc)
    report.source.update({"file": name, "format": kind, "sha256": hashlib.sha256(data).hexdigest()})
    return check_report(report, previous)


def _mark_ocr_confidence(report: AnnualReport, doc: SourceDocument) -> None:
    # Only documents with OCR'd cells (scans, scanned PDF pages) carry confidences.
    if doc.format not in _MAY_BE_SCANNED:
        return
    if any(c.confidence is not None for ln in doc.lines for c in ln.cells or ()):
        from gongkai.core.parsing.ocr_reader import mark_low_confidence

        mark_low_confidence(report, doc)


_MAY_BE_SCANNED = frozenset({"image", "pdf"})  # the readers that OCR (ocr_layout)


def report_from_text(text: str, name: str | None = None) -> AnnualReport:
    """Shortcut for text already decoded (tests, the web form)."""
    from gongkai.core.parsing.text_reader import read_text

    report = interpret(read_text(text))
    report.source.update({"file": name, "format": "text"})
    return check_report(report)


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列：{exc.msg}") from exc
