"""Statutory time limits of the 条例, as pure functions of dates (domain.md §2.3, §3.4–§3.7).

The §33 answer clock: 20 working days after day 0, plus an approved extension of at most 20,
plus every working day inside a pause (consultation under §32/§34; see :mod:`.pauses` for the
UNVERIFIED fee and consultation boundaries). A 补正 makes the supplement's receipt the new day 0
and voids the old clock (§30). A §35 delayed deadline replaces the computed date.

Each result carries its explanation: the lines a case officer reads, or a court would ask for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.core.calendar.steps import (
    DeadlineStep,
    StepKind,
    day0_steps,
    format_day,
    trace_base_period,
)
from gongkai.core.calendar.workdays import WorkCalendar, default_calendar
from gongkai.core.errors import GongkaiError

ANSWER_PERIOD_WD = 20  # §33 ¶2
MAX_EXTENSION_WD = 20  # §33 ¶2
SUPPLEMENT_NOTICE_WD = 7  # §30
CONSULTATION_REPLY_WD = 15  # §32, §34
PUBLICATION_WD = 20  # §26
FEE_PAYMENT_WD = 20  # S5 二 (Sichuan; the national text after 第五条 was not read)


@dataclass(frozen=True)
class ClockPause:
    """Days on which the §33 clock does not run; ``first_day`` and ``last_day`` both paused."""

    first_day: date
    last_day: date
    reason: str = "征求意见"
    # Said after the pause's line, e.g. why it was cut short (the 15-day consultation cap).
    note: str = ""

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise GongkaiError(
                f"暂停期间的结束日{self.last_day.isoformat()}早于开始日{self.first_day.isoformat()}"
            )


@dataclass(frozen=True)
class ClockInput:
    """The recorded facts of one application that the §33 due date depends on."""

    day0: date
    pauses: Sequence[ClockPause | tuple[date, date]] = ()
    extension_days: int = 0
    restart_day0: date | None = None
    delayed_deadline: date | None = None
    base_days: int = ANSWER_PERIOD_WD


@dataclass(frozen=True)
class DeadlineResult:
    due_date: date
    steps: tuple[DeadlineStep, ...]
    day0: date  # after any 补正 restart
    base_due_date: date
    extension_days: int
    paused_working_days: int
    total_working_days: int
    delayed: bool = False
    lines: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(step.text for step in self.steps))


def _merge(pauses: Sequence[ClockPause | tuple[date, date]]) -> list[ClockPause]:
    """Overlapping or touching pauses become one, so no day is counted twice."""
    normalised = sorted(
        (p if isinstance(p, ClockPause) else ClockPause(p[0], p[1]) for p in pauses),
        key=lambda p: (p.first_day, p.last_day),
    )
    merged: list[ClockPause] = []
    for pause in normalised:
        if merged and pause.first_day <= merged[-1].last_day + timedelta(days=1):
            last = merged[-1]
            reasons = (
                last.reason
                if pause.reason in last.reason.split("、")
                else (f"{last.reason}、{pause.reason}")
            )
            notes = "；".join(n for n in (last.note, pause.note) if n)
            merged[-1] = ClockPause(
                last.first_day, max(last.last_day, pause.last_day), reasons, notes
            )
        else:
            merged.append(pause)
    return merged


def _validate(clock: ClockInput) -> date:
    extension = clock.extension_days
    if isinstance(extension, bool) or not isinstance(extension, int):
        raise GongkaiError(f"延期天数必须是整数：{extension!r}")
    if not 0 <= extension <= MAX_EXTENSION_WD:
        raise GongkaiError(
            f"延期天数为{extension}：第三十三条只允许延长不超过{MAX_EXTENSION_WD}个工作日"
        )
    if isinstance(clock.base_days, bool) or clock.base_days < 1:
        raise GongkaiError(f"答复期限的工作日数必须是正整数：{clock.base_days!r}")
    day0 = clock.day0
    if clock.restart_day0 is not None:
        if clock.restart_day0 < clock.day0:
            raise GongkaiError(
                f"补正后收到申请之日{clock.restart_day0.isoformat()}"
                f"早于原收到申请之日{clock.day0.isoformat()}"
            )
        day0 = clock.restart_day0
    if clock.delayed_deadline is not None and clock.delayed_deadline <= day0:
        raise GongkaiError(
            f"延迟答复期限{clock.delayed_deadline.isoformat()}不晚于收到申请之日{day0.isoformat()}"
        )
    return day0


def _pause_step(pause: ClockPause, effect: str, paused: int | None) -> DeadlineStep:
    """``paused`` is None for a pause that does not count at all."""
    span = f"{pause.first_day.isoformat()}至{pause.last_day.isoformat()}"
    note = f"（{pause.note}）" if pause.note else ""
    return DeadlineStep(
        StepKind.PAUSE if paused is not None else StepKind.PAUSE_IGNORED,
        f"暂停（{pause.reason}）{span}{effect}{note}",
        day=pause.first_day,
        last_day=pause.last_day,
        working_days=paused if paused is not None else 0,
    )


def compute_answer_deadline(
    clock: ClockInput, calendar: WorkCalendar | None = None, *, explain: bool = True
) -> DeadlineResult:
    """The §33 due date of one application, with its step-by-step explanation.

    ``explain=False`` leaves ``steps`` empty: the working-day trace is most of the cost when
    due dates are recomputed in bulk (every open application, every night).
    """
    cal = calendar or default_calendar()
    day0 = _validate(clock)
    steps: list[DeadlineStep] = []
    if explain:
        steps += day0_steps(cal, clock.day0, clock.restart_day0)
        steps += trace_base_period(cal, day0, clock.base_days)
    base_due = cal.add_working_days(day0, clock.base_days)

    if explain and clock.extension_days:
        steps.append(
            DeadlineStep(
                StepKind.EXTENSION,
                f"延期{clock.extension_days}个工作日（政府信息公开工作机构负责人同意，"
                "第三十三条第二款）",
                working_days=clock.extension_days,
            )
        )
    due = cal.add_working_days(day0, clock.base_days + clock.extension_days)

    paused_total = 0
    for pause in _merge(clock.pauses):
        counted_from = max(pause.first_day, day0 + timedelta(days=1))
        if counted_from > pause.last_day:
            if explain:
                steps.append(_pause_step(pause, "在第0日及以前，不影响期限", None))
            continue
        if pause.first_day > due:
            # The clock had already run out; a later consultation cannot revive it.
            if explain:
                steps.append(_pause_step(pause, "开始时期限已届满，不再顺延", None))
            continue
        paused = cal.working_days_between(counted_from, pause.last_day)
        # Every working day of this pause is either before ``due`` (so ``due`` moves by one
        # working day each) or after it (so the new due date lies beyond the pause anyway).
        due = cal.add_working_days(due, paused)
        paused_total += paused
        if explain:
            effect = f"期限顺延{paused}个工作日" if paused else "期间没有工作日，期限不变"
            if counted_from > pause.first_day:
                effect = f"第0日及以前的部分不计，{effect}"
            steps.append(_pause_step(pause, f"，其中工作日{paused}天，{effect}", paused))

    total = clock.base_days + clock.extension_days + paused_total
    if explain and (clock.extension_days or paused_total):
        parts = [str(clock.base_days)]
        if clock.extension_days:
            parts.append(f"延期{clock.extension_days}")
        if paused_total:
            parts.append(f"暂停顺延{paused_total}")
        steps.append(
            DeadlineStep(
                StepKind.TOTAL,
                f"合计：{'＋'.join(parts)}＝{total}个工作日（自第0日后起算）",
                working_days=total,
            )
        )

    delayed = clock.delayed_deadline is not None
    if clock.delayed_deadline is not None:
        if explain:
            steps.append(
                DeadlineStep(
                    StepKind.DELAYED,
                    f"依第三十五条确定的合理延迟答复期限{format_day(clock.delayed_deadline)}，"
                    f"取代按工作日计算的{due.isoformat()}",
                    day=clock.delayed_deadline,
                )
            )
        due = clock.delayed_deadline
    if explain:
        steps.append(DeadlineStep(StepKind.DUE, f"答复期限：{format_day(due)}", day=due))
    return DeadlineResult(
        due_date=due,
        steps=tuple(steps),
        day0=day0,
        base_due_date=base_due,
        extension_days=clock.extension_days,
        paused_working_days=paused_total,
        total_working_days=total,
        delayed=delayed,
    )


def _after(start: date, n: int, calendar: WorkCalendar | None) -> date:
    return (calendar or default_calendar()).add_working_days(start, n)


def supplement_notice_due(day0: date, calendar: WorkCalendar | None = None) -> date:
    """Last day to send the single, complete 补正 notice (§30)."""
    return _after(day0, SUPPLEMENT_NOTICE_WD, calendar)


def consultation_reply_due(receipt: date, calendar: WorkCalendar | None = None) -> date:
    """Last day for a consulted third party or agency to reply (§32, §34)."""
    return _after(receipt, CONSULTATION_REPLY_WD, calendar)


def publication_due(formed_on: date, calendar: WorkCalendar | None = None) -> date:
    """Last day to publish proactive information after it was formed or changed (§26)."""
    return _after(formed_on, PUBLICATION_WD, calendar)


def fee_payment_due(notice_received: date, calendar: WorkCalendar | None = None) -> date:
    """Last day to pay a fee; the window starts the day after the notice is received (S5 二)."""
    return _after(notice_received, FEE_PAYMENT_WD, calendar)


def working_days_left(today: date, due: date, calendar: WorkCalendar | None = None) -> int:
    """Working days after ``today`` up to ``due``: 0 on the due date, negative once overdue."""
    return (calendar or default_calendar()).working_days_left(today, due)
