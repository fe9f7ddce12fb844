"""The report's own facts: which year it covers, its statistics period, when it appeared."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report.model import Finding, Severity

_YEAR_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4"}
_YEAR_DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")


def title_year(title: str | None) -> int | None:
    """The year a title names ("2023年…" or "二〇二三年…"), or None."""
    match = _TITLE_YEAR.search(title or "")
    if match is None:
        return None
    digits = "".join(_YEAR_DIGITS.get(c, c) for c in match.group(1))
    return int(digits)


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@rule("META-YEAR", Severity.ERROR, "标题、统计期限与报告年度是同一年", "meta")
def year_agrees(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    report = ctx.report
    stated: list[tuple[str, str, int]] = []
    if report.year is not None:
        stated.append(("year", "报告年度", report.year))
    if (from_title := title_year(report.title)) is not None:
        stated.append(("title", "标题", from_title))
    if report.period is not None:
        stated.append(("period", "统计期限", report.period[0].year))
    if len({year for _, _, year in stated}) > 1:
        parts = "，".join(f"{name}为{year}年" for _, name, year in stated)
        yield r.finding(ctx, [key for key, _, _ in stated], f"年度不一致：{parts}。")


@rule("META-PERIOD", Severity.WARNING, "统计期限为报告年度的1月1日至12月31日", "meta")
def period_is_calendar_year(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    period = ctx.report.period
    if period is None:
        return
    year = ctx.report.year or period[0].year
    expected = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if period != expected:
        yield r.finding(
            ctx,
            ["period"],
            f"统计期限为{_date(period[0])}至{_date(period[1])}，"
            f"应为{_date(expected[0])}至{_date(expected[1])}。",
        )


def _deadline(agency: str | None, year: int) -> tuple[dt.date, str]:
    # §49: a government's own report is due by 31 March, a department's by 31 January.
    if agency and agency.endswith("人民政府"):
        return dt.date(year + 1, 3, 31), "各级人民政府的年度报告应于次年3月31日前公布"
    return dt.date(year + 1, 1, 31), "政府部门的年度报告应于次年1月31日前公布"


@rule(
    "META-PUBLICATION-LATE",
    Severity.WARNING,
    "年度报告在报告年度结束后、法定期限前公布",
    "meta",
)
def published_on_time(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    report = ctx.report
    published = report.publication_date
    if published is None or report.year is None:
        return
    deadline, rule_text = _deadline(report.agency, report.year)
    if published > deadline:
        yield r.finding(
            ctx,
            ["publication_date"],
            f"报告落款日期为{_date(published)}，晚于{_date(deadline)}（{rule_text}）。",
        )
    elif published <= dt.date(report.year, 12, 31):
        yield r.finding(
            ctx,
            ["publication_date"],
            f"报告落款日期为{_date(published)}，早于{report.year}年度结束，"
            "全年数据尚未统计完毕；请核对落款日期或报告年度。",
        )


@rule("META-AGENCY", Severity.WARNING, "能确定报告机关和报告年度", "meta")
def agency_and_year_known(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    report = ctx.report
    if report.year is None:
        yield r.finding(
            ctx, ["year"], "未能确定报告年度；与年度有关的检查（期限、跨年度核对）未进行。"
        )
    if not report.agency:
        yield r.finding(
            ctx,
            ["agency"],
            "未能从标题确定报告机关名称。",
            severity=Severity.INFO,
        )
