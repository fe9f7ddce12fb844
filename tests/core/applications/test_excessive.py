"""§35 of the 条例, from its text (S1, VERIFIED; domain.md §1.1, §3.4 D5, §3.7, §3.8):

"申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关
认为申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条
规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人。"
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.applications.actions import CaseFacts, allowed_actions
from gongkai.core.applications.answer_clock import CaseClockFacts, case_answer_clock
from gongkai.core.applications.excessive import (
    ReasonsWait,
    delayed_deadline_problem,
    reasons_clock_pauses,
    reasons_due,
)
from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.applications.statuses import Status
from gongkai.core.calendar.workdays import WorkCalendar
from gongkai.core.letters import AgencyFacts, ApplicationFacts
from gongkai.core.letters.excessive import delayed_reply_notice, reasons_request_notice

CAL = WorkCalendar()
DAY0 = date(2025, 3, 3)  # a Monday
PAUSING = ProcedureRules(reasons_pause_clock=True)


def test_unreasonable_reasons_are_counted_in_table3_row_five_four() -> None:
    # "告知申请人不予处理" → 表三 （五）4.无正当理由大量反复申请
    assert DEFAULT_OUTCOME_ROWS[Outcome.MASS_REPEAT_UNREASONABLE] == "not_processed_mass_repeat"


def test_the_later_date_replaces_the_section_33_date() -> None:
    # "确定延迟答复的合理期限": the answer is due on that date, not 20 working days after day 0.
    ordinary = case_answer_clock(CaseClockFacts(DAY0), CAL, ProcedureRules())
    assert ordinary.due_date == CAL.add_working_days(DAY0, 20)
    delayed = case_answer_clock(
        CaseClockFacts(DAY0, extension_days=0, delayed_deadline=date(2025, 6, 30)),
        CAL,
        ProcedureRules(),
        explain=True,
    )
    assert delayed.due_date == date(2025, 6, 30)
    assert any("第三十五条" in line for line in delayed.lines)


def test_by_default_waiting_for_reasons_does_not_stop_the_clock() -> None:
    # §33 ¶3 excludes only consultation time; §35 says nothing of the wait (UNVERIFIED).
    wait = ReasonsWait(date(2025, 3, 5), reasons_due(CAL, date(2025, 3, 5), ProcedureRules()))
    closed = ReasonsWait(wait.requested_on, wait.due_on, date(2025, 3, 12))
    rules = ProcedureRules()
    assert not rules.reasons_pause_clock
    for facts in (CaseClockFacts(DAY0, reasons=wait), CaseClockFacts(DAY0, reasons=closed)):
        assert case_answer_clock(facts, CAL, rules).due_date == CAL.add_working_days(DAY0, 20)


def test_where_configured_the_wait_pauses_from_the_day_after_the_request() -> None:
    requested, answered = date(2025, 3, 5), date(2025, 3, 12)
    wait = ReasonsWait(requested, reasons_due(CAL, requested, PAUSING), answered)
    (pause,) = reasons_clock_pauses(wait, DAY0, PAUSING)
    assert (pause.first_day, pause.last_day) == (date(2025, 3, 6), answered)
    paused = CAL.working_days_between(date(2025, 3, 6), answered)
    assert paused == 5
    clock = case_answer_clock(CaseClockFacts(DAY0, reasons=wait), CAL, PAUSING)
    assert clock.due_date == CAL.add_working_days(DAY0, 20 + paused)


def test_an_open_wait_or_one_before_the_current_day0_pauses_nothing() -> None:
    requested = date(2025, 3, 5)
    due = reasons_due(CAL, requested, PAUSING)
    assert reasons_clock_pauses(ReasonsWait(requested, due), DAY0, PAUSING) == []
    closed = ReasonsWait(requested, due, date(2025, 3, 12))
    assert reasons_clock_pauses(closed, date(2025, 3, 20), PAUSING) == []  # 补正 restart after


def test_a_late_explanation_pauses_no_longer_than_the_period() -> None:
    requested = date(2025, 3, 5)
    due = reasons_due(CAL, requested, PAUSING)
    (pause,) = reasons_clock_pauses(ReasonsWait(requested, due, date(2025, 5, 6)), DAY0, PAUSING)
    assert pause.last_day == due


def test_the_period_to_explain_is_a_setting() -> None:
    requested = date(2025, 3, 5)
    assert reasons_due(CAL, requested, ProcedureRules()) == CAL.add_working_days(requested, 15)
    short = ProcedureRules(reasons_period_wd=5)
    assert reasons_due(CAL, requested, short) == CAL.add_working_days(requested, 5)


@pytest.mark.parametrize(
    ("delayed", "set_on", "due", "message"),
    [
        (date(2025, 4, 30), date(2025, 3, 20), None, "尚无"),
        (date(2025, 4, 30), date(2025, 4, 1), date(2025, 3, 31), "已过"),
        (date(2025, 3, 31), date(2025, 3, 20), date(2025, 3, 31), "应晚于"),
        (date(2025, 5, 30), date(2025, 3, 20), date(2025, 3, 31), ""),
    ],
)
def test_the_later_date_must_come_after_the_section_33_date(
    delayed: date, set_on: date, due: date | None, message: str
) -> None:
    # "无法在本条例第三十三条规定的期限内答复": only a date after that limit is a delay.
    problem = delayed_deadline_problem(delayed, set_on, due)
    assert (message in problem) if message else problem == ""


def test_the_steps_follow_the_order_of_the_text() -> None:
    handler, reviewer = frozenset({Role.HANDLER}), frozenset({Role.REVIEWER})
    assert Action.REQUEST_REASONS in allowed_actions(Status.RECEIVED, handler)
    assert Action.RECORD_REASONS not in allowed_actions(Status.RECEIVED, reviewer)
    asked = CaseFacts(reasons_requested=True)
    assert Action.REQUEST_REASONS not in allowed_actions(Status.RECEIVED, handler, asked)
    assert Action.RECORD_REASONS in allowed_actions(Status.RECEIVED, reviewer, asked)
    assert Action.SET_DELAYED_DEADLINE not in allowed_actions(Status.RECEIVED, reviewer, asked)
    unreasonable = CaseFacts(reasons_requested=True, reasons_recorded=True)
    assert Action.SET_DELAYED_DEADLINE not in allowed_actions(
        Status.RECEIVED, reviewer, unreasonable
    )
    reasonable = CaseFacts(reasons_requested=True, reasons_recorded=True, reasons_reasonable=True)
    assert Action.SET_DELAYED_DEADLINE in allowed_actions(Status.RECEIVED, reviewer, reasonable)
    delayed = CaseFacts(True, False, True, True, True, True)
    head = frozenset({Role.OFFICE_HEAD})
    assert Action.SET_DELAYED_DEADLINE not in allowed_actions(Status.RECEIVED, head, delayed)
    assert Action.APPROVE_EXTENSION not in allowed_actions(Status.RECEIVED, head, delayed)


AGENCY = AgencyFacts(name="某县公安局", review_body="某县人民政府")
APP = ApplicationFacts("2025-0007", "周某", True, "2024年度行政处罚决定书", DAY0, DAY0)


def test_the_request_for_reasons_says_what_follows_from_the_answer() -> None:
    letter = reasons_request_notice(
        AGENCY,
        APP,
        sent_on=date(2025, 3, 5),
        reasons_due=date(2025, 3, 26),
        period_wd=15,
        finding="2025年1月以来申请120件",
        clock_paused=False,
    )
    text = letter.text
    assert letter.title == "政府信息公开申请说明理由告知书"
    assert "数量、频次明显超过合理范围" in text and "2025年1月以来申请120件" in text
    assert "第三十五条" in text and "2025年3月26日前" in text
    assert "不予处理" in text and "延迟答复的合理期限" in text
    assert "暂停" not in text
    paused = reasons_request_notice(
        AGENCY,
        APP,
        sent_on=date(2025, 3, 5),
        reasons_due=date(2025, 3, 26),
        period_wd=15,
        finding="x",
        clock_paused=True,
    )
    assert "答复期限暂停计算" in paused.text


def test_the_delayed_reply_notice_gives_the_date_and_the_reason() -> None:
    letter = delayed_reply_notice(
        AGENCY,
        APP,
        set_on=date(2025, 3, 20),
        reasons_requested_on=date(2025, 3, 5),
        delayed_deadline=date(2025, 5, 30),
        reason="需检索的案卷逾三千册",
    )
    assert letter.title == "政府信息公开申请延迟答复告知书"
    assert "申请理由合理" in letter.text
    assert "需检索的案卷逾三千册" in letter.text and "第三十三条规定的期限内答复" in letter.text
    assert "2025年5月30日" in letter.text and "第三十五条" in letter.text
