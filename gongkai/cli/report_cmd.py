"""``gongkai report``: the platform's annual reports on the command line.

``list`` shows each agency (by its code) and the years it has data for; ``export`` writes a
report as it stands, through the same functions as the web pages (``assemble`` and the
renderers), in any of the formats the portal offers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from gongkai.core.errors import GongkaiError


class ReportCommandError(GongkaiError):
    """A bad agency, year or format given to ``gongkai report``."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="列出或导出本平台编制的政府信息公开工作年度报告",
        description="列出机关及有数据的年度，或导出某机关某年度的报告（当前状态）。",
    )
    commands = parser.add_subparsers(dest="report_command", metavar="子命令")
    listing = commands.add_parser("list", help="列出机关（按机关代码）和有数据的年度")
    listing.set_defaults(func=list_reports)
    export = commands.add_parser(
        "export",
        help="导出某机关某年度报告的当前稿（除 JSON 外各格式均标注“草稿”）",
    )
    export.add_argument("agency", metavar="机关", help="机关代码（统一社会信用代码）、编号或名称")
    export.add_argument("year", metavar="年度", help="报告年度，例如 2025")
    export.add_argument(
        "--format", default="json", help="json、html、docx、pdf 或 xlsx（默认 json）"
    )
    export.add_argument("-o", "--output", metavar="文件", help="写入该文件（默认输出到屏幕）")
    export.set_defaults(func=export_report)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.db import connection

    if "reports_reportdraft" not in connection.introspection.table_names():
        raise ReportCommandError(
            "数据库尚未初始化：请先运行 gongkai serve，或 python -m gongkai.web.manage migrate"
        )


def find_agency(text: str) -> Any:
    from gongkai.web.agencies.models import Agency

    wanted = text.strip()
    found = Agency.objects.filter(code=wanted).first()
    if found is None and wanted.isdigit():
        found = Agency.objects.filter(pk=int(wanted)).first()
    if found is None:
        found = Agency.objects.filter(name=wanted).first()
    if found is None:
        raise ReportCommandError(f"没有找到机关“{text}”；可用 gongkai report list 查看机关代码")
    return found


def list_reports(args: argparse.Namespace) -> int:
    _django()
    from gongkai.web.agencies.models import Agency
    from gongkai.web.reports.builder import latest_version, years_with_data

    agencies = list(Agency.objects.order_by("name"))
    if not agencies:
        print("平台中还没有机关。")
        return 0
    print("机关代码\t机关名称\t有数据的年度")
    for agency in agencies:
        years = []
        for year in years_with_data(agency):
            version = latest_version(agency, year)
            years.append(f"{year}（已发布第{version.number}版）" if version else f"{year}")
        print(f"{agency.code or agency.pk}\t{agency.name}\t{'、'.join(years) or '无'}")
    return 0


def _year(text: str, agency: Any) -> int:
    from gongkai.web.reports.builder import years_with_data

    if not text.strip().isdigit():
        raise ReportCommandError(f"年度应为四位数字，例如 2025，而不是“{text}”")
    year = int(text)
    years = years_with_data(agency)
    if year not in years:
        known = "、".join(str(y) for y in years) or "无"
        raise ReportCommandError(f"{agency.name}没有{year}年度的数据（有数据的年度：{known}）")
    return year


def export_report(args: argparse.Namespace) -> int:
    from gongkai.core.reporting.formats import check_format, render

    fmt = check_format(args.format)
    _django()
    from django.utils import timezone

    from gongkai.web.reports.builder import assemble

    agency = find_agency(args.agency)
    year = _year(args.year, agency)
    # The report as it stands is a draft, as the builder's own export says: only the
    # published versions, on the public pages, are unmarked.
    data = render(assemble(agency, year, on=timezone.localdate()).report, fmt, draft=True)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"已写入 {args.output}（{len(data)} 字节）", file=sys.stderr)
    elif fmt in ("json", "html"):
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    elif sys.stdout.isatty():
        raise ReportCommandError(f"{fmt.upper()} 是二进制文件，请用 -o 指定输出文件")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
