"""``gongkai ingest``: a folder of reports → canonical JSON per report + Parquet/CSV tables.

Parallel (worker processes on this machine, or a Dask cluster given its scheduler
address), resumable (a file whose content hash already has a result is not read again),
and robust (an unreadable file is recorded with its reason; the run goes on).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.ingest.tables import write_tables
from gongkai.ingest.worker import content_hash, process_file

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Summary:
    files: int = 0
    reused: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    tables: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "reused": self.reused,
            "clean": self.statuses["clean"],
            "findings": self.statuses["findings"],
            "unreadable": self.statuses["unreadable"],
            "unreadable_reasons": dict(self.reasons.most_common()),
            "tables": self.tables,
        }


def discover(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    return sorted(
        p
        for p in source.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)
    )


def ingest(
    source: Path,
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    contained: bool = False,
) -> Summary:
    results_dir = out / "reports"
    results_dir.mkdir(parents=True, exist_ok=True)
    files = discover(source)
    hashes = {str(p): content_hash(str(p)) for p in files}
    todo = [
        (path, sha) for path, sha in hashes.items() if not (results_dir / f"{sha}.json").exists()
    ]
    summary = Summary(files=len(files), reused=len(files) - len(todo))
    done = summary.reused
    if progress:
        progress(done, len(files))
    for result in _run(todo, workers, scheduler, contained):
        (results_dir / f"{result['sha256']}.json").write_text(
            json.dumps(result, ensure_ascii=False), "utf-8"
        )
        done += 1
        if progress:
            progress(done, len(files))
    results = []
    for path, sha in hashes.items():
        result = json.loads((results_dir / f"{sha}.json").read_text("utf-8"))
        result["path"] = path  # the same content may sit under another name this time
        results.append(result)
        summary.statuses[result["status"]] += 1
        if result["status"] == "unreadable":
            summary.reasons[_reason(result.get("error", ""))] += 1
    summary.tables = write_tables(results, out)
    (out / "summary.json").write_text(
        json.dumps(summary.to_json(), ensure_ascii=False, indent=2), "utf-8"
    )
    return summary


def _reason(error: str) -> str:
    # Group "找不到文件：a.txt" and "找不到文件：b.txt" under one reason.
    return error.split("：", 1)[0][:60] if error else "未知原因"


def _run(
    todo: list[tuple[str, str]], workers: int | None, scheduler: str | None, contained: bool
) -> Iterator[dict[str, Any]]:
    if not todo:
        return
    if scheduler:
        yield from _run_dask(todo, scheduler, contained)
        return
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for path, sha in todo:
            yield process_file(path, sha, contained)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(process_file, path, sha, contained) for path, sha in todo]
        for future in as_completed(futures):
            yield future.result()


def _run_dask(
    todo: list[tuple[str, str]], scheduler: str, contained: bool
) -> Iterator[dict[str, Any]]:
    from dask.distributed import Client
    from dask.distributed import as_completed as dask_completed

    # The files must be readable by the workers (a shared file system), as on a cluster
    # that mounts the collection; results come back to this process.
    with Client(scheduler) as client:
        futures = client.map(
            process_file, [p for p, _ in todo], [s for _, s in todo], contained=contained
        )
        for future in dask_completed(futures):
            yield future.result()
