"""Reports built from data whose tables satisfy every 勾稽 rule and whose text states the
tables' figures, by hand (``consistent_report``) or at random (``consistent_reports``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import strategies as st

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Contact, Section

Counts = Mapping[str, int]

APPLICANTS = L.T3_APPLICANT_COLUMNS
OUTCOME_ROWS = L.T3_OUTCOME_ROWS
T4_LEAF_COLUMNS = tuple(f"{b}_{leaf}" for b in L.T4_BLOCKS for leaf in L.T4_LEAVES)

DEFAULT_OUTCOMES: dict[str, dict[str, int]] = {
    "granted": {"natural_person": 3},
    "partially_granted": {"natural_person": 1},
    "unable_not_held": {"natural_person": 2, "commercial_enterprise": 1},
    "not_processed_petition": {"natural_person": 1},
}
DEFAULT_CARRIED_OVER = {"natural_person": 1}
DEFAULT_CARRIED_FORWARD = {"natural_person": 2}

_CN = "零一二三四五六七八九"
_OUTCOME_GROUPS = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", tuple(r for r in OUTCOME_ROWS if r.startswith("denied_"))),
    ("无法提供", tuple(r for r in OUTCOME_ROWS if r.startswith("unable_"))),
    ("不予处理", tuple(r for r in OUTCOME_ROWS if r.startswith("not_processed_"))),
    ("其他处理", tuple(r for r in OUTCOME_ROWS if r.startswith("other_"))),
)


def chinese_numeral(n: int) -> str:
    """0–99 in Chinese numerals ("十二", "二十"); larger numbers stay Arabic."""
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")
    return str(n)


def _numeral(style: str) -> Any:
    if style == "chinese":
        return chinese_numeral
    if style == "spaced":
        return lambda n: f" {n} "
    return str


def build_table3(
    outcomes: Mapping[str, Counts], carried_over: Counts, carried_forward: Counts
) -> dict[str, Any]:
    """表三 from per-column outcome counts: 一 = 三（七） + 四 − 二 in every column."""
    table = {row: {c: outcomes.get(row, {}).get(c, 0) for c in APPLICANTS} for row in OUTCOME_ROWS}
    results = {c: sum(table[row][c] for row in OUTCOME_ROWS) for c in APPLICANTS}
    over = {c: carried_over.get(c, 0) for c in APPLICANTS}
    forward = {c: carried_forward.get(c, 0) for c in APPLICANTS}
    new = {c: results[c] + forward[c] - over[c] for c in APPLICANTS}
    if any(v < 0 for v in new.values()):
        raise ValueError("carried_over exceeds what was concluded or carried forward")
    table |= {
        "results_total": results,
        "carried_over": over,
        "carried_forward": forward,
        "new_received": new,
    }
    for cells in table.values():
        cells["total"] = sum(cells[c] for c in APPLICANTS)
    return {row: table[row] for row in L.T3_ROWS}


def build_table4(leaves: Counts) -> dict[str, int | None]:
    table: dict[str, int | None] = {}
    for block in L.T4_BLOCKS:
        values = [leaves.get(f"{block}_{leaf}", 0) for leaf in L.T4_LEAVES]
        table.update({f"{block}_{leaf}": v for leaf, v in zip(L.T4_LEAVES, values, strict=True)})
        table[f"{block}_total"] = sum(values)
    return {col: table[col] for col in L.T4_COLUMNS}


def _percent(count: int, total: int) -> str:
    value = Decimal(100 * count) / Decimal(total)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _applications_text(year: int, t3: dict[str, Any], n: Any) -> str:
    new, carried = t3["new_received"]["total"], t3["carried_over"]["total"]
    forward, results = t3["carried_forward"]["total"], t3["results_total"]["total"]
    if new == 0:
        text = f"{year}年，本机关未收到政府信息公开申请"
    else:
        text = f"{year}年共收到政府信息公开申请{n(new)}件"
    if carried:
        text += f"，上年结转{n(carried)}件，共办理政府信息公开申请{n(new + carried)}件"
    text += "。"
    parts = []
    for name, rows in _OUTCOME_GROUPS:
        count = sum(t3[r]["total"] for r in rows)
        if count:
            parts.append(f"{name}{n(count)}件，占{_percent(count, results)}%")
    if forward:
        parts.append(f"结转下年度继续办理{n(forward)}件")
    if parts:
        text += "办理结果：" + "；".join(parts) + "。"
    return text


def _review_text(t4: dict[str, Any], n: Any) -> str:
    review = t4["review_total"]
    suits = t4["suit_direct_total"] + t4["suit_after_review_total"]
    if not review and not suits:
        return "本年度没有因政府信息公开引起的行政复议和行政诉讼案件。"
    first = (
        f"本年度因政府信息公开被申请行政复议{n(review)}件"
        if review
        else "本年度没有因政府信息公开被申请行政复议的案件"
    )
    second = f"被提起行政诉讼{n(suits)}件" if suits else "没有被提起行政诉讼"
    return f"{first}，{second}。"


def narrative(report: AnnualReport, numerals: str = "arabic") -> list[Section]:
    """Six sections whose text states the report's own figures, as real reports do."""
    n = _numeral(numerals)
    year = report.year or 0
    in_force = report.table2["normative_documents"]["in_force"]
    overview = "\n".join(
        [
            f"（一）主动公开情况。{year}年，本机关主动公开政府信息128条，"
            f"现行有效规范性文件{n(in_force)}件。",
            "（二）依申请公开情况。" + _applications_text(year, report.table3, n),
            "（三）政府信息管理情况。严格落实信息发布保密审查制度。",
            f"（四）政府信息公开平台建设情况。局长信箱收到群众来信{n(12)}件，均已办结。",
            "（五）监督保障情况。" + _review_text(report.table4, n),
        ]
    )
    texts = {
        "overview": overview,
        "problems": "（一）存在的主要问题。政策解读形式较为单一。\n（二）改进措施。丰富解读形式。",
        "other": "本年度未收到超出一定数量或者频次范围的政府信息公开申请，未收取信息处理费。",
    }
    return [
        Section(key, number, L.SECTION_TITLES[key], texts.get(key, ""))
        for key, number in zip(L.SECTION_KEYS, L.SECTION_NUMERALS, strict=True)
    ]


