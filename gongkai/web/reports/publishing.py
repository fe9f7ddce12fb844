"""Whether a report may be published now, and why not: the publish button is shown only
when nothing stands in the way, and otherwise the page says what does (issue 14: the
current year's report could be sent to publishing, then refused by a later step).

The year rule is the one :func:`gongkai.web.reports.services.publish` guards with; the
other reasons are the ones its guards give (role, errors and warnings, the sign-off).
"""

from __future__ import annotations

from datetime import date

from gongkai.core.applications.roles import Role
from gongkai.core.reporting.permissions import ReportAction, allowed
from gongkai.core.reporting.publication import Readiness


def year_open_reason(year: int, on: date) -> str:
    """Why a report on ``year`` cannot be published on ``on``: its year has not ended (a
    report covers 1 January to 31 December); empty when it has."""
    if on <= date(year, 12, 31):
        return f"{year}年度尚未结束，{year + 1}年1月1日起才能发布该年度的报告"
    return ""


def publish_refusals(
    year: int, today: date, held: frozenset[Role], state: Readiness, signed: bool
) -> list[str]:
    """Everything that keeps the report from being published today, in the order the
    work is done; empty when the publish button may be shown."""
    reasons = []
    if not allowed(ReportAction.PUBLISH, held):
        reasons.append("您在本机关没有发布年度报告的岗位（承办人员或负责人发布）")
    year_open = year_open_reason(year, today)
    if year_open:
        reasons.append(year_open)
    if not state.publishable:
        counts = []
        if state.errors:
            counts.append(f"{len(state.errors)}个错误")
        if state.unacknowledged:
            counts.append(f"{len(state.unacknowledged)}个未确认的警告")
        reasons.append(f"报告有{'、'.join(counts)}（见上方校验结果）")
    elif not signed:
        reasons.append("负责人尚未审签报告的当前内容")
    return reasons
