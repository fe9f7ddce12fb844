"""An order to answer where there was no answer to redo (docs/remedies.md, 责令重新答复).

* 逾期未答复: a review body orders the agency to perform (行政复议法 2023 §66: "被申请人不履行
  法定职责的，行政复议机关决定被申请人在一定期限内履行"), a court orders performance (行政诉讼法
  §72: "人民法院经过审理，查明被告不履行法定职责的，判决被告在一定期限内履行"; 法释〔2011〕17号
  §10, 限期答复). The ordered answer is the case's first: it concludes the case, and 表三 counts
  the application once, in that answer's row.
* 视为放弃 set aside (逾期未补正 §30, 逾期未缴费): the closure stays the application's one 表三
  row; the new answer is recorded beside it, as a re-answer is.

The clock is the order's period, else the configured default (UNVERIFIED), as for any order.
"""

from __future__ import annotations

from datetime import date

import pytest
from builders_applications import MON, D, logged_in
from test_reanswer import walk
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.core.remedies.kinds import CaseKind, ResultKind
from gongkai.web.applications import services
from gongkai.web.applications.letters import letter_text
from gongkai.web.applications.models import Application, CaseEvent, Reanswer
from gongkai.web.applications.statistics import annual_report
from gongkai.web.kernel.guards import GuardFailed
from gongkai.web.remedies import services as remedies

pytestmark = pytest.mark.django_db
JUDGMENT = "测试县人民法院行政判决书（（2025）测0102行初15号）"


def _row(staff: Staff, row: str) -> int:
    return int((annual_report(staff.agency, 2025).table3[row] or {}).get("total") or 0)


def test_a_case_never_answered_is_answered_first_under_the_order(staff: Staff) -> None:
    app = registered(staff, MON)
    assert app.due_date is not None and app.due_date < date(2025, 5, 6)  # 逾期未答复
    before = annual_report(staff.agency, 2025).table3
    assert (before["carried_forward"] or {}).get("total") == 1
    app = services.order_reanswer(
        staff[Role.HANDLER],
        app.pk,
        on=date(2025, 5, 6),
        source="court",
        order_document=JUDGMENT,
        set_due=date(2025, 5, 20),
    )
    assert app.status == Status.REANSWER_ORDERED.value
    assert app.due_date == date(2025, 5, 20)  # the period the judgment sets
    event = CaseEvent.objects.filter(application=app).last()
    assert event is not None and event.data["ground"] == "no_answer"
    assert event.data["from_status"] == Status.RECEIVED.value
    assert annual_report(staff.agency, 2025).table3 == before  # still open, still 结转

    app = services.issue_reanswer(
        staff[Role.REVIEWER], app.pk, on=date(2025, 5, 15), outcome=Outcome.GRANTED
    )
    assert app.status == Status.ISSUED.value
    # The ordered answer is the first: it concludes the case, in its row, once.
    assert app.outcome == Outcome.GRANTED.value
    assert app.issued_on == app.concluded_on == date(2025, 5, 15)
    assert (_row(staff, "new_received"), _row(staff, "granted")) == (1, 1)
    assert (_row(staff, "results_total"), _row(staff, "carried_forward")) == (1, 0)
    letter = app.letters.get(issued_on=date(2025, 5, 15))
    text = letter_text(letter)
    assert letter.kind == "reply" and text.title == "政府信息公开申请答复书"
    assert "责令本机关对该申请依法作出答复" in text.paragraphs[0]
    assert "重新" not in text.paragraphs[0]  # there was no answer to make again
    assert JUDGMENT in text.paragraphs[0]
    order = Reanswer.objects.get(application=app)
    assert order.outcome == Outcome.GRANTED.value and order.letter == letter
    # 送达 and 归档 follow as for any answer.
    services.serve(staff[Role.HANDLER], app.pk, on=date(2025, 5, 16), method="mail", proof="EMS")


def test_without_a_period_the_configured_default_runs(staff: Staff) -> None:
    app = registered(staff, MON)
    app = services.order_reanswer(
        staff[Role.HANDLER], app.pk, on=date(2025, 5, 6), source="review", order_document="决定书"
    )
    assert app.due_date == walk(date(2025, 5, 6), 20)


