"""The shell of repeated-request detection: the earlier answered cases a case may repeat.

The matching rule is pure (:mod:`gongkai.core.applications.repeats`, 条例 §36(六)); this module
only reads the same agency's answered cases of the same applicant from the database. Nothing
is decided here: the case page proposes 重复申请 with a link to the earlier case.
"""

from __future__ import annotations

import re

from django.db.models import Q
from django.utils import timezone

from gongkai.core.applications.repeats import RequestFacts, earlier_answers
from gongkai.web.applications.models import Application


def facts_of(app: Application) -> RequestFacts:
    return RequestFacts(
        number=app.number,
        applicant_name=app.applicant_name,
        id_document=app.id_document,
        description=app.description,
        outcome=app.outcome_enum,
        answered_on=app.issued_on,
        arrived_on=timezone.localdate(app.arrived_at),
    )


def repeated_cases(app: Application) -> list[Application]:
    """The agency's answered cases that ``app`` repeats, the first answer first."""
    same_person = Q(applicant_name=app.applicant_name)
    document_number = max(re.findall(r"[0-9A-Za-z]+", app.id_document), key=len, default="")
    if len(document_number) >= 6:  # the pure rule compares the whole document afterwards
        same_person |= Q(id_document__icontains=document_number)
    candidates = {
        old.number: old
        for old in Application.objects.filter(same_person, agency_id=app.agency_id)
        .exclude(pk=app.pk)
        .exclude(issued_on=None)
    }
    found = earlier_answers(facts_of(app), (facts_of(old) for old in candidates.values()))
    return [candidates[old.number] for old in found]
