"""The explorer's views: each a table (exportable) and, where people would rather look, a
chart. Pure functions of a Corpus; every figure is a Polars expression over its frames.

公开率 = (予以公开 + 部分公开) / 办理结果总计; 纠正率 = 纠正 / 已审结（维持 + 纠正 + 其他）;
逾期 = published after 31 January of the next year (条例第五十条).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from gongkai.core.report import labels as L
from gongkai.core.report.model import format_cell_paths
from gongkai.core.report.naming import cell_name
from gongkai.explore import anomalies
from gongkai.explore.corpus import APPLICANTS, Corpus

# (column, Chinese label, format: int | pct | num | text)
Column = tuple[str, str, str]
APPLICANT_LABELS = dict(
    zip(
        APPLICANTS,
        ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
        strict=True,
    )
)
OUTCOME_LABELS = {
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}
RULE_FAMILIES = {
    "T3": "表内合计不符",
    "T4": "表内合计不符",
    "NARR": "正文与表格不符",
    "CELL": "单元格缺失或不可读",
    "ROW": "单元格缺失或不可读",
    "VALUE": "单元格缺失或不可读",
    "SECTIONS": "结构不全",
    "META": "时间与署名",
    "XYEAR": "跨年度不符",
    "OCR": "扫描识别",
    "REPORT": "单元格缺失或不可读",
}


@dataclass
class View:
    id: str
    title: str
    note: str
    columns: list[Column]
    table: pl.DataFrame
    chart: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _bar_line(
    x: list[Any], bars: dict[str, list[Any]], line: tuple[str, list[Any]] | None, stack: bool
) -> dict[str, Any]:
    series: list[dict[str, Any]] = [
        {"name": n, "type": "bar", "data": v, **({"stack": "a"} if stack else {})}
        for n, v in bars.items()
    ]
    y_axes: list[dict[str, Any]] = [{"type": "value"}]
    if line:
        series.append({"name": line[0], "type": "line", "yAxisIndex": 1, "data": line[1]})
        y_axes.append({"type": "value", "axisLabel": {"formatter": "{value}%"}, "max": 100})
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll", "top": 0},
        "grid": {"left": 8, "right": 8, "top": 56, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "category", "data": [str(v) for v in x]},
        "yAxis": y_axes,
        "series": series,
    }


def _pct(expr: pl.Expr) -> pl.Expr:
    return (expr * 100).round(1)


def overview(c: Corpus, found: pl.DataFrame) -> View:
    per_year = (
        c.reports.group_by("year")
        .agg(
            reports=pl.len(),
            agencies=pl.col("agency").n_unique(),
            received=pl.col("received").sum(),
            answered=pl.col("answered").sum(),
            opened=(pl.col("granted") + pl.col("partial")).sum(),
            with_errors=(pl.col("errors") > 0).sum(),
            late=(pl.col("late_days") > 0).sum(),
            duplicates=(pl.col("n_sources") > 1).sum(),
        )
        .join(found.group_by("year").agg(anomalies=pl.len()), on="year", how="left")
        .with_columns(
            open_rate=_pct(pl.col("opened") / pl.col("answered")),
            anomalies=pl.col("anomalies").fill_null(0),
        )
        .sort("year")
    )
    unreadable = (
        c.sources.filter(~pl.col("counted")).height
        - c.sources.filter(pl.col("n_sources") > 1, ~pl.col("counted")).height
    )
    chart = _bar_line(
        per_year["year"].to_list(),
        {"新收申请": per_year["received"].to_list()},
        ("公开率", per_year["open_rate"].to_list()),
        stack=False,
    )
    cols: list[Column] = [
        ("year", "年度", "text"),
        ("reports", "报告数", "int"),
        ("agencies", "机关数", "int"),
        ("received", "新收申请", "int"),
        ("answered", "办结", "int"),
        ("open_rate", "公开率", "pct"),
        ("with_errors", "有错误的报告", "int"),
        ("late", "逾期发布", "int"),
        ("duplicates", "多来源报告", "int"),
        ("anomalies", "异常", "int"),
    ]
    note = (
        f"共 {c.reports.height} 份报告（同一报告的多个来源只计一次），"
        f"{c.reports['agency'].n_unique()} 个机关；另有 {unreadable} 个文件无法识别机关或年度。"
    )
    return View("overview", "总览", note, cols, per_year.select([k for k, _, _ in cols]), chart)


def agency_years(c: Corpus) -> View:
    peers = ["kind", "level", "year"]
    # Sorted by agency and year once: the previous row is last year's when it is the same
    # agency one year earlier (a shift, cheaper than a window per agency).
    t = c.reports.sort("agency_id", "year")
    follows = (pl.col("agency_id").shift(1) == pl.col("agency_id")) & (
        pl.col("year").shift(1) == pl.col("year") - 1
    )
    t = t.with_columns(
        received_yoy=pl.when(follows & (pl.col("received").shift(1) > 0)).then(
            _pct(pl.col("received") / pl.col("received").shift(1) - 1)
        ),
        open_rate_yoy=pl.when(follows).then(
            _pct(pl.col("open_rate") - pl.col("open_rate").shift(1))
        ),
        peer_rank=_pct(pl.col("received").rank("average").over(peers) / pl.len().over(peers)),
        open_rate_rank=_pct(
            pl.col("open_rate").rank("average").over(peers)
            / pl.col("open_rate").count().over(peers)
        ),
        open_rate=_pct(pl.col("open_rate")),
        review_correct_rate=_pct(pl.col("review_correct_rate")),
        suit_correct_rate=_pct(pl.col("suit_correct_rate")),
    )
    cols: list[Column] = [
        ("agency", "机关", "text"),
        ("year", "年度", "text"),
        ("received", "新收申请", "int"),
        ("received_yoy", "新收同比%", "num"),
        *[(f"by_{a}", APPLICANT_LABELS[a], "int") for a in APPLICANTS],
        ("carried_over", "上年结转", "int"),
        *[(g, label, "int") for g, label in OUTCOME_LABELS.items()],
        ("answered", "办结", "int"),
        ("open_rate", "公开率", "pct"),
        ("open_rate_yoy", "公开率同比(百分点)", "num"),
        ("fees", "行政事业性收费(万元)", "num"),
        ("fee_unpaid", "逾期未缴信息处理费", "int"),
        ("review", "行政复议", "int"),
        ("review_correct_rate", "复议纠正率", "pct"),
        ("suit", "行政诉讼", "int"),
        ("suit_correct_rate", "诉讼纠正率", "pct"),
        ("normative_issued", "规范性文件制发", "int"),
        ("normative_in_force", "现行有效规范性文件", "int"),
        ("license", "行政许可", "int"),
        ("penalty", "行政处罚", "int"),
        ("peer_rank", "新收在同类中的位置(百分位)", "num"),
        ("open_rate_rank", "公开率在同类中的位置(百分位)", "num"),
        ("kind", "类别", "text"),
        ("level", "层级", "text"),
        ("region", "地区", "text"),
    ]
    note = (
        "一个机关的历年数字。公开率 =（予以公开 + 部分公开）÷ 办理结果总计；"
        "纠正率 = 纠正 ÷ 已审结；百分位按同类别、同层级、同年度的机关计算。"
    )
    view = View("agency", "单个机关历年", note, cols, t.select([k for k, _, _ in cols]))
    view.extra = {"outcomes": OUTCOME_LABELS}
    return view


def peers(c: Corpus) -> View:
    q = pl.col("received")
    groups = (
        c.reports.group_by("kind", "level", "year")
        .agg(
            n=pl.len(),
            p10=q.quantile(0.1),
            p25=q.quantile(0.25),
            median=q.median(),
            p75=q.quantile(0.75),
            p90=q.quantile(0.9),
            open_rate=_pct(pl.col("open_rate").median()),
            review=pl.col("review").mean().round(2),
        )
        .sort("kind", "level", "year", descending=[False, False, True])
    )
    latest = groups.filter(pl.col("year") == pl.col("year").max().over("kind", "level"))
    latest = latest.filter(pl.col("n") >= 3).sort("median", descending=True).head(40)
    names = [f"{k}·{lv}" for k, lv in zip(latest["kind"], latest["level"], strict=True)]
    boxes = [
        [r["p10"], r["p25"], r["median"], r["p75"], r["p90"]] for r in latest.iter_rows(named=True)
    ]
    chart: dict[str, Any] = {
        "tooltip": {"trigger": "item"},
        "grid": {"left": 8, "right": 8, "top": 16, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "name": "新收申请"},
        "yAxis": {
            "type": "category",
            "data": names,
            "inverse": True,
            "axisLabel": {"interval": 0},  # every group named, the chart grows instead
        },
        "series": [{"name": "新收申请（10%–90%）", "type": "boxplot", "data": boxes}],
    }
    cols: list[Column] = [
        ("kind", "类别", "text"),
        ("level", "层级", "text"),
        ("year", "年度", "text"),
        ("n", "机关数", "int"),
        ("p10", "新收 10%分位", "num"),
        ("p25", "25%分位", "num"),
        ("median", "中位数", "num"),
        ("p75", "75%分位", "num"),
        ("p90", "90%分位", "num"),
        ("open_rate", "公开率中位数", "pct"),
        ("review", "平均复议件数", "num"),
    ]
    note = (
        "同类别、同层级机关的分布（图为各组最近年度新收申请的 10%、25%、中位、75%、90% 分位）。"
        "某一机关所处的位置见“单个机关历年”的百分位列。"
    )
    view = View("peers", "同类机关比较", note, cols, groups, chart)
    view.extra = {"height": 60 + 22 * len(names)}
    return view


def quality(c: Corpus) -> View:
    f = c.findings.with_columns(
        family=pl.col("rule")
        .str.extract(r"^([A-Z0-9]+)", 1)
        .replace_strict(RULE_FAMILIES, default="其他")
    )
    families = sorted(set(RULE_FAMILIES.values()))
    by_year = (
        f.group_by("year", "family")
        .agg(n=pl.len())
        .join(c.reports.group_by("year").agg(reports=pl.len()), on="year")
    ).with_columns(per_report=(pl.col("n") / pl.col("reports")).round(3))
    years = sorted(c.reports["year"].unique().to_list())
    lookup = {(r["year"], r["family"]): r["per_report"] for r in by_year.iter_rows(named=True)}
    chart = _bar_line(
        years,
        {fam: [lookup.get((y, fam), 0) for y in years] for fam in families},
        None,
        stack=True,
    )
    per_report = f.group_by("report_id").agg(
        broken=(pl.col("family") == "表内合计不符").any(),
        problems=pl.col("family").unique().sort().str.join("、"),
    )
    ranked = (
        c.reports.select("report_id", "agency", "year", "errors", "warnings", "late_days")
        .join(per_report, on="report_id", how="left")
        .with_columns(
            broken=pl.col("broken").fill_null(False),
            late_days=pl.col("late_days").fill_null(0),
        )
        .with_columns(
            score=pl.col("errors") * 10
            + pl.col("warnings")
            + pl.col("broken").cast(pl.Int32) * 20
            + pl.col("late_days").clip(0, 90) / 3
        )
        .sort(["score", "agency"], descending=[True, False])
        .with_columns(
            broken=pl.when("broken").then(pl.lit("是")).otherwise(pl.lit("")),
            rank=pl.int_range(1, pl.len() + 1),
        )
    )
    cols: list[Column] = [
        ("rank", "名次", "int"),
        ("agency", "机关", "text"),
        ("year", "年度", "text"),
        ("errors", "错误", "int"),
        ("warnings", "提示", "int"),
        ("broken", "表内合计不符", "text"),
        ("late_days", "逾期天数", "int"),
        ("problems", "问题类别", "text"),
    ]
    note = (
        "图：每份报告平均的问题数，按类别与年度。表：问题最多的报告在前"
        "（错误计 10 分、提示 1 分、表内合计不符 20 分、逾期每 3 天 1 分，至多 30 分）。"
    )
    view = View("quality", "报告质量", note, cols, ranked.select([k for k, _, _ in cols]), chart)
    view.extra = {"by_year": by_year.sort("year", "family").to_dicts()}
    return view


def anomaly_view(found: pl.DataFrame) -> View:
    counts = found.group_by("year", "type").agg(n=pl.len())
    years = sorted(found["year"].unique().to_list())
    lookup = {(r["year"], r["type"]): r["n"] for r in counts.iter_rows(named=True)}
    chart = _bar_line(
        years,
        {lab: [lookup.get((y, t), 0) for y in years] for t, lab in anomalies.TYPE_LABELS.items()},
        None,
        stack=True,
    )
    table = found.with_columns(
        type=pl.col("type").replace(anomalies.TYPE_LABELS), score=pl.col("score").round(2)
    )
    cols: list[Column] = [
        ("agency", "机关", "text"),
        ("year", "年度", "text"),
        ("type", "类型", "text"),
        ("explanation", "说明", "text"),
        ("score", "强度", "num"),
        ("kind", "类别", "text"),
        ("level", "层级", "text"),
    ]
    note = "每条异常附一句说明：与同类机关或自身历年相差悬殊、表格数字与上年完全相同、正文照抄。"
    return View("anomalies", "异常", note, cols, table.select([k for k, _, _ in cols]), chart)


def sources(c: Corpus) -> View:
    multi = (
        c.sources.filter(pl.col("n_sources") > 1)
        .group_by("agency", "year")
        .agg(
            files=pl.col("source_file").sort().str.join("；"),
            counted=pl.col("source_file").filter("counted").first(),
        )
    )
    names = {
        p: cell_name(p) for fmt in (L.FORMAT_2019, L.FORMAT_2021) for p in format_cell_paths(fmt)
    }
    differ = (
        c.disagreements.with_columns(pl.col("cell").replace(names))
        .group_by("agency", "year")
        .agg(
            cells=pl.len(),
            detail=pl.format("{}（{}）", "cell", "values").str.join("\n"),
        )
    )
    table = (
        multi.join(differ, on=["agency", "year"], how="left")
        .with_columns(pl.col("cells").fill_null(0))
        .sort(["cells", "agency", "year"], descending=[True, False, False])
    )
    cols: list[Column] = [
        ("agency", "机关", "text"),
        ("year", "年度", "text"),
        ("files", "来源文件", "text"),
        ("counted", "计入的来源", "text"),
        ("cells", "不一致的单元格", "int"),
        ("detail", "不一致之处", "text"),
    ]
    note = (
        "同一机关同一年度的报告读到多个来源（如 HTML 与 PDF）时只计一次（取错误最少的一份），"
        "此处列出各来源不一致的单元格。"
    )
    return View("sources", "多来源报告", note, cols, table.select([k for k, _, _ in cols]))


def all_views(c: Corpus, timer: Callable[[str, float], None] | None = None) -> list[View]:
    """Every view, in the order the page shows them; ``timer`` gets each one's seconds."""
    import time

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        out = fn()
        if timer:
            timer(name, time.perf_counter() - start)
        return out

    found = timed("anomalies.detect", lambda: anomalies.detect(c))
    return [
        timed("overview", lambda: overview(c, found)),
        timed("agency", lambda: agency_years(c)),
        timed("peers", lambda: peers(c)),
        timed("quality", lambda: quality(c)),
        timed("anomalies", lambda: anomaly_view(found)),
        timed("sources", lambda: sources(c)),
    ]
