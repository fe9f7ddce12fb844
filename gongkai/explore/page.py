"""One self-contained HTML page of the views: ECharts (vendored, Apache-2.0), the page's
script and the data are inlined, so the file opens offline from any folder."""

from __future__ import annotations

import datetime as dt
import json
import math
from html import escape
from importlib import resources
from typing import Any

import polars as pl

from gongkai.explore.views import View

ECHARTS = "Apache ECharts 6.1.0, Apache License 2.0 (static/ECHARTS-LICENSE.txt)"
MAX_ROWS = 2000  # rows per view embedded in the file; exports carry every row
MAX_AGENCIES = 300  # agencies whose years the 单个机关 view embeds

# The offline page's own frame; the views' rules are static/explore.css, which the
# platform's page links as a file (its CSP allows no <style> block).
PAGE_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;
color:#1f2328;background:#f6f7f9}
header{background:#8b1a1a;color:#fff;padding:12px 16px}
header h1{font-size:18px;margin:0}
header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{padding:12px;max-width:1280px;margin:0 auto}
@media (max-width:480px){main{padding:8px}}
"""


def _asset(name: str) -> str:
    return (resources.files("gongkai.explore") / "static" / name).read_text("utf-8")


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    rows = frame.to_dicts()
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and not math.isfinite(value):
                row[key] = None
            elif isinstance(value, dt.date):
                row[key] = value.isoformat()
    return rows


def _agency_subset(view: View, priority: list[str], limit: int) -> pl.DataFrame:
    """The agencies the file carries: those with anomalies first, then the busiest."""
    busiest = (
        view.table.group_by("agency")
        .agg(pl.col("received").sum())
        .sort(["received", "agency"], descending=[True, False])["agency"]
        .to_list()
    )
    chosen: list[str] = []
    seen: set[str] = set()
    for name in (*priority, *busiest):
        if name not in seen:
            seen.add(name)
            chosen.append(name)
        if len(chosen) >= limit:
            break
    return view.table.filter(pl.col("agency").is_in(chosen))


def _finite(value: Any) -> Any:
    """NaN and infinities (a rate over zero cases) as null: JSON has no NaN, and a page
    whose data holds one cannot parse it."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def payload(views: list[View], max_agencies: int = MAX_AGENCIES) -> dict[str, Any]:
    anomalous: list[str] = []
    for v in views:
        if v.id == "anomalies":
            anomalous = v.table["agency"].unique(maintain_order=True).to_list()
    out = []
    for v in views:
        table = _agency_subset(v, anomalous, max_agencies) if v.id == "agency" else v.table
        out.append(
            {
                "id": v.id,
                "title": v.title,
                "columns": v.columns,
                "rows": _records(table.head(MAX_ROWS)),
                "total": v.table.height,
                "chart": _finite(v.chart),
                "extra": _finite(v.extra),
            }
        )
    return {"views": out}


def _section(v: View, exports: str | None, export_base: str = "/export/") -> str:
    chart = v.chart is not None or v.id == "agency"
    picker = '<select class="agency" aria-label="选择机关"></select>' if v.id == "agency" else ""
    links = ""
    if exports is not None:
        links = "".join(
            f'<a href="{escape(export_base)}{v.id}.{ext}{escape(exports)}">导出 {ext.upper()}</a>'
            for ext in ("csv", "xlsx")
        )
    else:
        links = '<button type="button" class="csv">导出 CSV</button>'
    return (
        f'<section id="view-{v.id}" role="tabpanel" aria-labelledby="tab-{v.id}" hidden>'
        f"<h2>{escape(v.title)}</h2>"
        f'<p class="note">{escape(v.note)}</p>'
        + (
            f'<div class="chart" id="chart-{v.id}" role="img" aria-label="{escape(v.title)}图表">'
            "</div>"
            if chart
            else ""
        )
        + f'<div class="tools">{picker}<input class="filter" type="search" '
        f'placeholder="筛选表格（机关、年度…）" aria-label="筛选{escape(v.title)}表格">'
        f"{links}</div>"
        # table-scroll: a wide table scrolls inside its box, never the page
        f'<div class="table table-scroll" role="region" tabindex="0" '
        f'aria-label="{escape(v.title)}表格"></div></section>'
    )


def parts(
    views: list[View], exports: str | None = None, export_base: str = "/export/"
) -> tuple[str, str]:
    """The tab bar and the views' sections, the markup explore.js fills in: the offline
    file and the platform's page (gongkai/web/reports/explorer.py) use the same."""
    tabs = "".join(
        f'<button type="button" role="tab" id="tab-{v.id}" aria-controls="view-{v.id}" '
        f'aria-selected="false">{escape(v.title)}</button>'
        for v in views
    )
    sections = "".join(_section(v, exports, export_base) for v in views)
    return (
        f'<nav class="explore-tabs" aria-label="视图"><div role="tablist">{tabs}</div></nav>',
        sections,
    )


def render(
    views: list[View],
    subtitle: str,
    *,
    max_agencies: int = MAX_AGENCIES,
    filters_html: str = "",
    exports: str | None = None,
) -> str:
    """The page. ``exports`` (the query string) links server-side CSV/XLSX exports."""
    data = json.dumps(payload(views, max_agencies), ensure_ascii=False, default=str)
    data = data.replace("</", "<\\/")  # no "</script>" inside the JSON
    tabs, sections = parts(views, exports)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<title>政府信息公开年度报告 · 语料浏览</title>"
        f'<style>{PAGE_CSS}{_asset("explore.css")}</style></head><body class="explore">'
        f"<header><h1>政府信息公开年度报告 · 语料浏览</h1><p>{escape(subtitle)}</p></header>"
        f"{tabs}<main>{filters_html}{sections}</main>"
        f'<script type="application/json" id="explore-data">{data}</script>'
        f"<script>/* {ECHARTS} */\n{_asset('echarts.min.js')}</script>"
        f"<script>{_asset('explore.js')}</script></body></html>"
    )
