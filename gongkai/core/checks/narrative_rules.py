"""The narrative against the tables: a figure the text states must be the table's figure.

Only a clear contradiction is reported; what the text says is read conservatively by
:mod:`narrative_text`, and a cell the table does not give (blank, missing) is never compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

from gongkai.core.checks import narrative_text as nt
from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report import labels as L
from gongkai.core.report.model import Finding, Section, Severity
from gongkai.core.report.naming import cell_name

# Where a report states each kind of figure (domain.md §8.1, §8.6); section 五 and 六 talk
# about other things (fees, mailboxes, "超出一定数量…的申请") and are not read.
_APPLICATION_SECTIONS = ("overview", "applications")
_REVIEW_SECTIONS = ("overview", "review_litigation")
_PROACTIVE_SECTIONS = ("overview", "proactive")

_OUTCOME_NAMES = {
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}


def _sections(ctx: CheckContext, keys: tuple[str, ...]) -> Iterator[Section]:
    return (s for s in ctx.report.sections if s.key in keys and s.text)


def _count(ctx: CheckContext, path: str) -> int | None:
    value = ctx.value(path)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _sum(ctx: CheckContext, paths: Iterable[str]) -> int | None:
    values = [_count(ctx, p) for p in paths]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _finding(
    ctx: CheckContext, r: Rule, section: Section, cells: list[str], message: str
) -> Finding:
    found = r.finding(ctx, [f"sections.{section.key}", *cells], message)
    if found.line is None:
        found.line = section.line
    return found


def _quote(text: str) -> str:
    return f"「{text if len(text) <= 60 else text[:58] + '…'}」"


def _place(section: Section) -> str:
    return (
        f"「{section.number}、{section.title}」部分" if section.number else f"「{section.title}」"
    )


@rule("NARR-APPLICATIONS-RECEIVED", Severity.ERROR, "正文所述收到申请件数与表三一致", "narrative")
def applications_received(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    new = _count(ctx, "table3.new_received.total")
    carried = _count(ctx, "table3.carried_over.total")
    if new is None:
        return
    # "共办理/共受理…N件" may include last year's carried-over applications.
    accepted = {new} | ({new + carried} if carried is not None else set())
    for section in _sections(ctx, _APPLICATION_SECTIONS):
        for stated in nt.applications_received(section.text):
            if stated.subject == "received":
                wrong = stated.value not in accepted
            else:  # a part can only be shown wrong by exceeding the whole
                wrong = stated.subject == "received_part" and stated.value > max(accepted)
            if wrong:
                yield _finding(
                    ctx,
                    r,
                    section,
                    ["table3.new_received.total"],
                    f"{_place(section)}称{_quote(stated.quote)}（{stated.value}件），"
                    f"但{cell_name('table3.new_received.total')}为{new}"
                    + (f"（加上年结转为{new + carried}）。" if carried else "。"),
                )


@rule("NARR-NO-APPLICATIONS", Severity.ERROR, "正文称未收到申请时，表三本年新收为0", "narrative")
def no_applications(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    new = _count(ctx, "table3.new_received.total")
    if not new:
        return
    for section in _sections(ctx, _APPLICATION_SECTIONS):
        for stated in nt.applications_received(section.text):
            if stated.subject == "none":
                yield _finding(
                    ctx,
                    r,
                    section,
                    ["table3.new_received.total"],
                    f"{_place(section)}称{_quote(stated.quote)}，"
                    f"但{cell_name('table3.new_received.total')}为{new}。",
                )


def _outcome_paths(ctx: CheckContext, subject: str) -> list[str]:
    rows = ctx.report.t3_outcome_rows
    if subject in ("granted", "partially_granted"):
        chosen = [subject]
    else:
        chosen = [row for row in rows if row.startswith(subject + "_")]
    return [f"table3.{row}.total" for row in chosen if ctx.report.table3.get(row) is not None]


@rule("NARR-OUTCOME-COUNT", Severity.ERROR, "正文所述各类办理结果件数与表三一致", "narrative")
def outcome_counts(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for section in _sections(ctx, _APPLICATION_SECTIONS):
        for stated in nt.outcomes(section.text):
            paths = _outcome_paths(ctx, stated.subject)
            table = _sum(ctx, paths)
            if not paths or table is None or table == stated.value:
                continue
            yield _finding(
                ctx,
                r,
                section,
                paths,
                f"{_place(section)}称{_quote(stated.quote)}，"
                f"但表三「{_OUTCOME_NAMES[stated.subject]}」"
                f"{'各行' if len(paths) > 1 else '行'}总计为{table}件。",
            )


def _percent_fits(printed: str, count: int, total: int) -> bool:
    decimals = len(printed.partition(".")[2])
    unit = Fraction(1, 10**decimals)
    return abs(Fraction(printed) - Fraction(100 * count, total)) <= unit


@rule("NARR-PERCENT", Severity.ERROR, "正文所述百分比与件数和总数相符", "narrative")
def percentages(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    results = _count(ctx, "table3.results_total.total")
    new = _count(ctx, "table3.new_received.total")
    carried = _count(ctx, "table3.carried_over.total")
    # Reports divide by the applications handled or by those received; either is accepted.
    totals = {t for t in (results, new, (new or 0) + (carried or 0)) if t}
    if not totals:
        return
    for section in _sections(ctx, _APPLICATION_SECTIONS):
        for stated in nt.outcomes(section.text):
            if stated.percent is None:
                continue
            if any(_percent_fits(stated.percent, stated.value, t) for t in totals):
                continue
            base = results or max(totals)
            exact = Fraction(100 * stated.value, base)
            yield _finding(
                ctx,
                r,
                section,
                ["table3.results_total.total"],
                f"{_place(section)}称{_quote(stated.quote)}：{stated.value}件占"
                f"{stated.percent}%，但按办理结果总计{base}件计算应为{float(exact):.2f}%。",
            )


_BLOCKS = {
    "review": ("review",),
    "suit": ("suit_direct", "suit_after_review"),
    "both": L.T4_BLOCKS,
}


_LEAF_SHORT = {"upheld": "维持", "corrected": "纠正", "other": "其他", "pending": "尚未审结"}


def _block_text(ctx: CheckContext, block: str) -> str:
    leaves = "、".join(
        f"{_LEAF_SHORT[leaf]}{ctx.value(f'table4.{block}_{leaf}')}" for leaf in L.T4_LEAVES
    )
    return f"{L.T4_BLOCK_LABELS[block]}{ctx.value(f'table4.{block}_total')}件（{leaves}）"


@rule(
    "NARR-NO-REVIEW-LITIGATION",
    Severity.ERROR,
    "正文称没有行政复议、行政诉讼时，表四相应各栏为0",
    "narrative",
)
def no_review_litigation(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for section in _sections(ctx, _REVIEW_SECTIONS):
        for stated in nt.review_litigation_absent(section.text):
            blocks = _BLOCKS[stated.subject]
            paths = [f"table4.{b}_{leaf}" for b in blocks for leaf in (*L.T4_LEAVES, "total")]
            if not any(_count(ctx, p) for p in paths):
                continue
            reported = [b for b in blocks if any(_count(ctx, p) for p in paths if b + "_" in p)]
            figures = "；".join(_block_text(ctx, b) for b in reported)
            yield _finding(
                ctx,
                r,
                section,
                [p for p in paths if _count(ctx, p)],
                f"{_place(section)}称{_quote(stated.quote)}，但表四填报了{figures}。",
            )


_STATED_TOTALS = {
    "review": (("review_total",),),
    "suit_direct": (("suit_direct_total",),),
    "suit_after_review": (("suit_after_review_total",),),
    # "行政诉讼N件" may count every lawsuit or only those brought without review first.
    "suit": (("suit_direct_total", "suit_after_review_total"), ("suit_direct_total",)),
    "all": (tuple(f"{b}_total" for b in L.T4_BLOCKS),),
}


@rule(
    "NARR-REVIEW-LITIGATION-COUNT",
    Severity.ERROR,
    "正文所述行政复议、行政诉讼件数与表四总计一致",
    "narrative",
)
def review_litigation_counts(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for section in _sections(ctx, _REVIEW_SECTIONS):
        for stated in nt.review_litigation_counts(section.text):
            readings = [
                (cols, _sum(ctx, (f"table4.{c}" for c in cols)))
                for cols in _STATED_TOTALS[stated.subject]
            ]
            if any(total is None or total == stated.value for _, total in readings):
                continue
            cols, total = readings[0]
            names = "与".join(cell_name(f"table4.{c}") for c in cols)
            yield _finding(
                ctx,
                r,
                section,
                [f"table4.{c}" for c in cols],
                f"{_place(section)}称{_quote(stated.quote)}（{stated.value}件），"
                f"但{names}{'之和' if len(cols) > 1 else ''}为{total}。",
            )


@rule(
    "NARR-NORMATIVE-IN-FORCE",
    Severity.ERROR,
    "正文所述现行有效规范性文件件数与表二一致",
    "narrative",
)
def normative_in_force(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    if ctx.report.format != L.FORMAT_2021:
        return  # the 2019 table has 对外公开总数量, which is not the same count
    path = "table2.normative_documents.in_force"
    table = ctx.report.get(path)
    if not isinstance(table, int):
        return
    for section in _sections(ctx, _PROACTIVE_SECTIONS):
        for stated in nt.normative_in_force(section.text):
            if stated.value != table:
                yield _finding(
                    ctx,
                    r,
                    section,
                    [path],
                    f"{_place(section)}称{_quote(stated.quote)}，但{cell_name(path)}为{table}。",
                )
