"""Demo 复议/诉讼 cases over the demo year, through the services: reviews upheld and revoked,
a direct suit dismissed, a suit after the upheld review still pending, and one review about
an act that is not an application (a complaint that no answer came)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.remedies.kinds import CaseKind, ResultKind
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application
from gongkai.web.kernel.demo_cast import BUREAU
from gongkai.web.remedies import services
from gongkai.web.remedies.models import RemedyCase

REVIEW_BODY = "清河县人民政府"
COURT = "清河县人民法院"
REFUSALS = [o.value for o in Outcome if o.value.startswith("DENIED_")] + [
    Outcome.PARTIAL.value,
    Outcome.NOT_EXIST.value,
]
# 复议前置 (S6 §23 ¶1(四)): a 不予公开 answer goes to 复议 first; a direct suit is about another act
SUED_DIRECTLY = [Outcome.NOT_EXIST.value]


def _refused_before(
    agency: Agency, day: date, skip: set[int], outcomes: list[str]
) -> Application | None:
    """The latest answered refusal issued before ``day`` (the act a claimant would contest)."""
    return (
        Application.objects.filter(agency=agency, outcome__in=outcomes, issued_on__lt=day)
        .exclude(pk__in=skip)
        .order_by("-issued_on")
        .first()
    )


def load_demo(today: date) -> None:
    agency = Agency.objects.get(name=BUREAU)
    user = get_user_model().objects.get(username="shenhe")  # 审核: the agency's legal post
    used: set[int] = set()

    def file(kind: CaseKind, days_ago: int, number: str) -> RemedyCase:
        filed = today - timedelta(days=days_ago)
        outcomes = SUED_DIRECTLY if kind is CaseKind.SUIT_DIRECT else REFUSALS
        app = _refused_before(agency, filed, used, outcomes)
        if app is not None:
            used.add(app.pk)
        return services.file_case(
            user,
            agency,
            kind=kind,
            filed_on=filed,
            claimant=app.applicant_name if app else "钱某",
            forum=REVIEW_BODY if kind is CaseKind.REVIEW else COURT,
            case_number=number.format(year=filed.year),
            application_id=app.pk if app else None,
            concerned_act="" if app else "申请人称未在法定期限内收到答复",
        )

    def decide(case: RemedyCase, result: ResultKind, days_ago: int, note: str = "") -> None:
        on = today - timedelta(days=days_ago)
        services.record_result(user, case.pk, result=result, result_on=on, note=note)

    upheld = file(CaseKind.REVIEW, 200, "清政复〔{year}〕12号")
    decide(upheld, ResultKind.REVIEW_UPHELD, 150, "答复理由充分，程序合法")
    revoked = file(CaseKind.REVIEW, 170, "清政复〔{year}〕27号")
    decide(revoked, ResultKind.REVIEW_REVOKED, 120, "责令重新答复")
    if revoked.application_id is not None:  # the order, with the period it sets: still open
        services.order_reanswer(
            user, revoked.pk, on=today - timedelta(days=118), set_due=today + timedelta(days=10)
        )
    file(CaseKind.REVIEW, 40, "清政复〔{year}〕61号")  # pending: no decision yet
    direct = file(CaseKind.SUIT_DIRECT, 160, "（{year}）冀0534行初8号")
    decide(direct, ResultKind.SUIT_CLAIM_DISMISSED, 60)
    suit_filed = today - timedelta(days=140)
    services.file_case(  # the claimant goes to court after the upheld review: pending
        user,
        agency,
        kind=CaseKind.SUIT_AFTER_REVIEW,
        filed_on=suit_filed,
        claimant=upheld.claimant,
        forum=COURT,
        case_number=f"（{suit_filed.year}）冀0534行初15号",
        review_case_id=upheld.pk,
        concerned_act=upheld.concerned_act,
    )
