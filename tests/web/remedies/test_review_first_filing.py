"""复议前置 when a lawsuit is recorded (S6 §23 ¶1(四), domain.md §3.9 rule 3): "申请政府信息公开，
行政机关不予公开" — the applicant "应当先向行政复议机关申请行政复议". A direct suit against such an
answer is refused unless a review is recorded or the officer writes why the court took it.
Which answers count is the rule that wrote the reply's remedy paragraph: 表三 （三）1–8, 部分公开
unless GONGKAI_LETTERS switches it off (DERIVED), not 不存在 (DERIVED), not before 2024-01-01."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.errors import GongkaiError
from gongkai.core.remedies.kinds import CaseKind
from gongkai.web.applications import services as applications
from gongkai.web.applications.models import Application
from gongkai.web.remedies import services
from gongkai.web.remedies.models import RemedyCase, RemedyEvent

pytestmark = pytest.mark.django_db


def answered(staff: Staff, outcome: Outcome, day: date = date(2025, 3, 3)) -> Application:
    app = registered(staff, day)
    reasons = "依据《政府信息公开条例》第十四条" if outcome is not Outcome.GRANTED else ""
    if outcome is Outcome.DENIED_THIRD_PARTY:  # §32: the third party is consulted first
        handler = staff[Role.HANDLER]
        applications.start_consultation(
            handler, app.pk, on=date(2025, 3, 4), party="third_party", party_name="某公司"
        )
        applications.finish_consultation(
            handler, app.pk, on=date(2025, 3, 7), reply="不同意公开", result="objection"
        )
    applications.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=date(2025, 3, 10),
        outcome=outcome,
        reasons=reasons,
        details="见附件" if outcome is Outcome.PARTIAL else "",
        withheld_ground=Outcome.DENIED_STATE_SECRET.value if outcome is Outcome.PARTIAL else "",
    )
    return applications.issue(staff[Role.HANDLER], app.pk, on=date(2025, 3, 11))


def suit(
    staff: Staff, app: Application, kind: CaseKind = CaseKind.SUIT_DIRECT, **kw: object
) -> RemedyCase:
    return services.file_case(  # type: ignore[arg-type]
        staff[Role.REVIEWER],
        staff.agency,
        kind=kind,
        filed_on=date(2025, 5, 6),
        claimant="周某",
        forum="测试县人民法院",
        application_id=app.pk,
        **kw,
    )


def test_direct_suit_against_a_refusal_is_refused_with_the_law(staff: Staff) -> None:
    app = answered(staff, Outcome.DENIED_STATE_SECRET)
    with pytest.raises(GongkaiError, match=r"第二十三条第一款第（四）项.*应当先申请行政复议"):
        suit(staff, app)
    assert not RemedyCase.objects.exists()


def test_partial_disclosure_is_refused_unless_configured_off(staff: Staff) -> None:
    app = answered(staff, Outcome.PARTIAL)
    with pytest.raises(GongkaiError, match="部分公开"):
        suit(staff, app)
    with override_settings(GONGKAI_LETTERS={"partial_requires_review_first": False}):
        assert suit(staff, app).kind == CaseKind.SUIT_DIRECT.value


def test_a_grant_or_not_exist_answer_may_be_sued_directly(staff: Staff) -> None:
    for outcome in (Outcome.GRANTED, Outcome.NOT_EXIST):
        case = suit(staff, answered(staff, outcome))
        assert "review_first_override" not in RemedyEvent.objects.get(case=case).data


def test_answers_before_the_2023_law_took_effect_are_not_checked(staff: Staff) -> None:
    app = registered(staff, date(2023, 12, 1))
    applications.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=date(2023, 12, 20),
        outcome=Outcome.DENIED_PROCESS,
        reasons="依据《政府信息公开条例》第十六条",
    )
    applications.issue(staff[Role.HANDLER], app.pk, on=date(2023, 12, 29))
    assert suit(staff, app).kind == CaseKind.SUIT_DIRECT.value


def test_a_recorded_review_opens_the_way(staff: Staff) -> None:
    app = answered(staff, Outcome.DENIED_PROCESS)
    services.file_case(
        staff[Role.REVIEWER],
        staff.agency,
        kind=CaseKind.REVIEW,
        filed_on=date(2025, 4, 1),
        claimant="周某",
        forum="测试县人民政府",
        application_id=app.pk,
    )
    assert suit(staff, app).kind == CaseKind.SUIT_DIRECT.value


def test_the_court_took_it_anyway_is_recorded_with_its_reason(staff: Staff) -> None:
    app = answered(staff, Outcome.DENIED_THIRD_PARTY)
    case = suit(staff, app, review_first_override="  法院已立案，(2025)测0101行初12号 ")
    event = RemedyEvent.objects.get(case=case)
    assert event.data["review_first_override"] == "法院已立案，(2025)测0101行初12号"


def test_the_filing_form_shows_the_refusal(staff: Staff) -> None:
    from django.test import Client

    app = answered(staff, Outcome.DENIED_INTERNAL)
    web = Client()
    web.force_login(staff[Role.REVIEWER])
    page = web.post(
        "/remedies/new/",
        {
            "agency": staff.agency.pk,
            "kind": "suit_direct",
            "application_number": app.number,
            "claimant": "周某",
            "forum": "测试县人民法院",
            "filed_on": "2025-05-06",
        },
    )
    assert page.status_code == 200
    assert "应当先申请行政复议" in page.content.decode()
    assert not RemedyCase.objects.exists()
