"""Working days and the statutory time limits of the 条例. Pure: dates in, dates out."""

from gongkai.core.calendar.deadlines import (
    ANSWER_PERIOD_WD,
    MAX_EXTENSION_WD,
    ClockInput,
    ClockPause,
    DeadlineResult,
    compute_answer_deadline,
    consultation_reply_due,
    fee_payment_due,
    publication_due,
    supplement_notice_due,
    working_days_left,
)
from gongkai.core.calendar.pauses import (
    CONSULTATION_PAUSE_START,
    FEE_NOTICE_PAUSES_CLOCK,
    ConsultationPauseStart,
    consultation_pause,
    fee_pause,
)
from gongkai.core.calendar.steps import DeadlineStep, StepKind
from gongkai.core.calendar.workdays import CalendarOverride, WorkCalendar, default_calendar

__all__ = [
    "ANSWER_PERIOD_WD",
    "CONSULTATION_PAUSE_START",
    "FEE_NOTICE_PAUSES_CLOCK",
    "MAX_EXTENSION_WD",
    "CalendarOverride",
    "ClockInput",
    "ClockPause",
    "ConsultationPauseStart",
    "DeadlineResult",
    "DeadlineStep",
    "StepKind",
    "WorkCalendar",
    "compute_answer_deadline",
    "consultation_pause",
    "consultation_reply_due",
    "default_calendar",
    "fee_pause",
    "fee_payment_due",
    "publication_due",
    "supplement_notice_due",
    "working_days_left",
]
