"""``gongkai explore DATASET... --out FILE.html | --serve [--export DIR]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gongkai.cli.main import EXIT_OK
from gongkai.core.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "explore",
        help="浏览 gongkai ingest 的数据集：机关历年、同类比较、报告质量、异常",
        description="读取一个或多个 gongkai ingest 输出的数据集，生成离线 HTML 页面（--out），"
        "或在本机启动带筛选的网页（--serve），并可把每个视图的表格导出为 CSV 与 XLSX（--export）。",
    )
    p.add_argument("datasets", nargs="+", metavar="DATASET", type=Path)
    p.add_argument("--out", metavar="FILE.html", type=Path, help="写出一个离线 HTML 文件")
    p.add_argument("--serve", action="store_true", help="在 127.0.0.1 上打开带筛选的网页")
    p.add_argument("--port", type=int, default=8765, help="--serve 的端口（默认 8765）")
    p.add_argument("--export", metavar="DIR", type=Path, help="把每个视图的表格写成 CSV 与 XLSX")
    p.add_argument("--overrides", metavar="CSV", type=Path, help="机关名称对照表（name,key,...）")
    p.add_argument(
        "--agencies", type=int, default=300, help="HTML 文件收录历年数字的机关数（默认 300）"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gongkai.explore.corpus import load
    from gongkai.explore.export import export_all
    from gongkai.explore.page import render
    from gongkai.explore.views import all_views

    if not (args.out or args.serve or args.export):
        raise InputError("请指定 --out FILE.html、--serve 或 --export DIR 中的至少一项")
    for dataset in args.datasets:
        if not dataset.is_dir():
            raise InputError(f"找不到数据集目录：{dataset}")
    if args.agencies < 1:
        raise InputError("--agencies 至少为 1")
    started = time.perf_counter()
    corpus = load(list(args.datasets), args.overrides)
    views = all_views(corpus)
    subtitle = (
        f"{len(args.datasets)} 个数据集，{corpus.reports.height} 份报告，"
        f"{corpus.reports['agency'].n_unique()} 个机关"
    )
    if args.out:
        args.out.write_text(render(views, subtitle, max_agencies=args.agencies), "utf-8")
        print(f"已写出 {args.out}（{subtitle}，用时 {time.perf_counter() - started:.1f} 秒）")
    if args.export:
        written = export_all(views, args.export)
        print(f"已导出 {len(written)} 个表格文件到 {args.export}")
    if args.serve:
        from gongkai.explore.serve import server

        httpd = server(corpus, subtitle, args.port)
        print(f"请在浏览器打开 http://127.0.0.1:{args.port}/ （按 Ctrl+C 停止）", file=sys.stderr)
        try:
            httpd.serve_forever()
        finally:
            httpd.server_close()
    return EXIT_OK
