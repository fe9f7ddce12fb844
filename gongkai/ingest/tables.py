"""The dataset's tables: one row per report (wide), per cell (long), per finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from gongkai.core.report.jsonio import report_from_json
from gongkai.core.report.model import cell_paths


def _base(result: dict[str, Any]) -> dict[str, Any]:
    report = result.get("report") or {}
    return {
        "source_file": result["path"],
        "sha256": result["sha256"],
        "agency": report.get("agency"),
        "year": report.get("year"),
    }


def wide_row(result: dict[str, Any]) -> dict[str, Any]:
    row = _base(result)
    row["status"] = result["status"]
    row["error"] = result.get("error")
    data = result.get("report")
    if data:
        report = report_from_json(data)
        row["format"] = report.format
        row["publication_date"] = data.get("publication_date")
        findings = data["findings"]
        row["errors"] = sum(f["severity"] == "error" for f in findings)
        row["warnings"] = sum(f["severity"] == "warning" for f in findings)
        for path in cell_paths(report):
            value = report.get(path)
            row[path] = None if value is None else str(value)
    return row


def long_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    data = result.get("report")
    if not data:
        return []
    report = report_from_json(data)
    base = _base(result)
    inferred = set(report.inferred)
    rows = []
    for path in cell_paths(report):
        value = report.get(path)
        rows.append(
            {
                **base,
                "cell": path,
                "value": None if value is None else str(value),
                "state": str(report.provenance.get(path) or ""),
                "inferred": path in inferred,
            }
        )
    return rows


def finding_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    data = result.get("report")
    if not data:
        return []
    base = _base(result)
    return [
        {
            **base,
            "rule": f["rule"],
            "severity": f["severity"],
            "cells": ";".join(f["where"]),
            "line": f.get("line"),
            "message": f["message"],
        }
        for f in data["findings"]
    ]


def write_tables(results: list[dict[str, Any]], out: Path) -> dict[str, int]:
    """Write reports/cells/findings as Parquet and CSV; return their row counts."""
    frames = {
        "reports": [wide_row(r) for r in results],
        "cells": [row for r in results for row in long_rows(r)],
        "findings": [row for r in results for row in finding_rows(r)],
    }
    counts = {}
    for name, rows in frames.items():
        frame = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
        frame.write_parquet(out / f"{name}.parquet")
        frame.write_csv(out / f"{name}.csv")
        counts[name] = frame.height
    return counts
