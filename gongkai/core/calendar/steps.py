"""The explanation of a deadline: lines a case officer reads, each with the facts it states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from gongkai.core.calendar.workdays import WorkCalendar, weekday_name


class StepKind(Enum):
    DAY0 = "day0"
    RESTART = "restart"
    WORKING_DAY = "working_day"
    PAUSE = "pause"
    PAUSE_IGNORED = "pause_ignored"
    EXTENSION = "extension"
    TOTAL = "total"
    DELAYED = "delayed"
    DUE = "due"


@dataclass(frozen=True)
class DeadlineStep:
    """One line of the explanation, with the dates and counts it states."""

    kind: StepKind
    text: str
    day: date | None = None
    last_day: date | None = None
    working_days: int | None = None

    def __str__(self) -> str:
        return self.text


def format_day(d: date) -> str:
    return f"{d.isoformat()}（{weekday_name(d)}）"


def trace_base_period(cal: WorkCalendar, day0: date, base_days: int) -> list[DeadlineStep]:
    """The first, the last, and every working day that follows a holiday or is a 调休 weekend."""
    steps: list[DeadlineStep] = []
    previous = day0
    one_day = timedelta(days=1)
    for ordinal, current in enumerate(cal.working_days_after(day0, base_days), start=1):
        holidays: list[str] = []
        skipped = previous + one_day
        while skipped < current:
            name = cal.describe_rest_day(skipped)
            if name and name not in holidays:
                holidays.append(name)
            skipped += one_day
        notes = [weekday_name(current)]
        worked_weekend = cal.describe_workday(current)
        if worked_weekend:
            notes.append(worked_weekend)
        if holidays:
            notes.append(f"{'、'.join(holidays)}假期后")
        if ordinal in (1, base_days) or len(notes) > 1:
            steps.append(
                DeadlineStep(
                    StepKind.WORKING_DAY,
                    f"第{ordinal}个工作日：{current.isoformat()}（{'；'.join(notes)}）",
                    day=current,
                    working_days=ordinal,
                )
            )
        previous = current
    return steps


def day0_steps(cal: WorkCalendar, received: date, restarted: date | None) -> list[DeadlineStep]:
    day0 = restarted or received
    rest = "" if cal.is_workday(day0) else "，休息日，不影响计算"
    if restarted is None:
        return [
            DeadlineStep(
                StepKind.DAY0, f"收到申请之日（第0日）：{format_day(day0)}{rest}", day=day0
            )
        ]
    return [
        DeadlineStep(StepKind.DAY0, f"原收到申请之日：{format_day(received)}", day=received),
        DeadlineStep(
            StepKind.RESTART,
            f"收到补正后申请之日（新的第0日）：{format_day(day0)}{rest}；"
            "原期限作废，自该日起重新计算（第三十条）",
            day=day0,
        ),
    ]
