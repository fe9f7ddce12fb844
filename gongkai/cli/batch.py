"""Running the reader over a batch of inputs with a progress bar; one bad file never
stops the batch, it is reported and the rest go on.

A batch of files is read by several worker processes at once (one per core by default,
``--jobs``); the outcomes still come out in the order of the inputs, as a single process
would give them. ``--contained`` reads each file in a child process under the web upload's
limits (:mod:`gongkai.core.parsing.sandbox`): for files of unknown origin, at the cost of a
child's start-up per file. A process per core is what makes a folder of thousands of reports read at
near the speed of reading its bytes: the reader is pure Python, one report at a time.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongkai.cli.inputs import expand, iter_inputs
from gongkai.core.checks.engine import check_report
from gongkai.core.errors import GongkaiError
from gongkai.core.parsing.read import read_report
from gongkai.core.parsing.sandbox import read_report_contained
from gongkai.core.report.model import AnnualReport

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


@dataclass
class Outcome:
    """What became of one input: its report, or (when the batch renders in the workers)
    its output, UTF-8 encoded, and whether the report has errors; or why it could not be
    read. The output travels from a worker as bytes: a str would be encoded to pickle it
    and decoded in the parent only to be encoded again to be written."""

    name: str
    report: AnnualReport | None = None
    error: str | None = None
    output: bytes | None = None
    has_errors: bool = False


def write_output(outcome: Outcome) -> None:
    """The outcome's rendered output and a line break, on standard output, in UTF-8."""
    assert outcome.output is not None
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a text-only stream (a test's StringIO)
        out.write(outcome.output.decode("utf-8") + "\n")
        return
    out.flush()  # what was printed before goes first
    buffer.write(outcome.output + b"\n")


# Turns a report into its output, UTF-8 encoded, where it was read (name, report, single
# input): a worker then sends back the output, not the report to be pickled and rendered here.
Render = Callable[[str, AnnualReport, bool], bytes]


# Below this many files a pool's start-up costs more than it saves.
PARALLEL_FROM = 8
# Files handed to a worker at a time: at least CHUNK; more in a large batch, where each
# hand-over (a message each way, a wake-up of the pool's threads) costs the parent, which
# shares the cores with the workers, more than the wait at the end for the last chunk;
# never so many that a worker gets fewer than CHUNKS_PER_WORKER of them (a slow file, a
# long PDF, holds up one chunk, not a worker's whole share).
CHUNK = 8
MAX_CHUNK = 32
CHUNKS_PER_WORKER = 16


def run_batch(
    paths: list[str],
    *,
    debug: bool = False,
    previous: AnnualReport | None = None,
    jobs: int | None = None,
    contained: bool = False,
    render: Render | None = None,
) -> Iterator[Outcome]:
    """Outcomes of reading each input, in input order. ``jobs``: worker processes (None:
    one per available core; 1: read in this process); ``contained``: each file read in a
    child process under resource limits; ``render``: each report turned into its output
    text where it is read (the outcome then carries ``output``, not ``report``)."""
    names = expand(paths)
    reading = Reading(debug, previous, contained, render, single=len(names) == 1)
    workers = worker_count(jobs, names)
    if workers > 1 and not contained:
        _import_text_reader()
    _collect_garbage_less()
    outcomes = _outcomes(names, reading, workers)
    if len(names) <= 1 or not _may_be_terminal():
        # No progress bar to draw: rich (a tenth of the start-up) is not even imported.
        yield from outcomes
        return
    yield from _with_progress(outcomes, len(names))


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="同时读取的进程数（默认每个处理器核心一个；1 表示不开子进程）",
    )
    parser.add_argument(
        "--contained",
        action="store_true",
        help="每个文件在受限的子进程中读取（内存、计算时间、输出上限，同网页上传）；"
        "用于来历不明的文件，每个文件多约0.2秒",
    )


