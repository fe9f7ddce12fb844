"""The §33 answer clock of one application, from its recorded facts.

The arithmetic is the calendar package's (:mod:`gongkai.core.calendar.deadlines` and
:mod:`gongkai.core.calendar.pauses`); this module only turns what a case records into that
package's inputs, under the agency's :class:`ProcedureRules`. A 补正 restarts day 0 (§30), so
a consultation sent before the current day 0 belonged to a clock that no longer exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.rules import PauseStart, ProcedureRules
from gongkai.core.calendar import deadlines
from gongkai.core.calendar.deadlines import ClockInput, ClockPause, compute_answer_deadline
from gongkai.core.calendar.pauses import ConsultationPauseStart, consultation_pause
from gongkai.core.calendar.workdays import WorkCalendar

PAUSE_STARTS = {
    PauseStart.RECEIPT: ConsultationPauseStart.DAY_AFTER_RECEIPT,
    PauseStart.ISSUE: ConsultationPauseStart.ISSUE_DATE,
}


@dataclass(frozen=True)
class Pause:
    """A consultation: letter sent, received by the consulted party, and the reply (or end)."""

    sent_on: date
    delivered_on: date | None = None
    ended_on: date | None = None


def clock_pauses(
    calendar: WorkCalendar,
    pauses: Iterable[Pause],
    day0: date,
    rules: ProcedureRules,
    *,
    today: date | None = None,
) -> list[ClockPause]:
    """The paused days of each consultation of the current clock; an open one up to today."""
    result = []
    for pause in pauses:
        end = pause.ended_on or today
        if pause.sent_on < day0 or end is None:
            continue
        clock_pause = consultation_pause(
            pause.sent_on,
            pause.delivered_on or pause.sent_on,
            end,
            start=PAUSE_STARTS[rules.consultation_pause_from],
            calendar=calendar,
        )
        if clock_pause is not None:
            result.append(clock_pause)
    return result


def paused_working_days(
    calendar: WorkCalendar,
    pauses: Iterable[Pause],
    day0: date,
    rules: ProcedureRules,
    *,
    today: date | None = None,
) -> int:
    return compute_answer_deadline(
        ClockInput(day0, clock_pauses(calendar, pauses, day0, rules, today=today)),
        calendar,
        explain=False,
    ).paused_working_days


def answer_due(
    calendar: WorkCalendar,
    day0: date,
    rules: ProcedureRules,
    *,
    extension_wd: int = 0,
    pauses: Iterable[Pause] = (),
    today: date | None = None,
) -> date:
    clock = ClockInput(
        day0,
        clock_pauses(calendar, pauses, day0, rules, today=today),
        extension_days=extension_wd,
        base_days=rules.answer_limit_wd,
    )
    return compute_answer_deadline(clock, calendar, explain=False).due_date


def supplement_notice_due(calendar: WorkCalendar, day0: date, rules: ProcedureRules) -> date:
    if rules.supplement_notice_wd == deadlines.SUPPLEMENT_NOTICE_WD:
        return deadlines.supplement_notice_due(day0, calendar)
    return calendar.add_working_days(day0, rules.supplement_notice_wd)


def supplement_due(
    calendar: WorkCalendar, sent_on: date, rules: ProcedureRules, period_wd: int | None = None
) -> date:
    return calendar.add_working_days(sent_on, period_wd or rules.supplement_period_wd)
