"""Rules are declared once with a stable id, a severity and a Chinese title; each yields
findings that point to the cells they concern and, for a parsed document, to its line.

The rule modules register here (:func:`rule`); :mod:`.engine` imports them and runs them, so
the modules import this registry and never the engine: no import circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Finding, Severity

CheckFunction = Callable[["CheckContext", "Rule"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str  # what the rule requires, in words a report author understands
    table: str  # "table2" | "table3" | "table4" | "narrative" | "structure" | "meta"
    check: CheckFunction

    def finding(
        self,
        ctx: CheckContext,
        where: list[str],
        message: str,
        *,
        severity: Severity | None = None,
        suggestion: dict[str, Any] | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            where=where,
            message=message,
            line=ctx.line_of(where),
            suggestion=suggestion,
        )


@dataclass
class CheckContext:
    report: AnnualReport
    previous: AnnualReport | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def flat(self) -> dict[str, Any]:
        """表三 and 表四 cells by path, copied once: every equation reads many of them."""
        flat = self.options.get("_flat")
        if flat is None:
            flat = self.options["_flat"] = _flat_tables(self.report)
        return flat

    def not_counts(self) -> frozenset[str]:
        """The flat cells that hold something other than an int (None, text, a bool)."""
        found = self.options.get("_not_counts")
        if found is None:
            flat = self.flat()
            found = self.options["_not_counts"] = frozenset(
                [p for p, v in flat.items() if type(v) is not int]
            )
        return found

    def value(self, path: str) -> Any:
        flat = self.flat()
        return flat[path] if path in flat else self.report.get(path)

    def count(self, path: str) -> int | None:
        """The cell as a count, or None when it is unknown or not an integer."""
        flat = self.options.get("_flat") or self.flat()
        value = flat[path] if path in flat else self.report.get(path)
        return value if type(value) is int else None

    def line_of(self, where: list[str]) -> int | None:
        lines = [self.report.locations[p] for p in where if p in self.report.locations]
        return min(lines) if lines else None


def _flat_tables(report: AnnualReport) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for row, cells in report.table3.items():
        if cells is None:
            continue
        if tuple(cells) == L.T3_COLUMNS:  # the usual row: its paths made once, not per report
            flat.update(zip(L.t3_row_paths(row), cells.values(), strict=True))
            continue
        for col, value in cells.items():
            flat[f"table3.{row}.{col}"] = value
    for col, value in report.table4.items():
        flat[f"table4.{col}"] = value
    return flat


RULES: dict[str, Rule] = {}

# Called before each run: rule modules register here the clearing of caches that hold
# one report's text, so that no report is checked with another's results, however alike.
PER_REPORT_RESETS: list[Callable[[], None]] = []


def rule(
    rule_id: str, severity: Severity, title: str, table: str
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under a stable id (the id never changes meaning)."""

    def register(func: CheckFunction) -> CheckFunction:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} declared twice")
        RULES[rule_id] = Rule(rule_id, severity, title, table, func)
        return func

    return register