def test_a_decided_but_never_issued_case_issues_the_ordered_answer_in_place_of_the_draft(
    staff: Staff,
) -> None:
    app = registered(staff, MON)
    services.decide(staff[Role.REVIEWER], app.pk, on=D[10], outcome=Outcome.NOT_EXIST)
    assert app.letters.filter(kind="reply", issued_on__isnull=True).count() == 1
    services.order_reanswer(
        staff[Role.HANDLER], app.pk, on=date(2025, 5, 6), source="court", order_document=JUDGMENT
    )
    app = services.issue_reanswer(
        staff[Role.REVIEWER], app.pk, on=date(2025, 5, 8), outcome=Outcome.GRANTED
    )
    assert app.outcome == Outcome.GRANTED.value and app.decided_on == date(2025, 5, 8)
    assert app.letters.filter(kind="reply").count() == 1  # the draft became the answer
    assert (_row(staff, "granted"), _row(staff, "unable_not_held")) == (1, 0)


def test_a_deemed_abandonment_set_aside_keeps_its_one_table3_row(staff: Staff) -> None:
    app = registered(staff, MON)
    handler = staff[Role.HANDLER]
    services.request_supplement(handler, app.pk, on=MON, items="文件名称", period_wd=5)
    app = services.lapse_supplement(handler, app.pk, on=D[11])
    before = annual_report(staff.agency, 2025).table3
    assert (before["other_no_supplement"] or {}).get("total") == 1
    with pytest.raises(GuardFailed, match="不能早于"):
        services.order_reanswer(handler, app.pk, on=D[10], source="review", order_document="决定书")
    app = services.order_reanswer(
        handler, app.pk, on=date(2025, 5, 6), source="review", order_document="复议决定书"
    )
    event = CaseEvent.objects.filter(application=app).last()
    assert event is not None and event.data["ground"] == "deemed_abandoned"
    app = services.issue_reanswer(
        staff[Role.REVIEWER], app.pk, on=date(2025, 5, 9), outcome=Outcome.GRANTED
    )
    # The closure stays what 表三 counts; the new answer is recorded beside it.
    assert app.outcome == Outcome.ABANDONED_NO_SUPPLEMENT.value and app.concluded_on == D[11]
    assert annual_report(staff.agency, 2025).table3 == before
    assert Reanswer.objects.get(application=app).outcome == Outcome.GRANTED.value
    assert app.letters.filter(kind="reanswer").count() == 1


def test_a_withdrawn_and_archived_case_is_refused(staff: Staff) -> None:
    app = registered(staff, MON)
    services.withdraw(staff[Role.HANDLER], app.pk, on=D[5], note="撤回")
    services.archive(staff[Role.HANDLER], app.pk, on=D[6], reference="2025-档-1")
    with pytest.raises(GuardFailed, match="申请人已撤回"):
        services.order_reanswer(
            staff[Role.HANDLER], app.pk, on=D[10], source="review", order_document="决定书"
        )
    assert not Reanswer.objects.exists()


def test_the_overdue_case_page_offers_the_order_and_a_review_ordering_performance_records_it(
    staff: Staff,
) -> None:
    app = registered(staff, MON)
    client = logged_in(Role.HANDLER.value)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert 'id="step-order_reanswer"' in page  # its due date has long passed
    review = remedies.file_case(
        staff[Role.HANDLER],
        staff.agency,
        kind=CaseKind.REVIEW,
        filed_on=date(2025, 4, 10),
        claimant="周某",
        forum="测试县人民政府",
        case_number="测复决字〔2025〕9号",
        application_id=app.pk,
    )
    remedies.record_result(
        staff[Role.HANDLER],
        review.pk,
        result=ResultKind.REVIEW_ORDERED_PERFORMANCE,
        result_on=date(2025, 5, 5),
    )
    remedies.order_reanswer(staff[Role.HANDLER], review.pk, on=date(2025, 5, 6))
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.status == Status.REANSWER_ORDERED.value
    assert Reanswer.objects.get(application=fresh).remedy_case_id == review.pk
