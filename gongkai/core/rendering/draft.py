"""How a report that is not published yet is marked in every format it is written in.

A draft leaves the builder as a file (HTML, DOCX, PDF, XLSX) for review; once it is saved
or printed nothing else tells it from the published report, so each format carries the
word 草稿 where its readers look: a watermark across every page (HTML, PDF, DOCX), a note
above the title, the title in the file's properties, and in a workbook the row under
each table's heading and the printed page header. Published files never carry it.
"""

from __future__ import annotations

DRAFT_MARK = "草稿"
DRAFT_NOTE = "草稿：本报告尚未审签发布，仅供内部审阅，不得作为已公开的年度报告使用。"


def draft_title(title: str) -> str:
    """The title as the file's properties and the browser tab show it."""
    return f"【{DRAFT_MARK}】{title}"
