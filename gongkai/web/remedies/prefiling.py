"""The check made before a lawsuit is recorded: 复议前置 (domain.md §3.9 rule 3, S6 §23 ¶1(四)).

"申请政府信息公开，行政机关不予公开" — the applicant "应当先向行政复议机关申请行政复议，对行政
复议决定不服的，可以再依法向人民法院提起行政诉讼" (2023 行政复议法 §23 ¶1(四), from 2024-01-01).
A lawsuit filed directly (未经复议) against such an answer should not exist, so recording one is
refused with the reason. Courts do sometimes accept such a suit anyway, and 表四 must count
what really happened, so the step goes through when the officer writes why (e.g. the court's
case number); the reason is kept in the case's trail, visible to anyone who reads it.

Which answers count is decided by the same rule that wrote the reply's remedy paragraph
(:func:`gongkai.core.letters.remedy.review_first`, with the agency's letter settings and
outcome rows), so the check can never disagree with what the applicant was told: 表三
（三）1–8 always, the withheld part of 部分公开 unless ``GONGKAI_LETTERS`` sets
``partial_requires_review_first`` to false (DERIVED/UNVERIFIED), answers dated before
2024-01-01 never.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gongkai.core.applications.outcomes import OUTCOME_LABELS
from gongkai.core.letters.remedy import review_first
from gongkai.core.remedies.kinds import CaseKind
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.letters import letter_settings
from gongkai.web.applications.models import Application
from gongkai.web.kernel.guards import guard
from gongkai.web.remedies.models import RemedyCase

BASIS = "《中华人民共和国行政复议法》第二十三条第一款第（四）项"


def review_first_applies(application: Application | None) -> bool:
    """Whether the answer to ``application`` may only be sued after a 复议."""
    outcome = application.outcome_enum if application is not None else None
    if application is None or outcome is None:
        return False
    replied = application.issued_on or application.decided_on or timezone.localdate()
    return review_first(
        outcome, replied, letter_settings().remedy_rules, procedure_rules().outcome_rows
    )


def check_review_first(
    kind: CaseKind, application: Application | None, override_reason: str
) -> dict[str, Any]:
    """Refuse a direct suit that skips a required 复议, unless a reason is given.

    Returns what the filing's trail entry must add (the exception and its reason), or nothing.
    """
    if kind is not CaseKind.SUIT_DIRECT or not review_first_applies(application):
        return {}
    assert application is not None and application.outcome_enum is not None
    reviewed = RemedyCase.objects.filter(application=application, kind=CaseKind.REVIEW.value)
    if reviewed.exists():
        return {}
    reason = override_reason.strip()
    guard(
        bool(reason),
        f"申请{application.number}的答复为“{OUTCOME_LABELS[application.outcome_enum]}”，"
        f"属于不予公开，依照{BASIS}，应当先申请行政复议，对复议决定不服的才可提起行政诉讼；"
        "本机关未登记该申请的行政复议。请先登记行政复议案件；"
        "如法院确已立案受理，请写明例外登记的理由（如立案通知书案号）。",
    )
    return {"review_first_override": reason}
