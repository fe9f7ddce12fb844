"""The §33 answer clock and the other statutory time limits (domain.md §2.3, §3.4–§3.7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar import (
    ClockInput,
    ClockPause,
    ConsultationPauseStart,
    StepKind,
    WorkCalendar,
    compute_answer_deadline,
    consultation_pause,
    consultation_reply_due,
    default_calendar,
    fee_pause,
    fee_payment_due,
    publication_due,
    supplement_notice_due,
    working_days_left,
)
from gongkai.core.errors import CalendarDataMissing, GongkaiError

CAL = default_calendar()

# domain.md §2.3 table, computed with chinese-calendar 1.11.0.
SPEC_VECTORS = [
    ("2025-09-26", "2025-10-13", "2025-10-23", "2025-10-30", "2025-11-27"),
    ("2025-09-30", "2025-10-16", "2025-10-28", "2025-11-04", "2025-12-02"),
    ("2025-10-04", "2025-10-16", "2025-10-28", "2025-11-04", "2025-12-02"),
    ("2025-12-31", "2026-01-12", "2026-01-22", "2026-01-29", "2026-03-04"),
    ("2026-01-30", "2026-02-10", "2026-02-27", "2026-03-05", "2026-04-02"),
    ("2026-02-14", "2026-03-03", "2026-03-13", "2026-03-20", "2026-04-20"),
]


def d(text: str) -> date:
    return date.fromisoformat(text)


def due(clock: ClockInput, calendar: WorkCalendar = CAL) -> date:
    return compute_answer_deadline(clock, calendar, explain=False).due_date


@pytest.mark.parametrize(("day0", "plus7", "plus15", "plus20", "plus40"), SPEC_VECTORS)
def test_spec_vectors(day0: str, plus7: str, plus15: str, plus20: str, plus40: str) -> None:
    received = d(day0)
    assert supplement_notice_due(received) == d(plus7)
    assert consultation_reply_due(received) == d(plus15)
    assert publication_due(received) == d(plus20)
    assert fee_payment_due(received) == d(plus20)
    assert compute_answer_deadline(ClockInput(received)).due_date == d(plus20)
    assert due(ClockInput(received, extension_days=20)) == d(plus40)


def test_explanation_of_a_clock_across_national_day() -> None:
    result = compute_answer_deadline(ClockInput(d("2025-09-30")))
    assert result.lines == (
        "收到申请之日（第0日）：2025-09-30（星期二）",
        "第1个工作日：2025-10-09（星期四；国庆节、中秋假期后）",
        "第3个工作日：2025-10-11（星期六；国庆节调休上班）",
        "第20个工作日：2025-11-04（星期二）",
        "答复期限：2025-11-04（星期二）",
    )
    assert [s.kind for s in result.steps][-1] is StepKind.DUE
    assert str(result.steps[1]) == result.lines[1]
    assert result.steps[1].day == d("2025-10-09") and result.steps[1].working_days == 1


def test_2024_national_day_counts_both_make_up_days() -> None:
    result = compute_answer_deadline(ClockInput(d("2024-09-27")))
    assert result.due_date == d("2024-10-30")
    assert "第1个工作日：2024-09-29（星期日；国庆节调休上班）" in result.lines
    assert "第7个工作日：2024-10-12（星期六；国庆节调休上班）" in result.lines


def test_2024_spring_festival() -> None:
    result = compute_answer_deadline(ClockInput(d("2024-02-02")))
    assert result.due_date == d("2024-03-06")
    assert "第7个工作日：2024-02-18（星期日；春节调休上班；春节假期后）" in result.lines


def test_day_zero_on_a_rest_day_is_said_to_change_nothing() -> None:
    result = compute_answer_deadline(ClockInput(d("2025-10-04")))
    assert result.lines[0] == "收到申请之日（第0日）：2025-10-04（星期六），休息日，不影响计算"


def test_pause_extension_and_total_are_explained() -> None:
    clock = ClockInput(
        d("2025-09-30"),
        pauses=[ClockPause(d("2025-10-10"), d("2025-10-20"), "征求第三方意见")],
        extension_days=20,
    )
    result = compute_answer_deadline(clock)
    # 10 Oct (Fri), 11 Oct (worked Saturday), 13–17 Oct, 20 Oct: 8 working days.
    assert result.paused_working_days == 8
    assert result.total_working_days == 48
    assert result.due_date == CAL.add_working_days(d("2025-09-30"), 48) == d("2025-12-12")
    assert result.base_due_date == d("2025-11-04")
    assert result.lines[-4:] == (
        "延期20个工作日（政府信息公开工作机构负责人同意，第三十三条第二款）",
        "暂停（征求第三方意见）2025-10-10至2025-10-20，其中工作日8天，期限顺延8个工作日",
        "合计：20＋延期20＋暂停顺延8＝48个工作日（自第0日后起算）",
        "答复期限：2025-12-12（星期五）",
    )


def test_a_pause_over_the_holiday_counts_only_its_working_days() -> None:
    # 28 Sep (worked Sunday), 29–30 Sep, then the holiday, then 9 Oct: 4 working days.
    clock = ClockInput(d("2025-09-26"), pauses=[(d("2025-09-28"), d("2025-10-09"))])
    assert compute_answer_deadline(clock).paused_working_days == 4
    assert due(clock) == CAL.add_working_days(d("2025-10-30"), 4)


def test_a_pause_on_rest_days_only_changes_nothing() -> None:
    clock = ClockInput(d("2025-09-30"), pauses=[(d("2025-10-01"), d("2025-10-08"))])
    result = compute_answer_deadline(clock)
    assert result.due_date == d("2025-11-04")
    assert "期间没有工作日，期限不变" in result.lines[-2]


def test_overlapping_pauses_are_not_counted_twice() -> None:
    one = ClockPause(d("2025-03-04"), d("2025-03-12"), "征求第三方意见")
    other = ClockPause(d("2025-03-10"), d("2025-03-14"), "征求其他机关意见")
    result = compute_answer_deadline(ClockInput(d("2025-03-03"), pauses=[other, one]))
    assert result.paused_working_days == CAL.working_days_between(d("2025-03-04"), d("2025-03-14"))
    assert any("征求第三方意见、征求其他机关意见" in line for line in result.lines)


def test_a_pause_starting_after_the_deadline_does_not_revive_the_clock() -> None:
    clock = ClockInput(d("2025-09-30"), pauses=[(d("2025-11-05"), d("2025-11-20"))])
    result = compute_answer_deadline(clock)
    assert result.due_date == d("2025-11-04")
    assert result.steps[-2].kind is StepKind.PAUSE_IGNORED
    # A pause starting on the due date itself still stops the clock that day.
    on_due = ClockInput(d("2025-09-30"), pauses=[(d("2025-11-04"), d("2025-11-04"))])
    assert due(on_due) == d("2025-11-05")


def test_restart_after_supplement_voids_the_old_clock_and_earlier_pauses() -> None:
    clock = ClockInput(
        d("2025-03-03"),
        pauses=[(d("2025-03-04"), d("2025-03-07")), (d("2025-03-10"), d("2025-03-12"))],
        restart_day0=d("2025-03-11"),
    )
    result = compute_answer_deadline(clock)
    assert result.day0 == d("2025-03-11")
    assert result.paused_working_days == 1  # only 12 Mar lies after the new day 0
    assert result.due_date == CAL.add_working_days(d("2025-03-11"), 21)
    assert result.lines[0] == "原收到申请之日：2025-03-03（星期一）"
    assert result.lines[1].startswith("收到补正后申请之日（新的第0日）：2025-03-11（星期二）")
    assert any("在第0日及以前，不影响期限" in line for line in result.lines)
    assert any("第0日及以前的部分不计" in line for line in result.lines)


def test_restart_before_day_zero_is_refused() -> None:
    with pytest.raises(GongkaiError, match="早于原收到申请之日"):
        compute_answer_deadline(ClockInput(d("2025-03-03"), restart_day0=d("2025-03-01")))


def test_delayed_deadline_replaces_the_computed_one() -> None:
    clock = ClockInput(d("2025-09-30"), delayed_deadline=d("2026-01-30"))
    result = compute_answer_deadline(clock)
    assert result.due_date == d("2026-01-30") and result.delayed
    assert "取代按工作日计算的2025-11-04" in result.lines[-2]
    with pytest.raises(GongkaiError, match="延迟答复期限"):
        compute_answer_deadline(ClockInput(d("2025-09-30"), delayed_deadline=d("2025-09-30")))


@pytest.mark.parametrize("extension", [-1, 21, 40])
def test_extension_outside_0_to_20_is_refused(extension: int) -> None:
    with pytest.raises(GongkaiError, match="延期天数"):
        compute_answer_deadline(ClockInput(d("2025-09-30"), extension_days=extension))


def test_pause_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(GongkaiError, match="早于开始日"):
        compute_answer_deadline(
            ClockInput(d("2025-09-30"), pauses=[(d("2025-10-10"), d("2025-10-09"))])
        )


def test_base_period_is_configurable() -> None:
    assert due(ClockInput(d("2025-09-30"), base_days=15)) == d("2025-10-28")
    with pytest.raises(GongkaiError):
        due(ClockInput(d("2025-09-30"), base_days=0))


def test_2027_needs_data_and_works_once_declared() -> None:
    with pytest.raises(CalendarDataMissing, match="没有2027年的工作日历数据"):
        compute_answer_deadline(ClockInput(d("2026-12-20")))
    overrides = {d("2027-01-01"): (False, "元旦")}
    cal = WorkCalendar(overrides, known_years={2027})
    # 21–25 and 28–31 Dec 2026 (9), 1 Jan 2027 off, then 4–8 and 11–15 Jan (19), Mon 18 Jan.
    result = compute_answer_deadline(ClockInput(d("2026-12-20")), cal)
    assert result.due_date == d("2027-01-18")
    assert cal.working_days_between(d("2026-12-21"), d("2027-01-18")) == 20


def test_working_days_left() -> None:
    assert working_days_left(d("2025-10-30"), d("2025-11-04")) == 3
    assert working_days_left(d("2025-11-06"), d("2025-11-04")) == -2


def test_consultation_pause_defaults_to_the_shorter_reading() -> None:
    # Letter sent Tue 4 Mar, received Thu 6 Mar, reply Wed 12 Mar.
    short = consultation_pause(d("2025-03-04"), d("2025-03-06"), d("2025-03-12"))
    assert short == ClockPause(d("2025-03-07"), d("2025-03-12"), "征求第三方意见")
    long = consultation_pause(
        d("2025-03-04"), d("2025-03-06"), d("2025-03-12"), start=ConsultationPauseStart.ISSUE_DATE
    )
    assert long is not None and long.first_day == d("2025-03-04")
    assert CAL.working_days_between(short.first_day, short.last_day) == 4
    assert CAL.working_days_between(long.first_day, long.last_day) == 7


def test_consultation_without_reply_pauses_for_the_whole_window() -> None:
    pause = consultation_pause(d("2025-09-29"), d("2025-09-30"))
    assert pause is not None and pause.last_day == d("2025-10-28")
    assert consultation_pause(d("2025-03-04"), d("2025-03-06"), d("2025-03-06")) is None
    with pytest.raises(GongkaiError, match="送达日"):
        consultation_pause(d("2025-03-06"), d("2025-03-04"))


def test_fee_pause_setting() -> None:
    pause = fee_pause(d("2025-03-04"), d("2025-03-10"))
    assert pause == ClockPause(d("2025-03-05"), d("2025-03-10"), "等待缴纳信息处理费")
    unpaid = fee_pause(d("2025-09-30"))
    assert unpaid is not None and unpaid.last_day == d("2025-11-04")
    assert fee_pause(d("2025-03-04"), d("2025-03-10"), pauses_clock=False) is None
    assert fee_pause(d("2025-03-04"), d("2025-03-04")) is None


DAYS = st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31))


@st.composite
def pauses(draw: st.DrawFn, day0: date) -> list[tuple[date, date]]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        first = day0 + timedelta(days=draw(st.integers(-10, 60)))
        found.append((first, first + timedelta(days=draw(st.integers(0, 20)))))
    return found


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(0, 20), st.data())
def test_due_date_is_always_a_working_day_after_day_zero(
    day0: date, extension: int, data: st.DataObject
) -> None:
    clock = ClockInput(day0, pauses=data.draw(pauses(day0)), extension_days=extension)
    result = compute_answer_deadline(clock)
    assert CAL.is_workday(result.due_date)
    assert result.due_date > day0
    quiet = compute_answer_deadline(clock, explain=False)
    assert quiet.steps == () and quiet.due_date == result.due_date
    assert CAL.working_days_between(day0 + timedelta(days=1), result.due_date) == (
        result.total_working_days
    )


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(0, 19), st.data())
def test_monotone_in_extension(day0: date, extension: int, data: st.DataObject) -> None:
    found = data.draw(pauses(day0))
    shorter = due(ClockInput(day0, pauses=found, extension_days=extension))
    assert due(ClockInput(day0, pauses=found, extension_days=extension + 1)) > shorter


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(1, 40), st.integers(0, 20), st.integers(1, 10))
def test_monotone_in_pause_length(day0: date, offset: int, length: int, more: int) -> None:
    first = day0 + timedelta(days=offset)
    last = first + timedelta(days=length)
    shorter = due(ClockInput(day0, pauses=[(first, last)]))
    longer = due(ClockInput(day0, pauses=[(first, last + timedelta(days=more))]))
    assert longer >= shorter
    assert due(ClockInput(day0)) <= shorter


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(1, 40))
def test_a_pause_on_rest_days_only_never_moves_the_deadline(day0: date, offset: int) -> None:
    # Built rather than filtered: a span of rest days is too rare for assume().
    first = day0 + timedelta(days=offset)
    while CAL.is_workday(first):
        first += timedelta(days=1)
    last = first
    while not CAL.is_workday(last + timedelta(days=1)):
        last += timedelta(days=1)
    assert due(ClockInput(day0, pauses=[(first, last)])) == due(ClockInput(day0))
