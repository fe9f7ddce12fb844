"""Agencies the caller can see, and their statistics: 表三 as the canonical report JSON
(spec/report-json.md) and the figures for the narrative."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router

from gongkai.core.applications.channels import CHANNEL_LABELS
from gongkai.core.checks import run_checks
from gongkai.core.report.jsonio import report_to_json
from gongkai.core.report.labels import T3_OUTCOME_ROWS, T3_ROW_LABELS
from gongkai.web.agencies.access import readable_agencies
from gongkai.web.api import present
from gongkai.web.api.auth import caller
from gongkai.web.api.errors import ErrorOut
from gongkai.web.api.schemas import AgencyOut, FiguresOut, Id, MeOut, Year
from gongkai.web.api.scoping import readable_agency
from gongkai.web.applications.statistics import annual_report, figures
from gongkai.web.applications.transitions import GuardFailed

router = Router(tags=["机关与统计"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
# The 2021 national format (国办公开办函〔2021〕30号) is the one computed from cases; reports
# on 2019 and 2020 used another table layout, so those years are refused rather than mis-shaped.
FIRST_REPORT_YEAR = 2021


def _year(year: int) -> int:
    if year > timezone.localdate().year:
        raise GuardFailed(f"{year}年尚未开始，不能统计")
    return year


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    url_name="me",
    operation_id="me",
    summary="当前令牌",
)
def me(request: HttpRequest) -> dict[str, Any]:
    """令牌所属用户及其可查看的机关、岗位。"""
    user = caller(request)
    token = request.auth  # type: ignore[attr-defined]
    return {
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),  # type: ignore[attr-defined]
        "token_name": token.name,
        "token_expires_at": token.expires_at,
        "agencies": [present.agency(a, user) for a in readable_agencies(user).order_by("name")],
    }


@router.get(
    "/agencies",
    response={200: list[AgencyOut], 401: ErrorOut},
    url_name="agencies",
    operation_id="agencies",
    summary="可查看的机关",
)
def agencies(request: HttpRequest) -> list[dict[str, Any]]:
    """本人任职的机关，以及监督岗位所在主管部门管辖的机关（只读）。"""
    user = caller(request)
    return [present.agency(a, user) for a in readable_agencies(user).order_by("name")]


@router.get(
    "/agencies/{agency_id}/annual-report/{year}",
    response={200: dict[str, Any], **ERRORS},
    url_name="agency_annual_report",
    operation_id="agency_annual_report",
    summary="年度报告表三（标准 JSON）",
)
def agency_annual_report(
    request: HttpRequest, agency_id: Path[Id], year: Path[Year]
) -> dict[str, Any]:
    """由本机关的办件按统计规则计算的表三（第三部分），以年度报告标准 JSON
    （annual-report/2021）给出；表二、表四不由办件产生，保持空白（null）。
    findings 列出表三相关的核对结果（按构造应当没有错误）。"""
    agency = readable_agency(caller(request), agency_id)
    if _year(year) < FIRST_REPORT_YEAR:
        raise GuardFailed(
            f"{FIRST_REPORT_YEAR}年以前的年度报告采用2019年版格式，本接口只提供"
            f"{FIRST_REPORT_YEAR}年度起的表三"
        )
    report = annual_report(agency, year)
    report.findings = [f for f in run_checks(report) if f.rule.startswith("T3-")]
    return report_to_json(report)


@router.get(
    "/agencies/{agency_id}/figures/{year}",
    response={200: FiguresOut, **ERRORS},
    url_name="agency_figures",
    operation_id="agency_figures",
    summary="年度报告正文所需数据",
)
def agency_figures(request: HttpRequest, agency_id: Path[Id], year: Path[Year]) -> dict[str, Any]:
    """按渠道的新收申请数、按期答复率、各办理结果的件数和占比，以及可直接引用的句子。"""
    agency = readable_agency(caller(request), agency_id)
    result = figures(agency, _year(year))
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "year": year,
        "new_total": sum(result.new_by_channel.values()),
        "new_by_channel": [
            {"channel": c.value, "label": CHANNEL_LABELS[c], "count": n}
            for c, n in result.new_by_channel.items()
        ],
        "concluded": result.concluded,
        "timed": result.timed,
        "on_time": result.on_time,
        "on_time_rate_percent": _percent(result.on_time_rate),
        "outcomes": [
            {
                "row": row,
                "label": T3_ROW_LABELS[row],
                "count": result.outcome_counts.get(row, 0),
                "share_percent": _percent(result.outcome_share(row)),
            }
            for row in T3_OUTCOME_ROWS
        ],
        "sentences": result.sentences(),
    }


def _percent(value: object) -> str | None:
    return None if value is None else str(value)
