"""The §33 answer clock of one application, from its recorded facts.

The arithmetic is the calendar package's (:mod:`gongkai.core.calendar.deadlines` and
:mod:`gongkai.core.calendar.pauses`); this module only turns what a case records into that
package's inputs, under the agency's :class:`ProcedureRules`. A 补正 restarts day 0 (§30), so
a consultation sent before the current day 0 belonged to a clock that no longer exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.rules import PauseStart, ProcedureRules
from gongkai.core.calendar import deadlines
from gongkai.core.calendar.deadlines import (
    ClockInput,
    ClockPause,
    DeadlineResult,
    compute_answer_deadline,
)
from gongkai.core.calendar.pauses import (
    ConsultationPauseStart,
    cap_consultation_pause,
    consultation_pause,
)
from gongkai.core.calendar.workdays import WorkCalendar

DueRule = Callable[[date, WorkCalendar | None], date]
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
    reason: str = "征求第三方意见"


def clock_pauses(
    calendar: WorkCalendar,
    pauses: Iterable[Pause],
    day0: date,
    rules: ProcedureRules,
    *,
    today: date | None = None,
) -> list[ClockPause]:
    """The paused days of each consultation of the current clock; an open one up to today.

    Each is capped at ``rules.consultation_pause_cap_wd`` working days when the rules say so
    (§32, §34: the consulted party's reply period), before overlapping ones are merged.
    """
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
            reason=pause.reason,
            calendar=calendar,
        )
        if clock_pause is None:
            continue
        if rules.consultation_pause_capped:
            clock_pause = cap_consultation_pause(
                clock_pause, rules.consultation_pause_cap_wd, calendar
            )
        result.append(clock_pause)
    return result


def answer_deadline(
    calendar: WorkCalendar,
    day0: date,
    rules: ProcedureRules,
    *,
    restart_day0: date | None = None,
    extension_wd: int = 0,
    pauses: Iterable[Pause] = (),
    other_pauses: Iterable[ClockPause] = (),
    today: date | None = None,
    explain: bool = False,
) -> DeadlineResult:
    """The §33 clock of one case through the calendar package, with its explanation.

    ``day0`` is the first receipt; ``restart_day0`` the receipt of the 补正 supplement (§30),
    which the calendar package turns into the new day 0 and explains as such.
    ``other_pauses`` are pauses already in calendar form, e.g. the fee pause (§4.4).
    """
    current_day0 = restart_day0 or day0
    clock = ClockInput(
        day0,
        [*clock_pauses(calendar, pauses, current_day0, rules, today=today), *other_pauses],
        extension_days=extension_wd,
        restart_day0=restart_day0,
        base_days=rules.answer_limit_wd,
    )
    return compute_answer_deadline(clock, calendar, explain=explain)


def paused_working_days(
    calendar: WorkCalendar,
    pauses: Iterable[Pause],
    day0: date,
    rules: ProcedureRules,
    *,
    today: date | None = None,
) -> int:
    return answer_deadline(calendar, day0, rules, pauses=pauses, today=today).paused_working_days


def answer_due(
    calendar: WorkCalendar,
    day0: date,
    rules: ProcedureRules,
    *,
    extension_wd: int = 0,
    pauses: Iterable[Pause] = (),
    other_pauses: Iterable[ClockPause] = (),
    today: date | None = None,
) -> date:
    return answer_deadline(
        calendar,
        day0,
        rules,
        extension_wd=extension_wd,
        pauses=pauses,
        other_pauses=other_pauses,
        today=today,
    ).due_date


def _after(
    calendar: WorkCalendar, start: date, days: int, statutory: int, statutory_rule: DueRule
) -> date:
    """The calendar package's rule for the statutory count; an agency's other count the same
    way (day 0 excluded), so both go through one counting function."""
    if days == statutory:
        return statutory_rule(start, calendar)
    return calendar.add_working_days(start, days)


def supplement_notice_due(calendar: WorkCalendar, day0: date, rules: ProcedureRules) -> date:
    """§30: the single, complete 补正 notice is due within 7 working days of day 0."""
    return _after(
        calendar,
        day0,
        rules.supplement_notice_wd,
        deadlines.SUPPLEMENT_NOTICE_WD,
        deadlines.supplement_notice_due,
    )


def consultation_reply_due(
    calendar: WorkCalendar, delivered_on: date, rules: ProcedureRules
) -> date:
    """§32, §34: the consulted party's 15 working days from receiving the letter."""
    return _after(
        calendar,
        delivered_on,
        rules.consultation_reply_wd,
        deadlines.CONSULTATION_REPLY_WD,
        deadlines.consultation_reply_due,
    )


def supplement_due(
    calendar: WorkCalendar, sent_on: date, rules: ProcedureRules, period_wd: int | None = None
) -> date:
    """B3: the applicant's supplement period (UNVERIFIED default, per-case override)."""
    return calendar.add_working_days(sent_on, period_wd or rules.supplement_period_wd)
