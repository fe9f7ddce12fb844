"""Office and converter passes over whole batches (each LibreOffice start costs seconds).

- ``libreoffice-docx`` / ``libreoffice-pdf``: the report's plain text (a line a paragraph or
  table row, cells separated by tabs) opened in Writer as UTF-8 text and saved as DOCX,
  then exported to PDF, as the shared seeds were (``bench.sources.libreoffice_text``);
- ``markitdown``: the real markitdown converter (a dev dependency) over a PDF, the
  product's own (``markitdown-pdf``) or LibreOffice's (``markitdown-lo-pdf``). markitdown
  0.1.9 finds tables through pdfplumber (a project dependency; without it, pdfminer alone
  finds no text at all in the product's WeasyPrint PDFs) and prints each page's table as
  a pipe table, with labels cut over several lines and neighbouring cells merged ("0 0").
"""

from __future__ import annotations

import io

from bench.degrade.document import plain_text
from bench.sources import libreoffice_text
from gongkai.core.report.model import AnnualReport


def libreoffice(reports: list[AnnualReport], fmt: str) -> list[bytes]:
    return libreoffice_text([plain_text(r) for r in reports], fmt)


def markitdown_available() -> bool:
    try:
        import markitdown  # noqa: F401
    except ImportError:
        return False
    return True


def markitdown_text(pdf: bytes) -> str:
    """What markitdown makes of a PDF (markdown text, possibly empty)."""
    from markitdown import MarkItDown, StreamInfo

    result = MarkItDown(enable_plugins=False).convert_stream(
        io.BytesIO(pdf), stream_info=StreamInfo(extension=".pdf", mimetype="application/pdf")
    )
    return str(result.text_content or "")
