"""Running the rules: every rule module is imported here, which registers its rules in
:mod:`.registry` (where the rule modules import ``rule``, ``Rule`` and ``CheckContext``).
"""

from __future__ import annotations

from typing import Any

# Importing the rule modules registers their rules.
from gongkai.core.checks import (  # noqa: F401
    cells_rules,
    cross_year_rules,
    meta_rules,
    narrative_rules,
    ocr_rules,
    structure_rules,
    table_rules,
)
from gongkai.core.checks.registry import (
    PER_REPORT_RESETS,
    RULES,
    CheckContext,
    CheckFunction,
    Rule,
    rule,
)
from gongkai.core.report.model import AnnualReport, Finding

__all__ = [
    "PER_REPORT_RESETS",
    "RULES",
    "CheckContext",
    "CheckFunction",
    "Rule",
    "check_report",
    "rule",
    "run_checks",
]


def run_checks(
    report: AnnualReport,
    previous: AnnualReport | None = None,
    *,
    options: dict[str, Any] | None = None,
) -> list[Finding]:
    """Run every rule; return the findings (the report itself is left unchanged)."""
    _reset_caches()
    # A copy: the rules cache one report's derived data in it (the flat cells and such).
    ctx = CheckContext(report, previous, dict(options or {}))
    findings: list[Finding] = []
    try:
        for r in RULES.values():
            findings.extend(r.check(ctx, r))
    finally:
        _reset_caches()  # and after: the next report's reading starts from nothing of this one
    return findings


def _reset_caches() -> None:
    for reset in PER_REPORT_RESETS:
        reset()


def check_report(report: AnnualReport, previous: AnnualReport | None = None) -> AnnualReport:
    """Replace the report's check findings with a fresh run, keeping reader findings."""
    keep = [f for f in report.findings if f.rule not in RULES]
    report.findings = keep + run_checks(report, previous)
    return report
