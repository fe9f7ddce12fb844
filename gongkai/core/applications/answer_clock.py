"""The one answer clock: the §33 due date of a case as a function of its recorded events.

Every surface that shows or uses a due date (case page, work queue, API, reminders, letters,
statistics, exports, role homes, the citizen's receipt) reads the date this module computes,
so they cannot disagree. The inputs are what the case records, never "today": the same
history gives the same date on every page and every day.

* day 0 is the first receipt (§31); a received 补正 supplement is the new day 0 (§30);
* consultations (§32, §34) pause the clock, each at most the consulted party's 15 working
  days (:attr:`ProcedureRules.consultation_pause_capped`); an open one pauses nothing yet;
* a paid fee pauses it from the day after the notice's receipt to the payment day
  (:attr:`FeeRules.pauses_clock`, §4.4); an unpaid one pauses nothing yet;
* an approved extension adds its working days (§33 ¶2); a §35 date replaces the count;
* a §35 request for reasons pauses it only where :attr:`ProcedureRules.reasons_pause_clock`
  says so (UNVERIFIED, default no), from the day after the request to the explanation.
* a 复议决定 or judgment ordering a new answer (S6 §64, §66; S7 §70, §72; S9 §9–§10) starts
  the case's own re-answer clock: the date the order sets, else
  :attr:`ProcedureRules.reanswer_default_wd` working days after the order was received
  (UNVERIFIED default). While it is open, it is the case's due date.

A year whose holidays nobody has entered is counted Monday–Friday and the date is 暂定
(provisional, domain.md §2.3 item 2) until the year's notice is entered, when every open case
is recomputed (gongkai.web.workcalendar).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.clock import Pause, clock_pauses
from gongkai.core.applications.excessive import ReasonsWait, reasons_clock_pauses
from gongkai.core.applications.rules import ProcedureRules
from gongkai.core.calendar.deadlines import (
    ClockInput,
    ClockPause,
    DeadlineResult,
    compute_answer_deadline,
)
from gongkai.core.calendar.workdays import WorkCalendar
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.payment import fee_clock_pause
from gongkai.core.fees.rules import FeeRules

UNCONFIRMED = "收到申请之日尚待确认（第三十一条），答复期限自确认之日起计算。"


@dataclass(frozen=True)
class FeeWait:
    """A fee notice: the day the applicant received it and, once paid, the payment day."""

    notice_received_on: date
    paid_on: date | None = None


@dataclass(frozen=True)
class ReanswerOrder:
    """A 复议决定 or judgment that orders the agency to answer again: the day the agency
    received it and, where the order sets one, the date by which to answer."""

    received_on: date
    set_due: date | None = None
    source: str = ""  # e.g. "××复议决定书（×复决字〔2025〕3号）"


@dataclass(frozen=True)
class CaseClockFacts:
    """What a case records that its due date depends on."""

    day0: date | None  # the first receipt (§31); None until confirmed
    restart_day0: date | None = None  # receipt of the 补正 supplement (§30)
    extension_days: int = 0
    consultations: Sequence[Pause] = ()
    fees: Sequence[FeeWait] = ()
    delayed_deadline: date | None = None  # §35
    reasons: ReasonsWait | None = None  # §35 request for reasons (pauses only if configured)
    reanswer: ReanswerOrder | None = None  # an open order to answer again

    @property
    def current_day0(self) -> date | None:
        return self.restart_day0 or self.day0


@dataclass(frozen=True)
class CaseClock:
    due_date: date | None
    missing_years: tuple[int, ...] = ()
    problem: str = ""  # why there is no date
    lines: tuple[str, ...] = ()
    result: DeadlineResult | None = None

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)

    @property
    def staff_note(self) -> str:
        """One line for staff: why the date is 暂定 and what makes it final."""
        if not self.provisional:
            return ""
        years = "、".join(f"{y}年" for y in self.missing_years)
        return (
            f"暂定：{years}节假日安排尚未录入，该年暂按周一至周五计算；"
            "管理员录入国务院办公厅通知后自动重新计算。"
        )

    @property
    def public_note(self) -> str:
        """The same for the applicant: no instruction meant for the administrator."""
        if not self.provisional:
            return ""
        return "暂定期限：国家公布相关年度节假日安排后，答复期限可能相应调整。"


def provisional_years(calendar: WorkCalendar, day0: date, due: date) -> tuple[int, ...]:
    """The years a clock from ``day0`` to ``due`` crosses without holiday data."""
    return tuple(calendar.missing_years(day0, due))


def fee_clock_pauses(
    fees: Sequence[FeeWait], day0: date, fee_rules: FeeRules, calendar: WorkCalendar
) -> list[ClockPause]:
    """The fee pauses of the current clock; a notice before a 补正 restart belonged to the
    void clock, and an unpaid one pauses nothing yet."""
    pauses = []
    for fee in fees:
        if fee.notice_received_on < day0:
            continue
        pause = fee_clock_pause(fee.notice_received_on, fee.paid_on, fee_rules, calendar)
        if pause is not None:
            pauses.append(pause)
    return pauses


def reanswer_clock(
    order: ReanswerOrder, calendar: WorkCalendar, rules: ProcedureRules, *, explain: bool = False
) -> CaseClock:
    """The due date of a new answer ordered by a review body or court."""
    lines: list[str] = []
    if explain:
        source = order.source or "复议决定或裁判文书"
        lines.append(f"{order.received_on.isoformat()}收到{source}，责令重新答复。")
    if order.set_due is not None:
        if order.set_due < order.received_on:
            return CaseClock(None, problem="重新答复期限早于收到决定之日，请核对决定书")
        if explain:
            lines.append(f"决定书（判决书）确定的期限：{order.set_due.isoformat()}。")
        return CaseClock(order.set_due, (), "", tuple(lines))
    days = rules.reanswer_default_wd
    guess = calendar.provisional()
    try:
        due = guess.add_working_days(order.received_on, days)
    except GongkaiError as exc:
        return CaseClock(None, problem=f"无法计算重新答复期限：{exc}")
    if explain:
        lines.append(
            f"决定书（判决书）未载明期限：自收到之日起{days}个工作日，至{due.isoformat()}"
            "（本系统默认值，未经核实，可在办理规则中设置）。"
        )
    missing = provisional_years(calendar, order.received_on, due)
    answer = CaseClock(due, missing, "", tuple(lines))
    if explain and answer.provisional:
        return CaseClock(due, missing, "", (*lines, answer.staff_note))
    return answer


def case_answer_clock(
    facts: CaseClockFacts,
    calendar: WorkCalendar,
    rules: ProcedureRules,
    fee_rules: FeeRules | None = None,
    *,
    explain: bool = False,
) -> CaseClock:
    """The due date of one case, 暂定 where it runs into a year without holiday data."""
    if facts.reanswer is not None:
        return reanswer_clock(facts.reanswer, calendar, rules, explain=explain)
    current = facts.current_day0
    if facts.day0 is None or current is None:
        return CaseClock(None, problem=UNCONFIRMED)
    guess = calendar.provisional()
    try:
        clock = ClockInput(
            facts.day0,
            [
                *clock_pauses(guess, facts.consultations, current, rules),
                *fee_clock_pauses(facts.fees, current, fee_rules or FeeRules(), guess),
                *reasons_clock_pauses(facts.reasons, current, rules),
            ],
            extension_days=facts.extension_days,
            restart_day0=facts.restart_day0,
            delayed_deadline=facts.delayed_deadline,
            base_days=rules.answer_limit_wd,
        )
        result = compute_answer_deadline(clock, guess, explain=explain)
    except GongkaiError as exc:
        return CaseClock(None, problem=f"无法计算答复期限：{exc}")
    missing = provisional_years(calendar, result.day0, result.due_date)
    answer = CaseClock(result.due_date, missing, "", result.lines, result)
    if explain and answer.provisional:
        return CaseClock(result.due_date, missing, "", (*result.lines, answer.staff_note), result)
    return answer
