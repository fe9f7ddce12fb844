"""Builders for the report tests: concluded cases made through the services, and the other
apps' figures (表二, 表四, fees, catalogue) as those apps hand them over, complete."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from web_builders import Staff, registered

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.fees.statistics import FeeFigures
from gongkai.core.report import labels as L
from gongkai.web.applications import services
from gongkai.web.reports import services as report_services
from gongkai.web.reports import sources

YEAR = 2025

TABLE2 = {
    "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 2, "repealed": 1, "in_force": 9},
    "administrative_license": 120,
    "administrative_penalty": 56,
    "administrative_coercion": 3,
    "administrative_fees": "1.2345",
}


def table4(**leaves: int) -> dict[str, int]:
    table = {}
    for block in L.T4_BLOCKS:
        values = [leaves.get(f"{block}_{leaf}", 0) for leaf in L.T4_LEAVES]
        table.update({f"{block}_{leaf}": v for leaf, v in zip(L.T4_LEAVES, values, strict=True)})
        table[f"{block}_total"] = sum(values)
    return table


CATALOGUE = {
    "published_total": 12,
    "published_by_category": {"政策文件": 12},
    "published_by_channel": {"政府网站": 12},
    "published_late": 0,
    "published_on_time": 12,
    "attributes_set": {"主动公开": 12},
    "review_steps": 36,
    "secrecy_reviews": 12,
    "new_media_accounts": 2,
    "new_media_posts_total": 300,
    "new_media_posts_by_platform": {"微信公众号": 300},
}


class FakeSources:
    """What the catalogue, remedies and fees apps return, set per test."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {
            "table2": TABLE2,
            "table4": table4(),
            "catalogue": CATALOGUE,
            "fees": FeeFigures(YEAR, 0, 0, 0),
        }

    def function(self, name: str) -> Any:
        if name not in self.values:
            return None
        return lambda agency, year: self.values[name]


@pytest.fixture
def complete_sources(monkeypatch: pytest.MonkeyPatch) -> FakeSources:
    fake = FakeSources()
    monkeypatch.setattr(sources, "source_function", fake.function)
    return fake


def concluded_case(
    staff: Staff,
    received: date,
    decided: date,
    outcome: Outcome = Outcome.GRANTED,
    applicant_type: ApplicantType = ApplicantType.NATURAL_PERSON,
) -> None:
    app = registered(staff, received, applicant_type=applicant_type)
    reasons = "依据《条例》第十六条第二款" if outcome is not Outcome.GRANTED else ""
    services.decide(staff[Role.REVIEWER], app.pk, on=decided, outcome=outcome, reasons=reasons)
    services.issue(staff[Role.HANDLER], app.pk, on=decided)


def fill_placeholders(staff: Staff, year: int = YEAR) -> None:
    """Staff write the paragraphs the drafter cannot (supervision, problems)."""
    from gongkai.web.reports.builder import assemble

    texts = {}
    for section in assemble(staff.agency, year).report.sections:
        text = section.text
        while "【待补充：" in text:
            start = text.index("【待补充：")
            end = text.index("】", start) + 1
            text = text[:start] + "本机关定期开展业务培训。" + text[end:]
        texts[section.key or ""] = text
    report_services.edit_sections(staff[Role.HANDLER], staff.agency, year, texts)


def ready_to_sign(staff: Staff, year: int = YEAR, on: date | None = None) -> None:
    from gongkai.core.reporting.publication import readiness, warning_key
    from gongkai.web.reports.builder import assemble

    fill_placeholders(staff, year)
    report = assemble(staff.agency, year, on=on or date.today()).report
    keys = [warning_key(f) for f in readiness(report.findings, []).warnings]
    if keys:
        report_services.acknowledge_warnings(staff[Role.HANDLER], staff.agency, year, keys)


def publish_year(staff: Staff, year: int = YEAR, on: date | None = None, note: str = "") -> Any:
    ready_to_sign(staff, year)
    report_services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, year)
    return report_services.publish(
        staff[Role.OFFICE_HEAD], staff.agency, year, on=on or date(year + 1, 1, 20), note=note
    )
