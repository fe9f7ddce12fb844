"""Where a clock pause begins and ends, for the two cases the sources leave open.

Both are UNVERIFIED (domain.md §3.6 T6, §4.4), so each is a parameter with a documented
default rather than a fixed rule; the defaults are the module constants below.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from enum import Enum

from gongkai.core.calendar.deadlines import (
    CONSULTATION_REPLY_WD,
    ClockPause,
    consultation_reply_due,
    fee_payment_due,
)
from gongkai.core.calendar.workdays import WorkCalendar, default_calendar
from gongkai.core.errors import GongkaiError


class ConsultationPauseStart(Enum):
    ISSUE_DATE = "issue_date"  # the day the consultation letter is sent
    DAY_AFTER_RECEIPT = "day_after_receipt"  # the day after the consulted party receives it


# T6: the shorter of the two readings, so the agency never counts on more time than it has.
CONSULTATION_PAUSE_START = ConsultationPauseStart.DAY_AFTER_RECEIPT
# §32, §34 give the consulted party 15 working days, after which the agency decides itself
# (T2, T3, VERIFIED); so a consultation stops the §33 clock for at most that long, however late
# the reply comes (the cap is DERIVED from T2, T3 and D4). An agency may switch it off.
CONSULTATION_PAUSE_CAP_WD = CONSULTATION_REPLY_WD
# §4.4: the fee notice probably stops the clock until payment; not confirmed in the S4 text.
FEE_NOTICE_PAUSES_CLOCK = True


def consultation_pause(
    issued_on: date,
    received_on: date,
    reply_received_on: date | None = None,
    *,
    start: ConsultationPauseStart = CONSULTATION_PAUSE_START,
    reason: str = "征求第三方意见",
    calendar: WorkCalendar | None = None,
) -> ClockPause | None:
    """The pause of a §32/§34 consultation; without a reply it lasts the whole 15-wd window.

    Returns None when the chosen reading leaves no day paused (a same-day reply).
    """
    if received_on < issued_on:
        raise GongkaiError(
            f"征求意见书的送达日{received_on.isoformat()}早于发出日{issued_on.isoformat()}"
        )
    if reply_received_on is not None and reply_received_on < issued_on:
        raise GongkaiError(
            f"收到意见之日{reply_received_on.isoformat()}早于征求意见书发出日{issued_on.isoformat()}"
        )
    first = issued_on if start is ConsultationPauseStart.ISSUE_DATE else received_on
    if start is ConsultationPauseStart.DAY_AFTER_RECEIPT:
        first += timedelta(days=1)
    last = reply_received_on or consultation_reply_due(received_on, calendar)
    if last < first:
        return None
    return ClockPause(first, last, reason)


def cap_consultation_pause(
    pause: ClockPause,
    cap_wd: int = CONSULTATION_PAUSE_CAP_WD,
    calendar: WorkCalendar | None = None,
) -> ClockPause:
    """The pause cut to its first ``cap_wd`` working days (its first day counts as one when
    it is a working day), with a note saying so; unchanged when it is not longer than that.

    With the default start (the day after receipt) the cap ends exactly where the consulted
    party's 15-working-day reply window ends (§32, §34).
    """
    cal = calendar or default_calendar()
    cap_end = cal.add_working_days(pause.first_day - timedelta(days=1), cap_wd)
    if pause.last_day <= cap_end:
        return pause
    if cal.working_days_between(cap_end + timedelta(days=1), pause.last_day) == 0:
        return pause  # only rest days beyond the cap: nothing is cut
    note = (
        f"征求意见至{pause.last_day.isoformat()}，但第三十二条、第三十四条规定的"
        f"答复期限为{cap_wd}个工作日，逾期由行政机关依法决定，故只暂停至{cap_end.isoformat()}"
    )
    joined = f"{pause.note}；{note}" if pause.note else note
    return replace(pause, last_day=cap_end, note=joined)


def fee_pause(
    notice_received_on: date,
    paid_on: date | None = None,
    *,
    pauses_clock: bool = FEE_NOTICE_PAUSES_CLOCK,
    calendar: WorkCalendar | None = None,
) -> ClockPause | None:
    """The pause while a fee notice awaits payment, from the day after the notice is received.

    Unpaid, it lasts the 20-wd payment window, after which the application is deemed abandoned
    (表三（六）2). None when the setting says fees do not pause the clock, or when paid at once.
    """
    if not pauses_clock:
        return None
    if paid_on is not None and paid_on < notice_received_on:
        raise GongkaiError(
            f"缴费日{paid_on.isoformat()}早于收到收费通知之日{notice_received_on.isoformat()}"
        )
    first = notice_received_on + timedelta(days=1)
    last = paid_on or fee_payment_due(notice_received_on, calendar)
    if last < first:
        return None
    return ClockPause(first, last, "等待缴纳信息处理费")
