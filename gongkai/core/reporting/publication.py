"""When a report is due, whether it may be published, and its fingerprint.

* Deadline (domain.md §7 A1, A2, VERIFIED): a 县级以上人民政府部门 publishes last year's report
  by 31 January; the 主管部门 of a 人民政府 publishes the government's report by 31 March.
* Errors block publication; every warning must be acknowledged by a person first; a
  placeholder left in the drafted text is an error of its own (``DRAFT-PLACEHOLDER``).
* The checksum is the SHA-256 of the canonical JSON, so a sign-off is tied to exactly the
  content that was signed: a later change in the data makes the sign-off stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core.report import jsonio
from gongkai.core.report.model import AnnualReport, Finding, Severity
from gongkai.core.reporting.drafting import PLACEHOLDER_OPEN, has_placeholder

PLACEHOLDER_RULE = "DRAFT-PLACEHOLDER"


def publication_deadline(year: int, *, government: bool) -> date:
    """The last day to publish the report on ``year`` (§49: 31 Jan; governments 31 Mar)."""
    return date(year + 1, 3, 31) if government else date(year + 1, 1, 31)


def days_late(published_on: date, deadline: date) -> int:
    return max(0, (published_on - deadline).days)


def placeholder_findings(report: AnnualReport) -> list[Finding]:
    found = []
    for section in report.sections:
        if has_placeholder(section.text):
            start = section.text.index(PLACEHOLDER_OPEN)
            end = section.text.find("】", start)
            prompt = section.text[start : end + 1 if end >= 0 else start + 40]
            found.append(
                Finding(
                    rule=PLACEHOLDER_RULE,
                    severity=Severity.ERROR,
                    where=[f"sections.{section.key}"],
                    message=f"「{section.number}、{section.title}」中还有待补充的内容：{prompt}",
                )
            )
    return found


def warning_key(finding: Finding) -> str:
    """A stable name of a warning, for recording that a person acknowledged it."""
    return f"{finding.rule}@{','.join(finding.where)}"


@dataclass(frozen=True)
class Readiness:
    errors: list[Finding]
    warnings: list[Finding]  # every warning, acknowledged or not
    unacknowledged: list[Finding]

    @property
    def publishable(self) -> bool:
        return not self.errors and not self.unacknowledged

    def reasons(self) -> list[str]:
        """Why the report cannot be published yet, in Chinese (empty when it can)."""
        out = [f"错误：{f.message}" for f in self.errors]
        out += [f"警告尚未确认：{f.message}" for f in self.unacknowledged]
        return out


def readiness(findings: Iterable[Finding], acknowledged: Iterable[str]) -> Readiness:
    listed = list(findings)
    known = set(acknowledged)
    errors = [f for f in listed if f.severity == Severity.ERROR]
    warnings = [f for f in listed if f.severity == Severity.WARNING]
    open_warnings = [f for f in warnings if warning_key(f) not in known]
    return Readiness(errors, warnings, open_warnings)


def canonical_bytes(report: AnnualReport) -> bytes:
    data = jsonio.report_to_json(report)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_checksum(report: AnnualReport) -> str:
    """SHA-256 of what a sign-off approves: tables, text and metadata, not the findings."""
    data = jsonio.report_to_json(report)
    for volatile in ("findings", "publication_date", "source"):
        data.pop(volatile, None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
