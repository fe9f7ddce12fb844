"""``gongkai check PATH… [--previous PATH]``: findings in readable Chinese.

Exit status: 0 when no error is found, 1 when any error is, 2 when an input is unreadable.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from gongkai.cli.batch import add_jobs_option, report_unreadable, run_batch, write_output
from gongkai.cli.inputs import read_input
from gongkai.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from gongkai.core.parsing.read import read_report
from gongkai.core.parsing.sandbox import read_report_contained
from gongkai.core.report.model import AnnualReport, Finding, Severity

GROUPS = {
    "table2": "表二 主动公开政府信息情况",
    "table3": "表三 收到和处理政府信息公开申请情况",
    "table4": "表四 行政复议、行政诉讼情况",
    "sections": "报告结构与正文",
    "meta": "标题、年度与发布日期",
}
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "check",
        help="校验年度报告的勾稽关系、结构与正文表述",
        description="校验年度报告：表格勾稽关系、缺失与空白单元格、六个部分的结构、"
        "正文与表格是否一致；给出上年报告时还校验跨年度衔接。"
        "退出状态：0 未发现错误，1 发现错误，2 有文件无法读取。",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--previous", metavar="PATH", help="上一年度的报告，用于跨年度校验")
    add_jobs_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    previous: AnnualReport | None = None
    if args.previous:
        data = read_input(args.previous)
        read = read_report_contained if args.contained else read_report
        previous = read(data, args.previous)
    status = EXIT_OK
    outcomes = run_batch(
        args.paths,
        debug=args.debug,
        previous=previous,
        jobs=args.jobs,
        contained=args.contained,
        render=_rendered,
    )
    for outcome in outcomes:
        if outcome.error is not None:
            report_unreadable(outcome)
            status = EXIT_UNREADABLE
            continue
        write_output(outcome)
        if outcome.has_errors and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status


def _group(f: Finding) -> str:
    head = f.where[0].split(".")[0] if f.where else "meta"
    return head if head in GROUPS else "meta"


def _rendered(name: str, report: AnnualReport, single: bool) -> bytes:
    return render(name, report).encode("utf-8")


def render(name: str, report: AnnualReport) -> str:
    title = f"{report.agency or '（未识别机关）'} {report.year or '（未识别）'}年度报告"
    out = [f"{title}（{name}）"]
    if not report.findings:
        out.append("  未发现问题。")
        return "\n".join(out)
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[_group(f)].append(f)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for key in GROUPS:
        if key not in groups:
            continue
        out.append(f"  {GROUPS[key]}")
        for f in sorted(groups[key], key=lambda f: (order[f.severity], f.line or 0)):
            where = f"第{f.line}行 " if f.line else ""
            out.append(f"    {SEVERITY_NAMES[f.severity]} {where}[{f.rule}] {f.message}")
    errors = sum(f.severity == Severity.ERROR for f in report.findings)
    warnings = sum(f.severity == Severity.WARNING for f in report.findings)
    out.append(f"  共 {errors} 个错误、{warnings} 个警告。")
    return "\n".join(out)
