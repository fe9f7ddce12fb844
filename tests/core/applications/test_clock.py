"""The §33 clock against the spec's test vectors (§2.3, computed with chinese-calendar 1.11)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.applications.clock import (
    Pause,
    answer_due,
    paused_working_days,
    supplement_notice_due,
)
from gongkai.core.applications.rules import PauseStart, ProcedureRules
from gongkai.core.calendar.workdays import default_calendar

RULES = ProcedureRules()
CAL = default_calendar()


@pytest.mark.parametrize(
    ("day0", "notice", "due", "extended"),
    [
        (date(2025, 9, 26), date(2025, 10, 13), date(2025, 10, 30), date(2025, 11, 27)),
        (date(2025, 10, 4), date(2025, 10, 16), date(2025, 11, 4), date(2025, 12, 2)),
        (date(2025, 12, 31), date(2026, 1, 12), date(2026, 1, 29), date(2026, 3, 4)),
        (date(2026, 2, 14), date(2026, 3, 3), date(2026, 3, 20), date(2026, 4, 20)),
    ],
)
def test_spec_vectors(day0: date, notice: date, due: date, extended: date) -> None:
    assert supplement_notice_due(CAL, day0, RULES) == notice
    assert answer_due(CAL, day0, RULES) == due
    assert answer_due(CAL, day0, RULES, extension_wd=20) == extended


def test_consultation_pause_extends_by_the_working_days_inside_it() -> None:
    day0 = date(2025, 3, 3)  # Monday
    # Sent Tue 4 Mar, received Thu 6 Mar, reply Wed 12 Mar.
    pause = Pause(date(2025, 3, 4), delivered_on=date(2025, 3, 6), ended_on=date(2025, 3, 12))
    assert paused_working_days(CAL, [pause], day0, RULES) == 4  # Fri, Mon, Tue, Wed
    issue_rules = ProcedureRules(consultation_pause_from=PauseStart.ISSUE)
    assert paused_working_days(CAL, [pause], day0, issue_rules) == 7  # the issue day counts
    base = answer_due(CAL, day0, RULES)
    assert answer_due(CAL, day0, RULES, pauses=[pause]) == CAL.add_working_days(base, 4)


def test_a_pause_before_a_restarted_day0_is_void() -> None:
    pause = Pause(date(2025, 3, 4), ended_on=date(2025, 3, 12))
    assert paused_working_days(CAL, [pause], date(2025, 3, 20), RULES) == 0


def test_an_open_pause_counts_up_to_today_only_when_asked() -> None:
    pause = Pause(date(2025, 3, 4))
    day0 = date(2025, 3, 3)
    assert paused_working_days(CAL, [pause], day0, RULES) == 0
    assert paused_working_days(CAL, [pause], day0, RULES, today=date(2025, 3, 7)) == 3


def test_the_case_explanation_comes_from_the_calendar_package() -> None:
    from gongkai.core.applications.clock import answer_deadline, consultation_reply_due

    result = answer_deadline(CAL, date(2025, 9, 30), RULES, explain=True)
    assert result.lines[0].startswith("收到申请之日（第0日）：2025-09-30")
    assert "第1个工作日：2025-10-09" in result.lines[1]
    assert result.lines[-1] == "答复期限：2025-11-04（星期二）"
    restarted = answer_deadline(
        CAL, date(2025, 9, 30), RULES, restart_day0=date(2025, 10, 9), extension_wd=5, explain=True
    )
    assert any("新的第0日" in line for line in restarted.lines)
    assert restarted.due_date == CAL.add_working_days(date(2025, 10, 9), 25)
    assert consultation_reply_due(CAL, date(2025, 9, 30), RULES) == date(2025, 10, 28)