@dataclass(frozen=True)
class Reading:
    """How each file of a batch is read (sent to the worker processes as is)."""

    debug: bool = False
    previous: AnnualReport | None = None
    contained: bool = False
    render: Render | None = None
    single: bool = False

    def read(self, data: bytes, name: str | None) -> AnnualReport:
        if not self.contained:
            return read_report(data, name, previous=self.previous)
        report = read_report_contained(data, name)
        return check_report(report, self.previous) if self.previous is not None else report


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"进程数应为正整数，实为「{text}」")
    return n


def worker_count(jobs: int | None, names: list[str]) -> int:
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if len(names) < PARALLEL_FROM or "-" in names:
        return 1  # standard input is read once, here
    return max(1, min(jobs or 1, len(names) // CHUNK or 1))


def chunk_size(files: int, workers: int) -> int:
    return max(CHUNK, min(MAX_CHUNK, files // (workers * CHUNKS_PER_WORKER)))


def _import_text_reader() -> None:
    """The text reader, imported before the workers are forked: otherwise each worker
    imports it (and compiles its patterns) again. Text is what a large batch mostly holds;
    the other readers' libraries are left to the workers that meet such a file."""
    import gongkai.core.parsing.sniff
    import gongkai.core.parsing.text_reader  # noqa: F401


def _outcomes(names: list[str], reading: Reading, workers: int) -> Iterator[Outcome]:
    if workers == 1:
        return (_one(name, data, reading) for name, data in iter_inputs(names))
    from concurrent.futures import ProcessPoolExecutor  # a tenth of the start-up: only here

    pool = ProcessPoolExecutor(max_workers=workers)
    # map() submits every chunk now, so the workers are forked here, before the progress
    # bar starts a thread of its own.
    size = chunk_size(len(names), workers)
    results = pool.map(_read_one, [(n, reading) for n in names], chunksize=size)
    return _drain(pool, results)


def _drain(pool: ProcessPoolExecutor, results: Iterator[Outcome]) -> Iterator[Outcome]:
    try:
        yield from results
    finally:
        pool.shutdown(cancel_futures=True)


def _read_one(args: tuple[str, Reading]) -> Outcome:
    """A worker's unit: the file is read in the worker, so only names and results travel."""
    name, reading = args
    for _, data in iter_inputs([name]):
        return _one(name, data, reading)
    raise AssertionError("iter_inputs yields one item per name")


def _may_be_terminal() -> bool:
    """False only where rich would find no terminal either (its own variables unset)."""
    if os.environ.get("TTY_COMPATIBLE") is not None or os.environ.get("FORCE_COLOR") is not None:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _with_progress(outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    stderr = Console(stderr=True)
    with Progress(
        TextColumn("[bold]解析"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=stderr,
        disable=not stderr.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total, rate="")
        for done, outcome in enumerate(outcomes, start=1):
            yield outcome
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:.1f} 份/秒" if elapsed > 0 else ""
            progress.update(task, advance=1, rate=rate)


def _one(name: str, data: bytes | GongkaiError, reading: Reading) -> Outcome:
    if isinstance(data, GongkaiError):
        return Outcome(name, error=str(data))
    try:
        report = reading.read(data, None if name == "-" else name)
        if reading.render is None:
            return Outcome(name, report)
        output = reading.render(name, report, reading.single)
        return Outcome(name, output=output, has_errors=bool(report.errors()))
    except GongkaiError as exc:
        return Outcome(name, error=str(exc))
    except Exception as exc:  # a reader bug must not abort the batch
        if reading.debug:
            raise
        return Outcome(name, error=f"内部错误（{type(exc).__name__}），加 --debug 查看详情")


# Reading a report makes tens of thousands of small objects that die young; with Python's
# default threshold (700) the young generation is collected every few cells, and each full
# collection walks every module, table and cache loaded before. Frozen, those are never
# walked again; a higher threshold collects the young less often (collections still run:
# memory a batch holds stays bounded by the reports in flight).
GC_YOUNG_THRESHOLD = 20_000


def _collect_garbage_less() -> None:
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def report_unreadable(outcome: Outcome) -> None:
    print(f"无法读取 {outcome.name}：{outcome.error}", file=sys.stderr)
