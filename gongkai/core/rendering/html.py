"""A report as an HTML page in the official layout (merged header cells included)."""

from __future__ import annotations

from html import escape

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport

_STYLE = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:60rem;"
    "margin:2rem auto;line-height:1.7}table{border-collapse:collapse;width:100%;margin:1rem 0}"
    "td,th{border:1px solid #333;padding:.2rem .4rem;text-align:center;font-size:.9rem}"
    "h1{text-align:center;font-size:1.5rem}"
)


def _td(text: object, *, rowspan: int = 1, colspan: int = 1, header: bool = False) -> str:
    tag = "th" if header else "td"
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    shown = "" if text is None else escape(str(text))
    return f"<{tag}{attrs}>{shown}</{tag}>"


def _table2(report: AnnualReport) -> str:
    rows = []
    for block in L.SPEC["table2"]["blocks"]:
        rows.append("<tr>" + _td(block["caption"], colspan=4, header=True) + "</tr>")
        cols = block["columns"]
        header = [_td(c, header=True) for c in cols]
        header[-1] = _td(cols[-1], colspan=5 - len(cols), header=True)
        rows.append("<tr>" + "".join(header) + "</tr>")
        for row in block["rows"]:
            value = report.table2.get(row["key"])
            if value is None and block["key"] == "art20_1":
                continue  # a row the report does not have is left out, not printed blank
            cells = list(value.values()) if isinstance(value, dict) else [value]
            tds = [_td(row["label"])] + [_td(v) for v in cells]
            if len(cells) == 1:
                tds[-1] = _td(cells[0], colspan=3)
            rows.append("<tr>" + "".join(tds) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


_GROUPS = {  # first row of each group in 三、本年度办理结果, with its height
    "denied_state_secret": ("（三）不予公开", 8),
    "unable_not_held": ("（四）无法提供", 3),
    "not_processed_petition": ("（五）不予处理", 5),
    "other_no_supplement": ("（六）其他处理", 3),
}


def _table3(report: AnnualReport) -> str:
    rows = [
        "<tr>"
        + _td(L.T3_CORNER_NOTE, rowspan=3, colspan=3, header=True)
        + _td("申请人情况", colspan=7, header=True)
        + "</tr>",
        "<tr>"
        + _td("自然人", rowspan=2, header=True)
        + _td("法人或其他组织", colspan=5, header=True)
        + _td("总计", rowspan=2, header=True)
        + "</tr>",
        "<tr>"
        + "".join(_td(L.T3_COLUMN_LABELS[c], header=True) for c in L.T3_COLUMNS[1:-1])
        + "</tr>",
    ]
    outcome_rows = report.t3_outcome_rows
    for key in report.t3_rows:
        values = report.table3.get(key)
        cells = "".join(_td((values or {}).get(c)) for c in L.T3_COLUMNS)
        label = L.t3_row_label(key)
        if key not in outcome_rows and key != "results_total":
            rows.append("<tr>" + _td(label, colspan=3) + cells + "</tr>")
            continue
        head = (
            _td("三、本年度办理结果", rowspan=len(outcome_rows) + 1)
            if key == outcome_rows[0]
            else ""
        )
        if key in _GROUPS:
            group, height = _GROUPS[key]
            head += _td(group, rowspan=height if report.format == L.FORMAT_2021 else 1)
            rows.append("<tr>" + head + _td(label) + cells + "</tr>")
        elif _in_group(key, report):
            rows.append("<tr>" + _td(label) + cells + "</tr>")
        else:
            rows.append("<tr>" + head + _td(label, colspan=2) + cells + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _in_group(key: str, report: AnnualReport) -> bool:
    path = L.T3_ROW_PATHS.get(key, ())
    return len(path) == 3 and key not in _GROUPS


def _table4(report: AnnualReport) -> str:
    leaves = [L.T4_LEAF_LABELS[k] for k in (*L.T4_LEAVES, "total")]
    rows = [
        "<tr>"
        + _td("行政复议", colspan=5, header=True)
        + _td("行政诉讼", colspan=10, header=True)
        + "</tr>",
        "<tr>"
        + "".join(_td(x, rowspan=2, header=True) for x in leaves)
        + _td("未经复议直接起诉", colspan=5, header=True)
        + _td("复议后起诉", colspan=5, header=True)
        + "</tr>",
        "<tr>" + "".join(_td(x, header=True) for x in leaves * 2) + "</tr>",
        "<tr>" + "".join(_td(report.table4[c]) for c in L.T4_COLUMNS) + "</tr>",
    ]
    return "<table>" + "".join(rows) + "</table>"


def render_html(report: AnnualReport) -> str:
    title = report.title or f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if report.year:
        parts.append(f"<p>本报告统计期限自{report.year}年1月1日起至{report.year}年12月31日止。</p>")
    texts = {s.key: s.text for s in report.sections if s.key}
    tables = {"proactive": _table2, "applications": _table3, "review_litigation": _table4}
    for key, heading in zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True):
        parts.append(f"<h2>{escape(heading)}</h2>")
        for paragraph in (texts.get(key) or "").split("\n"):
            if paragraph.strip():
                parts.append(f"<p>{escape(paragraph)}</p>")
        if key in tables:
            parts.append(tables[key](report))
    if report.publication_date:
        d = report.publication_date
        parts.append(f"<p style='text-align:right'>{d.year}年{d.month}月{d.day}日</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
