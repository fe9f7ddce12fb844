"""更正申请人类型 (R5): one audited step with a reason, offered on the case page; 表三 counts the
case in the corrected column from then on, in every row it is counted in."""

from __future__ import annotations

import pytest
from builders_applications import MON, D, logged_in
from web_builders import Staff, registered

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Action, Role
from gongkai.web.applications import services
from gongkai.web.applications.corrections import correct_applicant_type
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.statistics import annual_report
from gongkai.web.kernel.guards import GuardFailed

pytestmark = pytest.mark.django_db
URL = "/applications/{}/steps/correct_applicant_type/"


def _answered(staff: Staff) -> Application:
    app = registered(staff, MON)
    services.decide(staff[Role.REVIEWER], app.pk, on=D[10], outcome=Outcome.GRANTED)
    return services.issue(staff[Role.HANDLER], app.pk, on=D[11])


def _column(staff: Staff, row: str) -> dict[str, int | None]:
    return dict(annual_report(staff.agency, 2025).table3[row] or {})


def test_table3_follows_the_corrected_type(staff: Staff) -> None:
    app = _answered(staff)
    before = _column(staff, "new_received")
    assert before["natural_person"] == 1 and before["commercial_enterprise"] == 0
    client = logged_in("registrar")
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert 'id="step-correct_applicant_type"' in page
    response = client.post(
        URL.format(app.pk),
        {
            "correct_applicant_type-on": "2025-03-12",
            "correct_applicant_type-applicant_type": "commercial_enterprise",
            "correct_applicant_type-reason": "申请人提交了营业执照，系公司名义申请",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    for row in ("new_received", "granted", "results_total"):
        after = _column(staff, row)
        assert after["natural_person"] == 0, row
        assert after["commercial_enterprise"] == 1, row
        assert after["total"] == 1, row
    event = CaseEvent.objects.filter(application=app).last()
    assert event is not None and event.action == Action.CORRECT_APPLICANT_TYPE.value
    assert event.actor == staff[Role.REGISTRAR]
    assert event.data["from"] == "natural_person" and event.data["to"] == "commercial_enterprise"
    assert "营业执照" in event.note
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.status == app.status  # the step changes the column, never the status


def test_no_reason_or_the_same_type_is_refused_and_nothing_changes(staff: Staff) -> None:
    app = registered(staff, MON)
    events = CaseEvent.objects.filter(application=app).count()
    with pytest.raises(GuardFailed, match="理由"):
        correct_applicant_type(
            staff[Role.HANDLER], app.pk, on=D[4], applicant_type="other_org", reason=" "
        )
    with pytest.raises(GuardFailed, match="无需更正"):
        correct_applicant_type(
            staff[Role.HANDLER], app.pk, on=D[4], applicant_type="natural_person", reason="核对"
        )
    response = logged_in("handler").post(
        URL.format(app.pk),
        {
            "correct_applicant_type-on": "2025-03-04",
            "correct_applicant_type-applicant_type": "research_institution",
            "correct_applicant_type-reason": "",
        },
    )
    assert response.status_code == 400
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.applicant_type == ApplicantType.NATURAL_PERSON.value
    assert CaseEvent.objects.filter(application=app).count() == events


def test_a_role_without_the_step_is_refused(staff: Staff) -> None:
    app = registered(staff, MON)
    response = logged_in("reviewer").post(
        URL.format(app.pk),
        {
            "correct_applicant_type-on": "2025-03-04",
            "correct_applicant_type-applicant_type": "research_institution",
            "correct_applicant_type-reason": "研究所名义",
        },
    )
    assert response.status_code == 400
    assert "岗位人员办理" in response.content.decode()
    assert Application.objects.get(pk=app.pk).applicant_type == "natural_person"
