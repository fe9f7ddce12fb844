"""复议决定或判决责令重新答复, through the services and the pages.

The texts: 行政复议法 (2023) §64 (撤销 "并可以责令被申请人在一定期限内重新作出行政行为"), §66
("在一定期限内履行"); 行政诉讼法 §70, §72; 法释〔2011〕17号 §9–§10. The re-answer has its own
clock (the order's period, else the configured default, UNVERIFIED), read from the one answer
clock and shown wherever a due date is; the new answer is a letter of the case. 表三 counts
the application once, as first answered (一 counts applications received, K7; a re-answer is
no new application), and 表四 counts the order in the review's block.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders_applications import MON, D, logged_in
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.core.remedies.kinds import CaseKind, ResultKind
from gongkai.web.applications import services
from gongkai.web.applications.answer_clock import case_clock
from gongkai.web.applications.config import work_calendar
from gongkai.web.applications.models import Application, CaseEvent, Reanswer
from gongkai.web.applications.reminders import collect
from gongkai.web.applications.statistics import annual_report, case_records
from gongkai.web.kernel.guards import GuardFailed
from gongkai.web.remedies import services as remedies
from gongkai.web.remedies.models import RemedyEvent
from gongkai.web.remedies.statistics import table4_for

pytestmark = pytest.mark.django_db
ORDER = "测试县人民政府行政复议决定书（测复决字〔2025〕7号）"


def denied_and_served(staff: Staff) -> Application:
    app = registered(staff, MON)
    services.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=D[10],
        outcome=Outcome.DENIED_PROCESS,
        reasons="属于内部讨论记录",
    )
    services.issue(staff[Role.HANDLER], app.pk, on=D[11])
    return services.serve(staff[Role.HANDLER], app.pk, on=D[12], method="mail", proof="EMS1")


def walk(start: date, limit: int) -> date:
    calendar, day, counted = work_calendar().provisional(), start, 0
    while counted < limit:
        day += timedelta(days=1)
        counted += calendar.is_workday(day)
    return day


def test_the_order_runs_its_own_clock_everywhere_and_the_new_answer_is_a_letter(
    staff: Staff,
) -> None:
    app = denied_and_served(staff)
    first_due = app.due_date
    report_before = annual_report(staff.agency, 2025).table3
    ordered_on = date(2025, 5, 6)
    app = services.order_reanswer(
        staff[Role.HANDLER], app.pk, on=ordered_on, source="review", order_document=ORDER
    )
    assert app.status == Status.REANSWER_ORDERED.value
    # No period in the order: the configured default, 20 working days after its receipt.
    assert app.due_date == walk(ordered_on, 20) == case_clock(app).due_date
    # The first answer stays what 表三 counts.
    assert app.outcome == Outcome.DENIED_PROCESS.value and app.concluded_on == D[11]
    assert annual_report(staff.agency, 2025).table3 == report_before
    # The first answer's timeliness is judged by its own §33 date, not the re-answer's.
    (record,) = [r for r in case_records(staff.agency, 2025) if r.reference == app.number]
    assert record.due_on == first_due

    page = logged_in(Role.REVIEWER.value).get(f"/applications/{app.pk}/").content.decode()
    assert app.due_date.isoformat() in page
    assert 'id="step-issue_reanswer"' in page
    # The due date's explanation is the re-answer clock's: the order and the default used.
    assert f"{ordered_on.isoformat()}收到{ORDER}，责令重新答复。" in page
    assert "未经核实" in page
    queue = logged_in(Role.HANDLER.value).get("/applications/").content.decode()
    assert app.number in queue and "待重新答复" in queue
    overdue = [r for r in collect(app.due_date + timedelta(days=1)) if app.number in r.text]
    assert overdue and "已过" in overdue[0].text

    answered = services.issue_reanswer(
        staff[Role.REVIEWER], app.pk, on=date(2025, 5, 20), outcome=Outcome.GRANTED
    )
    assert answered.status == Status.ISSUED.value
    letter = answered.letters.get(kind="reanswer")
    assert letter.issued_on == date(2025, 5, 20)
    assert letter.title == "政府信息公开申请重新答复书"
    assert ORDER in letter.content["paragraphs"][0]
    order = Reanswer.objects.get(application=answered)
    assert order.outcome == Outcome.GRANTED.value and order.letter == letter
    # The order is carried out: the clock is the first answer's again, 表三 unchanged.
    assert answered.due_date == first_due
    assert annual_report(staff.agency, 2025).table3 == report_before
    actions = list(CaseEvent.objects.filter(application=answered).values_list("action", flat=True))
    assert actions[-2:] == ["order_reanswer", "issue_reanswer"]
    # The new answer is served as any answer is: the service record names its letter.
    served = services.serve(
        staff[Role.HANDLER], app.pk, on=date(2025, 5, 21), method="mail", proof="EMS2"
    )
    assert served.services.order_by("-pk").first().letter == letter


def test_a_period_the_order_sets_is_the_due_date(staff: Staff) -> None:
    app = denied_and_served(staff)
    app = services.order_reanswer(
        staff[Role.HANDLER],
        app.pk,
        on=date(2025, 5, 6),
        source="court",
        order_document="测试县人民法院行政判决书",
        set_due=date(2025, 5, 30),
    )
    assert app.due_date == date(2025, 5, 30)


def test_a_withdrawn_case_or_a_second_concurrent_order_is_refused(staff: Staff) -> None:
    withdrawn = registered(staff, MON)
    services.withdraw(staff[Role.HANDLER], withdrawn.pk, on=D[5], note="申请人撤回")
    with pytest.raises(Exception, match="不能登记责令"):
        services.order_reanswer(
            staff[Role.HANDLER], withdrawn.pk, on=D[10], source="review", order_document=ORDER
        )
    app = denied_and_served(staff)
    services.order_reanswer(
        staff[Role.HANDLER], app.pk, on=date(2025, 5, 6), source="review", order_document=ORDER
    )
    with pytest.raises(Exception, match="不能登记责令重新答复"):
        services.order_reanswer(
            staff[Role.HANDLER], app.pk, on=date(2025, 5, 7), source="review", order_document=ORDER
        )
    with pytest.raises(GuardFailed, match="理由"):
        services.issue_reanswer(
            staff[Role.REVIEWER], app.pk, on=date(2025, 5, 8), outcome=Outcome.DENIED_INTERNAL
        )
    assert Reanswer.objects.filter(application=app).count() == 1


def test_a_review_that_revoked_the_answer_orders_it_from_the_remedy_page(staff: Staff) -> None:
    app = denied_and_served(staff)
    review = remedies.file_case(
        staff[Role.HANDLER],
        staff.agency,
        kind=CaseKind.REVIEW,
        filed_on=date(2025, 4, 1),
        claimant="周某",
        forum="测试县人民政府",
        case_number="测复决字〔2025〕7号",
        application_id=app.pk,
    )
    client = logged_in(Role.REVIEWER.value)
    remedies.record_result(
        staff[Role.REVIEWER],
        review.pk,
        result=ResultKind.REVIEW_UPHELD,
        result_on=date(2025, 4, 20),
    )
    assert "登记责令重新答复" not in client.get(f"/remedies/{review.pk}/").content.decode()
    refused = client.post(f"/remedies/{review.pk}/reanswer/", {"on": "2025-05-06"})
    assert refused.status_code == 400
    assert Application.objects.get(pk=app.pk).status == Status.SERVED.value

    remedies.record_result(
        staff[Role.REVIEWER],
        review.pk,
        result=ResultKind.REVIEW_REVOKED,
        result_on=date(2025, 5, 5),
    )
    assert "登记责令重新答复" in client.get(f"/remedies/{review.pk}/").content.decode()
    response = client.post(
        f"/remedies/{review.pk}/reanswer/", {"on": "2025-05-06", "set_due": "2025-06-05"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.status == Status.REANSWER_ORDERED.value
    assert fresh.due_date == date(2025, 6, 5)
    order = Reanswer.objects.get(application=fresh)
    assert order.remedy_case_id == review.pk and "测复决字〔2025〕7号" in order.order_document
    assert RemedyEvent.objects.filter(case=review, action="order_reanswer").exists()
    page = client.get(f"/remedies/{review.pk}/").content.decode()
    assert "待重新答复，期限2025-06-05" in page
    # 表四: the review is counted once, in 结果纠正; 表三 still counts the application once.
    table4 = table4_for(staff.agency, 2025)
    assert table4["review_corrected"] == 1 and table4["review_total"] == 1
    table3 = annual_report(staff.agency, 2025).table3
    assert table3["new_received"]["total"] == 1
    assert table3["denied_process_info"]["total"] == 1
    assert table3["granted"]["total"] == 0
