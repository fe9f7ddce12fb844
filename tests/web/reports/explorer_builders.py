"""Published annual reports for the explorer's tests: complete reports (tests/builders.py)
checked by the rule engine and stored as published versions, as the publishing service
stores them (canonical JSON, its SHA-256, the findings counted), without rendering files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from builders import consistent_report

from gongkai.core.checks.engine import check_report
from gongkai.core.report import jsonio
from gongkai.core.report.model import AnnualReport
from gongkai.ingest.tables import write_tables
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import ReportDraft, ReportVersion


def report(agency: str, year: int, granted: int, **overrides: Any) -> AnnualReport:
    """A report whose 予以公开 row has ``granted`` applications of 自然人 (its totals follow)."""
    made = consistent_report(
        year,
        agency,
        outcomes={
            "granted": {"natural_person": granted},
            "partially_granted": {"commercial_enterprise": 2},
        },
        **overrides,
    )
    return check_report(made)


def publish(
    agency: Agency, made: AnnualReport, user: Any, number: int = 1, on: dt.date | None = None
) -> ReportVersion:
    draft, _ = ReportDraft.objects.get_or_create(agency=agency, year=made.year)
    text = jsonio.dumps(made) + "\n"
    severities = [str(f.severity) for f in made.findings]
    return ReportVersion.objects.create(
        draft=draft,
        agency=agency,
        year=made.year,
        number=number,
        json_text=text,
        checksum=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        published_on=on or made.publication_date or dt.date(made.year + 1, 1, 15),
        published_by=user,
        signed_off_by=user,
        errors=severities.count("error"),
        warnings=severities.count("warning"),
        infos=severities.count("info"),
    )


def dataset(reports: list[AnnualReport], folder: Path, label: str = "file") -> Path:
    """An ingest dataset of ``reports`` written the way `gongkai ingest` writes one."""
    results = []
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    for i, made in enumerate(reports):
        data = jsonio.report_to_json(made)
        sha = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()
        errors = any(f["severity"] == "error" for f in data["findings"])
        result = {
            "path": f"{label}-{i}.pdf",
            "sha256": sha,
            "status": "findings" if errors else "clean",
            "report": data,
        }
        (folder / "reports" / f"{sha}.json").write_text(json.dumps(result, ensure_ascii=False))
        results.append(result)
    write_tables(results, folder)
    return folder
