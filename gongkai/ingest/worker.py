"""The unit of work: one file in, one result record out. Runs in worker processes or on
Dask workers, so it takes and returns plain picklable data and never raises."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from gongkai.core.errors import GongkaiError
from gongkai.core.parsing.limits import read_file
from gongkai.core.parsing.read import read_report
from gongkai.core.parsing.sandbox import read_report_contained
from gongkai.core.report.jsonio import report_to_json


def content_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def process_file(path: str, sha256: str, contained: bool = False) -> dict[str, Any]:
    """{"path", "sha256", "status", "error"?, "report"?, "seconds"} for one file.

    status: "clean" (read, no error finding), "findings" (read, with error findings),
    "unreadable" (the file could not be read; "error" says why). ``contained``: read in a
    child process under the web upload's limits (files of unknown origin).
    """
    started = time.perf_counter()
    result: dict[str, Any] = {"path": path, "sha256": sha256}
    read = read_report_contained if contained else read_report
    try:
        report = read(read_file(path), path)
        data = report_to_json(report)
        has_errors = any(f["severity"] == "error" for f in data["findings"])
        result.update(status="findings" if has_errors else "clean", report=data)
    except GongkaiError as exc:
        result.update(status="unreadable", error=str(exc))
    except Exception as exc:  # one bad file must never stop a run of thousands
        result.update(status="unreadable", error=f"内部错误：{type(exc).__name__}: {exc}")
    result["seconds"] = round(time.perf_counter() - started, 4)
    return result
