"""``gongkai ingest DIR --out DATASET [--workers N] [--scheduler ADDRESS]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gongkai.cli.main import EXIT_OK, EXIT_UNREADABLE
from gongkai.core.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "ingest",
        help="批量读取一个文件夹的年度报告，输出规范 JSON 与 Parquet/CSV 数据表",
        description="批量读取年度报告（文本、HTML、DOCX、PDF）。默认使用本机全部 CPU 核；"
        "--scheduler 指定 Dask 集群地址时在集群上运行。可断点续跑：内容未变的文件不再重复读取。",
    )
    p.add_argument("source", metavar="DIR")
    p.add_argument("--out", required=True, metavar="DATASET")
    p.add_argument("--workers", type=int, default=None, help="本机工作进程数（默认：全部 CPU 核）")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask 调度器地址，如 tcp://10.0.0.1:8786")
    p.add_argument(
        "--contained",
        action="store_true",
        help="每个文件在受限的子进程中读取（内存、计算时间、输出上限，同网页上传）；"
        "用于来历不明的文件，每个文件多约0.2秒",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console  # imported when the command runs, not at every start-up
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from gongkai.ingest.pipeline import ingest

    source = Path(args.source)
    if not source.exists():
        raise InputError(f"找不到目录或文件：{source}")
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers 至少为 1")
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]读取年度报告"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None, rate="")
        start = {"time": time.perf_counter(), "done": -1}

        def progress(done: int, total: int) -> None:
            if start["done"] < 0:
                start["done"] = done  # files reused from the last run are not "read"
            elapsed = time.perf_counter() - start["time"]
            read = done - start["done"]
            rate = f"{read / elapsed:.1f} 份/秒" if elapsed > 0 and read else ""
            bar.update(task, completed=done, total=total, rate=rate)

        summary = ingest(
            source,
            Path(args.out),
            workers=args.workers,
            scheduler=args.scheduler,
            progress=progress,
            contained=args.contained,
        )
    s = summary.to_json()
    print(
        f"共 {s['files']} 个文件（其中 {s['reused']} 个内容未变，沿用上次结果）：\n"
        f"  读取无误 {s['clean']} 份；读取但发现错误 {s['findings']} 份；"
        f"无法读取 {s['unreadable']} 份"
    )
    for reason, n in s["unreadable_reasons"].items():
        print(f"    无法读取的原因：{reason}（{n} 份）")
    tables = "，".join(f"{k} {v} 行" for k, v in s["tables"].items())
    print(f"  数据表已写入 {args.out}：{tables}（Parquet 与 CSV）", file=sys.stdout)
    return EXIT_UNREADABLE if s["unreadable"] else EXIT_OK
