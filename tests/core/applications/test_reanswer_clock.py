"""The re-answer clock: a 复议决定 or judgment ordering a new answer, read from the one answer
clock, against the texts that set its period.

* 行政复议法 (2023) §64: "决定撤销或者部分撤销该行政行为，并可以责令被申请人在一定期限内重新作出
  行政行为"; §66: "决定被申请人在一定期限内履行"; 法释〔2011〕17号 §9, §10: the court orders the
  agency "在一定期限内" to disclose, answer again or answer. The period is the order's: when
  it states a date, that date is the due date, whatever the first answer's clock said.
* Where the order states none, the default (UNVERIFIED: no text sets it) is
  ``reanswer_default_wd`` working days counted like every period of the 条例 (domain.md C6:
  the day of receipt is day 0), checked here against a day-by-day walk.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications.actions import ACTION_STEPS, allowed_actions
from gongkai.core.applications.answer_clock import CaseClockFacts, ReanswerOrder, case_answer_clock
from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.applications.statuses import Group, Status, group_of
from gongkai.core.calendar.workdays import default_calendar

ONE = timedelta(days=1)
CAL = default_calendar()
GUESS = CAL.provisional()  # a year without holiday data counts Monday–Friday (暂定)


def walk(start: date, limit: int) -> date:
    day, counted = start, 0
    while counted < limit:
        day += ONE
        if GUESS.is_workday(day):
            counted += 1
    return day


FIRST = CaseClockFacts(day0=date(2025, 3, 3), extension_days=20)


@settings(max_examples=60, deadline=None)
@given(
    received=st.dates(date(2024, 1, 1), date(2026, 10, 31)),
    gap=st.integers(0, 90),
)
def test_a_period_set_by_the_order_is_the_due_date(received: date, gap: int) -> None:
    order = ReanswerOrder(received, received + ONE * gap, "复议决定书")
    clock = case_answer_clock(
        CaseClockFacts(FIRST.day0, extension_days=20, reanswer=order), CAL, ProcedureRules()
    )
    assert clock.due_date == received + ONE * gap
    assert not clock.provisional


@settings(max_examples=60, deadline=None)
@given(received=st.dates(date(2024, 1, 1), date(2026, 11, 30)), limit=st.integers(1, 40))
def test_without_a_set_period_the_configured_working_days_count_from_receipt(
    received: date, limit: int
) -> None:
    rules = ProcedureRules(reanswer_default_wd=limit)
    clock = case_answer_clock(
        CaseClockFacts(FIRST.day0, reanswer=ReanswerOrder(received)), CAL, rules
    )
    assert clock.due_date == walk(received, limit)


def test_the_default_is_twenty_working_days_and_says_it_is_unverified() -> None:
    assert ProcedureRules().reanswer_default_wd == 20
    clock = case_answer_clock(
        CaseClockFacts(FIRST.day0, reanswer=ReanswerOrder(date(2025, 9, 26), None, "判决书")),
        CAL,
        ProcedureRules(),
        explain=True,
    )
    assert clock.due_date == date(2025, 10, 30)  # domain.md §2.3's +20 vector from 2025-09-26
    assert any("未经核实" in line for line in clock.lines)
    assert clock.lines[0].startswith("2025-09-26收到判决书")


def test_an_order_due_before_it_was_received_is_refused_with_a_reason() -> None:
    order = ReanswerOrder(date(2025, 5, 6), date(2025, 5, 5))
    clock = case_answer_clock(CaseClockFacts(FIRST.day0, reanswer=order), CAL, ProcedureRules())
    assert clock.due_date is None
    assert "早于" in clock.problem


def test_without_an_open_order_the_first_clock_stands() -> None:
    assert case_answer_clock(FIRST, CAL, ProcedureRules()) == case_answer_clock(
        CaseClockFacts(FIRST.day0, extension_days=20, reanswer=None), CAL, ProcedureRules()
    )


def test_an_answer_a_deemed_abandonment_or_no_answer_can_be_ordered_and_runs_its_clock() -> None:
    order = ACTION_STEPS[Action.ORDER_REANSWER]
    assert {Status.ISSUED, Status.SERVED, Status.ARCHIVED} <= order.sources
    assert {Status.LAPSED, Status.FEE_LAPSED, Status.RECEIVED, Status.DECIDED} <= order.sources
    assert not {Status.WITHDRAWN, Status.REANSWER_ORDERED} & order.sources
    assert order.target is Status.REANSWER_ORDERED
    # The re-answer's clock runs like an answer's: the queue and reminders chase it.
    assert group_of(Status.REANSWER_ORDERED) is Group.ACTIVE
    assert ACTION_STEPS[Action.ISSUE_REANSWER].target is Status.ISSUED


def test_an_order_to_answer_again_is_not_the_applicants_to_withdraw() -> None:
    everyone = set(Role)
    offered = allowed_actions(Status.REANSWER_ORDERED, everyone)
    assert Action.WITHDRAW not in offered
    assert Action.ISSUE_REANSWER in offered
    assert Action.DECIDE not in offered  # the first decision stays as it was (表三)


def test_the_new_answer_is_decided_by_those_who_decide() -> None:
    from gongkai.core.applications.roles import ACTION_ROLES

    assert ACTION_ROLES[Action.ISSUE_REANSWER] == ACTION_ROLES[Action.DECIDE]
