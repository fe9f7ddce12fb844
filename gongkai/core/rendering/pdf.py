"""A report as PDF in the official layout, printed by WeasyPrint from the report's HTML.

The print stylesheet follows GB/T 9704 as published reports do: A4 with its margins, body
in 仿宋 (Noto Serif CJK where 仿宋_GB2312 is not installed), headings in 黑体 (Noto Sans CJK),
page numbers "— 1 —" in the footer. Tables keep their ruled borders (the PDF reader finds
cells from them), repeat their header rows on each page and never split a row.

Deterministic: the document's metadata is fixed (dated the publication day) and WeasyPrint
writes no random identifiers when given the same HTML.
"""

from __future__ import annotations

import datetime as dt

from gongkai.core.rendering.draft import draft_title
from gongkai.core.rendering.html import html_page
from gongkai.core.rendering.layout import report_title
from gongkai.core.report.model import AnnualReport

SERIF = "'仿宋_GB2312', 'FangSong_GB2312', 'FangSong', 'Noto Serif CJK SC', serif"
SANS = "'黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif"
TABLE = "'宋体', 'SimSun', 'Noto Serif CJK SC', serif"

PRINT_STYLE = f"""
@page {{
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {TABLE}; font-size: 14pt; }}
}}
html {{ font-family: {SERIF}; font-size: 16pt; line-height: 28pt; color: #000; }}
h1 {{ font-family: {TABLE}; font-size: 22pt; line-height: 1.5; font-weight: bold;
  text-align: center; margin: 0 0 14pt; }}
h2 {{ font-family: {SANS}; font-size: 16pt; font-weight: normal; margin: 0;
  text-indent: 2em; break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }}
p.signature {{ text-align: right; text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-family: {TABLE};
  font-size: 10pt; line-height: 1.3; table-layout: fixed; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
td, th {{ border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center;
  vertical-align: middle; font-weight: normal; }}
th.caption {{ background: #c6d9f1; text-align: left; }}
th.note {{ font-family: 'KaiTi', '楷体', {SERIF}; text-align: left; font-size: 9pt; }}
th.left {{ text-align: left; }}
"""
# The watermark sized for A4 (the screen's rem are too small for print).
DRAFT_PRINT = """
.draft-mark { top: 95mm; font-size: 120pt; line-height: 1; }
p.draft-note { font-size: 12pt; line-height: 18pt; margin-bottom: 10pt; }
"""


def render_pdf(report: AnnualReport, *, draft: bool = False) -> bytes:
    """The report as PDF bytes; the same report always gives the same bytes. ``draft``
    prints 草稿 across every page (the HTML's fixed watermark repeats on each)."""
    from weasyprint import HTML

    style = PRINT_STYLE + DRAFT_PRINT if draft else PRINT_STYLE
    document = HTML(string=html_page(report, style, draft=draft)).render()
    metadata = document.metadata
    title = report_title(report)
    metadata.title = draft_title(title) if draft else title
    metadata.authors = [report.agency] if report.agency else []
    metadata.description = "政府信息公开工作年度报告"
    metadata.generator = "gongkai"
    day = report.publication_date
    stamp = dt.date(day.year, day.month, day.day) if day else dt.date(2000, 1, 1)
    metadata.created = metadata.modified = f"{stamp.isoformat()}T00:00:00Z"  # W3C, in UTC
    pdf: bytes = document.write_pdf(uncompressed_pdf=False, pdf_identifier=_identifier(report))
    return pdf


def _identifier(report: AnnualReport) -> bytes:
    """A stable file identifier (PDF's /ID) from the title, instead of a random one."""
    import hashlib

    return hashlib.md5(report_title(report).encode("utf-8"), usedforsecurity=False).digest()
