"""§35 of the 条例: applications clearly beyond a reasonable range in number or frequency.

S1 §35 (VERIFIED, domain.md §1.1, §3.4 D5, §3.7, §3.8): "申请人申请公开政府信息的数量、频次
明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人
不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，
可以确定延迟答复的合理期限并告知申请人。"

So the procedure is: ask for the reasons (may), judge them, then either refuse (outcome
``MASS_REPEAT_UNREASONABLE``, 表三 （五）4, VERIFIED) or, when they are reasonable but the §33
limit cannot be met, set a later reply date, which **replaces** the computed §33 date
(domain.md §3.7, VERIFIED; no maximum: D5 "store a free date with a reason").

Two things the sources leave open, so they are settings of :class:`ProcedureRules`:

* how long the applicant has to explain (``reasons_period_wd``, UNVERIFIED default 15 wd);
* whether the wait for the explanation stops the §33 clock (``reasons_pause_clock``,
  UNVERIFIED, default no: §33 ¶3 excludes only consultation time, and the agency's remedy
  when it cannot answer in time is §35's own later date, so by default the agency does not
  count on time the text does not give it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.calendar.deadlines import ClockPause
from gongkai.core.calendar.workdays import WorkCalendar

REASONS_PAUSE = "等待申请人说明理由（第三十五条）"


class Judgement(StrEnum):
    REASONABLE = "reasonable"
    UNREASONABLE = "unreasonable"


JUDGEMENT_LABELS: dict[Judgement, str] = {
    Judgement.REASONABLE: "申请理由合理",
    Judgement.UNREASONABLE: "申请理由不合理（告知不予处理）",
}


@dataclass(frozen=True)
class ReasonsWait:
    """The request for reasons: sent, the applicant's period, and when it was closed (the
    explanation received, or recorded as not given after the period)."""

    requested_on: date
    due_on: date
    closed_on: date | None = None


def reasons_due(calendar: WorkCalendar, requested_on: date, rules: ProcedureRules) -> date:
    """The end of the applicant's period to explain (UNVERIFIED default, a setting)."""
    return calendar.add_working_days(requested_on, rules.reasons_period_wd)


def reasons_clock_pauses(
    wait: ReasonsWait | None, day0: date, rules: ProcedureRules
) -> list[ClockPause]:
    """The wait as a pause of the current clock, where the rules say it pauses: from the
    day after the request to the day the explanation came (or the period ended). A request
    before the current day 0 belonged to a void clock; an open one pauses nothing yet."""
    if wait is None or not rules.reasons_pause_clock or wait.closed_on is None:
        return []
    if wait.requested_on < day0:
        return []
    end = min(wait.closed_on, wait.due_on)
    if end <= wait.requested_on:
        return []
    first = date.fromordinal(wait.requested_on.toordinal() + 1)
    return [ClockPause(first, end, REASONS_PAUSE)]


def delayed_deadline_problem(delayed: date, set_on: date, due: date | None) -> str:
    """Why a §35 later reply date cannot be set, or "" when it can.

    §35 allows it where the agency "无法在本条例第三十三条规定的期限内答复", so the date must
    come after the §33 date (VERIFIED wording); set before that date has passed (DERIVED, as
    for the §33 ¶2 extension: a limit already missed cannot be "unable to be met" in advance).
    """
    if due is None:
        return "尚无第三十三条规定的答复期限，不能确定延迟答复期限"
    if set_on > due:
        return f"第三十三条规定的答复期限{due.isoformat()}已过，不能再确定延迟答复期限"
    if delayed <= due:
        return (
            f"延迟答复期限应晚于第三十三条规定的答复期限{due.isoformat()}"
            "（第三十五条：无法在该期限内答复的，才确定延迟答复的合理期限）"
        )
    return ""
