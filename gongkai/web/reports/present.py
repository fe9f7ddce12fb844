"""Small helpers shared by the staff and public pages."""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe

from gongkai.core.rendering.html import render_html
from gongkai.core.report.model import AnnualReport
from gongkai.web.agencies.models import Agency

_MAIN = re.compile(r"<main>(.*)</main>", re.DOTALL)
_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)
# The writer's column widths are inline styles, which the pages' CSP refuses (no inline
# style; gongkai/web/security_headers.py): on screen the columns size themselves. Each
# table scrolls within its own focusable region, so a phone can read it (site.css).
_COL_WIDTH = re.compile(r'<col style="width:[0-9.]+%">')
_TABLE_WRAP = '<div class="table-wrap">'
_TABLE_REGION = '<div class="table-wrap" role="region" tabindex="0" aria-label="报告表格">'


def report_body(report: AnnualReport, *, demote: int = 0) -> SafeString:
    """The report's content as the core's HTML writer lays it out (escaped there).

    ``demote`` moves its headings down (h1 → h3 for 2) where the page has its own title.
    """
    page = render_html(report)
    found = _MAIN.search(page) or _BODY.search(page)
    body = found.group(1) if found else page
    body = _COL_WIDTH.sub("<col>", body).replace(_TABLE_WRAP, _TABLE_REGION)
    for level in (2, 1) if demote else ():
        body = re.sub(rf"<(/?)h{level}\b", rf"<\1h{level + demote}", body)
    return mark_safe(body)


def is_government(agency: Agency) -> bool:
    """§49 ¶2: a government's report (published by its office) is due 31 March."""
    return agency.kind in (Agency.Kind.GOVERNMENT, Agency.Kind.GOVERNMENT_OFFICE)
