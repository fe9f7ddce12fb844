"""``gongkai parse PATH… [--format json|csv|text]``: reports as data."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from gongkai.cli.batch import (
    Outcome,
    add_jobs_option,
    report_unreadable,
    run_batch,
    write_output,
)
from gongkai.cli.main import EXIT_OK, EXIT_UNREADABLE
from gongkai.core.report.jsonio import dump_bytes, report_to_json
from gongkai.core.report.model import AnnualReport, Severity, cell_paths


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "parse",
        help="把年度报告解析为规范 JSON（或 CSV、文本）",
        description="读取年度报告（文本、HTML、DOCX、PDF），输出规范 JSON。"
        "一个输入输出一个 JSON 文档；多个输入每行一个 JSON 文档。- 表示标准输入；"
        "目录和通配符会展开。",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("json", "csv", "text"), default="json")
    add_jobs_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    outcomes = run_batch(
        args.paths,
        debug=args.debug,
        jobs=args.jobs,
        contained=args.contained,
        render=json_text if args.format == "json" else None,
    )
    status = EXIT_OK
    if args.format == "csv":
        writer: Any = None
        for o in outcomes:
            if o.report is None:
                report_unreadable(o)
                status = EXIT_UNREADABLE
                continue
            row = csv_row(o)
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
        return status
    for o in outcomes:
        if o.error is not None:
            report_unreadable(o)
            status = EXIT_UNREADABLE
            continue
        if args.format == "json":
            write_output(o)
        else:
            print(text_summary(o))
    return status


def json_text(name: str, report: AnnualReport, single: bool) -> bytes:
    """One input: an indented document; several: one document a line (JSON Lines)."""
    data = report_to_json(report, copy=False)  # dumped here and dropped: nothing to copy
    return dump_bytes(data, indented=single)


def csv_row(o: Outcome) -> dict[str, Any]:
    r = o.report
    assert r is not None
    row: dict[str, Any] = {
        "file": o.name,
        "agency": r.agency or "",
        "year": r.year or "",
        "format": r.format,
        "publication_date": r.publication_date.isoformat() if r.publication_date else "",
        "errors": sum(f.severity == Severity.ERROR for f in r.findings),
        "warnings": sum(f.severity == Severity.WARNING for f in r.findings),
    }
    for path in cell_paths(r):
        value = r.get(path)
        row[path] = "" if value is None else value
    return row


def text_summary(o: Outcome) -> str:
    r: AnnualReport | None = o.report
    assert r is not None
    t3 = r.table3.get("new_received") or {}
    t4 = r.table4
    lines = [
        f"{o.name}：{r.agency or '（未识别机关）'} {r.year or '（未识别年度）'}年度",
        f"  本年新收申请 {t3.get('total')} 件；行政复议 {t4.get('review_total')} 件；"
        f"行政诉讼 {_sum(t4.get('suit_direct_total'), t4.get('suit_after_review_total'))} 件",
        f"  发现问题：错误 {sum(f.severity == Severity.ERROR for f in r.findings)} 个，"
        f"警告 {sum(f.severity == Severity.WARNING for f in r.findings)} 个",
    ]
    return "\n".join(lines)


def _sum(*values: int | None) -> int | None:
    return None if any(v is None for v in values) else sum(v or 0 for v in values)
