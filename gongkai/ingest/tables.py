"""The dataset's tables: one row per report (wide), per cell (long), per finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from gongkai.core.report.model import format_cell_paths


def _base(result: dict[str, Any]) -> dict[str, Any]:
    report = result.get("report") or {}
    return {
        "source_file": result["path"],
        "sha256": result["sha256"],
        "agency": report.get("agency"),
        "year": report.get("year"),
    }


def _cells(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """(path, value) of every cell, read straight from the canonical JSON (already valid:
    it was written by this program), without rebuilding the report."""
    out = []
    for path in format_cell_paths(data["format"]):
        node: Any = data
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        out.append((path, node))
    return out


def wide_row(result: dict[str, Any]) -> dict[str, Any]:
    row = _base(result)
    row["status"] = result["status"]
    row["error"] = result.get("error")
    data = result.get("report")
    if data:
        row["format"] = data["format"]
        row["publication_date"] = data.get("publication_date")
        findings = data["findings"]
        row["errors"] = sum(f["severity"] == "error" for f in findings)
        row["warnings"] = sum(f["severity"] == "warning" for f in findings)
        for path, value in _cells(data):
            row[path] = None if value is None else str(value)
    return row


def long_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    data = result.get("report")
    if not data:
        return []
    base = _base(result)
    inferred = set(data.get("inferred", []))
    provenance = data.get("provenance", {})
    return [
        {
            **base,
            "cell": path,
            "value": None if value is None else str(value),
            "state": provenance.get(path) or provenance.get(path.rsplit(".", 1)[0], ""),
            "inferred": path in inferred,
        }
        for path, value in _cells(data)
    ]


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
