"""The payment window of a fee notice and what it does to the §33 answer clock.

The window starts the day after the applicant receives the notice (S5 二) and is counted in
working days like every other period (day 0 excluded). While the notice awaits payment the
answer clock is paused when :attr:`FeeRules.pauses_clock` says so (UNVERIFIED, §4.4); an unpaid
notice after the window closes the case as 表三（六）2.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.calendar.deadlines import ClockPause
from gongkai.core.calendar.pauses import fee_pause
from gongkai.core.calendar.workdays import WorkCalendar
from gongkai.core.errors import GongkaiError
from gongkai.core.fees.rules import FeeRules


def payment_due(notice_received_on: date, rules: FeeRules, calendar: WorkCalendar) -> date:
    """Last day to pay: ``payment_window_wd`` working days after the notice was received."""
    return calendar.add_working_days(notice_received_on, rules.payment_window_wd)


def fee_clock_pause(
    notice_received_on: date | None,
    paid_on: date | None,
    rules: FeeRules,
    calendar: WorkCalendar,
    *,
    today: date | None = None,
) -> ClockPause | None:
    """The days a fee notice keeps the answer clock stopped, as far as they are known.

    Paid: from the day after receipt to the payment day. Unpaid: up to ``today`` (an open
    pause) but never past the window's end. Unknown receipt or a rule that does not pause:
    no pause.
    """
    if notice_received_on is None or not rules.pauses_clock:
        return None
    if paid_on is None:
        if today is None:
            return None
        last = min(today, payment_due(notice_received_on, rules, calendar))
        if last <= notice_received_on:
            return None
        return fee_pause(notice_received_on, last, pauses_clock=True, calendar=calendar)
    return fee_pause(notice_received_on, paid_on, pauses_clock=True, calendar=calendar)


def check_payment(
    *,
    on: date,
    amount: int,
    charged: int,
    notice_received_on: date | None,
    due: date | None,
) -> None:
    """A payment must be the full amount, after the notice reached the applicant, in time."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise GongkaiError(f"缴费金额应为正整数元：{amount!r}")
    if amount != charged:
        raise GongkaiError(f"缴费金额{amount}元与收费通知的应缴金额{charged}元不符")
    if notice_received_on is not None and on < notice_received_on:
        raise GongkaiError(
            f"缴费日期{on.isoformat()}早于申请人收到收费通知之日{notice_received_on.isoformat()}"
        )
    if due is not None and on > due:
        raise GongkaiError(
            f"缴费期限已于{due.isoformat()}届满：逾期未缴纳的视为放弃申请，应终止办理"
        )


def check_lapse(on: date, due: date | None) -> None:
    """Only a window that has run out closes the case as （六）2."""
    if due is None:
        raise GongkaiError("尚未记录申请人收到收费通知之日，缴费期限无从起算")
    if on <= due:
        raise GongkaiError(f"缴费期限{due.isoformat()}尚未届满")