def consistent_report(
    year: int = 2023,
    agency: str = "某县公安局",
    *,
    outcomes: Mapping[str, Counts] | None = None,
    carried_over: Counts | None = None,
    carried_forward: Counts | None = None,
    table4: Counts | None = None,
    normative: tuple[int, int, int] = (1, 0, 5),
    numerals: str = "arabic",
    **overrides: Any,
) -> AnnualReport:
    """A complete report that passes every check; ``overrides`` replace report fields.

    ``outcomes`` maps an outcome row to its applicant-column counts; ``table4`` gives 表四's
    leaf cells (totals are computed); ``normative`` is 规范性文件 (制发, 废止, 现行有效).
    """
    report = AnnualReport(
        agency=agency,
        year=year,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        publication_date=dt.date(year + 1, 1, 15),
        period=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        contact=Contact(phone="0000-1234567"),
    )
    issued, repealed, in_force = normative
    report.table2 = {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": issued, "repealed": repealed, "in_force": in_force},
        "administrative_license": 120,
        "administrative_penalty": 56,
        "administrative_coercion": 3,
        "administrative_fees": "12.3456",
    }
    report.table3 = build_table3(
        DEFAULT_OUTCOMES if outcomes is None else outcomes,
        DEFAULT_CARRIED_OVER if carried_over is None else carried_over,
        DEFAULT_CARRIED_FORWARD if carried_forward is None else carried_forward,
    )
    report.table4 = build_table4(table4 or {})
    report.sections = narrative(report, numerals)
    for key, value in overrides.items():
        if not hasattr(report, key):
            raise TypeError(f"AnnualReport has no field {key!r}")
        setattr(report, key, value)
    return report


_column_counts = st.dictionaries(st.sampled_from(APPLICANTS), st.integers(0, 30), max_size=3)


@st.composite
def consistent_reports(draw: st.DrawFn) -> AnnualReport:
    """Random reports that satisfy every rule: outcome counts, carry-overs, 表四, wording."""
    rows = draw(st.lists(st.sampled_from(OUTCOME_ROWS), max_size=6, unique=True))
    outcomes = {row: draw(_column_counts) for row in rows}
    forward = draw(_column_counts)
    carried = {}
    for col in APPLICANTS:
        room = sum(outcomes[r].get(col, 0) for r in rows) + forward.get(col, 0)
        carried[col] = draw(st.integers(0, room))
    leaves = draw(st.dictionaries(st.sampled_from(T4_LEAF_COLUMNS), st.integers(0, 12)))
    normative = draw(st.tuples(*(st.integers(0, 40) for _ in range(3))))
    return consistent_report(
        year=draw(st.integers(2021, 2025)),
        agency=draw(st.sampled_from(["某县公安局", "某市生态环境局", "某区人民政府办公室"])),
        outcomes=outcomes,
        carried_over=carried,
        carried_forward=forward,
        table4=leaves,
        normative=normative,
        numerals=draw(st.sampled_from(["arabic", "spaced", "chinese"])),
    )
