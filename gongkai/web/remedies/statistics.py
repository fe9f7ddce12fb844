"""表四 of an agency's year from its recorded cases (the annual report builder uses this)."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings

from gongkai.core.remedies.rules import RemedyRules
from gongkai.core.remedies.table4 import RemedyRecord, compute_table4
from gongkai.web.agencies.models import Agency
from gongkai.web.remedies.models import RemedyCase


def remedy_rules() -> RemedyRules:
    """``GONGKAI_REMEDIES`` (JSON): the result → column overrides and the year rule."""
    values = getattr(settings, "GONGKAI_REMEDIES", None) or {}
    return values if isinstance(values, RemedyRules) else RemedyRules.from_mapping(values)


def record_of(case: RemedyCase) -> RemedyRecord:
    return RemedyRecord(
        kind=case.kind_enum,
        filed_on=case.filed_on,
        result=case.result_enum,
        result_on=case.result_on,
        reference=case.case_number or f"案件{case.pk}",
    )


def remedy_records(agency: Agency, year: int) -> Iterator[RemedyRecord]:
    """Cases that can count in ``year`` under either year rule (filed by its 31 December)."""
    cases = RemedyCase.objects.filter(agency=agency, filed_on__year__lte=year).order_by("pk")
    for case in cases.iterator():
        yield record_of(case)


def table4_for(agency: Agency, year: int) -> dict[str, int]:
    """表四 keyed like ``AnnualReport.table4`` (15 columns, totals included)."""
    rules = remedy_rules()
    return compute_table4(remedy_records(agency, year), year, rules.columns, rules.year_rule)
