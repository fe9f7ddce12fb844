"""Running the reader over a batch of inputs with a progress bar; one bad file never
stops the batch, it is reported and the rest go on."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.cli.inputs import expand, iter_inputs
from gongkai.core.errors import GongkaiError
from gongkai.core.parsing.read import read_report
from gongkai.core.report.model import AnnualReport


@dataclass
class Outcome:
    name: str
    report: AnnualReport | None = None
    error: str | None = None


def run_batch(
    paths: list[str], *, debug: bool = False, previous: AnnualReport | None = None
) -> Iterator[Outcome]:
    names = expand(paths)
    if len(names) <= 1 or not _may_be_terminal():
        # No progress bar to draw: rich (a tenth of the start-up) is not even imported.
        for name, data in iter_inputs(names):
            yield _one(name, data, debug, previous)
        return
    yield from _with_progress(names, debug, previous)


def _may_be_terminal() -> bool:
    """False only where rich would find no terminal either (its own variables unset)."""
    if os.environ.get("TTY_COMPATIBLE") is not None or os.environ.get("FORCE_COLOR") is not None:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _with_progress(
    names: list[str], debug: bool, previous: AnnualReport | None
) -> Iterator[Outcome]:
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
        task = progress.add_task("", total=len(names), rate="")
        for done, (name, data) in enumerate(iter_inputs(names), start=1):
            yield _one(name, data, debug, previous)
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:.1f} 份/秒" if elapsed > 0 else ""
            progress.update(task, advance=1, rate=rate)


def _one(
    name: str, data: bytes | GongkaiError, debug: bool, previous: AnnualReport | None
) -> Outcome:
    if isinstance(data, GongkaiError):
        return Outcome(name, error=str(data))
    try:
        return Outcome(name, read_report(data, None if name == "-" else name, previous=previous))
    except GongkaiError as exc:
        return Outcome(name, error=str(exc))
    except Exception as exc:  # a reader bug must not abort the batch
        if debug:
            raise
        return Outcome(name, error=f"内部错误（{type(exc).__name__}），加 --debug 查看详情")


def report_unreadable(outcome: Outcome) -> None:
    print(f"无法读取 {outcome.name}：{outcome.error}", file=sys.stderr)
