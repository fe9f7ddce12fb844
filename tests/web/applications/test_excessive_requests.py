"""§35 on a case, through the case page: ask for reasons (说明理由告知书), judge them, then either
refuse (（五）4, the 答复书) or set the later reply date (延迟答复告知书), which becomes the case's
one due date everywhere. The wait pauses the clock only where the setting says so."""

from __future__ import annotations

from datetime import date

import pytest
from builders_applications import MON, D, logged_in
from django.test import Client
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.applications.statuses import Status
from gongkai.web.applications import services
from gongkai.web.applications.answer_clock import case_clock
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.excessive import record_reasons, request_reasons
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.kernel.guards import GuardFailed

pytestmark = pytest.mark.django_db


def step(client: Client, app: Application, action: Action, **fields: str) -> int:
    data = {f"{action.value}-{k}": v for k, v in fields.items()}
    response = client.post(f"/applications/{app.pk}/steps/{action.value}/", data)
    return response.status_code


def fresh(app: Application) -> Application:
    return Application.objects.get(pk=app.pk)


def test_reasonable_reasons_and_a_later_date_replace_the_due_date(staff: Staff) -> None:
    app = registered(staff, MON)
    ordinary = work_calendar().add_working_days(MON, 20)
    assert app.due_date == ordinary
    handler = logged_in("handler")
    assert 'id="step-request_reasons"' in handler.get(f"/applications/{app.pk}/").content.decode()
    assert (
        step(handler, app, Action.REQUEST_REASONS, on="2025-03-05", finding="本年已申请120件")
        == 302
    )
    app = fresh(app)
    assert app.due_date == ordinary  # the default: the wait does not stop the clock
    assert app.reasons_due == work_calendar().add_working_days(D[5], 15)
    notice = app.letters.get(kind="reasons_request")
    assert notice.issued_on == D[5] and "第三十五条" in notice.content["paragraphs"][1]
    reviewer = logged_in("reviewer")
    assert (
        step(
            reviewer,
            app,
            Action.RECORD_REASONS,
            on="2025-03-10",
            explanation="为撰写学位论文需要历年数据",
            judgement="reasonable",
        )
        == 302
    )
    page = reviewer.get(f"/applications/{app.pk}/").content.decode()
    assert 'id="step-set_delayed_deadline"' in page
    assert (
        step(
            reviewer,
            app,
            Action.SET_DELAYED_DEADLINE,
            on="2025-03-12",
            deadline="2025-06-30",
            reason="涉及案卷三千余册需逐一检索",
        )
        == 302
    )
    app = fresh(app)
    assert app.due_date == date(2025, 6, 30) == case_clock(app).due_date
    letter = app.letters.get(kind="delayed_reply")
    assert letter.issued_on == D[12] and "2025年6月30日" in "".join(letter.content["paragraphs"])
    trail = list(CaseEvent.objects.filter(application=app).values_list("action", flat=True))
    assert trail[-3:] == ["request_reasons", "record_reasons", "set_delayed_deadline"]
    head_page = logged_in("office_head").get(f"/applications/{app.pk}/").content.decode()
    assert "延迟答复期限" in head_page and "2025-06-30" in head_page
    assert 'id="step-approve_extension"' not in head_page  # the later date replaces §33's
    assert 'id="step-set_delayed_deadline"' not in head_page  # once
    # reasonable reasons rule out the refusal
    with pytest.raises(GuardFailed, match="合理"):
        services.decide(
            staff[Role.REVIEWER], app.pk, on=D[14], outcome=Outcome.MASS_REPEAT_UNREASONABLE
        )


def test_a_later_date_not_after_the_section_33_date_is_refused(staff: Staff) -> None:
    app = registered(staff, MON)
    request_reasons(staff[Role.HANDLER], app.pk, on=D[5], finding="一周内申请60件")
    record_reasons(
        staff[Role.REVIEWER], app.pk, on=D[7], judgement="reasonable", explanation="研究需要"
    )
    due = fresh(app).due_date
    assert due is not None
    code = step(
        logged_in("office_head"),
        app,
        Action.SET_DELAYED_DEADLINE,
        on="2025-03-10",
        deadline=due.isoformat(),
        reason="案卷多",
    )
    assert code == 400
    assert fresh(app).delayed_deadline is None and fresh(app).due_date == due


def test_unreasonable_or_no_reasons_lead_to_the_refusal(staff: Staff) -> None:
    app = registered(staff, MON)
    request_reasons(staff[Role.HANDLER], app.pk, on=D[5], finding="一周内申请60件")
    with pytest.raises(GuardFailed, match="先认定"):
        services.decide(
            staff[Role.REVIEWER], app.pk, on=D[6], outcome=Outcome.MASS_REPEAT_UNREASONABLE
        )
    with pytest.raises(GuardFailed, match="尚未届满"):
        record_reasons(staff[Role.REVIEWER], app.pk, on=D[7], judgement="unreasonable")
    due = fresh(app).reasons_due
    assert due is not None and due <= D[31]
    after = work_calendar().add_working_days(due, 1)
    with pytest.raises(GuardFailed, match="不能认定申请理由合理"):
        record_reasons(staff[Role.REVIEWER], app.pk, on=after, judgement="reasonable")
    record_reasons(staff[Role.REVIEWER], app.pk, on=after, judgement="unreasonable")
    decided = services.decide(
        staff[Role.REVIEWER], app.pk, on=after, outcome=Outcome.MASS_REPEAT_UNREASONABLE
    )
    assert decided.status == Status.DECIDED.value
    reply = decided.letters.get(kind="reply")
    assert "第三十五条" in "".join(reply.content["paragraphs"])


def test_where_configured_the_wait_for_reasons_pauses_the_clock(
    staff: Staff, settings: object
) -> None:
    settings.GONGKAI_PROCEDURE = ProcedureRules(reasons_pause_clock=True)  # type: ignore[attr-defined]
    app = registered(staff, MON)
    calendar = work_calendar()
    request_reasons(staff[Role.HANDLER], app.pk, on=D[5], finding="一周内申请60件")
    assert fresh(app).due_date == calendar.add_working_days(MON, 20)  # open: nothing yet
    record_reasons(
        staff[Role.REVIEWER], app.pk, on=D[12], judgement="reasonable", explanation="研究需要"
    )
    paused = calendar.working_days_between(D[6], D[12])
    assert fresh(app).due_date == calendar.add_working_days(MON, 20 + paused)
    notice = fresh(app).letters.get(kind="reasons_request")
    assert "答复期限暂停计算" in "".join(notice.content["paragraphs"])
